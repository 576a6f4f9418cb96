"""How close a piece of a message is to each situation's examples and to the ordinary questions, in the piece's
own script (``Scores``), and the readings by example those closenesses allow: a situation whose examples are close
(``min_score``) and clear of the ordinary questions by its margin (``found``), a danger nearer than a reading
(``nearest_danger``), the whole message leaning towards a situation (``whole_leans``).

The thresholds are ``Thresholds`` (``bot/safety/found.py``); the recogniser holds one ``ExampleWeighing``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.safety.example_table import ExampleTable, Scores
from bot.safety.found import Found, Thresholds
from knowledge.situations import SituationCatalogue

__all__ = ["ExampleWeighing"]


@dataclass
class ExampleWeighing:
    catalogue: SituationCatalogue
    thresholds: Thresholds

    @staticmethod
    def best(scores: np.ndarray, rows: np.ndarray, script_mask: np.ndarray) -> float:
        """Best score among ``rows`` in the query's script (all rows when the script has none)."""
        if len(rows) == 0:
            return -1.0
        chosen = rows[script_mask[rows]] if script_mask[rows].any() else rows
        return float(scores[chosen].max())

    def top(self, scores: np.ndarray) -> float:
        """The mean of the ``top_k`` highest scores: one stray close example (the nearest text in a weak
        script) weighs less than several close ones."""
        k = self.thresholds.top_k
        if len(scores) > k:
            scores = np.partition(scores, len(scores) - k)[-k:]
        return float(scores.mean())

    def scores(self, scores: np.ndarray, script: str, table: ExampleTable) -> Scores:
        """The ordinary examples' and each situation's examples' scores, in ``script`` (in every script
        when the script has none of them)."""
        rows = table.in_script(script)
        other = self.top(scores[rows.others]) if len(rows.others) else -1.0
        best = np.full(len(table.names), -1.0, dtype=np.float32)
        filled = np.array([len(r) > 0 for r in rows.situations], dtype=bool)
        if len(rows.flat):
            best[filled] = np.maximum.reduceat(scores[rows.flat], rows.starts[filled])
        emergency = float(scores[rows.emergency].max()) if len(rows.emergency) else -1.0

        def near(situation: int) -> float:
            mine = rows.situations[situation]
            return self.top(scores[mine]) if len(mine) else -1.0

        return Scores(other, best, emergency, near)

    def found(self, scored: Scores, other: float, table: ExampleTable) -> list[Found]:
        """Situations whose examples are close (the best one at least ``min_score``) and, on average over
        the closest few, closer than the ordinary examples by the margin."""
        t = self.thresholds
        found = []
        for i, name in enumerate(table.names):
            situation = self.catalogue.situations.get(name)
            if situation is None:
                continue
            margin = t.immediate_margin if situation.immediate else t.margin
            if scored.best[i] >= t.min_score and scored.near(i) - other >= margin:
                found.append(Found(name, situation.urgency, float(scored.near(i)), "example", scored.emergency))
        if not found:
            return []
        top = max(f.score for f in found)
        return [f for f in found if f.score >= top - t.second_gap]

    def nearer_danger(self, scored: Scores, other: float, table: ExampleTable, score: float) -> bool:
        """Is an immediate danger nearer this piece than ``score`` and clear of the ordinary questions by the
        ordinary margin only (short of its own, ``immediate_margin``)?"""
        return bool(self.nearest_danger(scored, other, table, score))

    def nearest_danger(self, scored: Scores, other: float, table: ExampleTable, score: float) -> str:
        """The nearest immediate danger nearer this piece than ``score`` and clear of the ordinary questions by
        the ordinary margin, or ""."""
        t = self.thresholds
        best, nearest = "", score
        for i, name in enumerate(table.names):
            situation = self.catalogue.situations.get(name)
            if situation is None or not situation.immediate or scored.best[i] < t.min_score:
                continue
            near = scored.near(i)
            if near > nearest and near - other >= t.margin:
                best, nearest = name, float(near)
        return best

    def whole_leans(self, hit: Found, whole: Scores, table: ExampleTable) -> bool:
        """Is the whole message nearer ``hit``'s examples than the ordinary questions (by ``feeling_lean``)?
        "como saco la licencia de conducir? tengo miedo" is a question, not thoughts of suicide."""
        near = whole.near(table.names.index(hit.situation))
        return bool(near - whole.other >= self.thresholds.feeling_lean)

    @staticmethod
    def closeness(found: Found, whole: Scores | None, table: ExampleTable) -> float:
        if whole is None or found.situation not in table.names:
            return found.score
        return float(whole.near(table.names.index(found.situation)))
