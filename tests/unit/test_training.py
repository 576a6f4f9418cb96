"""Scoring a trainee's reply: key facts (by spelling or kana reading), the right referral from the office
data, plain-Japanese breaches from bot.plain.check, and a model answer that earns full marks."""

import pytest

from bot.plain import check
from bot.training import TrainingCoach
from knowledge.offices import load_offices
from knowledge.place_loading import load_places
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
    reply = (
        f"まず けいさつに とどけて ください。14日以内に、パスポートと しゃしんを 持って、"
        f"{office.name_ja}に 行って ください。"
    )
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
    hard = coach.score(
        case,
        "転居された場合は、速やかに、転居の日から14日以内に、新住所地の市区町村役場において"
        "在留カードの住居地変更の届出を行っていただく必要がございます。",
    )
    assert hard.breaches and len(hard.breaches) > len(plain.breaches)
    assert hard.plain_points < plain.plain_points
    assert all(b.excerpt and b.message for b in hard.breaches)


def test_an_empty_reply_scores_nothing(coach):
    score = coach.score(BOOK.case("student-part-time"), "   ")
    assert score.points == 0 and score.breaches == ()


# -- scoring by meaning (issue 15 item 4) ----------------------------------------------------------------


@pytest.mark.parametrize("case_id", [case.id for case in BOOK.cases])
def test_the_model_answer_scores_at_least_90_and_passes_the_plain_checker(coach, case_id):
    case = BOOK.case(case_id)
    answer = coach.model_answer(case)
    assert not check(answer), [b.message for b in check(answer)]
    assert coach.score(case, answer).points >= 90


@pytest.mark.parametrize(
    ("case_id", "reply", "covered"),
    [
        # 交番 for 警察, 2週間 for 14日以内, 旅券 for パスポート, 顔写真 for 写真
        (
            "lost-card-nagoya",
            "まず 交番に 行って ください。2週間 いないに 旅券と 顔写真を もって 行きます。",
            [True, True, True, True],
        ),
        # units and 以内 in kana, as a reply in plain Japanese writes them
        ("lost-card-nagoya", "2しゅうかん いないに 入管へ 行って ください。", [False, True, False, False]),
        # kanji numerals and 以内 said another way
        ("lost-card-nagoya", "十四日までに 申しこんで ください。", [False, True, False, False]),
        # 3割 is 30%; 国保 is 国民健康保険
        ("left-factory-insurance", "国保に 入って ください。病院では 3割を はらいます。", [False, True, True]),
        # 2か月に1回 for 2か月ごと
        ("child-allowance-newborn", "お金は 2か月に 1回 もらえます。", [False, False, True]),
    ],
)
def test_paraphrases_and_numbers_written_another_way_count(coach, case_id, reply, covered):
    assert [fact.covered for fact in coach.score(BOOK.case(case_id), reply).facts] == covered


@pytest.mark.parametrize(
    ("case_id", "dump"),
    [
        ("lost-card-nagoya", "警察、14日以内、パスポート、写真、名古屋出入国在留管理局、再交付"),
        ("moved-to-osaka", "14日以内 転出届 在留カード 区役所 市役所"),
        ("student-part-time", "資格外活動許可／28時間／8時間／東京出入国在留管理局"),
    ],
)
def test_a_keyword_list_that_is_not_sentences_scores_low(coach, case_id, dump):
    score = coach.score(BOOK.case(case_id), dump)
    assert score.listed_only and score.points <= 10
    sentences = coach.score(BOOK.case(case_id), coach.model_answer(BOOK.case(case_id)))
    assert not sentences.listed_only


@pytest.mark.parametrize(
    ("case_id", "reply", "verdict"),
    [
        ("lost-card-nagoya", "名古屋の 入管に 行って ください。", "right"),
        ("lost-card-nagoya", "愛知県の 入管に 行って ください。", "right"),
        ("lost-card-nagoya", "入管に 行って ください。", "kind-only"),
        ("lost-card-nagoya", "区役所に 行って ください。", "wrong"),
        ("lost-card-nagoya", "大阪出入国在留管理局に 行って ください。", "wrong"),
        ("moved-to-osaka", "区役所で とどけて ください。入管に 行く 必要は ありません。", "right"),
        ("moved-to-osaka", "入管で 住所を かえて ください。", "wrong"),
        ("debt-legal-advice", "法テラスに 電話して ください。", "right"),
        ("debt-legal-advice", "借金は 入管に そうだんして ください。", "wrong"),
    ],
)
def test_the_referral_is_judged_against_the_cases_right_office(coach, case_id, reply, verdict):
    score = coach.score(BOOK.case(case_id), reply)
    assert score.referral_verdict == verdict
    full = BOOK.scoring.referral
    assert score.referral_points == {"right": full, "kind-only": round(full * 2 / 3)}.get(verdict, 0)


def test_a_deadline_the_guidebook_does_not_state_costs_points(coach):
    case = BOOK.case("moved-to-osaka")
    right = coach.score(case, "在留カードを もって、14日 以内に 区役所へ 行って ください。")
    wrong = coach.score(case, "在留カードを もって、3か月 以内に 区役所へ 行って ください。")
    assert wrong.wrong_numbers == ("3か月",) and right.wrong_numbers == ()
    assert wrong.fact_points < right.fact_points


def test_each_fact_says_why_it_matters_and_sections_show_their_maxima(coach):
    score = coach.score(BOOK.case("lost-card-nagoya"), "警察に 行って ください。")
    assert all(fact.why for fact in score.facts)
    assert (score.max_facts, score.max_referral, score.max_plain) == (
        BOOK.scoring.facts,
        BOOK.scoring.referral,
        BOOK.scoring.plain,
    )
    assert score.max_points == score.max_facts + score.max_referral + score.max_plain
