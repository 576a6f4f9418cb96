"""Word substitutions aligned from SNOW T15 pairs (original → simplified), with the counts to judge them.

Both sentences are tokenised by Sudachi (split mode C, as the rewriter does); a ``difflib`` alignment of
the surfaces gives the replaced spans. A span of at most two original tokens replaced by at most three
simplified ones is one observation of ``word → easy``, each side written as its surfaces with the last
token in dictionary form (滅ぼさ → 滅ぼす; 到着 し → 到着する; 本当 の こと → 本当のこと). Particles at
the edges of a span are trimmed first (君 が → あなた は counts as 君 → あなた).

For every candidate the derivation also counts the sentences whose original contains the word at all
(same dictionary-form tokens), so ``consistency = replaced / seen`` says how reliably the simplifiers
made this change rather than keeping the word.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from bench.shared_data import SnowPair

__all__ = ["Token", "Candidate", "Tokenizer", "align_candidates", "word_form", "inflection_class"]

_EDGE_POS = {"助詞", "補助記号", "空白"}
MAX_WORD_TOKENS, MAX_EASY_TOKENS = 2, 3


@dataclass(frozen=True)
class Token:
    surface: str
    lemma: str
    pos: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """One ``word → easy`` substitution and its evidence in the pairs it was derived from."""

    word: str
    easy: str
    lemmas: tuple[str, ...]  # dictionary forms of the word's tokens (how the engine matches it)
    word_class: str  # inflection class of the word (see ``inflection_class``)
    easy_class: str  # … and of the easy side
    head_pos: tuple[str, ...]  # Sudachi part of speech of the word's first token
    replaced: int  # sentences where this exact substitution was made
    seen: int  # sentences whose original contains the word
    alternatives: int  # sentences where the word was replaced by something else

    @property
    def consistency(self) -> float:
        return self.replaced / self.seen if self.seen else 0.0


class Tokenizer:
    """Sudachi split mode C tokens (one tokenizer; single-threaded use)."""

    def __init__(self) -> None:
        from sudachipy import Dictionary, SplitMode

        self._tokenizer = Dictionary(dict="core").tokenizer()
        self._mode = SplitMode.C

    def reading(self, text: str) -> str:
        """Katakana reading of a short text."""
        return "".join(m.reading_form() for m in self._tokenizer.tokenize(text, self._mode))

    def __call__(self, text: str) -> list[Token]:
        return [
            Token(m.surface(), m.dictionary_form(), tuple(m.part_of_speech()))
            for m in self._tokenizer.tokenize(text, self._mode)
            if m.part_of_speech()[0] != "空白"
        ]


def word_form(tokens: list[Token]) -> str:
    """Surfaces with the last token in dictionary form: how a lexicon entry writes a span."""
    return "".join(t.surface for t in tokens[:-1]) + tokens[-1].lemma


def inflection_class(tokens: list[Token]) -> str:
    """verb / adjective / na-adjective / auxiliary by the last token (what conjugates), else "plain"."""
    last = tokens[-1]
    if last.pos[0] == "動詞":
        return "verb"
    if last.pos[0] == "形容詞":
        return "adjective"
    if last.pos[0] == "助動詞":
        return (
            "na-adjective" if last.lemma == "だ" and len(tokens) > 1 and tokens[-2].pos[0] == "形状詞" else "auxiliary"
        )
    return "plain"


def _trim(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and tokens[start].pos[0] in _EDGE_POS:
        start += 1
    while end > start and tokens[end - 1].pos[0] in _EDGE_POS:
        end -= 1
    return tokens[start:end]


def _replacements(original: list[Token], simplified: list[Token]) -> Iterable[tuple[list[Token], list[Token]]]:
    matcher = difflib.SequenceMatcher(
        None, [t.surface for t in original], [t.surface for t in simplified], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        word, easy = _trim(original[i1:i2]), _trim(simplified[j1:j2])
        if 0 < len(word) <= MAX_WORD_TOKENS and 0 < len(easy) <= MAX_EASY_TOKENS:
            yield word, easy


def _lemma_ngrams(lemmas: list[str]) -> set[tuple[str, ...]]:
    return {tuple(lemmas[i : i + n]) for n in range(1, MAX_WORD_TOKENS + 1) for i in range(len(lemmas) - n + 1)}


def align_candidates(pairs: list[SnowPair], tokenize: Tokenizer) -> list[Candidate]:
    """Every observed ``word → easy`` with its counts, most frequent first."""
    observed: Counter[tuple[str, str]] = Counter()
    detail: dict[tuple[str, str], tuple] = {}
    by_word: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    seen: Counter[tuple[str, ...]] = Counter()
    for pair in pairs:
        original, simplified = tokenize(pair.original), tokenize(pair.simplified)
        seen.update(_lemma_ngrams([t.lemma for t in original]))
        seen_here = set()
        for word_tokens, easy_tokens in _replacements(original, simplified):
            key = (word_form(word_tokens), word_form(easy_tokens))
            if key[0] == key[1] or key in seen_here:
                continue
            seen_here.add(key)
            lemmas = tuple(t.lemma for t in word_tokens)
            observed[key] += 1
            by_word[lemmas][key[1]] += 1
            detail.setdefault(
                key, (lemmas, inflection_class(word_tokens), inflection_class(easy_tokens), word_tokens[0].pos)
            )
    candidates = []
    for (word, easy), count in observed.items():
        lemmas, word_class, easy_class, head_pos = detail[(word, easy)]
        others = sum(by_word[lemmas].values()) - by_word[lemmas][easy]
        candidates.append(
            Candidate(word, easy, lemmas, word_class, easy_class, head_pos, count, max(seen[lemmas], count), others)
        )
    return sorted(candidates, key=lambda c: (-c.replaced, c.word, c.easy))
