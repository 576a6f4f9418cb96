"""Two things compared or asked about together in one question (issue 12): each thing is a part of its own,
searched on its own words, and each is answered with its own topic — not the question's nearer thing only."""

from __future__ import annotations

import pytest

from bot.dialogue import IncomingMessage
from bot.dialogue.compared_pair import split_compared
from bot.dialogue.parts import load_joiners, split_message
from bot.dialogue.residence import load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

JOINERS = load_joiners(TRANSLATIONS_DIR)
PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)


@pytest.mark.parametrize(
    ("text", "lang", "things"),
    [
        ("is the difference between shakai hoken and kokuho big", "en", ["shakai hoken", "kokuho"]),
        ("thuế cư trú với thuế thu nhập khác nhau chỗ nào", "vi", ["thuế cư trú", "thuế thu nhập"]),
        ("gelir vergisi ile juminzei aynı şey mi", "tr", ["gelir vergisi", "juminzei"]),
        ("el seguro de empleo y el nenkin son lo mismo", "es", ["el seguro de empleo", "el nenkin"]),
        ("kokuho ra shakai hoken dubai tirnu parcha", "ne", ["kokuho", "shakai hoken"]),
        ("пенсія та медичне страхування — це різне", "uk", ["пенсія", "медичне страхування"]),
        ("住民税と所得税は両方払いますか", "ja", ["住民税", "所得税は"]),
    ],
)
def test_each_thing_compared_is_a_part(text, lang, things):
    found = [piece for piece, pair in split_compared(text, JOINERS.words(lang)) if pair]
    # each thing's words, at most a short word of the frame left after it ("el nenkin son")
    assert len(found) == len(things) and all(piece.startswith(thing) for piece, thing in zip(found, things))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("How do I pay resident tax and where is the office?", "en"),  # no comparison: two clauses, cut elsewhere
        ("What is the difference in price?", "en"),  # compares, but names no pair of things
        ("Where do I pay both taxes?", "en"),  # "both" with no pair named before it
        ("会社と相談したいです", "ja"),  # と after a verb-like hiragana run is no pair of things
    ],
)
def test_a_sentence_comparing_no_pair_stays_whole(text, lang):
    assert split_compared(text, JOINERS.words(lang)) == [(text, False)]


def test_a_question_after_the_comparison_stays_a_question_of_its_own():
    text = "ภาษีที่อยู่อาศัยกับภาษีเงินได้ต่างกันยังไง แล้วต้องยื่นภาษีเองไหม"
    questions = split_message(text, "th", PLACES, PHRASES, joiners=JOINERS).questions
    assert len(questions) == 3 and questions[-1].endswith("ต้องยื่นภาษีเองไหม")


@pytest.mark.parametrize(
    ("text", "lang", "topics"),
    [
        (
            "whats the difference between national health insurance and the nenkin",
            "en",
            {"health-insurance", "public-pension"},
        ),
        ("bảo hiểm y tế quốc dân với lương hưu nenkin khác nhau sao", "vi", {"health-insurance", "public-pension"}),
        ("kokumin kenko hoken ile emeklilik (nenkin) farklı mı", "tr", {"health-insurance", "public-pension"}),
        ("住民税と所得税って両方払うの？", "ja", {"resident-tax", "income-tax"}),
    ],
)
def test_each_thing_compared_is_answered(real_services, text, lang, topics):
    replies = real_services.dialogue.handle(IncomingMessage(f"compared-{lang}-{len(text)}", text, lang=lang))
    assert topics <= {s.id for r in replies for s in r.sources}
