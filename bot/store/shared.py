"""Small pieces of state every service process must agree on, kept in the store's database.

With ``tsunagu serve --workers N`` (or N instances behind a load balancer) on one PostgreSQL, a locked-out
password stays locked out on every process, a webhook event redelivered to another process is recognised,
and a trainee's progress is the same whichever process draws the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from typing import cast

from sqlalchemy import Table, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from bot.store.models import HandledEvent, LoginFailure, TrainingAttempt, utcnow

__all__ = ["HandledEvents", "LoginAttempts", "TrainingProgress", "CaseProgress", "insert_ignoring_duplicates"]


def insert_ignoring_duplicates(engine: Engine, table, key: str):
    """``INSERT ... ON CONFLICT (key) DO NOTHING`` for the engine's dialect: add RETURNING to tell whether it was new."""
    insert = sqlite_insert if engine.dialect.name == "sqlite" else pg_insert
    return insert(table).on_conflict_do_nothing(index_elements=[key])


class LoginAttempts:
    """Failed logins per client address within a sliding window; ``limit`` of them lock the address out
    until the oldest ages out. Every process reads and writes the same rows."""

    def __init__(
        self, engine: Engine, limit: int = 5, window: float = 300.0, clock: Callable[[], dt.datetime] = utcnow
    ) -> None:
        self.engine, self.limit, self.window, self.clock = engine, limit, window, clock
        self._table = cast(Table, LoginFailure.__table__)

    def _recent(self, connection: Connection, key: str) -> int:
        table, since = self._table, self.clock() - dt.timedelta(seconds=self.window)
        return (
            connection.execute(
                select(func.count()).select_from(table).where(table.c.key == key, table.c.created_at > since)
            ).scalar()
            or 0
        )

    def blocked(self, key: str) -> bool:
        with self.engine.connect() as connection:
            return self._recent(connection, key) >= self.limit

    def failed(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(self._table.insert(), {"key": key[:128], "created_at": self.clock()})

    def succeeded(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(self._table).where(self._table.c.key == key[:128]))

    def expire(self, connection: Connection) -> None:
        cutoff = self.clock() - dt.timedelta(seconds=self.window)
        connection.execute(delete(self._table).where(self._table.c.created_at < cutoff))


class HandledEvents:
    """Webhook event ids taken in, so a redelivered event (to any process) is answered once."""

    KEEP = dt.timedelta(days=7)  # LINE redelivers for a much shorter time than this

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._table = cast(Table, HandledEvent.__table__)
        self._insert = insert_ignoring_duplicates(engine, self._table, "event_id").returning(self._table.c.event_id)

    def take(self, connection: Connection, channel: str, event_id: str) -> bool:
        """Record the event in the caller's transaction; False when it was already there."""
        inserted = connection.execute(
            self._insert, {"event_id": event_id[:128], "channel": channel, "created_at": utcnow()}
        ).first()
        return inserted is not None  # (rowcount is not reliable for this statement on PostgreSQL)

    def first_time(self, channel: str, event_id: str) -> bool:
        with self.engine.begin() as connection:
            return self.take(connection, channel, event_id)

    def expire(self, connection: Connection) -> None:
        connection.execute(delete(self._table).where(self._table.c.created_at < utcnow() - self.KEEP))


@dataclass(frozen=True)
class CaseProgress:
    case_id: str
    attempts: int
    best_points: int
    max_points: int


class TrainingProgress:
    """Each scored practice reply's points (never its text), per staff user and case."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._table = cast(Table, TrainingAttempt.__table__)

    def record(self, user: str, case_id: str, points: int, max_points: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                self._table.insert(),
                {"user": user, "case_id": case_id, "points": points, "max_points": max_points, "created_at": utcnow()},
            )

    def of(self, user: str) -> dict[str, CaseProgress]:
        table = self._table
        query = (
            select(table.c.case_id, func.count(), func.max(table.c.points), func.max(table.c.max_points))
            .where(table.c.user == user)
            .group_by(table.c.case_id)
        )
        with self.engine.connect() as connection:
            return {case: CaseProgress(case, count, best, top) for case, count, best, top in connection.execute(query)}
