"""Romaji typed in a Japanese conversation is read as the kana a learner would type (issue 13): the safety
examples and the ordinary questions have kana forms and no romaji ones, so "otto ni kubi wo shimerareta" is
weighed against kana, and the kana cue phrases apply to it."""

import pytest

from bot.dialogue import IncomingMessage
from knowledge.romaji_kana import romaji_to_kana


@pytest.mark.parametrize(
    "romaji, kana",
    [
        ("mou shinitai", "もう しにたい"),
        ("kyuuryou ga harawarenai", "きゅうりょう が はらわれない"),
        ("zairyuu kaado o torareta", "ざいりゅう かあど を とられた"),  # the particle o is を
        ("konnichiwa", "こんにちわ"),
        ("shinbun", "しんぶん"),
        ("kitte", "きって"),
        ("matcha", "まっちゃ"),
        ("jyuusho wa doko", "じゅうしょ は どこ"),
        ("kin'en", "きんえん"),
        ("Tōkyō", "とうきょう"),
    ],
)
def test_romaji_reads_as_the_kana_a_learner_would_type(romaji, kana):
    assert romaji_to_kana(romaji) == (kana, 1.0)


@pytest.mark.parametrize("text", ["help me please", "trabajo en una fabrica", "my boss yells at me"])
def test_english_or_spanish_does_not_read_as_romaji(text):
    assert romaji_to_kana(text)[1] < 0.5


def test_a_romaji_crisis_in_a_japanese_conversation_gets_the_line_first(fake_services):
    replies = fake_services.dialogue.handle(IncomingMessage("romaji-dv", "otto ni kubi wo shimerareta", lang="ja"))
    assert replies[0].calls and replies[0].calls[0].number == "110"  # violence at home: the police first
