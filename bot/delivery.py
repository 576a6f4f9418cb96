"""The delivery worker: sends what the outbox owes, exactly once, whichever process took the message in.

One entry goes: answer worked out (``prepare``, stored in the entry) → the API call recorded → the call →
marked sent. A crash anywhere leaves the entry pending under a lease; when the lease runs out, the worker of
any process claims it and carries on from the last step stored:

* no stored answer: the answer is worked out (again) and stored;
* the reply token is still fresh: reply with it. If the token is refused and the crashed attempt had
  already used it, that earlier reply landed — the entry is marked sent, nothing is sent twice;
* the token has expired (or is refused unused): push, with a retry key derived from the entry, so LINE
  accepts the same push once even if it is sent again (``AlreadyAccepted``, HTTP 409, means it was).

The one case left to chance: a reply accepted by LINE, then a crash before it is marked sent, then no
process back before the token expires — the push that follows duplicates that one answer.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from bot.store.models import utcnow
from bot.store.outbox import Outbox, OutboxItem

__all__ = ["AlreadyAccepted", "Delivery", "PushChannel", "TokenRejected", "Undeliverable", "retry_key"]

log = logging.getLogger(__name__)
RETRY_NAMESPACE = uuid.UUID("6f1d2c1e-5b8a-4c61-9d3e-2a7f0e1b9c44")


class TokenRejected(Exception):
    """The reply token was refused (expired or already used)."""


class AlreadyAccepted(Exception):
    """The API had already accepted a request with this retry key."""


class Undeliverable(Exception):
    """A permanent refusal (bad request, user unreachable): retrying cannot help."""


class PushChannel(Protocol):
    def reply(self, reply_token: str, recipient: str, messages: Sequence[dict], retry_key: str) -> None: ...

    def push(self, recipient: str, messages: Sequence[dict], retry_key: str) -> None: ...


def retry_key(entry: OutboxItem) -> str:
    """The same UUID every time for one entry (LINE wants a UUID in ``X-Line-Retry-Key``)."""
    return str(uuid.uuid5(RETRY_NAMESPACE, f"{entry.channel}:{entry.id}:{entry.received_at.isoformat()}"))


class Delivery:
    def __init__(
        self,
        outbox: Outbox,
        prepare: Callable[[OutboxItem], list[dict]],
        channel: PushChannel,
        token_seconds: float = 50.0,
        give_up_after: dt.timedelta = dt.timedelta(hours=23),
        backoff: Callable[[int], float] = lambda attempts: min(300.0, 2.0**attempts),
    ) -> None:
        self.outbox, self.prepare, self.channel = outbox, prepare, channel
        self.token_seconds, self.give_up_after, self.backoff = token_seconds, give_up_after, backoff

    def _fresh(self, entry: OutboxItem) -> bool:
        return bool(entry.reply_token) and utcnow() - entry.received_at < dt.timedelta(seconds=self.token_seconds)

    def deliver(self, entry: OutboxItem) -> str:
        """Finish one entry this process holds the lease on; returns its status afterwards."""
        try:
            return self._deliver(entry)
        except Undeliverable as refused:
            log.error("outbox entry %s refused for good: %s", entry.id, refused)
            self.outbox.give_up(entry.id, str(refused))
            return "failed"
        except Exception as error:  # network, 5xx, the store: try again later
            if utcnow() - entry.received_at > self.give_up_after:
                log.error("outbox entry %s still unsent after %s; giving up", entry.id, self.give_up_after)
                self.outbox.give_up(entry.id, repr(error))
                return "failed"
            delay = self.backoff(entry.attempts)
            log.warning("outbox entry %s not sent (%r); retrying in %.0f s", entry.id, error, delay)
            self.outbox.retry_later(entry.id, repr(error), delay)
            return "pending"

    def _deliver(self, entry: OutboxItem) -> str:
        messages = entry.messages
        if messages is None:
            messages = self.prepare(entry)
            if not self.outbox.answered(entry.id, messages):
                return "lost-lease"
        if not messages:
            self.outbox.sent(entry.id, "nothing to send")
            return "sent"
        key = retry_key(entry)
        if self._fresh(entry):
            if not self.outbox.attempting(entry, "reply"):
                return "lost-lease"
            try:
                self.channel.reply(entry.reply_token, entry.recipient, messages, key)
                self.outbox.sent(entry.id)
                return "sent"
            except TokenRejected:
                if entry.last_method == "reply":  # our earlier, interrupted reply used the token
                    self.outbox.sent(entry.id, "the interrupted reply had been delivered")
                    return "sent"
                log.info("outbox entry %s: reply token refused; pushing", entry.id)
            entry = replace(entry, attempts=entry.attempts + 1, last_method="reply")
        if not self.outbox.attempting(entry, "push"):
            return "lost-lease"
        try:
            self.channel.push(entry.recipient, messages, key)
        except AlreadyAccepted:
            self.outbox.sent(entry.id, "the push had been accepted before")
            return "sent"
        self.outbox.sent(entry.id)
        return "sent"

    def run_due(self, limit: int = 20) -> int:
        """Claim and finish entries whose lease ran out; the number finished (sent or given up)."""
        return sum(self.deliver(entry) in ("sent", "failed") for entry in self.outbox.claim_due(limit))

    def start(self, interval: float) -> threading.Event:
        """Poll every ``interval`` seconds in a daemon thread; set the returned event to stop."""
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(interval):
                try:
                    self.run_due()
                except Exception:  # the database may be down: try again at the next poll
                    log.exception("outbox worker: poll failed")

        threading.Thread(target=loop, name="tsunagu-outbox", daemon=True).start()
        return stop
