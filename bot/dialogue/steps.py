"""The dialogue turn as named steps, tried in order (``docs/dialogue.md`` describes each).

A step is a plain function ``(Turn) -> list[Reply] | None``: replies end the turn, ``None`` passes the
message on to the next step. To add one, write the function and put a ``Step`` in ``STEPS`` where it
belongs (or build a tuple with ``with_step`` and pass it as ``DialogueManager(steps=...)``). A step may
leave replies in ``turn.lead`` for a later step to say first (the place step's "Place set: Osaka").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.dialogue.turn import Turn
from bot.replies import Reply
from bot.speech import PLAIN

__all__ = ["Step", "STEPS", "with_step", "run_steps"]

StepFunction = Callable[[Turn], "list[Reply] | None"]


@dataclass(frozen=True)
class Step:
    name: str
    run: StepFunction


# -- before anything is searched ---------------------------------------------------------------------
def new_friend(turn: Turn) -> list[Reply] | None:
    """A new LINE friend: greet and offer every language."""
    if turn.msg.kind == "follow":
        return [turn.say("greet", "choose_language", quick=turn.dialogue.language_buttons())]
    return None


def not_text(turn: Turn) -> list[Reply] | None:
    """A sticker, an image, a location: ask for words."""
    return [turn.say("non_text")] if turn.msg.kind == "non_text" else None


def language_chosen(turn: Turn) -> list[Reply] | None:
    """A language button tapped or a language name typed: confirm in that language."""
    return [turn.say("language_set")] if turn.language_tapped else None


# -- the steps of a question -------------------------------------------------------------------------
def emergency(turn: Turn) -> list[Reply] | None:
    """An emergency (cue phrase or intent): the number to call first, then the guidebook's advice."""
    kind = turn.dialogue.cues.emergency_kind(turn.text)
    if not kind and turn.intent.startswith("emergency_"):
        kind = turn.intent.removeprefix("emergency_")
    if not kind:
        return None
    urgent = turn.say(f"emergency_{kind}", quick=turn.quick("qr_person"))
    guide = next(iter(turn.confident(turn.topics[:1])), None)
    if guide is not None and guide.topic_id in turn.dialogue.emergency_topics:
        return [urgent, turn.answer_topic(guide)]  # the number first, then what to do
    return [urgent]


def place(turn: Turn) -> list[Reply] | None:
    """A place named: remember it; finish a handoff that waited for it; "what about Kobe?" after a
    referral refers to Kobe's office."""
    if not turn.places:
        return None
    state, named = turn.state, turn.places[-1]
    state.prefecture, state.city = named.prefecture, named.id if named.kind == "city" else ""
    turn.lead = [turn.say("location_set", place=named.name(turn.speech.key))]
    if state.handoff == "awaiting-location":
        return turn.handoff(state.pending_reason, state.pending_kind, turn.lead)
    moved = state.handoff == "done" and state.handoff_kind == "immigration"
    about_place = (turn.dialogue.cues.is_follow_up(turn.text) or turn.word_count() <= turn.policy.place_only_words
                   or not turn.confident(turn.topics[:1]))
    if moved and about_place:
        return turn.handoff(state.handoff_reason, state.handoff_kind, turn.lead)
    return None


_SIMPLE = {"greet": "greet", "goodbye": "goodbye", "thanks": "thanks"}


def intent(turn: Turn) -> list[Reply] | None:
    """Greetings, the language menu, plain Japanese, asking for a person, a place alone, out of scope."""
    name, lead, state = turn.intent, turn.lead, turn.state
    if name in _SIMPLE:
        return lead + [turn.say(_SIMPLE[name])]
    if name == "choose_language":
        return [turn.say("choose_language", quick=turn.dialogue.language_buttons())]
    if name == "plain_japanese":
        state.lang = turn.dialogue.plain_language or state.lang
        state.register, state.lang_chosen = PLAIN, True
        return [turn.say("plain_on")]
    if name == "ask_human":
        return turn.handoff("requested", lead=lead)
    if name == "inform_location":
        return lead or [turn.say("location_unknown")]
    if name == "out_of_scope":
        return turn.handoff("out_of_scope", lead=lead + [turn.say("out_of_scope")])
    return None


