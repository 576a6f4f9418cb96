"""The examples the safety recogniser weighs a message against (issue 13): per index, the rows of the
situation, emergency and ordinary examples and each row's script, worked out once; per script, the rows a
message in that script is compared with; per piece of a message, the scores read by the decisions
(``bot/safety/recognise.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from bot.safety.scripts import SCRIPTS, script_of
from knowledge.chunker import INTENT_PREFIX
from knowledge.retriever import Retriever
from knowledge.situations import SITUATION_INTENT

__all__ = ["EMERGENCY_INTENT", "ExampleTable", "InScript", "Scores", "example_table"]

EMERGENCY_INTENT = "emergency_"


class Scores:
    """One piece of a message against the examples of its script. Each situation's closest example is
    worked out for all situations at once; the mean of its closest ``top_k`` (``near``) only for the few
    situations a decision reads it for (the closest example at least ``min_score``, a cue's situation)."""

    def __init__(self, other: float, best: np.ndarray, emergency: float, near: Callable[[int], float]) -> None:
        self.other = other  # the ordinary examples (topic questions, other intents): mean of the closest ``top_k``
        self.best = best  # per situation: its closest example
        self.emergency = emergency  # the closest emergency example (fire, police …)
        self._near = near
        self._known: dict[int, np.float32] = {}

    def near(self, situation: int) -> np.float32:
        """The mean of the situation's closest ``top_k`` examples (as float32, as the per-situation array held
        it before it was worked out lazily: the margins are compared at that precision)."""
        known = self._known.get(situation)
        if known is None:
            known = self._known[situation] = np.float32(self._near(situation))
        return known


@dataclass(frozen=True)
class InScript:
    """The example rows a message in one script is weighed against: those in its script, or all of a kind
    when the script has none (worked out once per script, not per message)."""

    others: np.ndarray  # the ordinary examples
    situations: tuple[np.ndarray, ...]  # per situation
    flat: np.ndarray  # ``situations`` end to end, for the closest example of each in one pass
    starts: np.ndarray  # where each situation's rows begin in ``flat``
    emergency: np.ndarray


@dataclass(frozen=True)
class ExampleTable:
    """Per index: the example rows the recogniser compares, and each row's script."""

    matrix: np.ndarray
    situation_rows: np.ndarray
    situation_of: np.ndarray  # index into ``names`` per situation row
    names: tuple[str, ...]
    emergency_rows: np.ndarray
    emergency_of: np.ndarray
    emergency_names: tuple[str, ...]
    other_rows: np.ndarray  # topic example questions and non-situation, non-emergency intents
    scripts: np.ndarray  # script per chunk row ("" for rows that are not examples)
    by_script: dict[str, InScript] = field(default_factory=dict, compare=False, repr=False)  # see ``in_script``

    def in_script(self, script: str) -> InScript:
        """The rows a message in ``script`` is weighed against (kept per script: a pure function of the table)."""
        known = self.by_script.get(script)
        if known is None:
            known = self.by_script[script] = self._in_script(script)
        return known

    def _in_script(self, script: str) -> InScript:
        mask = self.scripts == script

        def chosen(rows: np.ndarray) -> np.ndarray:
            return rows[mask[rows]] if mask[rows].any() else rows

        rows, owner = self.situation_rows, self.situation_of
        in_script = mask[rows]
        situations = []
        for i in range(len(self.names)):
            mine = owner == i
            situations.append(rows[mine & in_script] if (mine & in_script).any() else rows[mine])
        sizes = np.array([len(r) for r in situations], dtype=np.int64)
        flat = np.concatenate(situations) if situations else np.zeros(0, dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64) if situations else flat
        return InScript(chosen(self.other_rows), tuple(situations), flat, starts, chosen(self.emergency_rows))


def _rows_by_name(chunks, prefix: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    names: list[str] = []
    rows, owner = [], []
    for row, chunk in enumerate(chunks):
        if chunk.topic_id.startswith(INTENT_PREFIX + prefix):
            name = chunk.topic_id.removeprefix(INTENT_PREFIX + prefix)
            if name not in names:
                names.append(name)
            rows.append(row)
            owner.append(names.index(name))
    return np.array(rows, dtype=np.int64), np.array(owner, dtype=np.int64), tuple(names)


def example_table(retriever: Retriever) -> ExampleTable:
    chunks = retriever.chunks
    matrix = getattr(retriever, "_matrix", None)
    if matrix is None:
        matrix = retriever.vectors.reconstruct_n(0, retriever.vectors.ntotal)
    s_rows, s_of, s_names = _rows_by_name(chunks, SITUATION_INTENT)
    e_rows, e_of, e_names = _rows_by_name(chunks, EMERGENCY_INTENT)
    other = [
        i
        for i, c in enumerate(chunks)
        if c.kind in {"question", "intent"}
        and not c.topic_id.startswith((INTENT_PREFIX + SITUATION_INTENT, INTENT_PREFIX + EMERGENCY_INTENT))
    ]
    # the script of the example rows only (the masks are applied to them alone): the guidebook passages,
    # most of the index, are long, and reading them all held up the first message by seconds
    scripts = np.full(len(chunks), "", dtype=f"<U{max(map(len, SCRIPTS))}")
    for row in np.concatenate([s_rows, e_rows, np.array(other, dtype=np.int64)]):
        scripts[row] = script_of(chunks[row].text)
    return ExampleTable(matrix, s_rows, s_of, s_names, e_rows, e_of, e_names, np.array(other, dtype=np.int64), scripts)
