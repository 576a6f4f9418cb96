"""Scoring a trainee's reply: key facts (by spelling or kana reading), the right referral from the office
data, plain-Japanese breaches from bot.plain.check, and a model answer that earns full marks."""
import pytest

from bot.plain import check
from bot.training import TrainingCoach
from knowledge.offices import load_offices
from knowledge.places import load_places
from knowledge.training_cases import load_training_book

BOOK = load_training_book()
OFFICES = load_offices()


@pytest.fixture(scope="module")
def coach():
    return TrainingCoach(BOOK, OFFICES, load_places(), check)


@pytest.mark.parametrize("case_id", [case.id for case in BOOK.cases])
def test_the_model_answer_covers_every_fact_and_the_referral(coach, case_id):
    case = BOOK.case(case_id)
    score = coach.score(case, coach.model_answer(case))
    assert all(fact.covered for fact in score.facts), [f.phrasings for f in score.facts if not f.covered]
    assert score.referral_ok and score.fact_points == BOOK.scoring.facts
    assert score.referral_points == BOOK.scoring.referral


def test_a_plain_reply_in_kana_with_the_right_office_scores_well(coach):
    case = BOOK.case("lost-card-nagoya")
    office = OFFICES.for_prefecture("aichi")
    reply = (f"まず けいさつに とどけて ください。14日以内に、パスポートと しゃしんを 持って、"
             f"{office.name_ja}に 行って ください。")
    score = coach.score(case, reply)
    assert [fact.covered for fact in score.facts] == [True, True, True, True]
    assert score.referral_ok and score.referral.label == office.name_ja
    assert score.points >= BOOK.scoring.facts + BOOK.scoring.referral


@pytest.mark.parametrize(
    ("case_id", "reply", "covered", "referral_ok"),
    [
        ("lost-card-nagoya", "東京出入国在留管理局に行ってください。", [False, False, False, False], False),
        ("lost-card-nagoya", "警察に行ってください。", [True, False, False, False], False),
        ("moved-to-osaka", "14日以内に区役所で在留カードの住所をとどけてください。", [True, False, True], True),
        ("unpaid-wages-gifu", "FRESC（0570-011000）に そうだんして ください。", [False, False, False], True),
        ("unpaid-wages-gifu", "0570-011000に電話してください。", [False, False, False], True),
    ],
)
def test_what_is_missing_is_what_the_score_says(coach, case_id, reply, covered, referral_ok):
    score = coach.score(BOOK.case(case_id), reply)
    assert [fact.covered for fact in score.facts] == covered
    assert score.referral_ok is referral_ok
    assert score.fact_points == round(BOOK.scoring.facts * sum(covered) / len(covered))


def test_guideline_breaches_cost_plain_points(coach):
    case = BOOK.case("moved-to-osaka")
    plain = coach.score(case, "14日以内に 市役所で とどけて ください。")
    hard = coach.score(case, "転居された場合は、速やかに、転居の日から14日以内に、新住所地の市区町村役場において"
                             "在留カードの住居地変更の届出を行っていただく必要がございます。")
    assert hard.breaches and len(hard.breaches) > len(plain.breaches)
    assert hard.plain_points < plain.plain_points
    assert all(b.excerpt and b.message for b in hard.breaches)


def test_an_empty_reply_scores_nothing(coach):
    score = coach.score(BOOK.case("student-part-time"), "   ")
    assert score.points == 0 and score.breaches == ()
