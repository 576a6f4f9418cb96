"""Analytics over the recorded outcomes: questions per day and per language, top topics, handoffs by reason
and office, and the questions nobody could answer.

Counts are grouped in SQL; days are counted in the office's time zone (Asia/Tokyo by default), which the
databases do not agree on how to express, so only that one query groups in Python over a narrow column.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Engine

from bot.store.models import Outcome

__all__ = ["AnalyticsReport", "UnansweredQuestion", "build_report"]


@dataclass(frozen=True)
class UnansweredQuestion:
    asked_at: dt.datetime
    lang: str
    channel: str
    question: str


@dataclass(frozen=True)
class AnalyticsReport:
    since: dt.date
    until: dt.date
    total: int
    per_day: tuple[tuple[dt.date, int], ...]          # every day of the period, zeros included
    per_language: tuple[tuple[str, int], ...]         # most asked first
    per_outcome: tuple[tuple[str, int], ...]
    top_topics: tuple[tuple[str, int], ...]
    handoffs_by_reason: tuple[tuple[str, int], ...]
    handoffs_by_office: tuple[tuple[str, int], ...]
    unanswered: tuple[UnansweredQuestion, ...]        # newest first


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _grouped(connection, column, where, limit: int | None = None) -> tuple[tuple[str, int], ...]:
    count = func.count().label("n")
    query = select(column, count).where(where).group_by(column).order_by(count.desc(), column)
    if limit:
        query = query.limit(limit)
    return tuple((value, n) for value, n in connection.execute(query))


def build_report(engine: Engine, days: int = 30, now: dt.datetime | None = None, tz: str = "Asia/Tokyo",
                 top: int = 10, unanswered_limit: int = 50) -> AnalyticsReport:
    """The report for the last ``days`` days (today included) in time zone ``tz``."""
    zone = ZoneInfo(tz)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    until = now.date()
    since = until - dt.timedelta(days=days - 1)
    start = dt.datetime.combine(since, dt.time(), zone).astimezone(dt.UTC)
    table = Outcome.__table__
    c = table.c
    in_period = c.created_at >= start
    with engine.connect() as connection:
        days_seen = Counter(_as_utc(at).astimezone(zone).date()
                            for at in connection.execute(select(c.created_at).where(in_period)).scalars())
        per_language = _grouped(connection, c.lang, in_period)
        per_outcome = _grouped(connection, c.outcome, in_period)
        top_topics = _grouped(connection, c.topic, and_(in_period, c.outcome == "answered"), top)
        handoff = and_(in_period, c.outcome == "handoff")
        by_reason = _grouped(connection, c.handoff_reason, handoff)
        by_office = _grouped(connection, c.handoff_office, handoff)
        not_answered = or_(c.outcome == "unanswered",
                           and_(c.outcome == "handoff", c.handoff_reason == "low_confidence"))
        rows = connection.execute(select(c.created_at, c.lang, c.channel, c.question)
                                  .where(and_(in_period, not_answered))
                                  .order_by(c.created_at.desc(), c.id.desc()).limit(unanswered_limit))
        unanswered = tuple(UnansweredQuestion(_as_utc(r.created_at).astimezone(zone), r.lang, r.channel,
                                              r.question) for r in rows)
    per_day = tuple((since + dt.timedelta(days=i), days_seen.get(since + dt.timedelta(days=i), 0))
                    for i in range(days))
    return AnalyticsReport(since, until, sum(days_seen.values()), per_day, per_language, per_outcome,
                           top_topics, by_reason, by_office, unanswered)
