"""The rule and lexicon loaders reject broken data files with a message naming the file and the rule."""

import textwrap

import pytest

from bot.plain.lexicon import LexiconError, load_lexicon
from bot.plain.rules import RuleError, load_rule_file, load_rules

GOOD_RULE = """
  - id: r1
    guideline: g
    message: m
    pattern: [{LEMMA: 致す}]
    replace: [{inflect: する}]
    examples: [[説明致します。, 説明します。]]
"""


def write(tmp_path, body: str, header: str = "source: test\nstage: 10\nrules:\n"):
    path = tmp_path / "10-test.yaml"
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        (GOOD_RULE.replace("    guideline: g\n", ""), "guideline must be"),
        (GOOD_RULE.replace("    examples: [[説明致します。, 説明します。]]\n", ""), "at least one example"),
        (GOOD_RULE.replace("[[説明致します。, 説明します。]]", "[説明致します。]"), "each example must be"),
        (GOOD_RULE.replace("pattern: [{LEMMA: 致す}]", "pattern: [{LEMMAX: 致す}]"), "bad token pattern"),
        (GOOD_RULE.replace("pattern: [{LEMMA: 致す}]", "pattern: []"), "non-empty list of token mappings"),
        (GOOD_RULE.replace("replace: [{inflect: する}]", "replace: [a, b]"), "one item per pattern token"),
        (GOOD_RULE.replace("replace: [{inflect: する}]", "replace: {transform: nope}"), "must name a transform"),
        (GOOD_RULE.replace("replace: [{inflect: する}]", "replace: [{inflect: する, like: 5}]"), "not a token index"),
        (GOOD_RULE.replace("    message: m\n", "    message: m\n    scope: sometimes\n"), "scope must be"),
        (GOOD_RULE.replace("    message: m\n", "    message: m\n    colour: red\n"), "unknown key"),
        (GOOD_RULE.replace("    message: m\n", "    message: m\n    detect: long_sentence\n"), "exactly one of"),
        (GOOD_RULE + GOOD_RULE, None),
    ],
)
def test_a_broken_rule_is_rejected_with_a_clear_message(tmp_path, body, phrase):
    path = write(tmp_path, body)
    if phrase is None:  # duplicate ids are caught across the whole folder
        with pytest.raises(RuleError, match="also used"):
            load_rules.__wrapped__(tmp_path)
        return
    with pytest.raises(RuleError, match=phrase) as error:
        load_rule_file(path)
    assert "10-test.yaml" in str(error.value)


@pytest.mark.parametrize(
    ("header", "phrase"),
    [
        ("stage: 10\nrules:\n", "source"),
        ("source: s\nrules:\n", "stage"),
        ("source: s\nstage: 1\nrules: []\n", "rules"),
    ],
)
def test_a_rule_file_needs_source_stage_and_rules(tmp_path, header, phrase):
    path = write(tmp_path, GOOD_RULE if "[]" not in header else "", header)
    with pytest.raises(RuleError, match=phrase):
        load_rule_file(path)


def test_a_good_rule_file_loads(tmp_path):
    rule_file = load_rule_file(write(tmp_path, GOOD_RULE))
    assert rule_file.stage == 10 and [rule.id for rule in rule_file.rules] == ["r1"]


def test_a_missing_lexicon_is_empty(tmp_path):
    assert load_lexicon.__wrapped__(tmp_path / "absent.yaml").entries == ()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("source: s\nentries:\n  - {word: 提出する}\n", "needs easy"),
        ("source: s\nentries:\n  - {word: 在留カード, keep: true}\n", "needs explain"),
        ("source: s\nentries:\n  - {easy: 出す}\n", "needs word"),
        ("entries:\n  - {word: 提出する, easy: 出す}\n", "source"),
        ("source: s\nentries:\n  - {word: 提出する, easy: 出す, colour: red}\n", "needs word"),
    ],
)
def test_a_broken_lexicon_is_rejected(tmp_path, text, phrase):
    path = tmp_path / "lexicon.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=phrase):
        load_lexicon.__wrapped__(path)


def test_the_shipped_lexicon_loads_with_a_credit():
    lexicon = load_lexicon()
    assert lexicon.entries and "SNOW" in lexicon.source
