"""A repeated message reuses the pure parts of a turn (issue 16: the answer cache path ≤ 5 ms): the cue kinds
of a text, the message's parts, the vague questions, the table of language names; the state and outcome rows
are written without ``dataclasses.asdict``. Each gives what the work done anew gives."""

from dataclasses import asdict

from bot.dialogue.cues import Cues
from bot.dialogue.state import DialogueState
from bot.store import open_store
from bot.store.outcome import TurnOutcome


def test_the_cue_kinds_of_a_text_are_kept_and_are_what_the_phrases_say():
    cues = Cues(
        emergency={"fire": {"fire", "火事"}, "police": {"thief"}}, handoff={"labor": {"not paid"}, "dv": {"hits me"}}
    )
    text = "FIRE! the thief has not paid and hits me"
    assert cues.emergency_kind(text) == "fire"  # the first kind whose phrase it contains, case-folded
    kinds = cues.handoff_kinds(text)
    assert kinds == ["labor", "dv"]
    kinds.append("changed by a caller")  # a caller's list is its own: the kept kinds stay
    assert cues.handoff_kinds(text) == ["labor", "dv"] and cues.emergency_kind(text) == "fire"
    assert cues.emergency_kind("ｆｉｒｅ") == "fire" and cues.emergency_kind("hello") is None
    assert cues.handoff_kinds("hello") == []
    assert len(cues._kinds) == 3


def test_every_language_is_found_by_its_own_name_as_before(fake_services):
    dialogue = fake_services.dialogue

    def scanned(text):  # the lookup as it was: every language's name read on every turn
        wanted = text.strip().casefold()
        names = ((s, dialogue.catalogs.text(s, "language_name").casefold()) for s in dialogue.languages())
        return next((s for s, name in names if name == wanted), None)

    names = [dialogue.catalogs.text(s, "language_name") for s in dialogue.languages()]
    assert names
    for text in [*names, *(f"  {n.upper()} " for n in names), "hello", "", "日本語です"]:
        assert dialogue.language_by_name(text) == scanned(text)


def test_a_message_is_split_once_per_language_and_prefecture(fake_services):
    desk = fake_services.dialogue.router.desk
    text = "I live in Osaka. Where do I renew my visa? Also, where do I pay resident tax?"
    parts = desk.parts(text, "en")
    assert desk.parts(text, "en") is parts
    assert desk.parts(text, "en", "13") is desk.parts(text, "en", "13")
    assert [p.role for p in parts.parts] == ["place", "question", "question"]
    assert desk.vague("what should I do?", "en") is desk.vague("what should I do?", "en") is True
    assert desk.vague("Where do I renew my visa?", "en") is False


def test_the_state_and_outcome_rows_are_what_asdict_gave():
    state = DialogueState(lang="en", recent_topics=["a", "b"], problems=["x"], situations=["s"], unanswered=2)
    row = state.to_dict()
    assert row == asdict(state) and list(row) == list(asdict(state))
    row["recent_topics"].append("c")  # a copy, as asdict made
    assert state.recent_topics == ["a", "b"]
    outcome = TurnOutcome("api", "en", "q", "answered", "topic", 0.5, "labor", "office")
    assert outcome.row() == asdict(outcome) and list(outcome.row()) == list(asdict(outcome))


def test_taking_a_message_in_creates_a_conversation_once_and_keeps_its_state_and_channel(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    store.record_incoming("c1", "line", "first", "en")
    with store.turn("c1", "line") as turn:
        turn.state["lang"] = "en"
    store.record_incoming("c1", "api", "second", "en")  # an existing conversation: nothing of it changes
    assert store.state("c1") == {"lang": "en"} and store.channel("c1") == "line"
    assert store.count_conversations() == 1
    assert [(m.direction, m.text) for m in store.messages("c1")] == [("in", "first"), ("in", "second")]


def test_an_office_is_worded_once_per_topic_place_and_language(fake_services):
    from bot.dialogue.office_cards import card_text, route_cards

    desk = fake_services.dialogue.router.desk
    topic = next(t for t in desk.topics if desk.office_kind(t) == "immigration")
    route, cards, text = desk._office(topic, "27", "", "en")
    assert desk._office(topic, "27", "", "en")[2] is text
    fresh = route_cards(desk.route(topic, "27"), "en", desk.catalogs)
    assert list(cards) == fresh and text == "\n\n".join(card_text(c, "en", desk.catalogs) for c in fresh)
    assert desk._office(topic, "27", "", "ja")[2] != text
