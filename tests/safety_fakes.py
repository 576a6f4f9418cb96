"""A small example table for the safety recogniser's unit tests: its rows' scores are set by hand, no model."""

from __future__ import annotations

import numpy as np

from bot.safety.example_table import ExampleTable

__all__ = ["latin_table"]


def latin_table(names: tuple[str, ...]) -> ExampleTable:
    """Three rows per situation of ``names``, then three ordinary rows, all in Latin script."""
    rows = np.arange(3 * len(names))
    others = np.arange(len(rows), len(rows) + 3)
    size = len(rows) + len(others)
    return ExampleTable(
        np.zeros((size, 4), dtype=np.float32),
        rows,
        np.repeat(np.arange(len(names)), 3),
        names,
        np.zeros(0, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
        (),
        others,
        np.full(size, "latin", dtype="<U8"),
    )
