"""Burmese typed with the Zawgyi font encoding: detect it and convert it to Unicode before anything else.

Detection uses Google's myanmartools model; conversion uses python-myanmar's rule tables.
"""
from __future__ import annotations

import functools

__all__ = ["zawgyi_probability", "to_unicode_if_zawgyi"]

_MYANMAR = range(0x1000, 0x10A0)


@functools.lru_cache(maxsize=1)
def _detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


def zawgyi_probability(text: str) -> float:
    if not any(ord(c) in _MYANMAR for c in text):
        return 0.0
    return float(_detector().get_zawgyi_probability(text))


def to_unicode_if_zawgyi(text: str, threshold: float = 0.5) -> tuple[str, bool]:
    """Return ``(text in Unicode, whether it was converted)``."""
    if zawgyi_probability(text) < threshold:
        return text, False
    from myanmar import converter

    return converter.convert(text, "zawgyi", "unicode"), True
