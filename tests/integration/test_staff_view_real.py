"""The counter-staff console with the real model, on the practice cases' questions: each resident's
language is detected, the case's topic is among the best three, and the office follows the prefecture."""

from __future__ import annotations

import pytest

from bot.staff_view import StaffDesk
from knowledge.topics import load_topics
from knowledge.training_cases import load_training_book

pytestmark = pytest.mark.integration
BOOK = load_training_book()


@pytest.fixture(scope="module")
def services(real_services):
    return real_services


@pytest.fixture(scope="module")
def desk(services):
    return StaffDesk(services.assistant, services.dialogue.router, services.places, load_topics())


@pytest.mark.parametrize("case", BOOK.cases, ids=[case.id for case in BOOK.cases])
def test_a_case_question_finds_its_topic_language_and_office(desk, services, case):
    view = desk.look_up(case.question, prefecture=case.profile.prefecture)
    assert view.lang == case.lang
    assert case.topic in [t.topic_id for t in view.topics[:3]], [t.topic_id for t in view.topics[:3]]
    # the office follows the topic's office kind and the prefecture (issue 12); a topic without an office
    # kind falls back to its handoff kind's office
    route = services.dialogue.router.desk.route(view.best.topic_id, case.profile.prefecture)
    best = load_topics().get(view.best.topic_id)
    kind = best.handoff if best and best.handoff != "none" else "immigration"
    expected = route.main or (
        services.offices.for_prefecture(case.profile.prefecture)
        if kind == "immigration"
        else services.dialogue.router.route(kind, case.profile.prefecture).office
    )
    assert view.office is not None and view.office.id == expected.id
