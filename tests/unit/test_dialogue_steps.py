"""The turn as named steps (as docs/dialogue.md lists them), a new step inserted by name, and the policy
built from the settings."""

import re
from dataclasses import replace

import pytest

from bot.dialogue import STEPS, DialogueManager, DialoguePolicy, IncomingMessage, Step, with_step
from bot.replies import merge_replies
from connectors.settings import Settings
from tests.conftest import ROOT


def test_the_steps_run_in_the_order_docs_dialogue_md_lists_them():
    table = re.findall(r"^   \| `([a-z_]+)` \|", (ROOT / "docs" / "dialogue.md").read_text(encoding="utf-8"), re.M)
    assert table == [step.name for step in STEPS]


def test_the_policy_takes_every_setting_named_like_a_field():
    settings = Settings(_env_file=None, answer_threshold=0.7, intent_threshold=0.95)
    policy = DialoguePolicy.from_settings(settings, unsure_before_handoff=3)
    assert (policy.answer_threshold, policy.intent_threshold, policy.unsure_before_handoff) == (0.7, 0.95, 3)
    assert policy.intent_margin == DialoguePolicy().intent_margin
    with pytest.raises(AttributeError):
        policy.answer_threshold = 0.1  # frozen: a turn cannot change the policy under another


def manager_with(services, steps=STEPS, policy=None) -> DialogueManager:
    d = services.dialogue
    return DialogueManager(
        d.assistant,
        d.store,
        d.router,
        d.cues,
        d.places,
        policy or d.policy,
        d.emergency_topics,
        writings=d.writings,
        steps=steps,
    )


def test_a_step_inserted_before_the_answer_speaks_first_and_the_emergency_still_comes_before_it(fake_services):
    def shout(turn):
        return [turn.reply("A new step spoke.")] if "residence card" in turn.text else None

    steps = with_step(STEPS, Step("shout", shout), before="answer")
    assert [s.name for s in steps].index("shout") == [s.name for s in STEPS].index("answer")
    dialogue = manager_with(fake_services, steps)
    said = merge_replies(dialogue.handle(IncomingMessage("steps-1", "I lost my residence card")))
    assert said.text == "A new step spoke."
    fire = merge_replies(dialogue.handle(IncomingMessage("steps-2", "Fire! my residence card is burning")))
    assert "119" in fire.text and "A new step spoke." not in fire.text


def test_inserting_next_to_an_unknown_step_says_which_steps_exist():
    with pytest.raises(ValueError, match="serious_situation"):
        with_step(STEPS, Step("x", lambda turn: None), after="no_such_step")


def test_the_unsure_count_before_a_person_is_offered_is_the_policys(fake_services):
    strict = replace(fake_services.dialogue.policy, answer_threshold=2.0, unsure_before_handoff=3)
    dialogue = manager_with(fake_services, policy=strict)
    fake_services.assistant.threshold, original = 2.0, fake_services.assistant.threshold
    try:
        said = [
            merge_replies(dialogue.handle(IncomingMessage("steps-3", text)))
            for text in ("zzqx blorf", "qqzx florb", "xxqz lorfb")
        ]
    finally:
        fake_services.assistant.threshold = original
    assert [r.handoff is not None for r in said] == [False, False, True]
