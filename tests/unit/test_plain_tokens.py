"""The rewriter's own tokens and pattern matcher: what the rules see must be what Sudachi says, in place."""

from __future__ import annotations

import pytest

from bot.plain.patterns import PatternError, TokenMatcher, compile_pattern
from bot.plain.tokens import LOCK, tokenize


def tokens(text: str) -> list[tuple[str, int, str]]:
    with LOCK:
        return [(t.text, t.idx, t.whitespace_) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("私は 毎日", [("私", 0, ""), ("は", 1, " "), ("毎日", 3, "")]),  # one space: the word's
        ("毎日  日本", [("毎日", 0, " "), (" ", 3, ""), ("日本", 4, "")]),  # the second space: a token
        ("行く。\n次", [("行く", 0, ""), ("。", 2, ""), ("\n", 3, ""), ("次", 4, "")]),
        (" 先頭", [(" ", 0, ""), ("先頭", 1, "")]),
        ("日本語を\u3000勉強", [("日本", 0, ""), ("語", 2, ""), ("を", 3, ""), ("\u3000", 4, ""), ("勉強", 5, "")]),
    ],
)
def test_tokens_keep_their_place_and_spaces(text, expected):
    assert tokens(text) == expected
    with LOCK:
        assert "".join(t.text_with_ws for t in tokenize(text)) == text


def test_a_numeral_is_read_in_its_context_whatever_came_before():
    """The same numeral word is read differently in 三時間 and 三つ: its reading is never reused."""
    with LOCK:
        first = [t.reading for t in tokenize("三時間です。三つです。")]
        again = [t.reading for t in tokenize("三つです。三時間です。")]
    assert first[0] != again[0] and first[0] == again[4] and again[0] == first[4]


def test_verbs_and_auxiliaries_are_told_apart_from_nouns():
    with LOCK:
        doc = tokenize("勉強します。静かだ。")
    assert [(t.text, t.pos_) for t in doc][:3] == [("勉強", "VERB"), ("し", "AUX"), ("ます", "AUX")]
    assert doc[4].pos_ == ""  # 静か


def matches(pattern: list[dict], text: str) -> list[tuple[int, int]]:
    matcher = TokenMatcher()
    matcher.add("r", pattern)
    with LOCK:
        return [(start, end) for _, start, end in matcher.find(tokenize(text))]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ([{"ORTH": "書類"}, {"ORTH": "を", "OP": "?"}], "書類を出す", [(0, 1), (0, 2)]),  # every length
        ([{"ORTH": "書類", "OP": "?"}, {"ORTH": "を"}], "書類を出す", [(0, 2), (1, 2)]),
        ([{"TAG": {"REGEX": "^名詞"}, "OP": "+"}, {"ORTH": "を"}], "在留カードを", [(0, 3), (1, 3)]),
        ([{"LEMMA": "出す"}], "書類を出しました", [(2, 3)]),  # dictionary form of 出し
        ([{"_": {"plain_form": {"REGEX": "^連用形"}}, "POS": {"IN": ["VERB", "AUX"]}}], "書類を出して", [(2, 3)]),
        ([{"ORTH": {"NOT_IN": ["を"]}}, {"ORTH": "出す"}], "書類を出す", []),
    ],
)
def test_the_matcher_finds_every_match(pattern, text, expected):
    assert matches(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LEMMAX": "a"}],
        [{"ORTH": "a", "OP": "!"}],
        [{"POS": "NOUN"}],
        [{"TAG": {"REGEX": "("}}],
        [],
        [{"_": {"x": 1}}],
    ],
)
def test_a_pattern_the_matcher_cannot_read_is_rejected(pattern):
    with pytest.raises(PatternError):
        compile_pattern(pattern)
