"""Hybrid retrieval over passages, example questions and intent examples, fused per topic.

A topic's dense score is the mean of its best passage similarity and the mean of its three best
example-question similarities (question against question is the sharper signal, and three agreeing
examples beat one lucky one; the passage keeps operator files and topics without examples in play).
Measured on tests/data/questions (16 languages): top-1 0.960 for this, 0.949 with the single best
question, 0.909 for questions alone. Intents (``intent:*``) score by their best example and are ranked
apart: a search returns the ``k`` best topics and the ``k`` best intents, so the many situation examples
never push every topic out (before, 3 of the 294 test questions and 8 of the 462 held-out ones found no
topic). The dense score is what thresholds compare against: it means the same for every question.

The lexical score (BM25 per language, plus the kana-reading index for Japanese; scaled to [0, 1] per
query) is added with weight ``lexical_weight``: matched against a topic's example questions in the
asker's language when it has them, else against its passages (the official files an operator loads).
Measured on tests/data/questions: matching the question against passages lowered top-1 accuracy
(0.939 → 0.914 at weight 0.03); against example questions it raised it (0.965 → 0.970 at 0.02, every
language ≥ 0.92), most for languages the model knows least (Burmese, Khmer); weights above 0.05 hurt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import faiss
import numpy as np

from knowledge.chunker import INTENT_PREFIX, Chunk
from knowledge.embedders import Embedder
from knowledge.kana_query import KanaVocabulary, is_kana_heavy, to_kanji, vocabulary_of
from knowledge.lexical import LexicalIndex
from knowledge.lru import LRU
from knowledge.marks import MarkVocabulary, fold
from knowledge.startup_cache import TableFolders

__all__ = ["TopicHit", "Retriever", "INTENT_PREFIX", "RECENT_SCORES", "bare"]

# Similarity rows kept per retriever: one turn scores the same vector in several steps (the safety check,
# the emergency and topic search, the parts of a long message); each row is one product over every chunk
# (~33 MB of vectors read, 2-7 ms on the development machine) and takes 4 bytes per chunk to keep.
RECENT_SCORES = 32
_SENTENCE_END = ".!?。！？"


def bare(text: str) -> str:
    """A text without its final sentence punctuation ("Where do I pay my tax?" → "Where do I pay my tax"): how
    the safety check reads a message's clauses, and how a part of a message is embedded for its search, so
    the one clause takes one vector for both (the text itself when nothing else is left)."""
    return text.strip().rstrip(_SENTENCE_END).strip() or text


@dataclass(frozen=True)
class TopicHit:
    topic_id: str
    score: float  # fused score used for ranking
    dense: float  # mean of best passage and best question similarity (intents: best example)
    lexical: float  # best scaled BM25 of the topic's chunks in the query language
    chunk: Chunk  # the best-matching chunk (any language, any kind)

    @property
    def is_intent(self) -> bool:
        return self.topic_id.startswith(INTENT_PREFIX)

    @property
    def intent(self) -> str:
        """The intent's name ("greet"), or "" for a guidebook topic."""
        return self.topic_id.removeprefix(INTENT_PREFIX) if self.is_intent else ""


def _rows(vectors: faiss.Index) -> np.ndarray:
    """The index's rows as a matrix: a read-only view of a flat index's own storage (the 21k x 384 rows are
    33 MB: a copy beside FAISS's doubled the process's vectors), else a copy."""
    if not vectors.ntotal:
        return np.zeros((0, 1), np.float32)
    if isinstance(vectors, faiss.IndexFlat):
        rows = np.asarray(_Storage(vectors))
        rows.flags.writeable = False
        return rows
    return vectors.reconstruct_n(0, vectors.ntotal)


