"""The safety recogniser's clause split: its words are data (translations/<lang>/situations.yaml)."""

from pathlib import Path

import pytest

from bot.safety import load_safety_texts
from bot.safety.clauses import check_clause_word, clause_split
from knowledge.paths import TRANSLATIONS_DIR

TEXTS = load_safety_texts()


@pytest.mark.parametrize(
    "text, clauses",
    [
        ("My boss took my passport and doesn't pay me.", ["My boss took my passport", "doesn't pay me"]),
        ("Patronum pasaportumu aldı ve maaşımı ödemiyor", ["Patronum pasaportumu aldı", "maaşımı ödemiyor"]),
        ("パスポートを とられて きゅうりょうも ない", ["パスポートを とられて", "きゅうりょうも ない"]),
        ("老板拿走了我的护照还有三个月不给我工资", ["老板拿走了我的护照", "三个月不给我工资"]),
        ("I have a candle and a band", ["I have a candle", "a band"]),  # "and" only as a word
        ("おっと が まいにち わたし を たたきます", ["おっと が まいにち わたし を たたきます"]),  # learners' spaces
    ],
)
def test_a_message_is_cut_at_every_languages_clause_words(text, clauses):
    assert TEXTS.clauses(text) == clauses


def test_every_language_has_its_clause_words_as_data():
    for path in sorted(TRANSLATIONS_DIR.glob("*/situations.yaml")):
        assert "clause_words:" in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("word", ["and", " and", "", "  ", 3, "a\nb"])
def test_a_clause_word_in_a_spaced_script_needs_its_spaces(word):
    with pytest.raises(ValueError):
        check_clause_word(word, "test")


def test_a_language_without_clause_words_is_refused(tmp_path: Path):
    from bot.safety.texts import load_safety_texts as load  # noqa: PLC0415

    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "situations.yaml").write_text("ui: {now: 'Now:'}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="clause_words"):
        load(tmp_path)


def test_a_words_longer_form_is_cut_first():
    split = clause_split([" та ", " а також "])
    assert split.clauses("у мене забрали паспорт а також не платять") == ["у мене забрали паспорт", "не платять"]
