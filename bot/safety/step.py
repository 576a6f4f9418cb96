"""The safety steps of the dialogue turn (issue 13) and the replies they give.

- ``danger`` runs right after the language is settled, before emergencies, place, intents and topics: an
  immediate-danger situation (suicide, violence at home, sexual violence, a child in danger, danger now)
  gets what to do now and the right line first — never a question about the prefecture first.
- ``situations`` runs after the intents: any other catalogued situation (passport kept, unpaid wages,
  refused renewal …) gets its steps and lines, then the office for the resident's place. Several at once
  go to FRESC, or to the immigration bureau when the residence status is at stake, with each one's steps.
- A message that names a specific emergency (a fire, an ambulance, the police, the sea: ``Turn.emergency_kind``)
  is the emergency step's when every danger found gives way to it (``_yields``): "someone in danger now",
  whose lines are the emergency numbers themselves, when the emergency's number is not its first line, or
  a danger read from examples when the emergency's examples are closer. The emergency card gives the one
  number for that emergency and what to say ("Help! My kitchen is on fire" → 119 and "Kaji desu", not
  "110 or 119", and not the lines of a crisis it is not).

A crime that is over (a theft, an assault, a fraud found out) is the crime victim's reply, also when the
message names the police (``before_emergency``): the police consultation line #9110 and legal help first;
when the message says it is happening now or someone is hurt (a ``now_cues`` phrase, or "someone in danger
now" found beside it, which is then folded into it), 110 first (the situation's ``now_lines``).

Every reply ends with an offer to keep talking. The handoff card is the office (or, without one, the first
line) in the resident's language; its reason is ``situation:<id>`` so the analytics count situations by
kind without any text; ``summary_ja`` names each problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.emergency_calls import emergency_kinds
from bot.redact import redact
from bot.replies import Handoff, Reply, Source
from bot.safety.answered import answered, is_generic
from bot.safety.compose import SafetyComposer
from bot.safety.recognise import Found, Recognition, SafetyRecogniser
from bot.safety.referral import (
    a_line_shown,
    handoff_card,
    line_numbers,
    office_for,
    office_kind,
    office_text,
    summary_in_charge,
    summary_kind,
)
from knowledge.offices import Office, OfficeDirectory
from knowledge.retriever import TopicHit
from knowledge.situations import SituationCatalogue

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn

__all__ = [
    "Safety",
    "danger",
    "situations",
    "SITUATION_REASON",
    "before_emergency",
    "situation_office",
    "tells_situation",
]

SITUATION_REASON = "situation:"  # Handoff.reason prefix: "situation:domestic_violence"


@dataclass(frozen=True)
class Safety:
    """What the safety steps need, built once with the services."""

    catalogue: SituationCatalogue
    recogniser: SafetyRecogniser
    composer: SafetyComposer
    offices: OfficeDirectory

    def recognition(self, turn: Turn) -> Recognition:
        cached = turn.__dict__.get("_safety_recognition")
        if cached is None:
            # the message's searches embed their texts in the recogniser's call: one engine call per message
            recognise = self.recogniser.recognise
            cached = recognise(turn.text, turn.speech.lang, also=turn.search_texts) if turn.text else Recognition()
            turn.__dict__["_safety_recognition"] = cached
        return cached


def _safety(turn: Turn) -> Safety | None:
    return getattr(turn.dialogue, "safety", None)


def danger(turn: Turn) -> list[Reply] | None:
    """Immediate danger first: the line, before anything else is asked or searched."""
    safety = _safety(turn)
    if safety is None or turn.msg.kind != "text" or not turn.text:
        return None
    found = safety.recognition(turn)
    if not found.immediate:
        return None
    named = emergency_kinds().get(turn.emergency_kind) if any(_may_yield(safety, f) for f in found.found) else None
    if named is not None:
        found = Recognition(tuple(f for f in found.found if not _yields(safety, f, named.number)))
        if not found.immediate:
            return None  # the emergency step: the number for that emergency, first
    return _replies(turn, safety, found)


def before_emergency(turn: Turn, kind: str) -> bool:
    """Does a situation found in the message answer it instead of the emergency card of ``kind``? Yes for a
    situation (not an immediate danger) whose lines for "happening now" start with that emergency's number:
    "my bike was stolen, should I call the police?" is a crime victim's matter — #9110 and legal help first,
    110 first only when it is happening now — not the police emergency card."""
    safety = _safety(turn)
    named = emergency_kinds().get(kind)
    if safety is None or named is None or turn.msg.kind != "text" or not turn.text:
        return False
    catalogue = safety.catalogue
    # read from examples alone, it gives way when the emergency's own examples are closer, as a danger does
    # ("¡Llamen a la policía! Entraron a robar a mi casa": the police card, "Jiken desu" and where you are)
    return any(
        not f.immediate
        and (f.evidence == "cue" or f.score >= f.emergency)
        and catalogue[f.situation].now_lines
        and catalogue.lines_for(f.situation, now=True)[0].number == named.number
        for f in safety.recognition(turn).found
    )


def _may_yield(safety: Safety, found: Found) -> bool:
    """Could this danger give way to an emergency the message names (see ``_yields``)?"""
    if not found.immediate:
        return False
    return found.score < found.emergency or is_generic(safety, found)


def _yields(safety: Safety, found: Found, number: str) -> bool:
    """Does this danger give way to the emergency a message names, whose number is ``number``? Yes when it
    was read from examples and the emergency's examples are closer ("my kitchen is burning" is not a
    crisis), or when its lines are the emergency numbers themselves ("someone in danger now": 110 or 119)
    and the emergency's number is not its first line: a fire gets 119 and "Kaji desu" first, not "110 or
    119"; "someone is attacking me, call the police" keeps the danger reply, 110 first."""
    if not _may_yield(safety, found):
        return False
    if found.score < found.emergency:
        return True
    lines = safety.catalogue.lines_for(found.situation)
    return lines[0].number != number


