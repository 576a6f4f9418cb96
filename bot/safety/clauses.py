"""Where a message is cut into the clauses the safety recogniser also reads on their own.

"My boss took my passport and doesn't pay me" is two problems; read whole, the message is close to one of
them only. It is cut at sentence punctuation (code: the same in every language) and at each language's words
that join two clauses, which are data (``clause_words`` and ``clause_ends`` in
``translations/<lang>/situations.yaml``; every language's words are used on every message, since residents mix
languages):

- a clause word is dropped where it cuts; a space at either end of it means whitespace must be there (" and ":
  a whole word in a script with spaces), without one it is found inside the text (けど, 还有, ហើយ);
- a clause end is the end of a clause (Japanese て-form, "とられて きゅうりょうも"): the cut comes after it, the
  word stays in its clause, when the whitespace written after it follows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ClauseSplit",
    "MIN_CLAUSE_CHARS",
    "MIN_CLAUSE_CONTENT",
    "check_clause_word",
    "clause_content",
    "clause_split",
]

MIN_CLAUSE_CHARS = 6  # a shorter piece says nothing on its own ("also", "助けて")
_PUNCTUATION = r"[.!?。！？\n,，、;；]+"
# scripts written without spaces between words (kana, kanji, Thai, Burmese, Khmer): a word is found inside them
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff]")


def check_clause_word(word: object, where: str) -> str:
    """``word`` as a clause word or end, or a ValueError naming ``where``: a non-empty string of one line; in
    a script with spaces, with a space at both ends (" and " — "and" alone would cut "candle")."""
    if not isinstance(word, str) or not word.strip() or "\n" in word:
        raise ValueError(f"{where}: a clause word must be a non-empty string of one line, not {word!r}")
    if not _SPACELESS.search(word) and not (word.startswith(" ") and word.endswith(" ")):
        raise ValueError(f"{where}: {word!r} is in a script with spaces: write it with a space at both ends")
    return word


def _word(word: str) -> str:
    before = r"\s" if word.startswith(" ") else ""
    after = r"\s" if word.endswith(" ") else ""
    return before + re.escape(word.strip()) + after


def _end(word: str) -> str:
    return "(?<=" + re.escape(word.strip()) + ")" + (r"\s" if word.endswith(" ") else "")


@dataclass(frozen=True)
class ClauseSplit:
    pattern: re.Pattern[str]

    def clauses(self, text: str) -> list[str]:
        """The message's sentences and clauses ("took my passport, and no salary for 3 months"), each at
        least ``MIN_CLAUSE_CHARS`` long."""
        parts = [p.strip() for p in self.pattern.split(text) if p and p.strip()]
        return [p for p in parts if len(p) >= MIN_CLAUSE_CHARS]

    def without(self, text: str, dropped: Iterable[str]) -> str:
        """``text`` without the clauses ``dropped`` (as ``clauses`` gives them), each with the word or
        punctuation that joins it to the next clause (to the one before, for the last): "I live in Gunma and
        my husband hits me" without "I live in Gunma" is "my husband hits me"."""
        dropped = set(dropped)
        tokens: list[str] = []  # clause, what joins it to the next, clause … clause
        at = 0
        for cut in self.pattern.finditer(text):
            tokens += [text[at : cut.start()], cut.group()]
            at = cut.end()
        tokens.append(text[at:])
        for i in range(0, len(tokens), 2):
            if tokens[i].strip() in dropped:
                joint = i + 1 if i + 1 < len(tokens) else i - 1
                tokens[i] = ""
                if joint >= 0:
                    tokens[joint] = " "
        return " ".join("".join(tokens).split())


def clause_split(words: Iterable[str] = (), ends: Iterable[str] = ()) -> ClauseSplit:
    """The split at punctuation, ``words`` (longest first: "а також" before "та") and after ``ends``."""
    alternatives = [_PUNCTUATION]
    alternatives += [_word(w) for w in sorted(set(words), key=lambda w: (-len(w.strip()), w))]
    alternatives += [_end(w) for w in sorted(set(ends), key=lambda w: (-len(w.strip()), w))]
    return ClauseSplit(re.compile("|".join(alternatives)))


MIN_CLAUSE_CONTENT = 11  # a clause saying less (``clause_content``) adds no danger by example to a message
# that has another reading ("Meu marido me bate e tenho medo": not also thoughts of suicide); measured on our
# own dev messages, see ``SafetyRecogniser.decide``
# scripts whose one character (a Han character, a kana, a Hangul syllable) carries about what two letters do
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def clause_content(text: str) -> int:
    """How much a clause says, comparable across scripts: its letters, marks and digits, a Han character, kana
    or Hangul syllable counting two ("tenho medo" 9, "怖いです" 8, "무서워요" 8, "my husband hits me" 15)."""
    return sum(2 if _DENSE.match(c) else 1 for c in text if unicodedata.category(c)[0] in "LMN")
