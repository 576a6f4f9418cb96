"""Every language has its whole pack: bot sentences, cue phrases, intent examples and example questions,
consistent with English (same message ids and placeholders, same intents, every topic)."""

from __future__ import annotations

import re

import pytest
import yaml
from babel.messages.pofile import read_po

from knowledge.chunker import INTENT_PREFIX
from knowledge.content import languages_in
from knowledge.paths import GUIDEBOOK_DIR, INTENTS_DIR, QUESTIONS_DIR, REPO_DIR, TRANSLATIONS_DIR
from knowledge.questions import load_intent_examples, load_questions

LANGS = languages_in(GUIDEBOOK_DIR)
REQUIRED = "ja ja-plain en zh ko es pt vi ne th id my km fil mn tr uk".split()


def catalog(lang: str) -> dict[str, str]:
    with (TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_the_16_guidebook_languages_and_plain_japanese_are_all_there():
    assert set(REQUIRED) <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_has_every_message_with_the_same_placeholders(lang):
    english, other = catalog("en"), catalog(lang)
    for key, text in english.items():
        assert other.get(key, "").strip(), f"{lang}: {key} is missing"
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", other[key])), f"{lang}: {key}"


@pytest.mark.parametrize("lang", LANGS)
def test_cue_phrases_exist(lang):
    cues = yaml.safe_load((TRANSLATIONS_DIR / lang / "cues.yaml").read_text(encoding="utf-8"))
    assert cues["emergency"] and cues["handoff"] and cues["own_case"]


@pytest.mark.parametrize("lang", LANGS)
def test_intent_examples_cover_every_intent(lang):
    english = {q.topic_id for q in load_intent_examples(INTENTS_DIR) if q.lang == "en"}
    mine = [q for q in load_intent_examples(INTENTS_DIR) if q.lang == lang]
    assert {q.topic_id for q in mine} == english
    assert len(mine) >= 3 * len(english)


@pytest.mark.parametrize("lang", LANGS)
def test_example_questions_cover_every_topic(lang):
    topics = {s_id for s_id in _topic_ids()}
    asked = {}
    for q in load_questions(QUESTIONS_DIR, [lang]):
        asked.setdefault(q.topic_id, []).append(q.text)
    assert set(asked) == topics
    assert min(len(v) for v in asked.values()) >= 3


def _topic_ids() -> set[str]:
    ids = set()
    for path in (GUIDEBOOK_DIR / "en").glob("*.md"):
        ids.update(re.findall(r"\{#([a-z0-9-]+)\}", path.read_text(encoding="utf-8")))
    return ids


def test_rasa_domain_lists_every_intent_and_the_rules_use_them():
    domain = yaml.safe_load((REPO_DIR / "training_data" / "domain.yml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((REPO_DIR / "training_data" / "data" / "rules.yml").read_text(encoding="utf-8"))
    rasa_only = REPO_DIR / "training_data" / "data" / "ask_question"  # Rasa's questions (docs/rasa.md)
    intents = {
        q.topic_id.removeprefix(INTENT_PREFIX)
        for q in load_intent_examples(INTENTS_DIR) + load_intent_examples(rasa_only)
    }
    assert intents == set(domain["intents"])
    ruled = {step["intent"] for rule in rules["rules"] for step in rule["steps"] if "intent" in step}
    assert intents <= ruled
    actions = {step["action"] for rule in rules["rules"] for step in rule["steps"] if "action" in step}
    assert actions <= set(domain["actions"])
