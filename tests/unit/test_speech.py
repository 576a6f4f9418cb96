"""How a reply speaks, as one value: parsed from a code, its content key, HTML lang and fallback chain."""

import pytest

from bot.replies import QuickReply, Reply
from bot.speech import Speech
from knowledge.languages import load_writings
from knowledge.paths import TRANSLATIONS_DIR


@pytest.mark.parametrize(
    "code, lang, register, key, html_lang, fallbacks",
    [
        ("ja-plain", "ja", "plain", "ja-plain", "ja", ("ja-plain", "ja", "en")),
        ("ja", "ja", "standard", "ja", "ja", ("ja", "en")),
        ("vi", "vi", "standard", "vi", "vi", ("vi", "en")),
        ("en", "en", "standard", "en", "en", ("en",)),
        (" FIL ", "fil", "standard", "fil", "fil", ("fil", "en")),
    ],
)
def test_a_code_parses_to_its_speech(code, lang, register, key, html_lang, fallbacks):
    speech = Speech.parse(code)
    assert (speech.lang, speech.register, speech.key, speech.html_lang, speech.fallbacks) == (
        lang,
        register,
        key,
        html_lang,
        fallbacks,
    )
    assert Speech.parse(speech.key) == speech


@pytest.mark.parametrize("code", ["ja-formal", "pt-BR", "zh-Hant"])
def test_a_code_with_an_unknown_register_is_refused(code):
    with pytest.raises(ValueError, match="language"):
        Speech.parse(code)


def test_a_reply_serialises_its_speech_as_the_documented_lang_and_register():
    data = Reply("s", Speech("ja", "plain"), "やさしい にほんご").to_json()
    assert (data["lang"], data["register"]) == ("ja", "plain")


@pytest.mark.parametrize(
    "payload, chosen",
    [
        ("lang=vi", Speech("vi")),
        ("lang=ja-plain", Speech("ja", "plain")),
        ("Tokyo", None),
        ("lang=xx-yy", None),
    ],
)
def test_a_language_button_payload_names_its_speech(payload, chosen):
    assert QuickReply.chosen_language(payload) == chosen
    if chosen:
        assert QuickReply.for_language("label", chosen).payload == payload


@pytest.mark.parametrize(
    "lang, text, words",
    [
        ("en", "Report your new address within 14 days", 7),
        ("th", "แจ้งที่อยู่ใหม่ภายใน", 7),  # no spaces: letters (not vowel marks) ÷ 2
        ("ja-plain", "あたらしい じゅうしょ", 5),  # plain Japanese counts as Japanese: letters ÷ 2
        ("tr", "Yeni adresimi bildirmeliyim", 3),
    ],
)
def test_words_are_counted_as_each_language_is_written(lang, text, words):
    assert load_writings(TRANSLATIONS_DIR).word_count(lang, text) == words
