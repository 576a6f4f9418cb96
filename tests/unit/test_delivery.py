"""The delivery worker: every owed answer is sent once, through crashes at each step."""

from __future__ import annotations

import dataclasses
import time

import pytest

from bot.delivery import AlreadyAccepted, Delivery, TokenRejected, Undeliverable, retry_key
from bot.store import open_store

ANSWER = [{"text": "Report your new address at the city office within 14 days.", "choices": []}]


class RecordingChannel:
    """Stands in for the LINE API: records what was accepted, refuses used tokens and repeated retry keys."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, str, list]] = []
        self.used_tokens: set[str] = set()
        self.keys: set[str] = set()
        self.failures: list[Exception] = []

    def _maybe_fail(self) -> None:
        if self.failures:
            raise self.failures.pop(0)

    def reply(self, reply_token, recipient, messages, retry_key):
        self._maybe_fail()
        if reply_token in self.used_tokens:
            raise TokenRejected("Invalid reply token")
        self.used_tokens.add(reply_token)
        self.accepted.append(("reply", recipient, list(messages)))

    def push(self, recipient, messages, retry_key):
        self._maybe_fail()
        if retry_key in self.keys:
            raise AlreadyAccepted(retry_key)
        self.keys.add(retry_key)
        self.accepted.append(("push", recipient, list(messages)))


@pytest.fixture()
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'outbox.db'}"


def take_in(store, event="01HE1", token="token-1"):
    return store.outbox.accept(
        "line", event, "line:U1", "U1", token, {"kind": "text", "text": "moving"}, store_text="moving"
    )


def worker(store, channel, **options):
    prepared = []

    def prepare(entry):
        prepared.append(entry.id)
        return ANSWER

    delivery = Delivery(store.outbox, prepare, channel, backoff=lambda attempts: 0.0, **options)
    return delivery, prepared


def restarted(url, lease=0.05):
    """Another process (or the same one restarted) once the crashed one's lease has run out."""
    time.sleep(lease + 0.05)
    return open_store(url, outbox_lease_seconds=lease)


def test_a_fresh_entry_is_answered_with_the_reply_token_once(url):
    store, channel = open_store(url), RecordingChannel()
    delivery, _ = worker(store, channel)
    entry = take_in(store)
    assert delivery.deliver(entry) == "sent"
    assert channel.accepted == [("reply", "U1", ANSWER)]
    assert delivery.run_due() == 0 and store.outbox.counts() == {"sent": 1}


def test_after_a_crash_before_the_answer_another_process_answers_by_push_once_the_token_expired(url):
    crashed = open_store(url, outbox_lease_seconds=0.05)
    take_in(crashed)  # the webhook said 200, then the process died
    store, channel = restarted(url), RecordingChannel()
    delivery, prepared = worker(store, channel, token_seconds=0.0)
    assert delivery.run_due() == 1 and len(prepared) == 1
    assert channel.accepted == [("push", "U1", ANSWER)]
    assert delivery.run_due() == 0


def test_a_crash_during_an_accepted_reply_does_not_send_the_answer_twice(url):
    crashed, channel = open_store(url, outbox_lease_seconds=0.05), RecordingChannel()
    entry = take_in(crashed)
    crashed.outbox.answered(entry.id, ANSWER)
    crashed.outbox.attempting(entry, "reply")
    channel.reply(entry.reply_token, "U1", ANSWER, "")  # LINE accepted it; the process died before "sent"
    store = restarted(url)
    delivery, prepared = worker(store, channel)
    assert delivery.run_due() == 1 and prepared == []  # the stored answer is reused
    assert channel.accepted == [("reply", "U1", ANSWER)]


def test_a_crash_during_an_accepted_push_does_not_send_it_twice(url):
    crashed, channel = open_store(url, outbox_lease_seconds=0.05), RecordingChannel()
    entry = take_in(crashed, token="")
    crashed.outbox.answered(entry.id, ANSWER)
    crashed.outbox.attempting(entry, "push")
    channel.push("U1", ANSWER, retry_key(entry))
    store = restarted(url)
    delivery, _ = worker(store, channel)
    assert delivery.run_due() == 1
    assert channel.accepted == [("push", "U1", ANSWER)]


def test_an_unused_token_refused_falls_back_to_a_push(url):
    store, channel = open_store(url), RecordingChannel()
    channel.used_tokens.add("token-1")  # e.g. expired on LINE's side earlier than we thought
    delivery, _ = worker(store, channel)
    assert delivery.deliver(take_in(store)) == "sent"
    assert channel.accepted == [("push", "U1", ANSWER)]


def test_a_failing_api_is_retried_later_and_sent_once(url):
    store, channel = open_store(url, outbox_lease_seconds=0.05), RecordingChannel()
    channel.failures = [ConnectionError("LINE unreachable"), ConnectionError("still unreachable")]
    delivery, _ = worker(store, channel, token_seconds=0.0)
    assert delivery.deliver(take_in(store)) == "pending"
    time.sleep(0.01)
    assert delivery.run_due() == 0  # the second failure
    time.sleep(0.01)
    assert delivery.run_due() == 1
    assert channel.accepted == [("push", "U1", ANSWER)]


def test_a_permanent_refusal_gives_up_instead_of_retrying_for_ever(url):
    store, channel = open_store(url), RecordingChannel()
    channel.failures = [Undeliverable("400 The user has blocked the account")]
    delivery, _ = worker(store, channel, token_seconds=0.0)
    assert delivery.deliver(take_in(store)) == "failed"
    assert store.outbox.counts() == {"failed": 1} and channel.accepted == []


def test_a_process_that_lost_its_lease_does_not_send(url):
    slow = open_store(url, outbox_lease_seconds=0.05)
    entry = take_in(slow)
    other = restarted(url)
    [claimed] = other.outbox.claim_due()
    channel = RecordingChannel()
    delivery, _ = worker(slow, channel)
    assert delivery.deliver(dataclasses.replace(entry)) == "lost-lease"
    assert channel.accepted == []
    assert worker(other, channel)[0].deliver(claimed) == "sent" and len(channel.accepted) == 1