def situations(turn: Turn) -> list[Reply] | None:
    """Any other catalogued situation: its steps and lines, then the office for the resident's place."""
    safety = _safety(turn)
    if safety is None or turn.msg.kind != "text" or not turn.text:
        return None
    found = safety.recognition(turn)
    if not found:
        return None
    return _replies(turn, safety, found) + _topic_office(turn, safety, found)


def _topic_office(turn: Turn, safety: Safety, found: Recognition) -> list[Reply]:
    """One serious situation asked about, that is also a topic with an office of its own ("my company has not
    paid me, where can I get help?": the labour standards inspection office): that office's card too, for the
    resident's place, after the situation's steps and lines (not for several problems: FRESC takes those)."""
    if found.immediate or len(found.ids) != 1:
        return []  # a danger, or several problems
    situation = found.ids[0]
    replies = turn.dialogue.router.desk.question_office(turn, skip=(safety.catalogue[situation].office,))
    # not an office the situation's lines already gave ("my bag was stolen yesterday, what should I do?": the
    # police topic's #9110 and 110 cards repeated the crime victim's #9110 line below its steps)
    shown = line_numbers(safety, [situation])
    return [r for r in replies if r.office is None or not a_line_shown(r.office.phones, shown)]


def tells_situation(turn: Turn) -> Callable[[str, TopicHit], bool]:
    """Whether a part of the message, with its best topic, is the serious situation the message was answered
    for rather than an ordinary question beside it (``questions_beside``): a cue phrase of one of its
    situations in the part ("someone stole my wallet"), or the part's topic the situation's own (the crime
    victims' topic beside the crime victim's reply: its topic in ``situations.yaml``)."""
    safety = _safety(turn)
    ids = safety.recognition(turn).ids if safety is not None else []
    own = {t for s in ids for t in safety.catalogue[s].topics} if safety is not None else set()

    def told(part: str, hit: TopicHit) -> bool:
        return safety is None or hit.topic_id in own or bool(set(ids) & set(safety.composer.texts.cue_hits(part)))

    return told


