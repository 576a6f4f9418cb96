"""Analytics over the recorded outcomes: questions per day, language, channel and outcome, top topics,
handoffs by reason and office, helpfulness ratings, and the questions nobody could answer.

ONE definition of each reported outcome, ``REPORTED`` below, feeds the totals, the outcome chart, the
unanswered table and the CSV alike: a handoff because nothing was close enough (reason ``low_confidence``)
is reported as *unanswered*, never as a handoff, so the tile and the table count the same questions.

Counts are grouped in SQL; days are counted in the office's time zone (Asia/Tokyo by default), which the
databases do not agree on how to express, so only that one query groups in Python over a narrow column.
Filtering by prefecture reads the prefecture the conversation has set (its dialogue state).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select, true
from sqlalchemy.engine import Engine

from bot.store.models import Conversation, Message, Outcome

__all__ = ["AnalyticsReport", "UnansweredQuestion", "Filters", "build_report", "REPORTED", "RATING"]

RATING = "fb"  # a "was this helpful?" rating in the messages table (the web chat's POST /api/chat/rating)
_c = Outcome.__table__.c
REPORTED = case(
    (and_(_c.outcome == "handoff", _c.handoff_reason == "low_confidence"), "unanswered"), else_=_c.outcome
).label("reported")


@dataclass(frozen=True)
class Filters:
    lang: str = ""  # a content key ("vi", "ja-plain"); "" = every language
    prefecture: str = ""  # a prefecture id of places.yaml; "" = anywhere (or not said)


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
    per_day: tuple[tuple[dt.date, int], ...]  # every day of the period, zeros included
    per_language: tuple[tuple[str, int], ...]  # most asked first
    per_outcome: tuple[tuple[str, int], ...]  # by REPORTED
    top_topics: tuple[tuple[str, int], ...]
    handoffs_by_reason: tuple[tuple[str, int], ...]
    handoffs_by_office: tuple[tuple[str, int], ...]
    unanswered: tuple[UnansweredQuestion, ...]  # newest first
    per_channel: tuple[tuple[str, int], ...] = ()
    counter_topics: tuple[tuple[str, int], ...] = ()  # staff console lookups (channel "staff") per topic
    situations: tuple[tuple[str, int], ...] = ()  # emergencies and serious situations by kind (counts, no text)
    ratings: tuple[tuple[str, int, int], ...] = ()  # (language, helpful, not helpful)
    filters: Filters = Filters()

    def outcome(self, name: str) -> int:
        return dict(self.per_outcome).get(name, 0)

    @property
    def helpful(self) -> int:
        return sum(yes for _, yes, _ in self.ratings)

    @property
    def unhelpful(self) -> int:
        return sum(no for _, _, no in self.ratings)


def _as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _grouped(connection, column, where, limit: int | None = None) -> tuple[tuple[str, int], ...]:
    count = func.count().label("n")
    query = select(column, count).where(where).group_by(column).order_by(count.desc(), column)
    if limit:
        query = query.limit(limit)
    return tuple((value, n) for value, n in connection.execute(query))


def _in_prefecture(connection, prefecture: str, conversation_column):
    """Conversations whose dialogue state has ``prefecture`` set (read in Python: JSON paths differ by database)."""
    rows = connection.execute(select(Conversation.id, Conversation.state))
    ids = [cid for cid, state in rows if (state or {}).get("prefecture") == prefecture]
    return conversation_column.in_(ids)


def _ratings(connection, since: dt.datetime, where_conversation, lang: str) -> tuple[tuple[str, int, int], ...]:
    m = Message.__table__.c
    rows = connection.execute(
        select(m.lang, m.meta).where(
            m.direction == RATING, m.created_at >= since, where_conversation(m.conversation_id)
        )
    )
    tally: dict[str, list[int]] = {}
    for row_lang, meta in rows:
        if lang and row_lang != lang:
            continue
        counts = tally.setdefault(row_lang or "", [0, 0])
        counts[0 if (meta or {}).get("helpful") else 1] += 1
    return tuple(sorted(((k, yes, no) for k, (yes, no) in tally.items()), key=lambda r: (-(r[1] + r[2]), r[0])))


def build_report(
    engine: Engine,
    days: int = 30,
    now: dt.datetime | None = None,
    tz: str = "Asia/Tokyo",
    top: int = 10,
    unanswered_limit: int = 50,
    filters: Filters = Filters(),
) -> AnalyticsReport:
    """The report for the last ``days`` days (today included) in time zone ``tz``, within ``filters``."""
    zone = ZoneInfo(tz)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    until = now.date()
    since = until - dt.timedelta(days=days - 1)
    start = dt.datetime.combine(since, dt.time(), zone).astimezone(dt.UTC)
    with engine.connect() as connection:

        def conversations(column):
            return _in_prefecture(connection, filters.prefecture, column) if filters.prefecture else true()

        scope = and_(
            _c.created_at >= start,
            _c.lang == filters.lang if filters.lang else true(),
            conversations(_c.conversation_id),
        )
        days_seen = Counter(
            _as_utc(at).astimezone(zone).date()
            for at in connection.execute(select(_c.created_at).where(scope)).scalars()
        )
        per_language = _grouped(connection, _c.lang, scope)
        per_outcome = _grouped(connection, REPORTED, scope)
        per_channel = _grouped(connection, _c.channel, scope)
        answered = and_(scope, REPORTED == "answered")
        top_topics = _grouped(connection, _c.topic, and_(answered, _c.channel != "staff"), top)
        counter_topics = _grouped(connection, _c.topic, and_(answered, _c.channel == "staff"), top)
        handoff = and_(scope, REPORTED == "handoff")
        by_reason = _grouped(connection, _c.handoff_reason, handoff)
        by_office = _grouped(connection, _c.handoff_office, handoff)
        situations = _grouped(
            connection, _c.handoff_reason, and_(scope, REPORTED.in_(("emergency", "serious")), _c.handoff_reason != "")
        )
        rows = connection.execute(
            select(_c.created_at, _c.lang, _c.channel, _c.question)
            .where(and_(scope, REPORTED == "unanswered"))
            .order_by(_c.created_at.desc(), _c.id.desc())
            .limit(unanswered_limit)
        )
        unanswered = tuple(
            UnansweredQuestion(_as_utc(r.created_at).astimezone(zone), r.lang, r.channel, r.question) for r in rows
        )
        ratings = _ratings(connection, start, conversations, filters.lang)
    per_day = tuple((since + dt.timedelta(days=i), days_seen.get(since + dt.timedelta(days=i), 0)) for i in range(days))
    return AnalyticsReport(
        since,
        until,
        sum(days_seen.values()),
        per_day,
        per_language,
        per_outcome,
        top_topics,
        by_reason,
        by_office,
        unanswered,
        per_channel,
        counter_topics,
        situations,
        ratings,
        filters,
    )
