"""The situation catalogue (``knowledge/data/situations.yaml``) and the national lines it refers to
(``knowledge/data/lines.yaml``): serious situations a resident may write about, how urgent each is, which
lines and which office kind receive it, and what a reply must never say. Wording lives per language in
``translations/<lang>/situations.yaml`` (``bot/safety/texts.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = [
    "Line",
    "Situation",
    "SituationCatalogue",
    "load_situations",
    "URGENCIES",
    "OFFICE_KINDS",
    "SITUATION_INTENT",
]

URGENCIES = ("immediate", "urgent", "serious")  # most pressing first
OFFICE_KINDS = {"immigration", "fresc", "legal-help", "none"}
SITUATION_INTENT = "situation_"  # intent name prefix of the situation examples (training_data/data/nlu/situations)


@dataclass(frozen=True)
class Line:
    id: str
    number: str
    free: bool
    round_the_clock: bool
    ip_note: bool
    alt: str
    source: str

    @property
    def tel(self) -> str:
        """The number as a ``tel:`` URI ("#9110" → "tel:%239110")."""
        return "tel:" + self.number.replace("#", "%23").replace("-", "")


@dataclass(frozen=True)
class Situation:
    id: str
    urgency: str
    lines: tuple[str, ...]
    office: str
    status_at_stake: bool
    never_say: frozenset[str]
    sources: tuple[str, ...]
    now_lines: tuple[str, ...] = ()  # given first when the message says it is happening now or someone is hurt
    now_office: str = ""  # the handoff memo's 担当 then (an office_routing.yaml kind: the police for 110)
    topics: tuple[str, ...] = ()  # the guidebook topics that are the situation itself: its reply answers them

    @property
    def immediate(self) -> bool:
        return self.urgency == "immediate"

    @property
    def intent(self) -> str:
        return SITUATION_INTENT + self.id


@dataclass(frozen=True)
class SituationCatalogue:
    situations: dict[str, Situation]
    lines: dict[str, Line]

    def __getitem__(self, situation_id: str) -> Situation:
        return self.situations[situation_id]

    def lines_for(self, situation_id: str, now: bool = False) -> tuple[Line, ...]:
        """The situation's lines in order, leaving out ids the directory does not (yet) have; ``now``: the
        message says it is happening now or someone is hurt, and the situation's ``now_lines`` come first (a
        crime victim: 110 when it is happening, #9110 and legal help when it is over)."""
        situation = self.situations[situation_id]
        ids = dict.fromkeys((situation.now_lines if now else ()) + situation.lines)
        return tuple(self.lines[i] for i in ids if i in self.lines)

    def by_intent(self, intent: str) -> Situation | None:
        return (
            self.situations.get(intent.removeprefix(SITUATION_INTENT)) if intent.startswith(SITUATION_INTENT) else None
        )

    @property
    def ids(self) -> list[str]:
        return list(self.situations)


def _line(raw: dict) -> Line:
    for key in ("id", "number", "source"):
        if not raw.get(key):
            raise ValueError(f"lines.yaml: a line lacks {key!r}: {raw}")
    return Line(
        raw["id"],
        str(raw["number"]),
        bool(raw.get("free")),
        bool(raw.get("round_the_clock")),
        bool(raw.get("ip_note")),
        str(raw.get("alt") or ""),
        raw["source"],
    )


def _situation(raw: dict) -> Situation:
    sid = raw.get("id") or ""
    if raw.get("urgency") not in URGENCIES:
        raise ValueError(f"situations.yaml: {sid}: urgency must be one of {URGENCIES}")
    if raw.get("office", "none") not in OFFICE_KINDS:
        raise ValueError(f"situations.yaml: {sid}: unknown office kind {raw.get('office')!r}")
    if not raw.get("lines") and raw.get("office", "none") == "none":
        raise ValueError(f"situations.yaml: {sid}: refers to nothing (no line, no office)")
    if not raw.get("sources"):
        raise ValueError(f"situations.yaml: {sid}: needs sources")
    return Situation(
        sid,
        raw["urgency"],
        tuple(raw.get("lines") or ()),
        raw.get("office", "none"),
        bool(raw.get("status_at_stake")),
        frozenset(raw.get("never_say") or ()),
        tuple(raw["sources"]),
        tuple(raw.get("now_lines") or ()),
        str(raw.get("now_office") or ""),
        tuple(raw.get("topics") or ()),
    )


def load_situations(
    situations: Path = DATA_DIR / "situations.yaml", lines: Path = DATA_DIR / "lines.yaml"
) -> SituationCatalogue:
    found = [_situation(raw) for raw in (load_yaml(situations) or {}).get("situations") or []]
    by_id = {s.id: s for s in found}
    if len(by_id) != len(found):
        raise ValueError("situations.yaml: duplicate situation id")
    line_list = [_line(raw) for raw in (load_yaml(lines) or {}).get("lines") or []]
    return SituationCatalogue(by_id, {line.id: line for line in line_list})
