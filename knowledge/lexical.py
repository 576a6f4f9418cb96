"""Lexical side of retrieval: one BM25 index per language, plus a kana-reading index over Japanese.

BM25+ (``BM25Plus`` below): its IDF stays positive when a language has only a few documents (an operator
may load two files), where Okapi BM25 gives a word found in half of them zero weight.

Tokens are computed once at build time and stored with the index, so loading needs no tokenizer run.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from dataclasses import dataclass

import numpy as np

from knowledge.chunker import Chunk
from knowledge.languages import Writings, packaged_writings
from knowledge.tokenizers import reading_ngrams, tokenizer_for

__all__ = ["LexicalIndex", "BM25Plus", "chunk_tokens"]


def chunk_tokens(chunk: Chunk, writings: Writings | None = None) -> dict[str, list[str]]:
    """Tokens stored per chunk: words for its language, and reading trigrams for Japanese."""
    writings = writings or packaged_writings()
    tokens = {"words": tokenizer_for(chunk.lang, writings)(chunk.text)}
    if chunk.lang in writings.japanese_keys():
        tokens["reading"] = reading_ngrams(chunk.text)
    return tokens


# -- BM25+ over an inverted index: scoring touches only the postings of the query's terms ---------------
# rank_bm25 scores by looking every term up in every document's dictionary, which costs milliseconds per
# query on a few thousand short documents in character-bigram languages (Thai, Khmer, Burmese); here the
# same formula (Lv & Zhai 2011: BM25 whose weight for a term present in a document is bounded below by
# ``delta``) runs on numpy postings. Documents without any query term score 0.
class BM25Plus:
    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75, delta: float = 1.0):
        self.size = len(corpus)
        # postings sorted by term, then document, counted in numpy (a Python loop over every document's
        # terms took over a second of each start-up for the ~24,000 indexed chunks)
        tokens = list(chain.from_iterable(corpus))
        vocabulary = {term: i for i, term in enumerate(dict.fromkeys(tokens))}  # ids in order of appearance
        token_terms = np.fromiter(map(vocabulary.__getitem__, tokens), dtype=np.int64, count=len(tokens))
        token_rows = np.repeat(np.arange(self.size, dtype=np.int64), [len(doc) for doc in corpus])
        postings, counts = np.unique(token_terms * max(self.size, 1) + token_rows, return_counts=True)
        self._vocabulary = vocabulary
        term_ids = postings // max(self.size, 1)
        self._rows = postings % max(self.size, 1)
        tf = counts.astype(np.float32)
        document_frequency = np.bincount(term_ids, minlength=len(vocabulary))
        self._offsets = np.concatenate([[0], np.cumsum(document_frequency)])
        lengths = np.array([len(doc) for doc in corpus], dtype=np.float32)
        norm = k1 * (1 - b + b * lengths / max(float(lengths.mean()) if self.size else 0.0, 1e-9))
        idf = np.log((self.size + 1) / np.maximum(document_frequency, 1)).astype(np.float32)
        term_of_posting = np.repeat(np.arange(len(vocabulary)), document_frequency)
        self._weights = idf[term_of_posting] * (delta + tf * (k1 + 1) / (norm[self._rows] + tf))

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        scores = np.zeros(self.size, dtype=np.float32)
        for term in query:
            term_id = self._vocabulary.get(term)
            if term_id is not None:
                start, end = self._offsets[term_id], self._offsets[term_id + 1]
                scores[self._rows[start:end]] += self._weights[start:end]  # rows are distinct per term
        return scores


@dataclass
class _Part:
    bm25: BM25Plus
    rows: np.ndarray  # chunk positions covered by this part


def _part(rows: list[int], docs: list[list[str]]) -> _Part | None:
    if not rows or not any(docs):
        return None
    return _Part(BM25Plus([d or ["\u0000"] for d in docs]), np.asarray(rows, dtype=np.int64))


class LexicalIndex:
    def __init__(
        self, tokens: Sequence[dict[str, list[str]] | None], langs: Sequence[str], writings: Writings | None = None
    ) -> None:
        """``tokens[i]`` is None for chunks that are not indexed lexically (example questions, intents)."""
        self.writings = writings or packaged_writings()
        self.japanese = self.writings.japanese_keys()
        self.size = len(tokens)
        self._parts: dict[str, _Part] = {}
        indexed = {row: t for row, t in enumerate(tokens) if t is not None}
        by_lang: dict[str, list[int]] = {}
        for row in indexed:
            by_lang.setdefault(langs[row], []).append(row)
        for lang, rows in by_lang.items():
            part = _part(rows, [indexed[r]["words"] for r in rows])
            if part:
                self._parts[lang] = part
        japanese = [r for r in indexed if langs[r] in self.japanese]
        self._kana = _part(japanese, [indexed[r].get("reading", []) for r in japanese])

    def _scores(self, part: _Part | None, query_tokens: list[str]) -> np.ndarray:
        scores = np.zeros(self.size, dtype=np.float32)
        if part is not None and query_tokens:
            scores[part.rows] = part.bm25.get_scores(query_tokens)
        return scores

    def scores(self, query: str, lang: str) -> np.ndarray:
        """BM25 scores over all chunks (zero outside the query's language), each part scaled to [0, 1]."""
        langs = self.japanese if lang in self.japanese else (lang,)
        total = np.zeros(self.size, dtype=np.float32)
        for name in langs:
            query_tokens = tokenizer_for(name, self.writings)(query)
            total = np.maximum(total, _unit(self._scores(self._parts.get(name), query_tokens)))
        if lang in self.japanese:
            total = np.maximum(total, _unit(self._scores(self._kana, reading_ngrams(query))))
        return total


def _unit(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores
