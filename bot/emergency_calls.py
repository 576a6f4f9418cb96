"""The emergency card: the number to call as one big button and the few steps to take, in the resident's
language. Which number and which steps each emergency kind has is data (``bot/data/emergency_calls.yaml``);
the steps' words are catalog sentences (``emergency_step_*``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

__all__ = ["EmergencyCall", "EmergencyKind", "emergency_kinds"]

DATA = Path(__file__).with_name("data") / "emergency_calls.yaml"


@dataclass(frozen=True)
class EmergencyCall:
    """The ``emergency`` field of a reply (``/api/chat``): the web chat's red card, LINE's Flex card."""

    kind: str  # "ambulance", "fire", "police", "sea", "disaster"
    number: str  # "119"
    steps: tuple[str, ...]  # what to do, in the reply's language

    @property
    def tel(self) -> str:
        return "tel:" + self.number

    def to_json(self) -> dict:
        return {"kind": self.kind, "number": self.number, "tel": self.tel, "steps": list(self.steps)}


@dataclass(frozen=True)
class EmergencyKind:
    number: str
    steps: tuple[str, ...]  # catalog msgids


@cache
def emergency_kinds(path: Path = DATA) -> dict[str, EmergencyKind]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    kinds: dict[str, EmergencyKind] = {}
    for kind, entry in raw.items():
        number = str(entry["number"])
        if not re.fullmatch(r"[0-9#]{3,}", number):
            raise ValueError(f"{path}: {kind}: {number!r} is not a phone number")
        steps = tuple(entry.get("steps") or ())
        if any(not s.startswith("emergency_step_") for s in steps):
            raise ValueError(f"{path}: {kind}: steps must be catalog ids named emergency_step_*")
        kinds[kind] = EmergencyKind(number, steps)
    return kinds
