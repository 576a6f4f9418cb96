"""Kana-only questions, written back in the content's own words before they are searched (issue 17 item 5).

Learners type the way plain Japanese reads: hiragana, spaces between phrases (「ざいりゅうカードが こわれて
しまった」). The multilingual embedder was trained on text written with kanji, so a kana question lands far
from the passage that answers it. ``KanaVocabulary`` holds, for every noun of the Japanese content, its
reading (Sudachi) and its written form (the most frequent spelling for that reading); ``to_kanji`` rewrites
the start of each all-kana phrase, and the nouns that follow it directly, into those written forms
(ざいりゅう → 在留, さいこうふ → 再交付, しょるい → 書類). Only nouns whose reading has three kana or more are
used, and only at the start of a phrase or right after another noun, so particles and verb endings are never
taken for words (もって いないと keeps its いない). Phrases that already contain kanji are left as written.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata

from knowledge import startup_cache
from knowledge.startup_cache import TableFolders
from knowledge.tokenizers import sudachi_dictionary, to_hiragana

__all__ = ["KanaVocabulary", "is_kana_heavy", "to_kanji", "vocabulary_of", "KANA_MAKERS"]

# the code that builds a vocabulary (its start-up table's key; a test checks that every knowledge module these
# import is listed too)
KANA_MAKERS = (
    "knowledge.kana_query",
    "knowledge.tokenizers",
    "knowledge.marks",
    "knowledge.languages",
    "knowledge.yamlfile",
)

_MIN_READING = 3
_PHRASE = re.compile(r"[^\s、。,.!?！？「」]+|[\s、。,.!?！？「」]+")
_HIRAGANA = re.compile(r"^[ぁ-ゖー]+$")


def _kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char in "々"


def is_kana_heavy(text: str) -> bool:
    """Mostly kana, few or no kanji: how a learner writes (at least 8 kana, kanji under 10 % of letters)."""
    letters = [c for c in unicodedata.normalize("NFKC", text) if c.isalpha()]
    kana = sum("\u3041" <= c <= "\u30ff" for c in letters)
    return kana >= 8 and sum(map(_kanji, letters)) < 0.1 * len(letters)


@dataclass(frozen=True)
class KanaVocabulary:
    """Reading (hiragana) → written form, for the nouns of the content."""

    words: dict[str, str]
    longest: int

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> KanaVocabulary:
        from sudachipy import SplitMode

        tokenizer = sudachi_dictionary().tokenizer()
        counts: dict[str, Counter] = defaultdict(Counter)
        for text in texts:
            for mode in (SplitMode.A, SplitMode.C):
                for m in tokenizer.tokenize(unicodedata.normalize("NFKC", text), mode):
                    surface, pos = m.surface(), m.part_of_speech()
                    if pos[0] != "名詞" or pos[1] == "数詞" or not any(map(_kanji, surface)):
                        continue
                    reading = to_hiragana(m.reading_form())
                    if len(reading) >= _MIN_READING and _HIRAGANA.match(reading):
                        counts[reading][surface] += 1
        words = {reading: spellings.most_common(1)[0][0] for reading, spellings in counts.items()}
        return cls(words, max(map(len, words), default=0))

    def _phrase(self, phrase: str) -> str:
        """``phrase`` (original script) with its leading nouns written out; matched on its hiragana form."""
        kana = to_hiragana(phrase)
        if _starts_with_inflected(kana):  # いないと is い + ない, not 以内
            return phrase
        out, position = [], 0
        while position < len(kana):
            for end in range(min(len(kana), position + self.longest), position + _MIN_READING - 1, -1):
                written = self.words.get(kana[position:end])
                if written is not None:
                    out.append(written)
                    position = end
                    break
            else:
                break
        return "".join(out) + phrase[position:]


def _starts_with_inflected(kana: str) -> bool:
    tokenizer = _tokenizer()
    morphemes = tokenizer.tokenize(kana)
    return bool(len(morphemes)) and morphemes[0].part_of_speech()[0] in ("動詞", "助動詞", "形容詞")


_LOCAL = threading.local()


def _tokenizer():
    """This thread's Sudachi tokenizer: one instance cannot be used by two threads at once (the query
    batcher's two lanes read a message's clauses in parallel: "Tokenizer is already in use", a 500)."""
    tokenizer = getattr(_LOCAL, "tokenizer", None)
    if tokenizer is None:
        tokenizer = _LOCAL.tokenizer = sudachi_dictionary().tokenizer()
    return tokenizer


def to_kanji(text: str, vocabulary: KanaVocabulary) -> str:
    """``text`` with the content's nouns written as the content writes them, phrase by phrase; the spaces
    learners put between phrases are dropped (written Japanese has none)."""
    pieces = []
    for piece in _PHRASE.findall(unicodedata.normalize("NFKC", text)):
        if piece.isspace():
            continue
        if any(map(_kanji, piece)) or not re.search(r"[ぁ-ゖ]", piece):
            pieces.append(piece)
            continue
        pieces.append(vocabulary._phrase(piece))  # ザイリュウ typed in katakana meets ざいりゅう
    return "".join(pieces)


def vocabulary_of(texts: Sequence[str], tables: TableFolders | None = None) -> KanaVocabulary:
    """``KanaVocabulary.from_texts``, read back from a start-up table (``knowledge/startup_cache.py``) when
    the texts, this code and the Sudachi packages are the same: tokenizing the Japanese content took ~1 s of
    each start, and read most of the 200 MB dictionary into memory."""
    texts = list(texts)
    versions = []
    for package in ("sudachipy", "sudachidict-core"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    key = startup_cache.key_of((), KANA_MAKERS, [*versions, *texts])
    return startup_cache.cached("kana", key, lambda: KanaVocabulary.from_texts(texts), tables, (KanaVocabulary,))
