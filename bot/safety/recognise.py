"""Which catalogued situations a message is about, and on what evidence.

Evidence is either a cue phrase (``translations/<lang>/situations.yaml``) or the situation's examples
(``training_data/data/nlu/situations/<lang>.yml``, indexed with the intents): the best example of the
situation *in the query's own script* must be close (``min_score``) and at least ``margin`` closer than
the best ordinary example (topic questions and other intents) in that script. Immediate-danger situations
need a larger margin by example, since a false "call 110" is harm too (issue 13, item 4). The same test
gates the emergency intents (``emergency_evidence``): kana-only and romaji questions otherwise land on
whichever emergency example happens to share their script.

Messages of several sentences are also read sentence by sentence (one batched embedding call), so "my
employer took my passport. and no salary for 3 months" finds both problems. A ``not_cues`` phrase in a
sentence rules its situation out as that sentence's reading by example ("my visa expires next month" is
near "my visa expired last month", but no overstay); a cue phrase still counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bot.safety.scripts import SCRIPTS, script_of
from bot.safety.texts import SafetyTexts
from knowledge.chunker import INTENT_PREFIX
from knowledge.retriever import Retriever
from knowledge.situations import SITUATION_INTENT, SituationCatalogue

__all__ = ["Found", "Recognition", "SafetyRecogniser", "Thresholds"]

EMERGENCY_INTENT = "emergency_"


@dataclass(frozen=True)
class Found:
    situation: str
    urgency: str
    score: float  # best example similarity in the query's script (1.0 for a cue)
    evidence: str  # "cue" or "example"
    emergency: float = -1.0  # by example: the best emergency example (fire, police …) in the same piece

    @property
    def immediate(self) -> bool:
        return self.urgency == "immediate"


@dataclass(frozen=True)
class Recognition:
    found: tuple[Found, ...] = ()  # immediate danger first, then the rest best first

    @property
    def immediate(self) -> Found | None:
        return next((f for f in self.found if f.immediate), None)

    @property
    def several(self) -> bool:
        return len(self.found) >= 2

    @property
    def ids(self) -> list[str]:
        return [f.situation for f in self.found]

    def __bool__(self) -> bool:
        return bool(self.found)


@dataclass(frozen=True)
class Thresholds:
    # tuned on the project's own data only (leave-one-out over the situation examples against the example
    # questions of knowledge/questions with their kana forms; var/ script, never the held-out sets):
    # min 0.84 / margin 0.02 / immediate 0.02 kept ordinary questions near 2 % and immediate false alarms at 1 in 500
    min_score: float = 0.84  # a situation example at least this close
    margin: float = 0.02  # … and this much closer than any ordinary example in the script
    immediate_margin: float = 0.02  # immediate danger by example alone (a false "call 110" is harm too)
    second_gap: float = 0.03  # another situation counts too when within this of the best one
    cue_slack: float = 0.03  # a cue for a non-immediate situation stands unless a topic is this much closer
    emergency_min: float = 0.9  # an emergency intent example (fire, ambulance …) at least this close
    emergency_margin: float = 0.04  # … and this much closer than any topic example in the script
    clauses: int = 6  # clauses of a long message read on their own (a sentence each, or "and"-joined parts)


@dataclass(frozen=True)
class _Table:
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


def _table(retriever: Retriever) -> _Table:
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
    return _Table(matrix, s_rows, s_of, s_names, e_rows, e_of, e_names, np.array(other, dtype=np.int64), scripts)


_CLAUSES = re.compile(
    r"[.!?。！？\n,，、;；]+|\s(?:and|also|but|plus|y|pero|e|mas|và|nhưng|dan|tapi|at|pero|ve|ama|і|та|а також)\s"
    r"|(?<=[てで])(?:、|\s)|けど|けれど|し、"
)


def _sentences(text: str) -> list[str]:
    """The message's sentences and clauses ("took my passport, and no salary for 3 months")."""
    parts = [p.strip() for p in _CLAUSES.split(text) if p and p.strip()]
    return [p for p in parts if len(p) >= 6]


