"""Furigana for plain-Japanese replies, in the two shapes channels use (from ``bot.plain``).

The web chat gets segments ``[[text, reading|None], …]`` and builds ``<ruby>`` elements with textContent in
the browser (no markup ever travels with the text); channels without ruby get ``漢字(かんじ)``.
"""
from __future__ import annotations

import threading

from bot.plain import furigana

__all__ = ["bracket", "segments", "warm_up"]

_lock = threading.Lock()
_started = False


def bracket(text: str) -> str:
    return furigana(text).bracket


def segments(text: str) -> list[list[str | None]]:
    return [[segment.text, segment.reading] for segment in furigana(text).segments]


def warm_up() -> None:
    """Load furigana's Japanese model (about 1 s on first use) in the background, once per process — started
    when the chat page is opened or LINE calls, so the first plain-Japanese answer does not wait for it."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=furigana, args=("日本語",), name="furigana-warmup", daemon=True).start()
