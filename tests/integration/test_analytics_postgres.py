"""Outcomes and the analytics report on a real PostgreSQL server (migration 0002, time zones, grouping)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.replies import Reply, Source
from bot.speech import Speech
from bot.store import open_store
from bot.store.analytics import build_report
from bot.store.outcome import TurnOutcome

pytestmark = pytest.mark.integration


def test_turn_outcomes_are_stored_and_reported(database_url):
    store = open_store(database_url)
    answer = Reply("pg-a", Speech("vi"), "text", (Source("residence-card", "t", "c"),), confidence=0.91)
    for conversation, replies, unsure in (("pg-a", [answer], False), ("pg-b", [], True), ("pg-c", [], True)):
        store.record_incoming(conversation, "line", "question")
        with store.turn(conversation, "line") as turn:
            turn.outcome = TurnOutcome.of_turn(
                channel="line", speech=Speech("vi"), question=f"q {conversation}", replies=replies, said_unsure=unsure
            )
    report = build_report(store.engine, days=1)
    assert report.total == 3 and dict(report.per_language) == {"vi": 3}
    assert report.top_topics == (("residence-card", 1),)
    assert [q.question for q in report.unanswered] == ["q pg-c", "q pg-b"]
    assert report.per_day[-1] == (dt.datetime.now(dt.timezone(dt.timedelta(hours=9))).date(), 3)
    assert store.expire(dt.timedelta(seconds=-1)) == 3
    assert build_report(store.engine, days=1).total == 0
