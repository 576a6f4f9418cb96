"""Outcomes recorded per question, and the analytics report built from them."""
import datetime as dt

import pytest
from sqlalchemy import select

from bot.dialogue import IncomingMessage
from bot.store import open_store
from bot.store.analytics import build_report
from bot.store.models import Outcome
from bot.store.outcome import TurnOutcome
from tests.conftest import nothing_is_close_enough

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=UTC)  # 12:00 in Tokyo


@pytest.fixture()
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'analytics.db'}")


def seed(store, rows):
    """rows: (conversation, created_at UTC, lang, outcome, topic, reason, office, question)."""
    for conversation, *_ in rows:
        store.record_incoming(conversation, "api", "x")
    with store.engine.begin() as connection:
        for conversation, at, lang, outcome, topic, reason, office, question in rows:
            connection.execute(Outcome.__table__.insert().values(
                conversation_id=conversation, channel="api", lang=lang, question=question, outcome=outcome,
                topic=topic, confidence=0.9, handoff_reason=reason, handoff_office=office, created_at=at))


ROWS = [
    ("a", NOW - dt.timedelta(hours=1), "vi", "answered", "residence-card", "", "", "thẻ cư trú"),
    ("a", NOW - dt.timedelta(hours=2), "vi", "answered", "residence-card", "", "", "mất thẻ"),
    ("b", NOW - dt.timedelta(days=1), "en", "answered", "health-insurance", "", "", "insurance"),
    ("b", NOW - dt.timedelta(days=1, hours=1), "en", "unanswered", "", "", "", "zzqx blorf"),
    ("c", NOW - dt.timedelta(days=2), "ja-plain", "handoff", "", "requested", "tokyo-bureau", "ひとと はなしたい"),
    ("c", NOW - dt.timedelta(days=2, hours=1), "ja-plain", "handoff", "", "low_confidence", "fresc", "わからない"),
    # 2026-11-25 20:00 UTC is 2026-11-26 05:00 in Tokyo: counted today
    ("d", dt.datetime(2026, 11, 25, 20, 0, tzinfo=UTC), "my", "other", "", "", "", "မင်္ဂလာပါ"),
    ("e", NOW - dt.timedelta(days=40), "en", "unanswered", "", "", "", "too old to count"),
]


def test_report_counts_questions_per_day_in_tokyo_time(store):
    seed(store, ROWS)
    report = build_report(store.engine, days=7, now=NOW)
    per_day = dict(report.per_day)
    assert len(report.per_day) == 7 and report.until == dt.date(2026, 11, 26)
    assert per_day[dt.date(2026, 11, 26)] == 3      # two at 11:00/10:00 JST plus the 05:00 JST one
    assert per_day[dt.date(2026, 11, 25)] == 2
    assert per_day[dt.date(2026, 11, 24)] == 2
    assert per_day[dt.date(2026, 11, 20)] == 0
    assert report.total == 7                         # the 40-day-old question is outside the period


def test_report_groups_languages_topics_and_handoffs(store):
    seed(store, ROWS)
    report = build_report(store.engine, days=30, now=NOW)
    assert dict(report.per_language) == {"vi": 2, "en": 2, "ja-plain": 2, "my": 1}
    assert report.top_topics == (("residence-card", 2), ("health-insurance", 1))
    assert dict(report.handoffs_by_reason) == {"requested": 1, "low_confidence": 1}
    assert dict(report.handoffs_by_office) == {"tokyo-bureau": 1, "fresc": 1}


def test_unanswered_lists_unsure_answers_and_low_confidence_handoffs_newest_first(store):
    seed(store, ROWS)
    report = build_report(store.engine, days=30, now=NOW)
    assert [q.question for q in report.unanswered] == ["zzqx blorf", "わからない"]


def test_outcomes_go_with_their_conversation_when_it_expires(store):
    seed(store, ROWS)
    store.expire(dt.timedelta(seconds=-1))
    assert build_report(store.engine, days=60, now=NOW).total == 0


@pytest.mark.parametrize(
    ("said", "outcomes"),
    [
        (["residence card lost reissue"], ["answered"]),
        (["I live in Tokyo", "I want to talk to a person"], ["other", "handoff"]),
    ],
)
def test_each_question_records_what_became_of_it(fake_services, said, outcomes):
    conversation = f"outcome-{outcomes[-1]}"
    for text in said:
        fake_services.dialogue.handle(IncomingMessage(conversation, text))
    table = Outcome.__table__
    with fake_services.store.engine.connect() as connection:
        rows = connection.execute(select(table).where(table.c.conversation_id == conversation)
                                  .order_by(table.c.id)).all()
    assert [r.outcome for r in rows] == outcomes
    last = rows[-1]
    assert last.lang == "en" and last.question == said[-1]
    if last.outcome == "answered":
        assert last.topic and last.handoff_office == ""
    else:
        assert last.handoff_reason == "requested" and last.handoff_office == "tokyo-bureau"


def test_an_unsure_answer_is_recorded_as_unanswered_with_the_question_redacted(fake_services):
    with nothing_is_close_enough(fake_services):
        fake_services.dialogue.handle(IncomingMessage("outcome-unsure", "zzqx blorf mail me at a@b.example"))
    table = Outcome.__table__
    with fake_services.store.engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.conversation_id == "outcome-unsure")).one()
    assert row.outcome == "unanswered" and row.question == "zzqx blorf mail me at [email]"


def test_a_follow_event_records_no_question(fake_services):
    fake_services.dialogue.handle(IncomingMessage("outcome-follow", kind="follow"))
    table = Outcome.__table__
    with fake_services.store.engine.connect() as connection:
        assert connection.execute(select(table).where(table.c.conversation_id == "outcome-follow")).all() == []


def test_turn_outcome_prefers_the_handoff_over_an_answer_given_in_the_same_turn():
    from bot.replies import Handoff, OfficeCard, Reply, Source
    from bot.speech import Speech

    answer = Reply("s", Speech("en"), "text", (Source("period-extension", "t", "c"),), confidence=0.9)
    card = OfficeCard("tokyo-bureau", "n", "p", "a", "h")
    referral = Reply("s", Speech("en"), "go", handoff=Handoff("own_case", card, "summary"))
    outcome = TurnOutcome.of_turn(channel="api", speech=Speech("en"), question="q", replies=[answer, referral],
                                  said_unsure=False)
    assert (outcome.outcome, outcome.handoff_reason, outcome.handoff_office) == ("handoff", "own_case",
                                                                                 "tokyo-bureau")