class SafetyRecogniser:
    def __init__(
        self,
        catalogue: SituationCatalogue,
        texts: SafetyTexts,
        retriever: Callable[[], Retriever],
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        self.catalogue = catalogue
        self.texts = texts
        self._retriever = retriever
        self.thresholds = thresholds
        self._cached: tuple[int, _Table] | None = None

    def table(self) -> tuple[Retriever, _Table]:
        retriever = self._retriever()
        cached = self._cached
        if cached is None or cached[0] != id(retriever):
            cached = (id(retriever), _table(retriever))
            self._cached = cached
        return retriever, cached[1]

    # -- the scores -------------------------------------------------------------------------------
    @staticmethod
    def _best(scores: np.ndarray, rows: np.ndarray, script_mask: np.ndarray) -> float:
        """Best score among ``rows`` in the query's script (all rows when the script has none)."""
        if len(rows) == 0:
            return -1.0
        chosen = rows[script_mask[rows]] if script_mask[rows].any() else rows
        return float(scores[chosen].max())

    def _per_name(
        self, scores: np.ndarray, rows: np.ndarray, owner: np.ndarray, count: int, script_mask: np.ndarray
    ) -> np.ndarray:
        best = np.full(count, -1.0, dtype=np.float32)
        if len(rows) == 0:
            return best
        in_script = script_mask[rows]
        for i in range(count):
            mine = owner == i
            chosen = rows[mine & in_script] if (mine & in_script).any() else rows[mine]
            best[i] = scores[chosen].max()
        return best

    def _scores(self, vector: np.ndarray, script: str, table: _Table) -> tuple[float, float, np.ndarray]:
        """The best ordinary example, the best emergency example and each situation's best example, in
        ``script``."""
        scores = table.matrix @ np.asarray(vector, dtype=np.float32)
        mask = table.scripts == script
        other = self._best(scores, table.other_rows, mask)
        emergency = self._best(scores, table.emergency_rows, mask)
        return (
            other,
            emergency,
            self._per_name(scores, table.situation_rows, table.situation_of, len(table.names), mask),
        )

    def _by_example(self, other: float, emergency: float, best: np.ndarray, table: _Table) -> list[Found]:
        t = self.thresholds
        found = []
        for i, name in enumerate(table.names):
            situation = self.catalogue.situations.get(name)
            if situation is None:
                continue
            margin = t.immediate_margin if situation.immediate else t.margin
            if best[i] >= t.min_score and best[i] - other >= margin:
                found.append(Found(name, situation.urgency, float(best[i]), "example", emergency))
        if not found:
            return []
        top = max(f.score for f in found)
        return [f for f in found if f.score >= top - t.second_gap]

    # -- the answers ------------------------------------------------------------------------------
    def recognise(self, text: str) -> Recognition:
        if not text.strip():
            return Recognition()
        found: dict[str, Found] = {}
        retriever, table = self.table()
        whole: tuple[float, np.ndarray] | None = None
        if len(table.situation_rows):
            whole_text = text.strip().rstrip(".!?。！？")
            pieces = [text] + [s for s in _sentences(text) if s != whole_text][: self.thresholds.clauses]
            vectors = retriever.embedder.embed_queries(pieces)
            for piece, vector in zip(pieces, vectors):
                other, emergency, best = self._scores(vector, script_of(piece), table)
                whole = whole or (other, best)
                other = max(other, whole[0])  # a clause must also beat the whole message's best topic:
                # "I lost my job, can I get unemployment benefits?" is a question about benefits
                ruled_out = set(self.texts.ruled_out(piece))  # "my visa expires next month": no overstay
                for hit in self._by_example(other, emergency, best, table):
                    if hit.situation not in ruled_out:
                        found.setdefault(hit.situation, hit)
        for situation_id in self.texts.cue_hits(text):
            situation = self.catalogue.situations.get(situation_id)
            if situation is None or situation_id in found:
                continue
            if not situation.immediate and whole is not None and situation_id in table.names:
                other, best = whole  # an ordinary question that names a hard word stays a question
                if other - best[table.names.index(situation_id)] > self.thresholds.cue_slack:
                    continue
            found[situation_id] = Found(situation_id, situation.urgency, 1.0, "cue")
        ranked = sorted(found.values(), key=lambda f: (0 if f.immediate else 1, -f.score))
        return Recognition(tuple(ranked))

    def emergency_evidence(self, text: str, kind: str, vector: np.ndarray | None = None) -> bool:
        """May an emergency intent (``emergency_<kind>``) stand for this message? Only when its example in
        the message's own script is close and clearly closer than any topic example in that script."""
        retriever, table = self.table()
        if not len(table.emergency_rows) or kind not in table.emergency_names:
            return False
        vector = retriever.embedder.embed_queries([text])[0] if vector is None else vector
        scores = table.matrix @ np.asarray(vector, dtype=np.float32)
        mask = table.scripts == script_of(text)
        mine = table.emergency_rows[table.emergency_of == table.emergency_names.index(kind)]
        best = self._best(scores, mine, mask)
        other = self._best(scores, table.other_rows, mask)
        return best >= self.thresholds.emergency_min and best - other >= self.thresholds.emergency_margin
