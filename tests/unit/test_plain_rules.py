"""Every rule file's examples, as (input, expected) tables: each example rewrites exactly as stated.

Rule examples run with a small fixed lexicon, so that a change to the shipped word list cannot change
what a grammar rule's example shows; the lexicon's own words are tested in test_plain_rewrite.py.
"""

import pytest

from bot.plain import check, rewrite
from bot.plain.lexicon import Entry, Lexicon
from bot.plain.rules import load_rules
from bot.plain.tokens import lemma_tokens

RULE_FILES = load_rules()
EXAMPLE_LEXICON = Lexicon(
    "test", (Entry("提出する", "出す", None, "verb"), Entry("在留カード", None, "日本に住む外国人のカード"))
)
REWRITES = [
    pytest.param(rule, text, expected, id=f"{rule.id}-{n}")
    for rule_file in RULE_FILES
    for rule in rule_file.rules
    for n, (text, expected) in enumerate(rule.examples)
    if expected is not None
]
CHECK_ONLY = [
    pytest.param(rule, text, id=f"{rule.id}-{n}")
    for rule_file in RULE_FILES
    for rule in rule_file.rules
    for n, (text, expected) in enumerate(rule.examples)
    if expected is None
]


@pytest.fixture
def example_lexicon(monkeypatch):
    index = EXAMPLE_LEXICON.by_lemmas(lemma_tokens)
    monkeypatch.setattr("bot.plain.engine.lexicon_index", lambda: index)


def test_every_rule_file_has_a_source_and_every_rule_an_example():
    assert len(RULE_FILES) >= 5
    for rule_file in RULE_FILES:
        assert rule_file.source
        for rule in rule_file.rules:
            assert rule.examples, rule.id


@pytest.mark.parametrize(("rule", "text", "expected"), REWRITES)
def test_rule_example_rewrites_as_stated(rule, text, expected, example_lexicon):
    result = rewrite(text)
    assert result.text == expected
    if expected != text:
        assert rule.id in {applied.rule_id for applied in result.applied}


@pytest.mark.parametrize(("rule", "text"), CHECK_ONLY)
def test_check_only_rule_example_is_reported(rule, text, example_lexicon):
    assert rule.id in {breach.rule_id for breach in check(text)}


@pytest.mark.parametrize(("rule", "text", "expected"), [p for p in REWRITES if p.values[1] != p.values[2]])
def test_the_checker_reports_what_the_rule_would_rewrite(rule, text, expected, example_lexicon):
    assert rule.id in {breach.rule_id for breach in check(text)}
