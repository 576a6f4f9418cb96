"""Statuses of residence are searchable in any language: "how long can I stay as ...?" finds the status,
and the answer shows its periods of stay in the asker's language."""

from pathlib import Path

import pytest
import yaml

from knowledge.statuses import STATUS_PREFIX, load_statuses

pytestmark = pytest.mark.integration
CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "status_questions.yaml").read_text())


@pytest.fixture(scope="module")
def services(real_services):
    return real_services


def test_status_questions_find_the_status(services):
    misses = []
    for case in CASES:
        hits = [h.topic_id for h in services.assistant.find(case["q"]).topics]
        if hits[0].removeprefix(STATUS_PREFIX) not in case["status"]:
            misses.append(f"{case['q']}: {hits[:3]}")
    assert len(misses) <= len(CASES) // 10, "\n".join(misses)


def test_status_answer_lists_the_periods_in_the_asker_language(services):
    statuses = {s.id: s for s in load_statuses()[0]}
    reply = services.assistant.answer("st-1", "留学签证可以待多久？")
    assert reply.lang == "zh" and reply.sources[0].id == "status:student"
    for period in statuses["student"].periods["zh"]:
        assert period in reply.text
