"""Several questions in one message (issue 12): how many questions of its own a message asks, and the step
that searches them in one batched call and answers each — the number to call first, then what the whole
message is most about — with its office for the resident's place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.dialogue.compare import other_compared
from bot.dialogue.neighbours import by_title
from bot.dialogue.turn import substantial
from bot.replies import QuickReply, Reply

if TYPE_CHECKING:
    from bot.dialogue.turn import Turn
    from knowledge.retriever import TopicHit

__all__ = [
    "asks_several",
    "questions_asked",
    "questions_beside",
    "requesting",
    "several_questions",
    "topic_parts",
    "weak_sure",
]


def several_questions(turn: Turn) -> list[Reply] | None:
    """Two or three questions in one message ("How do I renew my visa? Also, where do I pay resident tax?";
    a place stated beside them was taken by the place step): searched in one batched call and answered —
    the number to call first, then the whole message's own topic — each with its office for the resident's
    place; three are answered, a fourth is offered as a quick reply."""
    desk = turn.dialogue.router.desk
    weak = turn.parts.weak_questions  # cut from a statement beside them: only topics of the whole message
    questions = turn.asked(turn.parts)  # the substantial questions, not vague ones, two or three of them
    if not questions:
        return None  # one question (with a place or plain Japanese around it) is the answer step's
    found = turn.dialogue.assistant.search_many(questions, turn.speech, k=turn.policy.search_k)
    # what the whole message is about (searched anyway; without a place stated beside the questions)
    about = turn.question_topics
    near = {h.topic_id for h in about}
    nearest = {h.topic_id for h in about[: turn.policy.weak_part_near]}
    chosen: dict[int, TopicHit] = {}
    compared: dict[int, TopicHit] = {}  # the other thing a comparing question asks about
    seen: set[str] = set()
    person = {q for q, intent in zip(questions, turn.part_intents) if _not_a_topic(intent)}
    own, pairs = requesting(turn), turn.parts.pair_questions
    paired = _pair_topics(turn, questions, found, pairs - weak)
    # the questions of their own choose their topics first: a statement beside them ("Baby was born last week.")
    # does not take the topic a question ranks first ("how do I register the birth?") and leave it the runner-up
    for n in sorted(range(len(questions)), key=lambda n: questions[n] not in own):
        question = questions[n]
        topics = by_title(turn, question, found[n]) if question not in weak else found[n]
        if question in person:
            continue  # "I want to talk to a person" is no topic to search
        # the part's best topic not answered yet ("ゴミの出し方は？それと粗大ごみは？" — two garbage topics)
        if question in weak:  # cut from a statement beside it: only a topic the whole message is about too
            sure = topics and (weak_sure(turn, topics, nearest) or _emergency_asked(turn, question, topics[0]))
            best = topics[0] if sure and topics[0].topic_id not in seen else None
        else:
            # one thing of a pair in one frame ("I want to know about health insurance and the pension") names
            # its thing and little else: its topic is as sure as one the whole message is near
            # a part that only tells ("今月は仕事が忙しいです。") is answered with one of the message's nearest
            # topics only: its own best topic is a guess (work injury), not what the resident asks about
            close = {h.topic_id for h in topics} if question in pairs else near if question in own else nearest
            candidates = [h for h in topics[:2] if h.topic_id not in seen and _part_sure(turn, h, close)]
            if n in paired:  # two things of one pair: two different topics chosen together, or one for both
                hit = paired[n]
                candidates = [hit] if hit is not None and hit.topic_id not in seen else []
            best = _own_topic(candidates)
        if best is not None:
            seen.add(best.topic_id)
            chosen[n] = best
            # (a weak part may be one thing only; a thing of a pair is one of the two already)
            other = other_compared(turn, question, topics, best, seen) if question not in weak | pairs else None
            if other is not None:  # "what is the difference between X and Y?": Y too, after X
                seen.add(other.topic_id)
                compared[n] = other
    hits = [(questions[n], hit) for n in sorted(chosen) for hit in (chosen[n], compared.get(n)) if hit is not None]
    if len(hits) < 2 and not (hits and hits[0][0] in own and hits[0][0] not in weak):
        return None  # nothing, or one part only that is no question of its own: the whole message goes on to
        # `answer` (one question of its own is answered with its part's topic, sure for that part: "moved to Nara.
        # still havent done the moving in notice, which office is it" — its statement's topic taken by it)
    emergency = turn.dialogue.emergency_topics
    replies: list[Reply] = []
    whole = about[0].topic_id if about else ""
    # the emergency number first (110, 119), then what the whole message is most about ("I'm a student. How
    # many hours can I work?": the students' work permission, not the student status page), other emergency
    # topics (an earthquake), then what the message asks before what it only states ("I have gone home to
    # Indonesia, how do I claim the lump sum?": the lump sum first), in the message's order; a part that only
    # tells ("I changed jobs.") after every question of its own, so the topic of a question is not left to a
    # quick reply for the topic of a statement beside it
    hits.sort(
        key=lambda pair: (
            not _number_topic(turn, pair[1].topic_id),
            len(hits) > turn.policy.questions_answered and pair[0] not in own,
            pair[1].topic_id != whole,
            pair[1].topic_id not in emergency,
            not desk.asks(pair[0], turn.speech.key),
        )
    )
    for question, hit in hits[: turn.policy.questions_answered]:
        turn.state.last_question = question
        replies += [turn.answer_topic(hit)] + desk.office_replies(turn, hit.topic_id)
    later = tuple(QuickReply(question) for question, _ in hits[turn.policy.questions_answered :])
    if later:
        replies[-1] = replace(replies[-1], quick_replies=later + replies[-1].quick_replies)
    return turn.lead + replies


def questions_beside(turn: Turn, told: Callable[[str, TopicHit], bool]) -> list[Reply]:
    """The rest of a message whose serious situation was answered first ("my wallet was stolen just now, police
    number? and my residence card was in it"): each other part about a topic of its own, answered after the
    situation's reply (its lines stay first) with its office. A part counts when it asks (or says what the
    resident wants done) about a topic of its own, or tells of a matter the whole message is most about ("and
    my residence card was in it": the card's reissue); not a part that tells the situation itself (``told``,
    given the part and its topic), a vague one ("what should I do?": about the situation), a number to call
    (the situation's reply gives its lines), nor a part cut from a statement beside it unless its topic is one
    of the whole message's nearest (as in ``several_questions``)."""
    desk, policy, key = turn.dialogue.router.desk, turn.policy, turn.speech.key
    parts = [q for q in turn.parts.questions if substantial(q, policy.sentence_min_chars) and not desk.vague(q, key)]
    if not 2 <= len(parts) <= policy.questions_answered + 1:
        return []  # one part: the situation's own message
    found = turn.dialogue.assistant.search_many(parts, turn.speech, k=policy.search_k)
    about = turn.question_topics
    near, nearest = {h.topic_id for h in about}, {h.topic_id for h in about[: policy.weak_part_near]}
    most = {h.topic_id for h in about[: policy.beside_near]}
    weak, replies, seen = turn.parts.weak_questions, [], set()
    for part, topics in zip(parts, found):
        if part in weak:
            sure = topics and weak_sure(turn, topics, nearest)
            best = topics[0] if sure and topics[0].topic_id not in seen else None
        else:
            best = _own_topic([h for h in topics[:2] if h.topic_id not in seen and _part_sure(turn, h, near)])
        if best is None or _number_topic(turn, best.topic_id) or told(part, best):
            continue
        if best.topic_id not in most and not desk.requests(part, key) and part not in turn.parts.joined_questions:
            continue  # a statement about something the message is not most about: the situation's own words
            # (not one raised with "and also" after a question: "…police number? với cả em bị mất ví nữa")
        seen.add(best.topic_id)
        turn.state.last_question = part
        # the situation's reply already names its office or asks where the resident lives: not asked again
        replies += [turn.answer_topic(best)] + desk.office_replies(turn, best.topic_id, ask=False)
        if len(seen) >= policy.questions_answered:
            break
    return replies


def _pair_topics(turn: Turn, questions: list[str], found: list, pairs: set[str]) -> dict[int, TopicHit | None]:
    """Two things of one pair or comparison, side by side among the questions, that rank one topic first
    ("company health insurance" and "kokumin kenko hoken": national health insurance): the thing that leads its
    runner-up by less takes that runner-up (the employees' insurance) when it is within ``pair_lead`` of its first
    and as sure as a part's topic the whole message is near; the other keeps the shared topic. No runner-up that
    close ("hoikuen" and "yochien": nursery schools and kindergartens, one topic): one topic for both (None for
    the second). Things with different first topics are left to the part's own choice."""
    policy, chosen = turn.policy, {}
    floor = policy.answer_threshold - policy.part_slack
    n = 0
    while n + 1 < len(questions):
        if not (questions[n] in pairs and questions[n + 1] in pairs):
            n += 1
            continue
        first, second = ([h for h in hits[: policy.pair_candidates] if h.dense >= floor] for hits in found[n : n + 2])
        if first and second and first[0].topic_id == second[0].topic_id:
            leads = [hits[0].dense - hits[1].dense if len(hits) > 1 else 1.0 for hits in (first, second)]
            if min(leads) > policy.pair_lead:
                chosen[n], chosen[n + 1] = first[0], None
            elif leads[0] < leads[1]:
                chosen[n], chosen[n + 1] = first[1], second[0]
            else:
                chosen[n], chosen[n + 1] = first[0], second[1]
        n += 2
    return chosen


def _number_topic(turn: Turn, topic_id: str) -> bool:
    """An emergency topic whose answer is a number to call: it sends to the police or the fire service."""
    return topic_id in turn.dialogue.emergency_topics and turn.dialogue.router.desk.office_kind(topic_id) in (
        "police",
        "fire",
    )


def _emergency_asked(turn: Turn, question: str, hit) -> bool:
    """An emergency number asked in a part ("my bicycle was stolen, what is the police number?") is answered
    even when the whole message is about something else (the number first): a part that asks, whose topic
    is an emergency topic sending to the police or the fire service (110, 119), above the answer threshold."""
    return (
        _number_topic(turn, hit.topic_id)
        and hit.dense >= turn.policy.answer_threshold
        and turn.dialogue.router.desk.asks(question, turn.speech.key)
    )


def _not_a_topic(intent: str) -> bool:
    """A part read on its own as a request for a person ("担当者と話したいです", "Saya mau bicara dengan
    petugas"): no guidebook topic to search for it. (Office intents read from a part are not trusted: a
    Burmese "what is the ambulance number?" reads as one.)"""
    return intent == "ask_human"


def topic_parts(turn: Turn) -> int:
    """How many of the searched parts are questions about a topic, not a request for a person: "担当者と話し
    たいです。入管はどこですか？" is the office intent of the whole message, not two questions."""
    intents = turn.part_intents
    return sum(not _not_a_topic(intent) for intent in intents) if intents else 2


def asks_several(turn: Turn) -> bool:
    """Two or more questions of their own (cut where both sides ask, each asking something): the message is
    several questions, for ``several_questions``, not one intent or several problems to hand over."""
    return questions_asked(turn) >= 2


def questions_asked(turn: Turn) -> int:
    """How many questions of their own a message asks: each part that asks, says what the resident wants
    done ("Saya mau perpanjang visa", "…하고 싶어요", ចង់ …) or is followed by a vague question about it
    ("월급을 못 받았어요. 어디에 상담해요?"); a vague question is not one of its own, and the parts cut from a
    statement beside them (weak: "일하다가 다쳤는데 | 산재 신청은 어떻게 해요?") count once together."""
    weak = turn.parts.weak_questions
    own = requesting(turn)
    return len(own - weak) + (1 if own & weak else 0)


def requesting(turn: Turn) -> set[str]:
    """The substantial question parts that are questions of their own: they ask, say what the resident wants
    done, go on after "and also" from a side that does, or are followed by a vague question about them (not the
    vague question itself)."""
    desk, key = turn.dialogue.router.desk, turn.speech.key
    questions, joined, pairs = turn.parts.questions, turn.parts.joined_questions, turn.parts.pair_questions
    found = set(questions) & pairs  # each thing of a pair or a comparison is asked about
    for n, question in enumerate(questions):
        if not substantial(question, turn.policy.sentence_min_chars) or desk.vague(question, key):
            continue
        followed = n + 1 < len(questions) and desk.vague(questions[n + 1], key)
        if followed or question in joined or desk.requests(question, key):
            found.add(question)
    return found


def _own_topic(candidates: list):
    """The part's topic of its (up to two) candidates: the first, but a guide topic before a residence status
    page ("how do I get permanent residence?": the application, not what a permanent resident may do)."""
    if len(candidates) == 2 and candidates[0].topic_id.startswith("status:"):
        if not candidates[1].topic_id.startswith("status:"):
            return candidates[1]
    return candidates[0] if candidates else None


def _part_sure(turn: Turn, hit, near: set[str]) -> bool:
    """A part of a message is short, so its topic may be a little below the answer threshold when the whole
    message is near it too ("My bicycle was stolen. What is the police number?"); a topic the whole message
    is not near needs a margin above it."""
    policy = turn.policy
    if hit.topic_id in near:
        return hit.dense >= policy.answer_threshold - policy.part_slack
    return hit.dense >= policy.answer_threshold + policy.part_margin


def weak_sure(turn: Turn, topics, near: set[str]) -> bool:
    """A weak part (cut from a statement beside it: "I lost my card and what should I do?") is answered only
    with one of the whole message's nearest topics, above the answer threshold (a vague part alone is near
    many topics: "what should I do?")."""
    return topics[0].topic_id in near and topics[0].dense >= turn.policy.answer_threshold
