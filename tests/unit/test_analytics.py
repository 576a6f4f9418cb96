"""Outcomes recorded per question, and the analytics report built from them."""

import datetime as dt

import pytest
from sqlalchemy import select

from bot.dialogue import IncomingMessage
from bot.store import open_store
from bot.store.analytics import Filters, build_report
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
            connection.execute(
                Outcome.__table__.insert().values(
                    conversation_id=conversation,
                    channel="api",
                    lang=lang,
                    question=question,
                    outcome=outcome,
                    topic=topic,
                    confidence=0.9,
                    handoff_reason=reason,
                    handoff_office=office,
                    created_at=at,
                )
            )


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
    assert per_day[dt.date(2026, 11, 26)] == 3  # two at 11:00/10:00 JST plus the 05:00 JST one
    assert per_day[dt.date(2026, 11, 25)] == 2
    assert per_day[dt.date(2026, 11, 24)] == 2
    assert per_day[dt.date(2026, 11, 20)] == 0
    assert report.total == 7  # the 40-day-old question is outside the period


def test_report_groups_languages_topics_and_handoffs(store):
    seed(store, ROWS)
    report = build_report(store.engine, days=30, now=NOW)
    assert dict(report.per_language) == {"vi": 2, "en": 2, "ja-plain": 2, "my": 1}
    assert report.top_topics == (("residence-card", 2), ("health-insurance", 1))
    # a handoff because nothing was close enough is reported as unanswered (one definition, REPORTED)
    assert dict(report.handoffs_by_reason) == {"requested": 1}
    assert dict(report.handoffs_by_office) == {"tokyo-bureau": 1}


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
        rows = connection.execute(
            select(table).where(table.c.conversation_id == conversation).order_by(table.c.id)
        ).all()
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
    outcome = TurnOutcome.of_turn(
        channel="api", speech=Speech("en"), question="q", replies=[answer, referral], said_unsure=False
    )
    assert (outcome.outcome, outcome.handoff_reason, outcome.handoff_office) == ("handoff", "own_case", "tokyo-bureau")


# -- one definition of each outcome; channels; emergencies; ratings; filters (issue 15 item 5) ------------


def test_tiles_chart_and_table_count_unanswered_questions_the_same(store):
    seed(store, ROWS)
    report = build_report(store.engine, days=30, now=NOW)
    assert report.outcome("unanswered") == len(report.unanswered) == 2
    assert sum(n for _, n in report.per_outcome) == report.total == sum(n for _, n in report.per_day)
    assert report.outcome("handoff") == sum(n for _, n in report.handoffs_by_reason)


@pytest.mark.parametrize(
    ("step", "outcome"),
    [
        ("emergency", "emergency"),
        ("danger", "emergency"),
        ("serious_situation", "serious"),
        ("situations", "serious"),
        ("answer", "answered"),
    ],
)
def test_emergencies_and_serious_situations_are_their_own_outcome_and_keep_no_text(step, outcome):
    from bot.replies import Reply, Source
    from bot.speech import Speech

    reply = Reply("s", Speech("en"), "text", (Source("residence-card", "t", "c"),), confidence=0.9)
    recorded = TurnOutcome.of_turn(
        channel="web", speech=Speech("en"), question="he hits me", replies=[reply], said_unsure=False, step=step
    )
    assert recorded.outcome == outcome
    assert (recorded.question == "") is (outcome != "answered")


def test_an_emergency_turn_is_recorded_as_an_emergency(fake_services):
    fake_services.dialogue.handle(IncomingMessage("outcome-fire", "Fire! My house is on fire", "web"))
    table = Outcome.__table__
    with fake_services.store.engine.connect() as connection:
        row = connection.execute(select(table).where(table.c.conversation_id == "outcome-fire")).one()
    assert (row.outcome, row.channel, row.question) == ("emergency", "web", "")


def _rate(store, conversation, helpful, lang, at):
    from bot.store.analytics import RATING
    from bot.store.models import Message

    with store.engine.begin() as connection:
        connection.execute(
            Message.__table__.insert().values(
                conversation_id=conversation,
                direction=RATING,
                text="",
                lang=lang,
                meta={"answer": 0, "helpful": helpful, "topic": ""},
                created_at=at,
            )
        )


def test_channels_ratings_and_filters(store):
    seed(store, ROWS)
    with store.engine.begin() as connection:
        connection.execute(
            Outcome.__table__.update().where(Outcome.__table__.c.conversation_id == "a").values(channel="web")
        )
    store.record_incoming("a", "web", "x")
    _rate(store, "a", True, "vi", NOW - dt.timedelta(hours=1))
    _rate(store, "b", False, "en", NOW - dt.timedelta(hours=1))
    _rate(store, "b", True, "en", NOW - dt.timedelta(hours=2))
    report = build_report(store.engine, days=30, now=NOW)
    assert dict(report.per_channel) == {"web": 2, "api": 5}
    assert (report.helpful, report.unhelpful) == (2, 1)
    vietnamese = build_report(store.engine, days=30, now=NOW, filters=Filters(lang="vi"))
    assert vietnamese.total == 2 and (vietnamese.helpful, vietnamese.unhelpful) == (1, 0)
    with store.turn("b") as turn:
        turn.state = {**turn.state, "prefecture": "osaka"}
    osaka = build_report(store.engine, days=30, now=NOW, filters=Filters(prefecture="osaka"))
    assert osaka.total == 2 and dict(osaka.per_language) == {"en": 2} and osaka.unhelpful == 1
