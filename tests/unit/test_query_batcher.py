"""Concurrent live questions share engine calls, and every caller gets its own row back."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from knowledge.query_batcher import QueryBatcher


class SlowEngine:
    """Rows encode the text's length; each call takes a while, like the real model, and is recorded."""

    def __init__(self, delay: float = 0.02) -> None:
        self.delay = delay
        self.batches: list[list[str]] = []
        self.active = 0
        self.most_active = 0
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.batches.append(list(texts))
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        time.sleep(self.delay)
        with self._lock:
            self.active -= 1
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_each_caller_gets_the_row_of_its_own_text():
    engine = SlowEngine()
    batcher = QueryBatcher(engine, lanes=2, max_batch=4)
    texts = ["a" * n for n in range(1, 25)]
    with ThreadPoolExecutor(8) as pool:
        rows = list(pool.map(lambda t: batcher([t]), texts))
    assert [int(r[0, 0]) for r in rows] == list(range(1, 25))


def test_concurrent_questions_share_calls_and_never_exceed_the_lanes():
    engine = SlowEngine()
    batcher = QueryBatcher(engine, lanes=2, max_batch=4)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: batcher([f"question {i}"]), range(32)))
    assert engine.most_active <= 2
    assert len(engine.batches) < 32  # some calls carried several questions
    assert max(len(b) for b in engine.batches) <= 4
    assert sorted(t for b in engine.batches for t in b) == sorted(f"question {i}" for i in range(32))


def test_a_lone_question_is_one_call_of_one_text():
    engine = SlowEngine(delay=0)
    batcher = QueryBatcher(engine, lanes=2)
    assert batcher(["alone"]).shape == (1, 2)
    assert engine.batches == [["alone"]]


def test_one_message_of_three_texts_is_shared_between_the_two_lanes():
    # a message and its two clauses: one lane must not take all three while the other idles
    engine = SlowEngine(delay=0.05)
    batcher = QueryBatcher(engine, lanes=2, max_batch=4)
    rows = batcher(["one", "three", "fifteen letters"])
    assert [int(r[0]) for r in rows] == [3, 5, 15]
    assert sorted(len(b) for b in engine.batches) == [1, 2]


def test_a_long_message_takes_one_lane_and_its_clauses_the_other():
    # the engine costs about a text's length: the whole message is as long as its clauses together
    engine = SlowEngine(delay=0.05)
    batcher = QueryBatcher(engine, lanes=2, max_batch=4)
    clauses = ["I moved to Osaka last week", "where do I register", "and do I need a new card"]
    batcher([" ".join(clauses), *clauses])
    assert [" ".join(clauses)] in engine.batches
    assert sorted(t for b in engine.batches for t in b) == sorted([" ".join(clauses), *clauses])


def test_several_texts_from_one_caller_keep_their_order():
    batcher = QueryBatcher(SlowEngine(delay=0), lanes=2, max_batch=2)
    rows = batcher(["x", "xxx", "xx", "xxxxx", "xxxx"])
    assert rows[:, 0].tolist() == [1, 3, 2, 5, 4]


def test_an_engine_error_reaches_the_caller_and_the_lane_survives():
    calls = []

    def flaky(texts):
        calls.append(texts)
        if len(calls) == 1:
            raise RuntimeError("engine failed")
        return np.ones((len(texts), 2), dtype=np.float32)

    batcher = QueryBatcher(flaky, lanes=1)
    with pytest.raises(RuntimeError, match="engine failed"):
        batcher(["first"])
    assert batcher(["second"]).shape == (1, 2)


@pytest.mark.parametrize("lanes, max_batch", [(0, 4), (2, 0)])
def test_nonsense_sizes_are_refused(lanes, max_batch):
    with pytest.raises(ValueError):
        QueryBatcher(SlowEngine(), lanes=lanes, max_batch=max_batch)


def test_a_text_read_again_in_the_same_turn_is_not_embedded_again():
    engine = SlowEngine(delay=0)
    batcher = QueryBatcher(engine, lanes=1, remember=2)
    first = batcher(["where is the office?"])
    again = batcher(["where is the office?", "a new question"])
    assert engine.batches == [["where is the office?"], ["a new question"]]
    assert np.array_equal(first[0], again[0])
    batcher(["third"])  # only the last two texts are remembered
    batcher(["where is the office?"])
    assert engine.batches[-1] == ["where is the office?"]


def test_a_message_of_many_texts_is_split_evenly_between_the_free_lanes():
    # a long message, its clauses and its parts (bot/safety/recognise.py): each lane's texts cost about the
    # same, so the message waits for half its characters, not for one lane taking the longest texts first
    engine = SlowEngine(delay=0.05)
    batcher = QueryBatcher(engine, lanes=2, max_batch=8)
    whole = "w" * 60
    texts = [whole, *(f"{n}" * 10 for n in range(6)), *(f"{n}" * 20 for n in "abc")]
    rows = batcher(texts)
    assert [int(r[0]) for r in rows] == [len(t) for t in texts]
    loads = sorted(sum(map(len, batch)) for batch in engine.batches)
    assert len(engine.batches) == 2 and loads[-1] - loads[0] <= 10
    assert any(whole in batch for batch in engine.batches)
