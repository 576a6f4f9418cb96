"""The conversation store.

A turn has two commits: the incoming message is committed before any processing (so a crash loses
nothing acknowledged), then the new state and the replies are committed together. On PostgreSQL the
conversation row is locked for the turn (``SELECT ... FOR UPDATE``), so two service processes sharing one
database take turns on the same conversation instead of overwriting each other's state.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine

from bot.store.models import Conversation, Message, Outcome, utcnow
from bot.store.outbox import Outbox
from bot.store.records import RATING, Rating, StoredMessage, Turn
from bot.store.engine import connect, migrate
from bot.store.shared import HandledEvents, LoginAttempts, TrainingProgress
from knowledge.startup_cache import TableFolders

__all__ = [
    "ConversationStore",
    "StoredMessage",
    "Rating",
    "Turn",
    "open_store",
    "RATING",
]


class ConversationStore:
    """Core SQL statements rather than the ORM unit of work: a turn is a handful of short statements.

    The statements are built once, with bound parameters: building them per call (``.values(...)``) cost
    more CPU than running them on SQLite.

    Beside the conversations it holds the state every service process must share (``bot/store/shared.py``,
    ``bot/store/outbox.py``): ``logins``, ``events``, ``outbox`` and ``training``.
    """

    def __init__(self, engine: Engine, outbox_lease_seconds: float = 60.0) -> None:
        self.engine = engine
        self.logins = LoginAttempts(engine)
        self.events = HandledEvents(engine)
        self.outbox = Outbox(engine, self, self.events, outbox_lease_seconds)
        self.training = TrainingProgress(engine)
        self._sqlite = engine.dialect.name == "sqlite"
        self._local_locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._conversations = conversations = cast(Table, Conversation.__table__)
        self._messages = cast(Table, Message.__table__)
        self._outcomes = cast(Table, Outcome.__table__)
        self._read_state = select(conversations.c.state, conversations.c.version).where(
            conversations.c.id == bindparam("conversation")
        )
        self._read_state_locked = self._read_state if self._sqlite else self._read_state.with_for_update()
        self._create = (sqlite_insert if self._sqlite else pg_insert)(conversations).on_conflict_do_nothing(
            index_elements=["id"]
        )
        self._save_state = (
            update(conversations)
            .where(conversations.c.id == bindparam("conversation"))
            .values(state=bindparam("new_state"), version=bindparam("new_version"), updated_at=bindparam("now"))
        )
        self._add_messages = self._messages.insert()
        self._add_outcome = self._outcomes.insert()

    # -- writing ---------------------------------------------------------------------------------
    def _ensure(self, connection, conversation_id: str, channel: str, lock: bool) -> tuple[dict, int]:
        """The conversation's (state, version), creating it if new; locked for the transaction on PostgreSQL."""
        query = self._read_state_locked if lock else self._read_state
        row = connection.execute(query, {"conversation": conversation_id}).first()
        if row is not None:
            return dict(row.state or {}), row.version or 0
        self._create_conversation(connection, conversation_id, channel)
        if lock and not self._sqlite:
            connection.execute(query, {"conversation": conversation_id})  # take the row lock now it exists
        return {}, 0

    def _create_conversation(self, connection, conversation_id: str, channel: str) -> None:
        """A new conversation's row (the insert does nothing when it exists)."""
        now = utcnow()
        connection.execute(
            self._create,
            {
                "id": conversation_id,
                "channel": channel,
                "state": {},
                "version": 0,
                "created_at": now,
                "updated_at": now,
            },
        )

    def _add_message(self, connection, conversation_id: str, direction: str, text: str, lang: str, meta: dict) -> None:
        connection.execute(
            self._add_messages,
            {
                "conversation_id": conversation_id,
                "direction": direction,
                "text": text,
                "lang": lang,
                "meta": meta,
                "created_at": utcnow(),
            },
        )

    def add_incoming(
        self, connection, conversation_id: str, channel: str, text: str, lang: str = "", meta: dict | None = None
    ) -> None:
        """What the user sent, in the caller's transaction (the outbox takes a LINE event in with it). The
        conversation is created when new by one insert that does nothing when it exists (its state is not
        needed here: one statement where reading it first and then creating it took two)."""
        self._create_conversation(connection, conversation_id, channel)
        self._add_message(connection, conversation_id, "in", text, lang, meta or {})

    def record_incoming(
        self, conversation_id: str, channel: str, text: str, lang: str = "", meta: dict | None = None
    ) -> None:
        """Commit what the user sent before anything else happens."""
        with self.engine.begin() as connection:
            self.add_incoming(connection, conversation_id, channel, text, lang, meta)

    def _local_lock(self, conversation_id: str) -> threading.Lock:
        with self._locks_guard:
            return self._local_locks.setdefault(conversation_id, threading.Lock())

    @contextmanager
    def turn(self, conversation_id: str, channel: str = "api") -> Iterator[Turn]:
        """Lock the conversation, hand out its state, then store the new state and the replies."""
        with self._local_lock(conversation_id), self.engine.begin() as connection:
            state, version = self._ensure(connection, conversation_id, channel, lock=True)
            turn = Turn(conversation_id, state)
            yield turn
            now = utcnow()
            connection.execute(
                self._save_state,
                {"conversation": conversation_id, "new_state": turn.state, "new_version": version + 1, "now": now},
            )
            if turn.replies:
                connection.execute(
                    self._add_messages,
                    [
                        {
                            "conversation_id": conversation_id,
                            "direction": "out",
                            "text": text,
                            "lang": lang,
                            "meta": meta,
                            "created_at": now,
                        }
                        for text, lang, meta in turn.replies
                    ],
                )
            if turn.outcome is not None:
                connection.execute(
                    self._add_outcome, {"conversation_id": conversation_id, "created_at": now, **turn.outcome.row()}
                )

    def record_rating(self, conversation_id: str, answer: int, helpful: bool) -> Rating | None:
        """Store a rating of the conversation's ``answer``-th turn of replies (replacing an earlier rating of
        the same answer); None when there is no such answer."""
        table = self._messages
        with self.engine.begin() as connection:
            rows = list(
                connection.execute(select(table).where(table.c.conversation_id == conversation_id).order_by(table.c.id))
            )
            answers = _answers(rows)
            if not 0 <= answer < len(answers):
                return None
            first = answers[answer]
            meta = dict(first.meta or {})
            topic = (meta.get("sources") or [""])[0]
            earlier = [r.id for r in rows if r.direction == RATING and (r.meta or {}).get("answer") == answer]
            if earlier:
                connection.execute(delete(table).where(table.c.id.in_(earlier)))
            now = utcnow()
            self._add_message(
                connection,
                conversation_id,
                RATING,
                "",
                first.lang,
                {"answer": answer, "helpful": helpful, "topic": topic},
            )
            channel = (
                connection.execute(
                    select(self._conversations.c.channel).where(self._conversations.c.id == conversation_id)
                ).scalar()
                or ""
            )
        return Rating(conversation_id, answer, helpful, first.lang, topic, channel, now)

    def ratings(self, since: dt.datetime | None = None) -> list[Rating]:
        """Every rating (the last one given to each answer), oldest first, with the conversation's channel."""
        table, conversations = self._messages, self._conversations
        query = (
            select(table, conversations.c.channel)
            .join(conversations, conversations.c.id == table.c.conversation_id)
            .where(table.c.direction == RATING)
            .order_by(table.c.id)
        )
        if since is not None:
            query = query.where(table.c.created_at >= since)
        with self.engine.connect() as connection:
            return [
                Rating(
                    r.conversation_id,
                    int(r.meta.get("answer", 0)),
                    bool(r.meta.get("helpful")),
                    r.lang,
                    str(r.meta.get("topic", "")),
                    r.channel,
                    r.created_at,
                )
                for r in connection.execute(query)
            ]

    def channel(self, conversation_id: str) -> str:
        """The channel a conversation started on ("" for an unknown conversation)."""
        table = self._conversations
        with self.engine.connect() as connection:
            return connection.execute(select(table.c.channel).where(table.c.id == conversation_id)).scalar() or ""

    # -- reading and housekeeping -----------------------------------------------------------------
    def state(self, conversation_id: str) -> dict:
        with self.engine.connect() as connection:
            table = self._conversations
            row = connection.execute(select(table.c.state).where(table.c.id == conversation_id)).first()
            return dict(row.state) if row else {}

    def messages(self, conversation_id: str) -> list[StoredMessage]:
        """What was said ("in" and "out" rows, oldest first); ratings are left out (see ``ratings``)."""
        table = self._messages
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(table)
                .where(table.c.conversation_id == conversation_id)
                .where(table.c.direction != RATING)
                .order_by(table.c.id)
            )
            return [StoredMessage(r.direction, r.text, r.lang, dict(r.meta or {}), r.created_at) for r in rows]

    def count_conversations(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(self._conversations)).scalar() or 0

    def expire(self, older_than: dt.timedelta) -> int:
        """Delete conversations (and their messages) idle for longer than ``older_than``."""
        cutoff = utcnow() - older_than
        conversations, messages = self._conversations, self._messages
        with self.engine.begin() as connection:
            ids = list(
                connection.execute(select(conversations.c.id).where(conversations.c.updated_at < cutoff)).scalars()
            )
            if ids:
                connection.execute(delete(messages).where(messages.c.conversation_id.in_(ids)))
                connection.execute(delete(self._outcomes).where(self._outcomes.c.conversation_id.in_(ids)))
                connection.execute(delete(conversations).where(conversations.c.id.in_(ids)))
            self.logins.expire(connection)
            self.events.expire(connection)
            self.outbox.expire(connection, older_than)
            return len(ids)


def _answers(rows: list) -> list:
    """The first stored reply of each turn's answer: an "out" row that follows an "in" row (a turn's
    several replies count as one answer, as the web chat shows them merged)."""
    firsts, previous = [], ""
    for row in rows:
        if row.direction == "out" and previous != "out":
            firsts.append(row)
        if row.direction in ("in", "out"):
            previous = row.direction
    return firsts


def open_store(url: str, outbox_lease_seconds: float = 60.0, tables: TableFolders | None = None) -> ConversationStore:
    """Connect, migrate to the newest schema, and return the store."""
    engine = connect(url)
    migrate(engine, tables)
    return ConversationStore(engine, outbox_lease_seconds)
