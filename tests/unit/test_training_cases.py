"""The practice cases file: every case is grounded in the guidebook and the office data, or it is refused."""

import pytest
import yaml

from knowledge.training_cases import CASES_FILE, Phrase, load_training_book


def test_the_packaged_cases_load_and_cover_several_languages_and_referrals():
    book = load_training_book()
    assert len(book.cases) >= 8
    assert len({c.lang for c in book.cases}) >= 6
    assert {c.referral for c in book.cases} >= {"jurisdiction", "municipal"}
    assert all(c.question and c.question_ja and c.facts for c in book.cases)


def write_with(tmp_path, **changes):
    data = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    data["cases"] = [dict(data["cases"][0], **changes)]
    path = tmp_path / "cases.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "complaint"),
    [
        ({"topic": "no-such-topic"}, "no plain-Japanese text"),
        ({"lang": "xx"}, "unknown language"),
        ({"profile": {"nationality": "x", "status": "y", "prefecture": "atlantis"}}, "unknown prefecture"),
        ({"profile": {"nationality": "x", "status": "y", "prefecture": "yokohama"}}, "unknown prefecture"),
        ({"referral": "embassy"}, "neither"),
        ({"facts": [["30日以内"]]}, "facts not in the plain-Japanese text"),  # true of another topic only
        ({"facts": [["14日以内", "７日以内"]]}, "７日以内"),
    ],
)
def test_a_case_not_grounded_in_the_data_is_refused(tmp_path, changes, complaint):
    with pytest.raises(ValueError, match=complaint):
        load_training_book(write_with(tmp_path, **changes))


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("けいさつに とどけます", "警察", True),  # kana reading of the phrase
        ("１４日 以内に", "14日以内", True),  # full-width digits and spaces
        ("国民健康保険に入ります", "こくみんけんこうほけん", True),
        ("7日以内に", "14日以内", False),
        ("市役所", "区役所", False),
        ("", "警察", False),
    ],
)
def test_phrases_are_found_by_spelling_or_reading(text, phrase, found):
    assert Phrase.of(text).mentions(phrase) is found
