"""How hard a word or short phrase is by the derived JLPT word levels (``bot/data/plain/levels/words.yaml``).

Difficulty is a rank: 5 = N5 (easiest) … 1 = N1, 0 = not on any list. A listed word has its own level
(a kana word is also looked up by reading, so とき meets 時); a phrase such as 住んでいる所 is as hard
as its hardest content word (particles, auxiliaries, symbols and the verbs する/いる/ある of noun + する
are not counted). Used by the lexicon derivation and the lexicon tests, not by the product.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from bot.plain.kana import to_hiragana

__all__ = ["WORDS_FILE", "WordLevels", "OFF_LIST"]

WORDS_FILE = Path(__file__).resolve().parents[1] / "bot" / "data" / "plain" / "levels" / "words.yaml"
OFF_LIST = 0
_RANK = {"N5": 5, "N4": 4, "N3": 3, "N2": 2, "N1": 1}
_KANA_ONLY = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
_HAS_KANA = re.compile(r"[\u3041-\u309f]")
_FUNCTION_POS = {"助詞", "助動詞", "補助記号", "空白", "接尾辞"}
_LIGHT_VERBS = {"する", "いる", "ある", "なる", "くる", "来る"}


class WordLevels:
    """Rank lookups over the word table (build once; tokenising phrases uses one Sudachi tokenizer)."""

    def __init__(self, path: Path = WORDS_FILE) -> None:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))["words"]
        self.by_word: dict[str, int] = {}
        self.by_reading: dict[str, int] = {}
        for level, pairs in table.items():
            for word, reading in pairs:
                rank = _RANK[level]
                self.by_word[word] = max(self.by_word.get(word, OFF_LIST), rank)
                self.by_reading[reading] = max(self.by_reading.get(reading, OFF_LIST), rank)
        from sudachipy import Dictionary, SplitMode

        self._tokenizer = Dictionary(dict="core").tokenizer()
        self._mode, self._split_a = SplitMode.C, SplitMode.A

    def word_rank(self, word: str) -> int:
        """Rank of one word as listed (also with the に the lists give adverbs: すぐ → すぐに); an unlisted
        word written with kana is also looked up by its reading (とき → 時, 終わる → 終る, 子ども → 子供);
        OFF_LIST if neither is listed."""
        rank = self.by_word.get(word, self.by_word.get(word + "に", OFF_LIST))  # lists write すぐに, 特に
        if rank == OFF_LIST and _KANA_ONLY.match(word):
            rank = self.by_reading.get(to_hiragana(word), OFF_LIST)
        elif rank == OFF_LIST and _HAS_KANA.search(word):
            reading = "".join(m.reading_form() for m in self._tokenizer.tokenize(word, self._mode))
            rank = self.by_reading.get(to_hiragana(reading), OFF_LIST)
        return rank

    @functools.cache  # noqa: B019 (one ranker lives for the whole script run)
    def rank(self, text: str) -> int:
        """Rank of a word or phrase: its own listing, else its hardest content word."""
        if text in self.by_word:
            return self.by_word[text]
        ranks = [self._token_rank(m) for m in self._tokenizer.tokenize(text, self._mode) if self._is_content(m)]
        return min(ranks) if ranks else 5

    @staticmethod
    def _is_content(morpheme) -> bool:
        pos = morpheme.part_of_speech()
        return not (pos[0] in _FUNCTION_POS or (pos[0] == "動詞" and morpheme.dictionary_form() in _LIGHT_VERBS))

    def _token_rank(self, morpheme) -> int:
        """A token's rank; an unlisted compound (私たち, これら) is as hard as its hardest short unit."""
        rank = max(self.word_rank(morpheme.dictionary_form()), self.word_rank(morpheme.surface()))
        if rank != OFF_LIST:
            return rank
        parts = [m for m in morpheme.split(self._split_a) if self._is_content(m)]
        if len(parts) < 2 and len(morpheme.split(self._split_a)) < 2:
            return OFF_LIST
        return min((max(self.word_rank(m.dictionary_form()), self.word_rank(m.surface())) for m in parts), default=5)