class _Storage:
    """A flat index's rows as an array that keeps the index alive (the array's base is this object)."""

    def __init__(self, index: faiss.IndexFlat) -> None:
        self.index = index
        view = faiss.rev_swig_ptr(index.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
        self.__array_interface__ = view.__array_interface__


class Retriever:
    def __init__(
        self,
        chunks: Sequence[Chunk],
        vectors: faiss.Index,
        lexical: LexicalIndex,
        embedder: Embedder,
        lexical_weight: float = 0.02,
        tables: TableFolders | None = None,
    ) -> None:
        if vectors.ntotal != len(chunks):
            raise ValueError(f"index has {vectors.ntotal} vectors for {len(chunks)} chunks")
        self.chunks = list(chunks)
        self.vectors = vectors
        # FAISS is the stored index; scoring every row is one matrix product (~0.5 ms for 12k rows), cheaper
        # than FAISS's k-selection when every row is wanted
        self._matrix = _rows(vectors)
        self.lexical = lexical
        self.embedder = embedder
        self.lexical_weight = lexical_weight
        self.topic_ids = sorted({c.topic_id for c in self.chunks})
        index = {t: i for i, t in enumerate(self.topic_ids)}
        self._topic_of = np.array([index[c.topic_id] for c in self.chunks], dtype=np.int64)
        kinds = np.array([c.kind for c in self.chunks])
        self._passage = kinds == "passage"
        self._question = (kinds == "question") | (kinds == "intent")
        has_questions = np.zeros(len(self.topic_ids), dtype=bool)
        has_questions[self._topic_of[self._question]] = True
        self._has_questions = has_questions
        self._is_intent = np.array([t.startswith(INTENT_PREFIX) for t in self.topic_ids])
        self._kana_vocabulary: KanaVocabulary | None = None  # built on the first kana-only question
        self._folded = set(self.lexical.writings.folded_keys())
        self._mark_vocabularies: dict[str, MarkVocabulary] = {}  # per language, built on its first question
        self.tables = tables  # start-up tables: the kana vocabulary is read back from them when unchanged
        self._recent: LRU[np.ndarray] = LRU(RECENT_SCORES)

    def embed(self, query: str) -> np.ndarray:
        return self.embedder.embed_queries([query])[0]

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """The similarity of ``vector`` to every chunk (row order), read-only. The last ``RECENT_SCORES``
        are kept, keyed by the vector's bytes: the same vector gives the very same row, computed once."""
        vector = np.ascontiguousarray(vector, dtype=np.float32)
        key = vector.tobytes()
        known = self._recent.get(key)
        if known is not None:
            return known
        scores = self._matrix @ vector
        scores.flags.writeable = False  # shared by every caller of this vector
        self._recent.put(key, scores)
        return scores

    def score_many(self, vectors: np.ndarray) -> None:
        """Compute now, in one product, the similarities of several vectors ``scores`` has not kept (a
        message's whole, clauses and parts, embedded in one call): the 33 MB of rows are read once, not once
        per vector (three vectors: 24 ms as three products, 9 ms as one, here). ``scores`` then finds them."""
        rows = np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)
        todo = [row for row in rows if self._recent.get(row.tobytes()) is None]
        if len(todo) < 2:
            return
        products = self._matrix @ np.vstack(todo).T  # (rows, vectors): the fastest layout here (9 ms for three)
        for column, row in enumerate(todo):
            scores = np.ascontiguousarray(products[:, column])
            scores.flags.writeable = False  # shared by every caller of this vector
            self._recent.put(row.tobytes(), scores)

    def prepare(self) -> None:
        """Build now what the first kana-only question would otherwise build while its resident waits. (A
        language's mark vocabulary is built on its first question typed without marks: 0.1-0.4 s each, and
        seven of them would lengthen every start.)"""
        if self.lexical.japanese:
            self._vocabulary()

    def _best(self, scores: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per topic: best score among chunks in ``mask`` (-1 when none) and that chunk's row."""
        best = np.full(len(self.topic_ids), -1.0, dtype=np.float32)
        rows = np.full(len(self.topic_ids), -1, dtype=np.int64)
        selected = np.flatnonzero(mask)
        order = selected[np.argsort(scores[selected])]  # ascending: the last write per topic is the best
        best[self._topic_of[order]] = scores[order]
        rows[self._topic_of[order]] = order
        return best, rows

    def _top_mean(self, scores: np.ndarray, mask: np.ndarray, k: int, pool: int = 2000) -> np.ndarray:
        """Per topic: mean of its ``k`` best scores among chunks in ``mask`` (-1 when it has none).

        Only the ``pool`` best rows are considered: a topic with no example among them is far away anyway.
        """
        rows = np.flatnonzero(mask)
        if len(rows) > pool:
            rows = rows[np.argpartition(-scores[rows], pool)[:pool]]
        topics, values = self._topic_of[rows], scores[rows]
        order = np.lexsort((-values, topics))
        topics, values = topics[order], values[order]
        starts = np.r_[0, np.flatnonzero(np.diff(topics)) + 1]
        rank = np.arange(len(topics)) - np.repeat(starts, np.diff(np.r_[starts, len(topics)]))
        keep = rank < k
        count = np.bincount(topics[keep], minlength=len(self.topic_ids))
        total = np.bincount(topics[keep], weights=values[keep], minlength=len(self.topic_ids))
        return np.where(count > 0, total / np.maximum(count, 1), -1.0).astype(np.float32)

    def written(self, query: str, lang: str) -> str:
        """A kana-only Japanese question with the content's nouns written out (knowledge.kana_query); in a
        language often typed without diacritics (``fold_marks``), a question written wholly without marks
        with its words' usual marks (knowledge.marks: the model reads "isencao" as no word, "isenção" as the
        exemption); any other question as it is."""
        if lang in self._folded:
            return query if fold(query) != query else self._marks(lang).restore(query)
        if lang not in self.lexical.japanese or not is_kana_heavy(query):
            return query
        return to_kanji(query, self._vocabulary())

    def _marks(self, lang: str) -> MarkVocabulary:
        """The written forms of the language's texts: passages, example questions and intent examples (the
        questions carry the asked, inflected forms: "çocuğumu", "yazdırmak")."""
        if lang not in self._mark_vocabularies:
            self._mark_vocabularies[lang] = MarkVocabulary(c.text for c in self.chunks if c.lang == lang)
        return self._mark_vocabularies[lang]

    def _vocabulary(self) -> KanaVocabulary:
        if self._kana_vocabulary is None:
            self._kana_vocabulary = vocabulary_of(
                [c.text for c in self.chunks if c.lang in self.lexical.japanese], self.tables
            )
        return self._kana_vocabulary

    def part_text(self, query: str, lang: str) -> str:
        """The text embedded for one part of a message (``search_many``): written as ``search`` reads it,
        without its final punctuation (``bare``), the very text the safety check embeds for that clause."""
        return bare(self.written(query, lang))

    def search_many(self, queries: Sequence[str], lang: str, k: int = 5) -> list[list[TopicHit]]:
        """``search`` for several texts (the sentences of one message) with one batched embedding call; each
        embedded as ``part_text`` (its words matched as written)."""
        if not queries:
            return []
        vectors = self.embedder.embed_queries([self.part_text(q, lang) for q in queries])
        return [self.search(query, lang, k=k, vector=vector) for query, vector in zip(queries, vectors)]

    def search(self, query: str, lang: str, k: int = 5, vector: np.ndarray | None = None) -> list[TopicHit]:
        """The ``k`` best topics and the ``k`` best intents for a question, best first; ``vector`` is for
        ``search_many``, which embedded it."""
        if not self.chunks:
            return []
        vector = self.embed(self.written(query, lang)) if vector is None else vector
        scores = self.scores(vector)
        passage, passage_row = self._best(scores, self._passage)
        question, question_row = self._best(scores, self._question)
        examples = self._top_mean(scores, self._question, 3) if self._question.any() else question
        dense = np.where(self._is_intent, question, np.where(self._has_questions, (passage + examples) / 2, passage))
        lexical = np.zeros(len(self.topic_ids), dtype=np.float32)
        if self.lexical_weight:
            lexical_rows = self.lexical.scores(self.written(query, lang), lang)
            from_questions = np.maximum(self._best(lexical_rows, self._question & (lexical_rows > 0))[0], 0.0)
            from_passages = np.maximum(self._best(lexical_rows, self._passage & (lexical_rows > 0))[0], 0.0)
            lexical = np.where(self._has_questions, from_questions, from_passages)
        fused = dense + self.lexical_weight * lexical
        # the k best topics and, apart, the k best intents: the intents' many examples (situations in every
        # language) must not crowd the topics out of the k places
        order = np.argsort(-fused)
        kept = np.r_[order[~self._is_intent[order]][:k], order[self._is_intent[order]][:k]]
        hits = []
        for topic in kept[np.argsort(-fused[kept], kind="stable")]:
            row = passage_row[topic] if passage_row[topic] >= 0 else question_row[topic]
            if dense[topic] <= -1 or row < 0:
                continue
            hits.append(
                TopicHit(
                    self.topic_ids[topic],
                    float(fused[topic]),
                    float(dense[topic]),
                    float(lexical[topic]),
                    self.chunks[row],
                )
            )
        return hits
