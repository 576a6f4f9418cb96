"""jReadability scores (Lee & Hasebe): higher is easier (about 0.5 upper-advanced … 6.5 lower-elementary)."""

from __future__ import annotations

import threading

__all__ = ["readability"]

_LOCAL = threading.local()


def _tagger():
    tagger = getattr(_LOCAL, "tagger", None)
    if tagger is None:
        from fugashi import Tagger  # jreadability's own tokenizer (unidic-lite)

        tagger = _LOCAL.tagger = Tagger()
    return tagger


def readability(text: str) -> float:
    """The jReadability score of ``text`` rounded to 3 decimals (0.0 for blank text)."""
    if not text.strip():
        return 0.0
    from jreadability import compute_readability

    return round(compute_readability(text, _tagger()), 3)
