"""The safety recogniser's weighing of one piece (``SafetyRecogniser._scores``) with the example rows of each
script worked out once (``_Table.chosen``): the very figures the per-call masks gave, bit for bit."""

import numpy as np
import pytest

from bot.safety.recognise import SafetyRecogniser, Thresholds, _Table


def _table(rng: np.random.Generator) -> _Table:
    rows = 400
    scripts = np.array(["latin", "kana", "thai", ""], dtype="<U8")[rng.integers(0, 4, rows)]
    order = rng.permutation(rows)
    situation_rows = np.sort(order[:150])
    emergency_rows = np.sort(order[150:190])
    other_rows = np.sort(order[190:360])
    scripts[order[360:]] = ""  # passages: no script
    scripts[situation_rows[rng.integers(0, 150, 20)]] = "khmer"  # a script with few examples
    return _Table(
        matrix=np.zeros((rows, 4), np.float32),
        situation_rows=situation_rows,
        situation_of=rng.integers(0, 6, len(situation_rows)),
        names=("a", "b", "c", "d", "e", "f"),
        emergency_rows=emergency_rows,
        emergency_of=rng.integers(0, 3, len(emergency_rows)),
        emergency_names=("fire", "police", "sea"),
        other_rows=other_rows,
        scripts=scripts,
    )


def _reference(recogniser: SafetyRecogniser, scores: np.ndarray, script: str, table: _Table):
    """The weighing as it was written before the rows were kept per script."""
    mask = table.scripts == script
    others = table.other_rows
    others = others[mask[others]] if mask[others].any() else others
    other = recogniser._top(scores[others]) if len(others) else -1.0
    count = len(table.names)
    best = np.full(count, -1.0, dtype=np.float32)
    near = np.full(count, -1.0, dtype=np.float32)
    rows, owner = table.situation_rows, table.situation_of
    in_script = mask[rows]
    for i in range(count):
        mine = owner == i
        chosen = rows[mine & in_script] if (mine & in_script).any() else rows[mine]
        if len(chosen):
            best[i], near[i] = scores[chosen].max(), recogniser._top(scores[chosen])
    return other, best, near, recogniser._best(scores, table.emergency_rows, mask)


@pytest.mark.parametrize("seed", range(5))
def test_the_rows_kept_per_script_weigh_a_piece_bit_for_bit_as_before(seed):
    rng = np.random.default_rng(seed)
    table = _table(rng)
    recogniser = SafetyRecogniser.__new__(SafetyRecogniser)
    recogniser.thresholds = Thresholds()
    for script in ("latin", "kana", "thai", "khmer", "cyrillic", ""):
        for _ in range(3):
            scores = rng.uniform(-0.2, 1.0, len(table.scripts)).astype(np.float32)
            got = recogniser._scores(scores, script, table)
            other, best, near, emergency = _reference(recogniser, scores, script, table)
            assert got.other == other and got.emergency == emergency
            assert got.best.tobytes() == best.tobytes() and got.near.tobytes() == near.tobytes()
    assert set(table.by_script) == {"latin", "kana", "thai", "khmer", "cyrillic", ""}  # worked out once each
