"""The lexical index's BM25+ (built from postings counted in numpy, issue 16) scores every document as the
formula says: a word's weight in a document, for each query word the document contains."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from knowledge.lexical import BM25Plus


def formula(corpus: list[list[str]], query: list[str], k1=1.5, b=0.75, delta=1.0) -> list[float]:
    average = sum(map(len, corpus)) / len(corpus)
    frequency = {word: sum(word in doc for doc in corpus) for word in query}
    scores = []
    for doc in corpus:
        score = 0.0
        for word in query:
            tf = doc.count(word)
            if tf:
                idf = math.log((len(corpus) + 1) / frequency[word])
                score += idf * (delta + tf * (k1 + 1) / (k1 * (1 - b + b * len(doc) / average) + tf))
        scores.append(score)
    return scores


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_follow_the_formula_for_every_document(seed):
    rng = random.Random(seed)
    words = [f"w{i}" for i in range(40)]
    corpus = [[rng.choice(words[: rng.randint(3, 40)]) for _ in range(rng.randint(1, 30))] for _ in range(60)]
    index = BM25Plus(corpus)
    for query in (rng.sample(words, 3), [corpus[5][0], corpus[5][0]], ["unknown", corpus[0][0]]):
        assert np.allclose(index.get_scores(query), formula(corpus, query), rtol=1e-5)


def test_a_word_in_one_document_scores_only_that_document():
    index = BM25Plus([["residence", "card"], ["garbage", "day"], ["card", "lost", "card"]])
    scores = index.get_scores(["garbage"])
    assert scores[1] > 0 and scores[0] == scores[2] == 0
    assert index.get_scores(["card"])[2] > index.get_scores(["card"])[0] > 0  # said twice in a shorter share
