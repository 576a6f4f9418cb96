"""Intents (greetings, emergencies, the situation examples in every language) are searched with the topics,
but however many of them come close, they never push the guidebook topics out of a search."""

import faiss
import numpy as np

from knowledge.chunker import INTENT_PREFIX, Chunk
from knowledge.embedders import FakeEmbedder
from knowledge.lexical import LexicalIndex
from knowledge.retriever import Retriever

QUESTION = "I was beaten at the station last night, where can I get help?"


def chunk(topic: str, text: str, kind: str) -> Chunk:
    return Chunk(f"{topic}-{text}", topic, "en", "10-emergencies", "Emergencies", topic, text, kind=kind)


def retriever(situations: int) -> Retriever:
    chunks = [
        chunk("crime-victims", "Help for crime victims: call the police, victim support centres", "passage"),
        chunk("crime-victims", "I was hit on the street, where can I get help?", "question"),
        chunk("garbage", "Sort garbage and put it out in the morning", "passage"),
    ]
    # situation examples worded almost like the question, one intent each
    chunks += [
        chunk(f"{INTENT_PREFIX}situation_{i}", f"I was beaten at the station last night {i}", "intent")
        for i in range(situations)
    ]
    embedder = FakeEmbedder()
    vectors = faiss.IndexFlatIP(embedder.dim)
    vectors.add(np.asarray(embedder.embed_passages([c.text for c in chunks]), dtype=np.float32))
    lexical = LexicalIndex([None] * len(chunks), [c.lang for c in chunks])
    return Retriever(chunks, vectors, lexical, embedder, lexical_weight=0.0)


def test_many_close_intents_leave_the_topics_in_the_search():
    hits = retriever(situations=12).search(QUESTION, "en", k=5)
    topics = [h.topic_id for h in hits if not h.is_intent]
    intents = [h for h in hits if h.is_intent]
    assert topics and topics[0] == "crime-victims"
    assert intents and intents[0].score > hits[[h.topic_id for h in hits].index("crime-victims")].score
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_k_counts_topics_and_intents_apart():
    hits = retriever(situations=12).search(QUESTION, "en", k=2)
    assert sum(not h.is_intent for h in hits) == 2 and sum(h.is_intent for h in hits) == 2


def test_several_vectors_are_scored_in_one_product_and_kept_for_their_searches():
    # a message's whole, clauses and parts (bot/safety/recognise.py): one read of the rows, then each
    # search finds its vector's similarities kept
    found = retriever(situations=2)
    texts = [QUESTION, "where can I get help", "Sort garbage"]
    vectors = found.embedder.embed_queries(texts)
    found.score_many(vectors)
    for text, vector in zip(texts, vectors):
        kept = found.scores(found.embed(text))
        assert kept is found.scores(vector)
        assert np.allclose(kept, found._matrix @ vector, atol=1e-6)
    fresh = retriever(situations=2).search(QUESTION, "en", k=3)
    assert [(h.topic_id, round(h.score, 5)) for h in found.search(QUESTION, "en", k=3)] == [
        (h.topic_id, round(h.score, 5)) for h in fresh
    ]
