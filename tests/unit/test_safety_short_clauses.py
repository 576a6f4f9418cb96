"""What a clause of a message adds to its reading (docs/safety.md, "Recognition"): a clause that only says where
the resident lives is left out of the reading, and how much a clause says is comparable across scripts."""

import pytest

from bot.safety import load_safety_texts
from bot.safety.clauses import MIN_CLAUSE_CONTENT, clause_content
from bot.safety.recognise import SafetyRecogniser
from knowledge.situations import load_situations


def recogniser(place_only=None) -> SafetyRecogniser:
    def no_retriever():
        raise AssertionError("pieces need no index")

    if place_only is None:
        return SafetyRecogniser(load_situations(), load_safety_texts(), no_retriever)
    return SafetyRecogniser(load_situations(), load_safety_texts(), no_retriever, place_only=place_only)


@pytest.mark.parametrize(
    "text, short",
    [
        ("tenho medo", True),
        ("tengo miedo", True),
        ("I am scared", True),
        ("怖いです", True),
        ("こわい です", True),
        ("무서워요", True),
        ("ฉันกลัว", True),
        ("my husband hits me", False),
        ("남편이 때려요", False),
        ("老公一直打我", False),
        ("夫に殴られた", False),
        ("quero morrer", False),
        ("he has a knife", False),
    ],
)
def test_a_clause_of_feeling_alone_says_little_in_any_script(text, short):
    assert (clause_content(text) < MIN_CLAUSE_CONTENT) == short, clause_content(text)


def test_a_clause_that_only_states_the_place_is_left_out_of_the_reading():
    def lives(clause: str, lang: str) -> bool:
        return clause.startswith(("Moro em", "I live in"))

    pieces = recogniser(lives).pieces("Meu marido me bate e tenho medo. Moro em Gunma.", "", "pt")
    assert pieces == ["Meu marido me bate e tenho medo.", "Meu marido me bate", "tenho medo"]
    # a message that is only a place stays whole; without the predicate nothing is left out
    assert recogniser(lives).pieces("I live in Gunma", "", "en") == ["I live in Gunma"]
    assert "Moro em Gunma" in recogniser().pieces("Meu marido me bate e tenho medo. Moro em Gunma.", "", "pt")


@pytest.mark.parametrize(
    "text, lang, only",
    [
        ("Moro em Gunma", "pt", True),
        ("Vivo en Gunma", "es", True),
        ("I live in Aichi", "en", True),
        ("愛知県に住んでいます", "ja", True),
        ("Tôi sống ở Nagoya", "vi", True),
        ("I live in Aichi and my husband hits me", "en", False),
        ("My friend lives in Kobe", "en", False),
        ("I live in a shelter", "en", False),
        ("tenho medo", "pt", False),
    ],
)
def test_the_dialogue_tells_a_clause_that_only_states_the_place(fake_services, text, lang, only):
    assert fake_services.dialogue.router.desk.only_place(text, lang) is only


@pytest.mark.parametrize(
    "text, dropped, rest",
    [
        ("Meu marido me bate e tenho medo. Moro em Gunma.", ["Moro em Gunma"], "Meu marido me bate e tenho medo."),
        ("I live in Gunma and my husband hits me", ["I live in Gunma"], "my husband hits me"),
        ("大阪に住んでいます。夫に殴られます。怖いです。", ["大阪に住んでいます"], "夫に殴られます。怖いです。"),
        (
            "I live in Osaka, my boss took my passport, and no pay",
            ["I live in Osaka"],
            "my boss took my passport, and no pay",
        ),
    ],
)
def test_a_message_without_a_clause_loses_the_word_that_joined_it(text, dropped, rest):
    assert load_safety_texts().without_clauses(text, dropped) == rest
