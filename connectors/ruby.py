"""Furigana for plain-Japanese replies, in the two shapes channels use (from ``bot.plain``).

The web chat gets segments ``[[text, reading|None], …]`` and builds ``<ruby>`` elements with textContent in
the browser (no markup ever travels with the text) — for the answer, its quick replies and the page's own
words; channels without ruby get ``漢字(かんじ)``. A channel uses one of the two, never both: readings the
content writes in brackets become ruby too (``bot.plain.given``).
"""

from __future__ import annotations

import functools
import threading

from bot.plain import furigana
from bot.plain.settings import get_plain_settings

__all__ = ["PLAIN_LABELS", "RUBY_KEY", "bracket", "label_ruby", "quick_reply_ruby", "segments", "warm_up"]

PLAIN_LABELS = "ja-plain"
RUBY_KEY = "_ruby"  # in the page's label JSON: {ui_key: segments} of the plain-Japanese page words

_lock = threading.Lock()
_started = False


def bracket(text: str) -> str:
    return furigana(text).bracket


def segments(text: str) -> list[list[str | None]]:
    return [[part, reading] for part, reading in _segments(text, get_plain_settings().furigana_level)]


@functools.lru_cache(maxsize=4096)
def _segments(text: str, level: str) -> tuple[tuple[str, str | None], ...]:
    """The same reply text (an answer, a button label) is read once per reader level: tokenizing it took
    ~10 ms of every plain-Japanese turn, under a lock all turns share (issue 16)."""
    return tuple((segment.text, segment.reading) for segment in furigana(text, level).segments)


def quick_reply_ruby(quick_replies) -> list[list[list[str | None]]]:
    """Segments of each quick reply (the buttons under a plain-Japanese answer)."""
    return [segments(text) for text in quick_replies]


def label_ruby(labels: dict[str, dict[str, str]]) -> dict:
    """The page's labels ``{lang: {ui_key: text}}`` plus ``_ruby``: furigana segments of the plain-Japanese
    words, which the page shows as ``<ruby>`` when plain Japanese is chosen."""
    plain = labels.get(PLAIN_LABELS)
    if not plain:
        return labels
    return {**labels, RUBY_KEY: {key: segments(text) for key, text in plain.items()}}


def warm_up() -> None:
    """Load furigana's Japanese model (about 1 s on first use) in the background, once per process — started
    when the chat page is opened or LINE calls, so the first plain-Japanese answer does not wait for it."""
    global _started
    with _lock:
        if _started:
            return
        _started = True
    threading.Thread(target=furigana, args=("日本語",), name="furigana-warmup", daemon=True).start()
