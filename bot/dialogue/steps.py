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

from bot.dialogue.residence import PlaceStatement
from bot.dialogue.turn import Turn
from bot.dialogue.several import asks_several, questions_beside, several_questions, topic_parts
from bot.replies import ANOTHER_QUESTION, Reply
from bot.dialogue.compare import other_compared
from bot.safety.step import before_emergency, danger, situation_office, situations, tells_situation
from knowledge.places import Place
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


def another_question(turn: Turn) -> list[Reply] | None:
    """The "Another question" button (payload ``ask=more``): ask for it — no picker, no replayed answer."""
    return [turn.say("ask_more")] if turn.msg.payload == ANOTHER_QUESTION else None


def no_words(turn: Turn) -> list[Reply] | None:
    """Text without a single letter or digit ("?????", only emoji, only markup): ask for the question in
    words, in the conversation's language — no language switch (``settle_language`` skips detection for
    such text), no replayed answer."""
    if turn.msg.kind == "text" and turn.text and not turn.has_words:
        return [turn.say("no_words")]
    return None


# -- the steps of a question -------------------------------------------------------------------------
def emergency(turn: Turn) -> list[Reply] | None:
    """An emergency (cue phrase or intent): the number to call first, then the guidebook's advice."""
    kind = turn.emergency_kind  # a cue, or an emergency intent clearly closest in the message's own script
    if not kind:
        return None
    if "situations" in turn.steps and before_emergency(turn, kind):
        return None  # a crime victim's situation: its own reply (110 first when it is happening now); while the
        # database is down (the danger and emergency steps alone) the police card still answers
    # no "talk to a person" button here: the number on the card is the person to talk to now
    urgent = replace(turn.say(f"emergency_{kind}"), emergency=turn.emergency_call(kind))
    more = several_questions(turn)  # "Someone fell into the sea, what number? Also where is the shelter?"
    if more:
        return [urgent] + more  # the number first, then the questions asked beside it
    guide = next(iter(turn.confident(turn.topics[:1])), None)
    if guide is not None and guide.topic_id in turn.dialogue.emergency_topics:
        # the number first, then what to do — still without "talk to a person"
        return [urgent, replace(turn.answer_topic(guide), quick_replies=turn.quick("qr_more"))]
    return [urgent]


def place(turn: Turn) -> list[Reply] | None:
    """A place stated as where the resident lives (not one named in passing: "a ramen shop in Shinjuku"):
    remember it; "I live in Osaka. Please answer in plain Japanese." sets both; a place alone (or "what
    about Kobe?") after an answer gives the office of that answer's topic for the place; finish a handoff
    that waited for the place; after a referral, a place alone refers to that place's office."""
    desk, state = turn.dialogue.router.desk, turn.state
    if not turn.places:
        if turn.unsettled_home and not turn.parts.questions:  # "港区に住んでいます": which one (the answer's
            state.asked_place = True  # office asks it too); the name alone next is taken as the place
            return [desk.which_place(turn, turn.unsettled_home)]
        return None
    said = home_statement(turn)
    waiting = state.handoff in ("awaiting-location", "done") or state.office_topic or state.asked_place
    if said is None and waiting and turn.word_count() <= turn.policy.place_only_words:
        said = PlaceStatement(turn.places[-1], "update")  # a short message naming a place, when one is wanted
    if said is None:
        return None  # named in passing: not the resident's address
    named = note_home(turn, said)
    turn.lead = [turn.say("location_set", place=desk.place_label(named, turn.speech.key))]
    parts = turn.parts
    if parts.asks_plain and not turn.speech.plain:
        state.lang = turn.dialogue.plain_language or state.lang
        state.register, state.lang_chosen = PLAIN, True
        turn.lead.append(turn.say("plain_on"))
    if state.handoff == "awaiting-location":
        return turn.handoff(state.pending_reason, state.pending_kind, turn.lead)
    only_place = not parts.questions
    if state.situations and (said.how == "update" or only_place):  # after a serious situation: its office
        office = situation_office(turn)
        if office:
            return turn.lead + office
    if state.office_topic and (said.how == "update" or only_place):
        return turn.lead + desk.office_replies(turn, state.office_topic, ask=False)
    moved = state.handoff == "done" and state.handoff_kind == "immigration"
    about_place = (
        turn.dialogue.cues.is_follow_up(turn.text)
        or turn.word_count() <= turn.policy.place_only_words
        or not turn.confident(turn.topics[:1])
    )
    if moved and about_place:
        return turn.handoff(state.handoff_reason, state.handoff_kind, turn.lead)
    if only_place and said.how != "update":
        return turn.lead
    return None


