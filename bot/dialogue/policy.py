"""Every number the dialogue turn decides with, in one frozen, documented value.

Built from the service's settings with ``DialoguePolicy.from_settings`` (a setting whose name matches a
field — ``answer_threshold``, ``intent_threshold`` — overrides the default). The defaults were tuned on the
project's question set (``tests/integration/test_retrieval_accuracy.py``); change them there, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["DialoguePolicy", "ASK_PREFECTURES"]

# prefectures offered as quick replies when a handoff needs the resident's place (most foreign residents)
ASK_PREFECTURES = ("tokyo", "kanagawa", "saitama", "chiba", "aichi", "osaka", "hyogo", "fukuoka", "shizuoka")


@dataclass(frozen=True)
class DialoguePolicy:
    # -- answering -----------------------------------------------------------------------------
    answer_threshold: float = 0.80  # dense similarity a topic needs to be answered (TSUNAGU_ANSWER_THRESHOLD)
    search_k: int = 8  # topics retrieved per message (and as many intents)
    # -- intents -------------------------------------------------------------------------------
    intent_threshold: float = 0.90  # similarity an intent example needs (TSUNAGU_INTENT_THRESHOLD)
    intent_margin: float = 0.015  # an intent must beat the best topic's score by this (questions stay questions)
    emergency_exact: float = 0.94  # an emergency example this close is taken even with a topic nearby ...
    emergency_margin: float = 0.04  # ... otherwise it must be this much closer than the best topic
    # -- language ------------------------------------------------------------------------------
    detection_confidence: float = 0.5  # a detected language replaces the conversation's only from this confidence
    detection_min_letters: int = 3  # fewer letters ("a", "ok") say nothing about the language: an
    # established conversation language stays
    # -- place ---------------------------------------------------------------------------------
    place_only_words: int = 5  # after a referral, a message this short naming a place asks about the place
    ask_prefectures: tuple[str, ...] = ASK_PREFECTURES
    place_choices: int = 13  # (LINE shows at most 13 quick replies) buttons when a name several municipalities share is where the resident lives
    # -- follow-ups ----------------------------------------------------------------------------
    follow_up_chars: int = 60  # a message this short is also searched together with the last question
    recent_topics_kept: int = 5
    # -- several problems in one message (a person at FRESC) -------------------------------------
    several_min_chars: int = 100  # only messages this long are split into sentences
    several_min_sentences: int = 3  # ... with at least this many substantial sentences
    sentence_min_chars: int = 12  # a sentence shorter than this is not substantial
    several_sentences_searched: int = 4  # sentences searched (in one batched call)
    several_min_chapters: int = 2  # distinct guidebook chapters that make it "several problems"
    # -- several questions in one message (issue 12) ------------------------------------------------
    questions_answered: int = 3  # questions of one message answered; one more is offered as a quick reply
    # (3, not 2: a message's three questions each answered — dev multi-part routing_dev 81.3 -> 84.6 %,
    # routing_dev_r6 66.4 -> 72.3 %, no language lower)
    part_margin: float = 0.02  # a part's topic the whole message is not near needs this much above the threshold
    part_slack: float = 0.05  # ... one the whole message is near may be this much below it (parts are short)
    weak_part_near: int = 4  # a part cut from a statement beside it needs one of the message's nearest topics
    # (3, not 2: bench/data/routing_dev.yaml multipart4 answered 2 more of 12, none fewer; 4 with three questions
    # answered: routing_dev_r6 one more (ko), routing_dev and r5 unchanged)
    neighbour_lead: float = 0.01  # a part's topics this close to its best one are its close neighbours ...
    neighbour_candidates: int = 3  # ... among its first this many: the title sharing most of its words wins
    neighbour_title_margin: float = 0.5  # ... by this much more than the first's (``bot/dialogue/neighbours.py``)
    pair_candidates: int = 3  # two things of one pair or comparison ranking one topic first: among each one's
    pair_lead: float = 0.015  # ... first this many, the runner-up this close to the first one is the thing's own
    # topic, for the thing that leads it by less (``several._pair_topics``)
    compare_lead: float = 0.06  # a question comparing two things: its runner-up topic this close to its first is
    # the other thing compared, answered too ("is resident tax the same as income tax?": both; ``compare.py``)
    compare_candidates: int = 4  # ... among its first this many topics, the title sharing most of its words
    compare_title_share: float = 0.45  # ... and at least this much (``neighbours.shared_letters``' measure) of
    # its words the first topic's title does not hold: the other thing is named ("hoikuen and yochien": one topic)
    beside_near: int = 2  # beside a serious situation, a part that only tells is answered when its topic is
    # one of the whole message's this many nearest ("…and my residence card was in the bag": its reissue)
    # -- unsure and handoff --------------------------------------------------------------------
    unsure_before_handoff: int = 2  # consecutive unanswered questions before a person is offered
    office_near_topics: int = 3  # unsure of the topic of "I live in X, where do I …?": when the question's this
    office_near_slack: float = 0.02  # many nearest topics, each within this of the threshold, lead to one office
    # (kind, and counter for the municipal office), that office for the resident's place is named
    problems_kept: int = 5  # the resident's messages kept for a handoff summary
    summary_topics: int = 3  # topics named in a handoff summary
    summary_near_topics: int = 2  # ... of which this message's nearest topics may add this many
    summary_words: int = 3  # the resident's latest messages quoted in a handoff summary
    summary_near_slack: float = 0.02  # a near topic counts in the summary from answer_threshold minus this

    @classmethod
    def from_settings(cls, settings: object, **overrides: Any) -> DialoguePolicy:
        """The defaults, with every setting named like a field (and then ``overrides``) applied."""
        values: dict[str, Any] = {f.name: getattr(settings, f.name) for f in fields(cls) if hasattr(settings, f.name)}
        return replace(cls(), **values, **overrides)
