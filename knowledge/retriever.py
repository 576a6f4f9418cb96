"""Hybrid retrieval: dense (FAISS, cross-lingual) + lexical (BM25 / kana reading), fused per topic.

The dense score carries the confidence (it is comparable across questions); the lexical score only
re-orders close candidates, weighted by ``lexical_weight``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import faiss
import numpy as np

from knowledge.chunker import Chunk
from knowledge.embedders import Embedder
from knowledge.lexical import LexicalIndex

__all__ = ["TopicHit", "Retriever"]


@dataclass(frozen=True)
class TopicHit:
    topic_id: str
    score: float        # fused score used for ranking
    dense: float        # best cosine similarity of any chunk of the topic, in any language
    lexical: float      # best scaled BM25 of the topic's chunks in the query language
    chunk: Chunk        # the best-matching chunk (any language)


class Retriever:
    def __init__(
        self,
        chunks: Sequence[Chunk],
        vectors: faiss.Index,
        lexical: LexicalIndex,
        embedder: Embedder,
        lexical_weight: float = 0.08,
        candidates: int = 64,
    ) -> None:
        if vectors.ntotal != len(chunks):
            raise ValueError(f"index has {vectors.ntotal} vectors for {len(chunks)} chunks")
        self.chunks = list(chunks)
        self.vectors = vectors
        self.lexical = lexical
        self.embedder = embedder
        self.lexical_weight = lexical_weight
        self.candidates = min(candidates, len(self.chunks))
        self.topic_ids = sorted({c.topic_id for c in self.chunks})

    def embed(self, query: str) -> np.ndarray:
        return self.embedder.embed_queries([query])[0]

    def search(self, query: str, lang: str, k: int = 5, vector: np.ndarray | None = None) -> list[TopicHit]:
        """Best topics for a question; pass ``vector`` when the caller already embedded it."""
        if not self.chunks:
            return []
        vector = self.embed(query) if vector is None else vector
        sims, rows = self.vectors.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), self.candidates)
        lexical = self.lexical.scores(query, lang)
        dense: dict[str, tuple[float, int]] = {}
        for sim, row in zip(sims[0], rows[0]):
            if row < 0:
                continue
            topic = self.chunks[row].topic_id
            if topic not in dense or sim > dense[topic][0]:
                dense[topic] = (float(sim), int(row))
        best_lex: dict[str, float] = {}
        for row in np.flatnonzero(lexical):
            topic = self.chunks[row].topic_id
            best_lex[topic] = max(best_lex.get(topic, 0.0), float(lexical[row]))
        hits = []
        for topic, (sim, row) in dense.items():
            lex = best_lex.get(topic, 0.0)
            hits.append(TopicHit(topic, sim + self.lexical_weight * lex, sim, lex, self.chunks[row]))
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits[:k]
