"""The outbox: answers owed to users of a push channel (LINE), kept in the store so no process loses one.

An entry is written in the same transaction as the webhook event's id and the user's message, before the
webhook answers 200, and is leased to the process that took it in. That process works out the answer,
stores it in the entry, records which API it is about to call, calls it, and marks the entry sent once the
API accepted it. If the process dies on the way, the lease runs out and any process's delivery worker
(``bot/delivery.py``) claims the entry and finishes the job — so the answer is sent once after a restart.
Claiming is one conditional ``UPDATE`` (the lease must have run out), so two processes never both win.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from dataclasses import dataclass

from typing import cast

from sqlalchemy import Table, and_, delete, func, or_, select, update
from sqlalchemy.engine import Engine

from bot.store.models import OutboxEntry, utcnow
from bot.store.shared import HandledEvents

__all__ = ["Outbox", "OutboxItem", "process_identity"]


def process_identity() -> str:
    """Who holds a lease: host, process id and a random part (a restarted process is someone new)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class OutboxItem:
    id: int
    channel: str
    conversation_id: str
    recipient: str
    reply_token: str
    request: dict  # the incoming message as the dialogue needs it (text redacted)
    messages: list | None  # the answer, once worked out (JSON-ready dicts)
    attempts: int  # API calls started so far
    last_method: str  # "reply" or "push": the last call started, its outcome unknown
    received_at: dt.datetime


class Outbox:
    def __init__(
        self,
        engine: Engine,
        conversations,
        events: HandledEvents,
        lease_seconds: float = 60.0,
        owner: str | None = None,
    ) -> None:
        self.engine, self.conversations, self.events = engine, conversations, events
        self.lease = dt.timedelta(seconds=lease_seconds)
        self.owner = owner or process_identity()
        self._table = cast(Table, OutboxEntry.__table__)

    def _item(self, row) -> OutboxItem:
        received = row.received_at if row.received_at.tzinfo else row.received_at.replace(tzinfo=dt.UTC)
        return OutboxItem(
            row.id,
            row.channel,
            row.conversation_id,
            row.recipient,
            row.reply_token,
            dict(row.request or {}),
            row.messages,
            row.attempts,
            row.last_method,
            received,
        )

    # -- taking in -------------------------------------------------------------------------------
    def accept(
        self,
        channel: str,
        event_id: str,
        conversation_id: str,
        recipient: str,
        reply_token: str,
        request: dict,
        store_text: str | None = None,
        lang: str = "",
    ) -> OutboxItem | None:
        """In one transaction: the event id (None if another delivery of it was taken in already), the
        user's text when there is one (``store_text``, already redacted), and the entry, leased to this
        process. Commit before answering the webhook."""
        now = utcnow()
        with self.engine.begin() as connection:
            if event_id and not self.events.take(connection, channel, event_id):
                return None
            if store_text is not None:
                self.conversations.add_incoming(connection, conversation_id, channel, store_text, lang)
            values = {
                "channel": channel,
                "conversation_id": conversation_id,
                "recipient": recipient,
                "reply_token": reply_token or "",
                "request": request,
                "messages": None,
                "status": "pending",
                "attempts": 0,
                "last_method": "",
                "last_error": "",
                "claimed_by": self.owner,
                "lease_until": now + self.lease,
                "received_at": now,
                "sent_at": None,
            }
            new_id = connection.execute(self._table.insert().returning(self._table.c.id), values).scalar_one()
            row = connection.execute(select(self._table).where(self._table.c.id == new_id)).one()
            return self._item(row)

    # -- claiming --------------------------------------------------------------------------------
    def claim_due(self, limit: int = 20) -> list[OutboxItem]:
        """Pending entries whose lease ran out (their process died, or a retry is due), now leased to us."""
        table, now = self._table, utcnow()
        due = and_(table.c.status == "pending", or_(table.c.lease_until.is_(None), table.c.lease_until < now))
        claimed = []
        with self.engine.begin() as connection:
            ids = list(connection.execute(select(table.c.id).where(due).order_by(table.c.id).limit(limit)).scalars())
        for entry_id in ids:
            with self.engine.begin() as connection:
                won = connection.execute(
                    update(table)
                    .where(table.c.id == entry_id, due)
                    .values(claimed_by=self.owner, lease_until=now + self.lease)
                )
                if won.rowcount == 1:
                    claimed.append(self._item(connection.execute(select(table).where(table.c.id == entry_id)).one()))
        return claimed

    def _mine(self, entry_id: int, **values) -> bool:
        """Update an entry this process holds the lease on; False if the lease was lost."""
        table = self._table
        with self.engine.begin() as connection:
            result = connection.execute(
                update(table)
                .where(table.c.id == entry_id, table.c.claimed_by == self.owner, table.c.status == "pending")
                .values(**values)
            )
            return result.rowcount == 1

    # -- the steps of one delivery ---------------------------------------------------------------
    def answered(self, entry_id: int, messages: list) -> bool:
        return self._mine(entry_id, messages=messages, lease_until=utcnow() + self.lease)

    def attempting(self, entry: OutboxItem, method: str) -> bool:
        """Record the API call about to be made (committed first: after a crash we know it may have landed)."""
        return self._mine(entry.id, attempts=entry.attempts + 1, last_method=method, lease_until=utcnow() + self.lease)

    def sent(self, entry_id: int, note: str = "") -> bool:
        return self._mine(entry_id, status="sent", sent_at=utcnow(), lease_until=None, last_error=note)

    def retry_later(self, entry_id: int, error: str, delay: float) -> bool:
        return self._mine(entry_id, last_error=error[:2000], lease_until=utcnow() + dt.timedelta(seconds=delay))

    def give_up(self, entry_id: int, error: str) -> bool:
        return self._mine(entry_id, status="failed", last_error=error[:2000], lease_until=None)

    # -- reading and housekeeping ----------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        table = self._table
        with self.engine.connect() as connection:
            return dict(connection.execute(select(table.c.status, func.count()).group_by(table.c.status)).all())

    def entries(self, conversation_id: str) -> list[OutboxItem]:
        table = self._table
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(table).where(table.c.conversation_id == conversation_id).order_by(table.c.id)
            )
            return [self._item(row) for row in rows]

    def status_of(self, entry_id: int) -> str:
        with self.engine.connect() as connection:
            return str(connection.execute(select(self._table.c.status).where(self._table.c.id == entry_id)).scalar())

    def expire(self, connection, older_than: dt.timedelta) -> None:
        table = self._table
        connection.execute(
            delete(table).where(table.c.status != "pending", table.c.received_at < utcnow() - older_than)
        )
