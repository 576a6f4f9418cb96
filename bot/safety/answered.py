"""What a serious situation's reply answers, and in what order (``answered``): "someone in danger now" beside a
named danger whose lines already hold 110 is that danger (``without_generic_danger``); beside a crime that is
happening now it is folded into that crime, whose line for "now" (110) comes first (``Answer.now``). The chat's
reply and the staff console's panels read a message the same way through it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.emergency_calls import emergency_kinds
from bot.safety.found import Found, Recognition

if TYPE_CHECKING:
    from bot.safety.step import Safety

__all__ = ["Answer", "answered", "is_generic", "without_generic_danger"]


def without_generic_danger(safety: Safety, found: Recognition) -> Recognition:
    """ "Someone in danger now" (lines: the emergency numbers themselves) beside a named danger that comes
    first, and whose lines already include its first line (110), is that danger, not a second problem: "the
    neighbour's child is being hit" is a child in danger, 189 first — one reply (its steps say "call 110 if
    it is happening now" and 110 is among its lines), not "several problems". Beside thoughts of suicide
    (the crisis line, 119) it stays."""
    first = found.found[0] if found.found else None
    if first is None or not first.immediate or is_generic(safety, first):
        return found
    given = {line.number for line in safety.catalogue.lines_for(first.situation)}

    def covered(f: Found) -> bool:  # its first line (110) is among the first danger's lines
        lines = safety.catalogue.lines_for(f.situation)
        return f.immediate and is_generic(safety, f) and lines[0].number in given

    return Recognition(tuple(f for f in found.found if not covered(f)))


def _folded(safety: Safety, found: Recognition, text: str) -> tuple[Recognition, bool]:
    """The situations to answer, and whether the message says it is happening now. "Someone in danger now"
    beside a situation whose lines for "happening now" start with its first line (a crime victim: 110), with
    no named danger, is that situation happening now: "someone broke into my flat, he is still inside" is a
    crime victim's reply with 110 first, not "several problems". A ``now_cues`` phrase says so too."""
    found = without_generic_danger(safety, found)
    catalogue = safety.catalogue
    generic = [f for f in found.found if f.immediate and is_generic(safety, f)]
    named = [f for f in found.found if f.immediate and not is_generic(safety, f)]
    now_first = {
        catalogue.lines_for(f.situation, now=True)[0].number
        for f in found.found
        if not f.immediate and catalogue[f.situation].now_lines
    }
    folded = [f for f in generic if not named and catalogue.lines_for(f.situation)[0].number in now_first]
    if folded:
        found = Recognition(tuple(f for f in found.found if f not in folded))
    said = set(safety.composer.texts.says_now(text))
    return found, bool(folded) or any(s in said for s in found.ids)


def is_generic(safety: Safety, found: Found) -> bool:
    numbers = {kind.number for kind in emergency_kinds().values()}
    lines = safety.catalogue.lines_for(found.situation)
    return bool(lines) and all(line.number in numbers for line in lines)


@dataclass(frozen=True)
class Answer:
    """What a serious situation's reply answers, in the order it gives them: the chat's reply and the staff
    console's panels read the same message the same way."""

    found: Recognition  # "someone in danger now" folded into the situation it is (``_folded``)
    ids: list[str]  # the situations, what is happening now first
    now: bool  # it is happening now or someone is hurt: the situations' ``now_lines`` come first


def answered(safety: Safety, found: Recognition, text: str) -> Answer:
    """The situations of ``found`` as the reply gives them: when a crime is happening now ("someone broke
    in, he is still inside"), it comes first and its line for that (110) is the first to call."""
    found, now = _folded(safety, found, text)
    ids = found.ids
    if now:  # what is happening now first: its line (110) is the first to call
        ids = sorted(ids, key=lambda s: not safety.catalogue[s].now_lines)
    return Answer(found, ids, now)
