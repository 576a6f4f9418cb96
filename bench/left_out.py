"""Leave-one-out over our own example questions: which rows a left-out example's search must not see."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

__all__ = ["left_out_rows"]


def left_out_rows(chunks, translations: bool = True) -> dict[int, np.ndarray]:
    """Per example question row: the rows left out of its search — the same text anywhere and, with
    ``translations``, the rows at the same place in the topic's list in every language (its translations)."""
    same_text: dict[str, list[int]] = defaultdict(list)
    same_place: dict[tuple[str, int], list[int]] = defaultdict(list)
    place: dict[int, int] = {}
    counted: dict[tuple[str, str], int] = defaultdict(int)
    for row, chunk in enumerate(chunks):
        same_text[chunk.text].append(row)
        if chunk.kind == "question":
            place[row] = counted[(chunk.lang, chunk.topic_id)]
            counted[(chunk.lang, chunk.topic_id)] += 1
            same_place[(chunk.topic_id, place[row])].append(row)
    return {
        row: np.array(
            sorted(set(same_text[chunks[row].text] + (same_place[(chunks[row].topic_id, at)] if translations else []))),
            dtype=np.int64,
        )
        for row, at in place.items()
    }
