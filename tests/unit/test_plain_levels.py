"""Word and kanji levels (bot/data/plain/levels/) and their derivation from the JLPT lists."""

from __future__ import annotations

from functools import lru_cache

import pytest
import yaml

from bench.shared_data import shared_dir
from bot.plain.levels import LEVELS_DIR, known_kanji
from scripts.derive_plain_levels import LEVELS, OUT, ListWord, easiest_words, kanji_levels, list_words
from scripts.derive_plain_levels import main as derive_levels
from scripts.plain_word_levels import OFF_LIST, WordLevels


@lru_cache(maxsize=2)
def level_file(name: str) -> dict:
    return yaml.safe_load((LEVELS_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def levels() -> WordLevels:
    return WordLevels()


@pytest.mark.parametrize("name", ["words.yaml", "kanji.yaml"])
def test_level_files_credit_the_jlpt_lists(name):
    source = level_file(name)["source"]
    assert "jamsinclair/open-anki-jlpt-decks" in source and "MIT" in source and "Jonathan Waller" in source


def test_word_table_is_well_formed_and_lists_each_word_once():
    table = level_file("words.yaml")["words"]
    assert list(table) == list(LEVELS)
    pairs = [tuple(pair) for level in LEVELS for pair in table[level]]
    assert all(len(pair) == 2 and all(isinstance(x, str) and x for x in pair) for pair in pairs)
    assert len(pairs) == len(set(pairs)) > 7000


def test_each_kanji_sits_at_exactly_one_level():
    table = level_file("kanji.yaml")["kanji"]
    seen = [char for level in LEVELS for char in table[level]]
    assert len(seen) == len(set(seen)) > 1500
    assert all("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" for char in seen)


@pytest.mark.parametrize(("kanji", "level"), [("日", "N5"), ("人", "N5"), ("住", "N5"), ("証", "N3"), ("籍", "N3")])
def test_a_kanji_takes_the_level_of_its_easiest_word(kanji, level):
    table = level_file("kanji.yaml")["kanji"]
    assert kanji in table[level]


def test_the_furigana_threshold_reads_the_kanji_table():
    assert known_kanji("N5", LEVELS_DIR) == frozenset()  # a beginner gets ruby on every kanji word
    known = known_kanji("N4", LEVELS_DIR)
    assert {"日", "人", "住"} <= known and "証" not in known
    assert known < known_kanji("N3", LEVELS_DIR) and "証" not in known_kanji("N3", LEVELS_DIR)  # 証 is N3


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("あなた", 5),
        ("会う", 5),
        ("子ども", 5),  # spelled with kana, found through its reading (子供)
        ("終わる", 5),  # listed as 終る
        ("住んでいる所", 5),  # a phrase is as hard as its hardest content word
        ("か", 5),  # a particle is not a hard word
        ("在留カード", OFF_LIST),
    ],
)
def test_word_rank(text, rank):
    assert levels().rank(text) == rank


# --- derivation -----------------------------------------------------------------------------------------------


def _write_lists(tmp_path, rows_by_level: dict[str, list[str]]):
    for level in LEVELS:
        lines = ["expression,reading,meaning,tags,guid"] + rows_by_level.get(level, [])
        (tmp_path / f"{level.lower()}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_list_words_drops_notes_splits_variants_and_marks_affixes(tmp_path):
    folder = _write_lists(
        tmp_path,
        {
            "N5": ["足; 脚,あし,foot,JLPT,a1"],
            "N1": ["こす (みずを～),こす (みずを～),to filter,JLPT,b2", "～界,～かい,world,JLPT,c3"],
        },
    )
    words = list_words(folder)
    assert ListWord("足", "あし", "N5", False) in words and ListWord("脚", "あし", "N5", False) in words
    assert ListWord("こす", "こす", "N1", False) in words
    assert ListWord("界", "かい", "N1", True) in words


def test_a_word_listed_twice_keeps_its_easiest_level_and_affixes_only_count_for_kanji():
    words = [
        ListWord("最中", "さいちゅう", "N3", False),
        ListWord("最中", "さいちゅう", "N1", False),
        ListWord("界", "かい", "N2", True),
    ]
    table = easiest_words(words)
    assert table["N3"] == [("最中", "さいちゅう")] and table["N1"] == [] and table["N2"] == []
    assert kanji_levels(words) == {"N5": "", "N4": "", "N3": "中最", "N2": "界", "N1": ""}


def test_the_committed_levels_are_what_the_script_derives(tmp_path, monkeypatch):
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared is not present")
    monkeypatch.setattr("scripts.derive_plain_levels.OUT", tmp_path)
    assert derive_levels(["--jlpt", str(shared / "data" / "jlpt")]) == 0
    for name in ("words.yaml", "kanji.yaml"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (OUT / name).read_text(encoding="utf-8")
