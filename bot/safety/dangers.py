"""Two decisions between immediate dangers, after the evidence is gathered (``SafetyRecogniser.decide``):

- ``beside_a_danger``: a danger read from one clause's examples alone, beside another danger the whole message
  or a cue names, stands only when the whole message is near it too — "my husband beats me every day, I am
  scared" (Nepali): "I am scared" alone is nearest a sexual-violence example, the message is violence at home;
- ``who_is_hurt``: violence at home or a child in danger, when both are candidates, by the one the message's
  hitting is done to (``bot/safety/hurt.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.safety.example_table import ExampleTable, Scores
from bot.safety.found import Found
from bot.safety.hurt import ADULT, BOTH

if TYPE_CHECKING:
    from bot.safety.recognise import SafetyRecogniser

__all__ = ["beside_a_danger", "who_is_hurt"]


def _near(whole: Scores, table: ExampleTable, situation: str) -> float:
    return float(whole.near(table.names.index(situation))) if situation in table.names else -1.0


def beside_a_danger(
    found: dict[str, Found], of_a_clause: list[str], whole: Scores | None, table: ExampleTable, gap: float
) -> dict[str, Found]:
    """``found`` without the dangers ``of_a_clause`` (read from one clause's examples alone, no cue) that the
    whole message is not near within ``gap`` of the nearest other danger found."""
    named = [s for s, f in found.items() if f.immediate and s not in of_a_clause]
    if whole is None or not named or not of_a_clause:
        return found
    nearest = max(_near(whole, table, s) for s in named)
    return {s: f for s, f in found.items() if s not in of_a_clause or _near(whole, table, s) >= nearest - gap}


def who_is_hurt(
    recogniser: SafetyRecogniser,
    text: str,
    found: dict[str, Found],
    whole: Scores | None,
    table: ExampleTable,
    kana: str = "",
) -> tuple[dict[str, Found], str]:
    """Violence at home or a child in danger, when both are candidates (one found, the other found too or its
    closest example at least ``min_score``): the one the message's hitting is done to. The writer or another
    adult hurt ("he hits me in front of the kids"): violence at home, not a child in danger; a child hurt ("my
    husband hits our son"): the child first, violence at home (when found) behind it; both hurt ("he beats me
    and the kids"): both. ``kana``: the reading of a romaji message. Returns the situations and the one to rank
    behind the other ("" for none)."""
    who, catalogue = recogniser.texts.who_is_hurt, recogniser.catalogue
    if who is None or whole is None or not (who.adult in found or who.child in found):
        return found, ""

    def candidate(situation: str) -> bool:
        if situation in found:
            return True
        i = table.names.index(situation) if situation in table.names else -1
        return i >= 0 and situation in catalogue.situations and whole.best[i] >= recogniser.thresholds.min_score

    victim = ""
    if candidate(who.adult) and candidate(who.child):  # a romaji message: also its kana reading
        victim = recogniser.texts.victim(text) or (recogniser.texts.victim(kana) if kana else "")
    if not victim:
        return found, ""
    keep, other = (who.adult, who.child) if victim == ADULT else (who.child, who.adult)
    found = dict(found)
    for situation in (keep, other) if victim == BOTH else (keep,):
        if situation not in found:
            near = _near(whole, table, situation)
            found[situation] = Found(situation, catalogue[situation].urgency, near, "example", whole.emergency)
    if victim == ADULT:
        found.pop(other, None)  # the children are there, not hurt
    return found, "" if victim == BOTH else other
