"""The recogniser's weighing of one piece (``ExampleWeighing.scores``): the rows of each script are worked out
once per script and the closest few of a situation only when a decision reads them; every figure must be
the very float the per-message computation gave (the margins are 0.01 apart, the replies byte-identical)."""

import numpy as np
import pytest

from bot.safety.example_table import ExampleTable as _Table
from bot.safety.found import Thresholds
from bot.safety.weighing import ExampleWeighing
from knowledge.situations import load_situations

SCRIPTS = ("latin", "kana", "han", "thai")


def reference(scores: np.ndarray, script: str, table: _Table, top_k: int = 3):
    """The per-message computation as it was: a script mask over every row, then each situation in turn."""

    def top(values: np.ndarray) -> float:
        if len(values) > top_k:
            values = np.partition(values, len(values) - top_k)[-top_k:]
        return float(values.mean())

    mask = table.scripts == script
    others = table.other_rows
    others = others[mask[others]] if mask[others].any() else others
    other = top(scores[others]) if len(others) else -1.0
    best = np.full(len(table.names), -1.0, dtype=np.float32)
    near = np.full(len(table.names), -1.0, dtype=np.float32)
    rows, owner = table.situation_rows, table.situation_of
    in_script = mask[rows]
    for i in range(len(table.names)):
        mine = owner == i
        chosen = rows[mine & in_script] if (mine & in_script).any() else rows[mine]
        if len(chosen):
            best[i], near[i] = scores[chosen].max(), top(scores[chosen])
    rows = table.emergency_rows
    emergency = -1.0
    if len(rows):
        chosen = rows[mask[rows]] if mask[rows].any() else rows
        emergency = float(scores[chosen].max())
    return other, best, near, emergency


def table(seed: int, situations: int = 9, emergencies: bool = True) -> _Table:
    rng = np.random.default_rng(seed)
    size = 600
    kinds = rng.integers(0, 4, size)  # 0 passage, 1 situation example, 2 emergency example, 3 ordinary example
    if not emergencies:
        kinds[kinds == 2] = 3
    situation_rows = np.flatnonzero(kinds == 1)
    situation_of = rng.integers(0, situations, len(situation_rows))
    situation_of[:situations] = np.arange(situations)  # every situation has an example
    situation_of = rng.permutation(situation_of)  # a situation's rows are spread over the index
    emergency_rows = np.flatnonzero(kinds == 2)
    scripts = np.full(size, "", dtype="<U8")
    examples = kinds > 0
    # "thai" only among ordinary rows, "han" in no situation of the first three: the fallbacks to every row
    scripts[examples] = rng.choice(SCRIPTS[:3], int(examples.sum()))
    scripts[(kinds == 3) & (rng.random(size) < 0.2)] = "thai"
    scripts[situation_rows[situation_of < 3]] = "latin"
    return _Table(
        np.zeros((size, 4), dtype=np.float32),
        situation_rows,
        situation_of,
        tuple(f"s{i}" for i in range(situations)),
        emergency_rows,
        np.zeros(len(emergency_rows), dtype=np.int64),
        ("fire",),
        np.flatnonzero(kinds == 3),
        scripts,
    )


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("script", [*SCRIPTS, "cyrillic"])
def test_the_scores_of_a_piece_are_the_very_floats_of_the_per_message_computation(seed, script):
    tab = table(seed, emergencies=seed % 2 == 0)
    weigh = ExampleWeighing(load_situations(), Thresholds())
    rng = np.random.default_rng(100 + seed)
    for _ in range(5):
        scores = rng.uniform(-0.2, 1.0, len(tab.scripts)).astype(np.float32)
        scores[rng.integers(0, len(scores), 40)] = 0.9  # ties, as duplicate example texts give
        other, best, near, emergency = reference(scores, script, tab)
        scored = weigh.scores(scores, script, tab)
        assert scored.other == other and scored.emergency == emergency
        assert best.tobytes() == scored.best.tobytes()
        for i in range(len(tab.names)):
            assert scored.near(i) == near[i] and isinstance(scored.near(i), np.float32)
            assert scored.near(i) - 0.7 == near[i] - 0.7  # the margin is taken at the same precision


def test_the_rows_of_a_script_are_worked_out_once():
    tab = table(1)
    assert tab.in_script("kana") is tab.in_script("kana")
    assert tab.in_script("kana") is not tab.in_script("latin")