def serious_situation(turn: Turn) -> list[Reply] | None:
    """Cases a person must handle (deportation, detention, passport taken, exploitation, violence, legal
    disputes — ``handoff`` cues): straight to the right office."""
    kinds = turn.dialogue.cues.handoff_kinds(turn.text)
    return turn.handoff("complex", kinds[0], turn.lead) if kinds else None


def several_problems(turn: Turn) -> list[Reply] | None:
    """Substantial sentences landing in several chapters: several problems at once, for FRESC.

    Only long messages are split (their sentences searched in one batched call), so ordinary questions —
    including "I moved. Where do I register?" — cost nothing extra and are not mistaken for complex cases.
    """
    policy, text = turn.policy, turn.text
    if len(text) < policy.several_min_chars or not turn.confident(turn.topics):
        return None
    sentences = [s.strip() for s in re.split(r"[.!?。！？\n]+", text) if len(s.strip()) >= policy.sentence_min_chars]
    if len(sentences) < policy.several_min_sentences:
        return None
    found = turn.dialogue.assistant.search_many(sentences[:policy.several_sentences_searched], turn.speech,
                                                k=policy.search_k)
    chapters = {hits[0].chunk.chapter for hits in found if turn.confident(hits[:1])}
    return turn.handoff("complex", "fresc", turn.lead) if len(chapters) >= policy.several_min_chapters else None


def answer(turn: Turn) -> list[Reply] | None:
    """The best topic above the answer threshold, with its source; a question about the resident's own
    application gets the general rule and a referral for the decision."""
    confident = turn.confident(turn.topics)
    if not confident:
        return None
    turn.state.last_question = turn.text
    reply = turn.answer_topic(confident[0])
    if turn.dialogue.cues.is_own_case(turn.text):
        return turn.handoff("own_case", "immigration", turn.lead + [reply])
    return turn.lead + [reply]


def follow_up(turn: Turn) -> list[Reply] | None:
    """A short message after an answer ("and for my child?"): searched with the previous question."""
    state = turn.state
    if not (state.recent_topics and state.last_question and len(turn.text) <= turn.policy.follow_up_chars):
        return None
    again = turn.confident(turn.search(f"{state.last_question} {turn.text}").topics[:1])
    return turn.lead + [turn.answer_topic(again[0])] if again else None


def unsure(turn: Turn) -> list[Reply]:
    """Nothing close enough: say so and name the Information Center; the second time, offer a person."""
    if turn.lead:
        return turn.lead
    turn.state.unanswered += 1
    if turn.state.unanswered >= turn.policy.unsure_before_handoff:
        return turn.handoff("low_confidence", "fresc")
    said = turn.dialogue.assistant.not_sure(turn.msg.conversation_id, turn.speech)
    return [replace(said, quick_replies=turn.quick("qr_person"))]


STEPS: tuple[Step, ...] = (
    Step("new_friend", new_friend),
    Step("not_text", not_text),
    Step("language_chosen", language_chosen),
    Step("emergency", emergency),
    Step("place", place),
    Step("intent", intent),
    Step("serious_situation", serious_situation),
    Step("several_problems", several_problems),
    Step("answer", answer),
    Step("follow_up", follow_up),
    Step("unsure", unsure),
)


def with_step(steps: tuple[Step, ...], step: Step, *, before: str = "", after: str = "") -> tuple[Step, ...]:
    """``steps`` with ``step`` inserted before (or after) the step of that name."""
    names = [s.name for s in steps]
    anchor = before or after
    if anchor not in names:
        raise ValueError(f"no step named {anchor!r} (steps: {', '.join(names)})")
    at = names.index(anchor) + (1 if after else 0)
    return steps[:at] + (step,) + steps[at:]


def run_steps(turn: Turn, steps: tuple[Step, ...] = STEPS) -> list[Reply]:
    turn.settle_language()
    for step in steps:
        replies = step.run(turn)
        if replies is not None:
            return replies
    return turn.lead