def home_statement(turn: Turn) -> PlaceStatement | None:
    """Where the message says the resident lives: the whole message, else its sentences ("大阪です。ビザの更新は
    どこ？": the first sentence is the place alone); ``None`` for a place named in passing or no place."""
    if not turn.places:
        return None
    desk = turn.dialogue.router.desk
    return desk.statement(turn.text, turn.speech.key, turn.places) or turn.parts.place


def note_home(turn: Turn, said: PlaceStatement) -> Place:
    """Remember the place ``said`` names as the resident's home (愛知県豊田市: the city) and return it."""
    named = turn.dialogue.router.desk.phrases.home(said, turn.text, turn.speech.key, turn.places)
    turn.state.prefecture, turn.state.city = named.prefecture, named.id if named.kind == "city" else ""
    return named


def _home_beside_danger(turn: Turn) -> None:
    """A place stated in a message that also tells a danger or a serious situation is remembered before its
    reply, silently (the line comes first): "I live in Shizuoka. My husband hits me. Also how do I renew my
    visa?" — the renewal's bureau is Shizuoka's, and the next message is not asked where the resident lives."""
    said = home_statement(turn)
    if said is not None:
        note_home(turn, said)


_SIMPLE = {"greet": "greet", "goodbye": "goodbye", "thanks": "thanks"}


def intent(turn: Turn) -> list[Reply] | None:
    """Greetings, the language menu, plain Japanese, asking for a person or where an office is, a place alone,
    out of scope."""
    name, lead, state = turn.intent, turn.lead, turn.state
    if name in _SIMPLE:
        return lead + [turn.say(_SIMPLE[name])]
    if name and asks_several(turn) and topic_parts(turn) >= 2:
        return None  # "what is the ambulance number? and how do I get to a hospital?": the questions' step (an
        # intent read from the whole of two questions is neither: "…SIM Jepang…" is no request for plain Japanese)
    if name == "choose_language":
        return [turn.say("choose_language", quick=turn.dialogue.language_buttons())]
    if name == "plain_japanese":
        state.lang = turn.dialogue.plain_language or state.lang
        state.register, state.lang_chosen = PLAIN, True
        return [turn.say("plain_on")]
    if name == "ask_human":
        return turn.handoff("requested", lead=lead)
    office_topic = turn.dialogue.router.desk.office_intents.get(name or "")
    if office_topic:  # "Where is the immigration office?": that office for the resident's place
        return lead + turn.dialogue.router.desk.office_replies(turn, office_topic)
    if name == "inform_location" and not (turn.lead and turn.parts.questions):
        return lead or [turn.say("location_unknown")]
    if name == "out_of_scope":
        return turn.handoff("out_of_scope", lead=lead + [turn.say("out_of_scope")])
    return None


def serious_situation(turn: Turn) -> list[Reply] | None:
    """Cases a person must handle (deportation, detention, passport taken, exploitation, violence, legal
    disputes — ``handoff`` cues): straight to the right office."""
    kinds = turn.dialogue.cues.handoff_kinds(turn.text)
    if not kinds:
        return None
    replies = turn.handoff("complex", kinds[0], turn.lead)
    if turn.state.handoff != "done":
        return replies  # the place is asked first
    if asks_several(turn):  # two questions of their own beside it: each answered after the referral
        lead = len(turn.lead)
        more = several_questions(turn)
        if more:
            return replies + more[lead:]
    # "not paid for months, where do I complain?": the office of the question's topic too (not FRESC twice)
    return replies + turn.dialogue.router.desk.question_office(turn, skip=("fresc", "legal", "immigration"))


def several_problems(turn: Turn) -> list[Reply] | None:
    """Substantial sentences landing in several chapters: several problems at once, for FRESC.

    Only long messages are split (their sentences searched in one batched call), so ordinary questions —
    including "I moved. Where do I register?" — cost nothing extra and are not mistaken for complex cases.
    """
    policy, text = turn.policy, turn.text
    if len(text) < policy.several_min_chars or not turn.confident(turn.topics) or asks_several(turn):
        return None
    sentences = [s.strip() for s in re.split(r"[.!?。！？\n]+", text) if len(s.strip()) >= policy.sentence_min_chars]
    sentences = [s for s in sentences if not turn.dialogue.router.desk.only_a_place(s, turn.speech.key, policy)]
    if len(sentences) < policy.several_min_sentences:
        return None
    found = turn.dialogue.assistant.search_many(
        sentences[: policy.several_sentences_searched], turn.speech, k=policy.search_k
    )
    chapters = {hits[0].chunk.chapter for hits in found if turn.confident(hits[:1])}
    return turn.handoff("complex", "fresc", turn.lead) if len(chapters) >= policy.several_min_chapters else None


