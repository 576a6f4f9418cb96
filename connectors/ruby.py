"""Furigana for plain-Japanese replies, in the two shapes channels use (from ``bot.plain``).

The web chat gets segments ``[[text, reading|None], …]`` and builds ``<ruby>`` elements with textContent in
the browser (no markup ever travels with the text); channels without ruby get ``漢字(かんじ)``.
"""
from __future__ import annotations

from bot.plain import furigana

__all__ = ["bracket", "segments"]


def bracket(text: str) -> str:
    return furigana(text).bracket


def segments(text: str) -> list[list[str | None]]:
    return [[segment.text, segment.reading] for segment in furigana(text).segments]