# -- the replies ---------------------------------------------------------------------------------------
def _replies(turn: Turn, safety: Safety, found: Recognition) -> list[Reply]:
    answer = answered(safety, found, turn.text)
    found, ids, now = answer.found, answer.ids, answer.now
    lang, catalogue, composer = turn.speech.key, safety.catalogue, safety.composer
    text = (
        composer.steps(ids[0], lang, with_title=True, now=now)
        if len(ids) == 1
        else composer.several(ids, lang, now=now)
    )
    office = office_for(safety, ids, turn.state.prefecture)
    parts, which = [text], []
    if office is not None:
        parts.append(office_text(safety, office, lang))
    elif _needs_place(catalogue, ids) and not found.immediate and turn.unsettled_home:  # "Minato-ku": which
        which, turn.state.asked_place = [turn.dialogue.router.desk.which_place(turn, turn.unsettled_home)], True
    elif _needs_place(catalogue, ids) and not found.immediate:
        parts.append(composer.texts.text(lang, "office_ask_place"))
    parts.append(composer.keep_talking(lang))
    turn.state.problems = (turn.state.problems + [redact(turn.text)])[-turn.policy.problems_kept :]
    turn.state.situations, turn.state.office_topic = list(ids), ""  # a place named next: this one's office
    handoff = _handoff(turn, safety, ids, office, now)
    turn.state.unanswered = 0
    calls = {c.id: c for s in ids for c in composer.calls(s, lang, now=now)}  # each line once, in order
    ordered = list(calls.values())
    if handoff is not None and len(ids) >= 2 and not found.immediate and handoff.office.id in calls:
        # several problems, no danger: the one place for all of them (FRESC) is the first to call
        ordered.sort(key=lambda c: c.id != handoff.office.id)
    sources = _situation_sources(turn, safety, ids)
    reply = turn.reply("\n\n".join(parts), sources=sources, handoff=handoff, quick=turn.quick("qr_person"))
    return turn.lead + [replace(reply, calls=tuple(ordered))] + which


def _situation_sources(turn: Turn, safety: Safety, ids: list[str]) -> list[Source]:
    """The guidebook topics that are the situations themselves (``topics`` in situations.yaml: unpaid wages
    → the unpaid-wages page), cited on the situation's reply: it is that topic's answer for the part of the
    message that tells it (``tells_situation`` leaves such a part out of the questions answered after it),
    so the reply names the topic it answered and where to read more, as a topic's answer does."""
    assistant, sources = turn.dialogue.assistant, []
    for topic_id in dict.fromkeys(t for s in ids for t in safety.catalogue[s].topics):
        located = assistant.topic_text(topic_id, turn.speech)
        if located is not None:
            sources.append(Source(topic_id, located[0].title, located[0].chapter_title, 0.0, located[0].source_file))
    return sources


def _needs_place(catalogue: SituationCatalogue, ids: list[str]) -> bool:
    return any(catalogue[s].office == "immigration" for s in ids)


def situation_office(turn: Turn) -> list[Reply]:
    """The resident names where they live after a serious situation's reply ("My renewal was refused" … "Tell
    me your prefecture" … "I live in Gifu"): the office for those situations and that place, with its card
    — the promise kept, not only "noted, Gifu". Nothing when the office does not depend on the place."""
    safety = _safety(turn)
    ids = [s for s in turn.state.situations if safety is not None and s in safety.catalogue.situations]
    if safety is None or not ids or office_kind(safety.catalogue, ids) != "immigration":
        return []
    office = office_for(safety, ids, turn.state.prefecture)
    if office is None:
        return []
    lang = turn.speech.key
    return [
        turn.reply(
            office_text(safety, office, lang) + "\n\n" + safety.composer.keep_talking(lang),
            handoff=_handoff(turn, safety, ids, office),
            quick=turn.quick("qr_person"),
        )
    ]


def _handoff(turn: Turn, safety: Safety, ids: list[str], office: Office | None, now: bool = False) -> Handoff | None:
    card = handoff_card(safety, ids, office, turn.speech.key, now)
    if card is None:
        return None
    state, router = turn.state, turn.dialogue.router
    titles = [safety.composer.texts.situation("ja", s)["title"] for s in ids]
    summary = router.summary_ja(
        lang=turn.speech.key,
        prefecture=state.prefecture,
        city=state.city,
        reason="complex",
        kind=summary_kind(safety.catalogue, ids, now),
        in_charge=summary_in_charge(safety, ids, now),
        topics=titles,
        words=state.problems,
    )
    return Handoff(reason=SITUATION_REASON + ids[0], office=card, summary_ja=summary)
