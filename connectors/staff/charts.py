"""Server-side SVG charts for the analytics page: the geometry is computed here, the markup is drawn by
``templates/staff/charts.html`` (autoescaped, no script, no inline style, so the page's CSP holds).

Every chart is also given as a table under it, for screen readers and for copying figures. Charts are drawn
on a narrow canvas (320 units, a phone's width) and scale to the page's width (``width="100%"``, no fixed
pixel size); a bar's label sits on its own line above the bar, so long labels are not squeezed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Bar", "Chart", "bar_chart", "day_chart"]


@dataclass(frozen=True)
class Bar:
    label: str  # shown on the chart (shortened)
    full_label: str  # shown in the table
    value: int
    x: float
    y: float
    width: float
    height: float
    tick: bool = True  # whether the label is drawn (day charts label every 7th day)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    vertical: bool  # columns (days) rather than horizontal bars
    label_width: int

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, int]],
    width: int = 320,
    bar: int = 14,
    label: int = 16,
    gap: int = 8,
    label_chars: int = 24,
) -> Chart:
    """Horizontal bars, longest first as given: each label on its own line, the bar under it, the value
    at the bar's end."""
    top = max((value for _, value in rows), default=0) or 1
    room = width - 40
    row = label + bar + gap
    bars = tuple(
        Bar(_short(text, label_chars), text, value, 0, i * row + label, round(room * value / top, 1), bar)
        for i, (text, value) in enumerate(rows)
    )
    height = max(len(rows) * row, row)
    return Chart(chart_id, title, width, height, bars, False, 0)


def day_chart(
    chart_id: str,
    title: str,
    days: Sequence[tuple[dt.date, int]],
    width: int = 320,
    height: int = 160,
    axis: int = 20,
    every: int = 7,
) -> Chart:
    """One column per day, oldest on the left; every ``every``-th day (counting back from today) is labelled."""
    top = max((value for _, value in days), default=0) or 1
    pad = 16  # room for the first and last day's labels, which are centred under their columns
    step = (width - 2 * pad) / max(len(days), 1)
    room = height - axis - 14
    bars = []
    for i, (day, value) in enumerate(days):
        tall = round(room * value / top, 1)
        bars.append(
            Bar(
                f"{day.month}/{day.day}",
                day.isoformat(),
                value,
                round(pad + i * step + 1, 1),
                round(14 + room - tall, 1),
                round(max(step - 2, 1), 1),
                tall,
                tick=(len(days) - 1 - i) % every == 0,
            )
        )
    return Chart(chart_id, title, width, height, tuple(bars), True, 0)
