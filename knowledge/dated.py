"""Date-bound lines in content: ``{until 2027-04-01}`` at the start of a line (after an optional ``- ``).

A fact that changes on a known date is written twice in the guidebook: what holds now, and what will hold
from the change date, both on a line marked ``{until DATE}``. The answer shows such a line only while DATE is
ahead, without the marker; from DATE on the line disappears and ``tsunagu content --stale`` lists the topic
as overdue for rewriting. See docs/content-guide.md ("Date-bound notes").
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["UNTIL_RE", "current_text", "change_dates"]

UNTIL_RE = re.compile(r"^(?P<bullet>-\s+)?\{until (?P<date>\d{4}-\d{2}-\d{2})\}[ \t]*", re.M)


def change_dates(text: str) -> list[dt.date]:
    """The change dates a text announces (its ``{until DATE}`` markers), in order of appearance."""
    return [dt.date.fromisoformat(m["date"]) for m in UNTIL_RE.finditer(text)]


def current_text(text: str, today: dt.date | None = None) -> str:
    """``text`` as it should be shown on ``today``: marked lines whose date has come are dropped, the
    others lose their marker."""
    if "{until " not in text:
        return text
    today = today or dt.date.today()
    kept = []
    for line in text.split("\n"):
        match = UNTIL_RE.match(line)
        if match is None:
            kept.append(line)
        elif today < dt.date.fromisoformat(match["date"]):
            kept.append((match["bullet"] or "") + line[match.end() :])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
