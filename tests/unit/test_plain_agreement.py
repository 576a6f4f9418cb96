"""The checker and the rewriter agree: what the rewriter writes passes every rewriting rule of the checker, the
checker counts sentence length the guidelines' way, and the plain-Japanese edition passes or lists waivers."""

from pathlib import Path

import pytest

from bot.plain import check, rewrite
from bot.plain.lexicon import load_lexicon
from bot.plain.waivers import EDITION, edition_breaches, load_waivers, sections

CHECK_ONLY = {"long-sentence", "many-kanji"}  # reported, never rewritten: the rewriter cannot promise them
STANDARD = Path(__file__).resolve().parents[2] / "knowledge" / "guidebook" / "ja"


@pytest.mark.parametrize(
    ("text", "long"),
    [
        ("16歳 以上の 人は、いつも カードを 持って いて ください。", False),  # 26 characters without spaces
        ("救急車（きゅうきゅうしゃ）と 消防車（しょうぼうしゃ）は 119に 電話して よびます。", False),
        ("在留カードは3か月を超えて日本に住む中長期在留者に交付されるカードです。", True),
        ("- なくした ときは、まず 警察に とどけて ください。", False),  # the list marker is layout
    ],
)
def test_sentence_length_leaves_out_spaces_and_furigana(text, long):
    assert any(b.rule_id == "long-sentence" for b in check(text)) is long


def test_a_word_explained_once_in_a_text_is_not_flagged_again():
    text = "在留カード（ざいりゅう カード）を もらいます。在留カードは いつも 持って いて ください。"
    assert not [b for b in check(text) if b.rule_id == "explain-needed-word"]


@pytest.mark.parametrize(
    "text",
    [
        "最低賃金（一番低い給料）が決まっています。",  # 賃金 inside the kept word 最低賃金 is not a second breach
        "紹介状がなくて病院に行きます。",  # なく is already kana (the rewriter must not write なかって)
        "転出の手続きをしてください。",  # 転出を手続きする is not Japanese
        "大きい ごみ（粗大ごみ：そだいごみ）を 出します。",  # readings and explanations are not rewritten
    ],
)
def test_the_checker_does_not_flag_what_the_rewriter_leaves(text):
    assert rewrite(text).text == text
    assert not [b for b in check(text) if b.rule_id not in CHECK_ONLY]


def test_the_lexicons_own_words_and_explanations_pass_the_checker():
    lexicon = load_lexicon()
    for entry in lexicon.entries:
        # an easy word stands in the sentence; an explanation stands in brackets after its word
        text = f"{entry.word}（{entry.explain}）です。" if entry.explain else f"{entry.easy}です。"
        found = [b.rule_id for b in check(text) if b.rule_id not in CHECK_ONLY | {"desu-masu"}]
        assert not found, (entry.word, text, found)


def _rewriter_breaches(paths) -> list[tuple[str, str, str]]:
    found = []
    for path in paths:
        for section in sections(path):
            out = rewrite(section.text).text
            found += [(section.key, b.rule_id, b.excerpt) for b in check(out) if b.rule_id not in CHECK_ONLY]
    return found


def test_the_rewriters_output_passes_every_rewriting_rule_on_a_chapter():
    assert _rewriter_breaches([STANDARD / "01-residence.md"]) == []


@pytest.mark.slow
def test_the_rewriters_output_passes_every_rewriting_rule_on_the_whole_guidebook():
    assert _rewriter_breaches(sorted(STANDARD.glob("*.md"))) == []


def test_the_plain_edition_passes_the_checker_or_lists_a_waiver():
    waivers = load_waivers()
    found = edition_breaches([EDITION / name for name in waivers["files"]])
    listed = waivers["waivers"]
    new = {k: [b for b in v if b not in listed.get(k, [])] for k, v in found.items()}
    stale = {k: [w for w in v if w not in found.get(k, [])] for k, v in listed.items()}
    assert not any(new.values()), f"breaches without a waiver (fix the text, or add a waiver): {new}"
    assert not any(stale.values()), f"waivers whose breach is gone (python -m bot.plain.waivers --write): {stale}"