def danger_first(turn: Turn) -> list[Reply] | None:
    """Immediate danger: what to do now and the right line first, always; then an ordinary question the
    message also asks ("someone broke into my car! police number? and I lost my passport in there": the
    lost passport after the danger's lines)."""
    _home_beside_danger(turn)
    replies = danger(turn)
    return replies + _beside(turn) if replies else replies


def situations_and_questions(turn: Turn) -> list[Reply] | None:
    """A serious situation (its steps and lines first), and when the message also asks two questions of
    its own, those answered after it ("My wallet was stolen on the train. What is the number for the
    police? Also, how do I get my residence card reissued?": the crime victim's steps, then 110 and the
    reissue) — every part of the message answered; one ordinary question beside it is answered after it too
    ("my wallet was stolen just now, and my residence card was in it": the card's reissue)."""
    _home_beside_danger(turn)
    replies = situations(turn)
    if not replies:
        return replies
    if asks_several(turn):
        lead = len(turn.lead)
        more = several_questions(turn) or []
        if more[lead:]:
            return _not_repeated(replies, more[lead:]) + more[lead:]
    beside = _beside(turn)
    return _not_repeated(replies, beside) + beside


def _not_repeated(replies: list[Reply], after: list[Reply]) -> list[Reply]:
    """``replies`` without an office card that an answer ``after`` them ends with again ("My company has not
    paid me. How do I renew my visa?": the bureau's card once, after the renewal answer it belongs to)."""
    later = {r.office.id for r in after if r.office is not None}
    return [r for r in replies if r.office is None or r.handoff is not None or r.office.id not in later]


def _beside(turn: Turn) -> list[Reply]:
    """The parts of the message beside its serious situation, answered after it (``questions_beside``); a place
    named next is still about the situation (its office) first."""
    situations_now = list(turn.state.situations)
    more = questions_beside(turn, tells_situation(turn))
    turn.state.situations = situations_now
    return more


def answer(turn: Turn) -> list[Reply] | None:
    """The best topic above the answer threshold, with its source and the office for the resident's place;
    a question about the resident's own application gets the general rule and a referral for the decision."""
    confident = turn.confident(turn.question_topics)
    if not confident:
        return None
    turn.state.last_question = turn.text
    reply = turn.answer_topic(confident[0])
    if turn.dialogue.cues.is_own_case(turn.text):
        return turn.handoff("own_case", "immigration", turn.lead + [reply])
    replies = turn.lead + [reply] + turn.dialogue.router.desk.office_replies(turn, confident[0].topic_id)
    other = other_compared(turn, turn.text, turn.question_topics, confident[0], {confident[0].topic_id})
    if other is None:  # else "is resident tax the same as income tax?": the other thing compared too
        return replies
    return replies + [turn.answer_topic(other)] + turn.dialogue.router.desk.office_replies(turn, other.topic_id)


def follow_up(turn: Turn) -> list[Reply] | None:
    """A short message after an answer ("and for my child?"): searched with the previous question."""
    state = turn.state
    if not (state.recent_topics and state.last_question and len(turn.text) <= turn.policy.follow_up_chars):
        return None
    again = turn.confident(turn.search(f"{state.last_question} {turn.text}").topics[:1])
    return turn.lead + [turn.answer_topic(again[0])] if again else None


def unsure(turn: Turn) -> list[Reply]:
    """Nothing close enough: say so and name the Information Center; the second time, offer a person. After a
    place stated in the message ("I live in X, where do I …?"), the office its nearest topics all lead to."""
    if turn.lead:
        office = turn.dialogue.router.desk.agreed_office(turn)
        if office:
            said = turn.dialogue.assistant.not_sure(turn.msg.conversation_id, turn.speech)
            return turn.lead + [said] + office
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
    Step("another_question", another_question),
    Step("no_words", no_words),
    Step("danger", danger_first),
    Step("emergency", emergency),
    Step("place", place),
    Step("intent", intent),
    Step("situations", situations_and_questions),
    Step("serious_situation", serious_situation),
    Step("several_problems", several_problems),
    Step("several_questions", several_questions),
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
    turn.steps = frozenset(s.name for s in steps)
    turn.settle_language()
    for step in steps:
        replies = step.run(turn)
        if replies is not None:
            turn.ended_by = step.name
            return replies
    return turn.lead
