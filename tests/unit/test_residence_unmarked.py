"""Where the resident lives, said without accent marks ("toi song o Kyoto", "Saitama'da yasiyorum"): the phrases
of translations/<lang>/residence.yaml match Latin letters with or without their marks; a place named in passing
stays in passing; other scripts keep their marks."""

from __future__ import annotations

import pytest

from bot.dialogue.residence import _norm, load_residence_phrases
from knowledge.paths import TRANSLATIONS_DIR
from knowledge.place_loading import load_places

PLACES = load_places()
PHRASES = load_residence_phrases(TRANSLATIONS_DIR)


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("toi song o Kyoto, gia han visa o dau?", "vi", "kyoto"),
        ("Tôi sống ở Kyoto, gia hạn visa ở đâu?", "vi", "kyoto"),
        ("Warabi'de yasiyorum, cocugumu okula nereye yazdiririm?", "tr", "warabi"),
        ("Saitama'da yaşıyorum", "tr", "saitama"),
        ("Vivo en Gunma, donde renuevo la visa?", "es", "gunma"),
        ("Quan an ngon o Shinjuku la quan nao?", "vi", None),  # a restaurant in Shinjuku: in passing
        ("Shinjuku'da iyi bir ramen dükkanı var mı?", "tr", None),
    ],
)
def test_the_residence_is_understood_without_accent_marks(text, lang, place):
    found = PLACES.find(text)
    said = PHRASES.statement(text, lang, found) if found else None
    assert (said.place.id if said else None) == place


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Tôi sống ở Đà Nẵng", "toi song o da nang"),
        ("Yaşıyorum", "yasiyorum"),
        ("São Paulo", "sao paulo"),
        ("大阪に住んでいます", "大阪に住んでいます"),  # kana with voicing marks stay as they are
        ("Я живу в Осаці, й", "я живу в осаці, й"),  # Cyrillic keeps its marks
        ("म टोकियोमा बस्छु", "म टोकियोमा बस्छु"),
    ],
)
def test_only_latin_letters_lose_their_marks_one_character_for_one(text, folded):
    assert _norm(text) == folded
