"""The plain-Japanese lexicon (bot/data/plain/lexicon.yaml) and how it is derived from SNOW T15.

Data checks: well-formed for the engine's loader, credited, no duplicate words, no chains, no easy
form harder than its word by the JLPT levels, the residence words kept and explained, the guideline
substitutions present. Derivation checks run the alignment on small hand-made pairs; one test re-derives
the committed file from ../shared (skipped when absent) so data and script cannot drift apart.
"""

from __future__ import annotations

from argparse import Namespace
from collections import Counter
from functools import lru_cache

import pytest
import yaml

from bench.plain_lexicon_split import Substituter
from bench.shared_data import SnowPair, default_dev_path
from bot.plain import rewrite
from bot.plain.lexicon import LEXICON_PATH, load_lexicon
from scripts.derive_plain_lexicon import HAND, Judge, easy_kanji, main as derive_lexicon
from scripts.plain_word_levels import WordLevels
from scripts.snow_alignment import Tokenizer, align_candidates, inflection_class, word_form

POS = {"verb", "adjective", "na-adjective", "noun", "pronoun", "adverb", "adnominal", "conjunction", "suffix"}


@lru_cache(maxsize=1)
def raw() -> dict:
    return yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def word_levels() -> WordLevels:
    return WordLevels()


@lru_cache(maxsize=1)
def tokenizer() -> Tokenizer:
    return Tokenizer()


def entries() -> list[dict]:
    return raw()["entries"]


def test_the_engine_loads_the_lexicon():
    lexicon = load_lexicon(LEXICON_PATH)
    assert len(lexicon.entries) == len(entries()) > 300


@pytest.mark.parametrize(
    "credit",
    [
        "SNOW T15",
        "CC BY 4.0",
        "Yamamoto & Maruyama",
        "jamsinclair/open-anki-jlpt-decks",
        "MIT",
        "Jonathan Waller",
        "2020 guidelines",
    ],
)
def test_the_source_header_credits_every_source(credit):
    assert credit in raw()["source"]


def test_every_entry_is_a_substitution_or_a_kept_word_with_an_origin():
    for entry in entries():
        assert entry["origin"] in {"hand", "snow"}, entry
        if entry.get("keep"):
            assert set(entry) == {"word", "keep", "explain", "origin"}, entry
        else:
            assert set(entry) == {"word", "easy", "pos", "origin"}, entry
            assert entry["pos"] in POS and entry["easy"] != entry["word"], entry


def test_no_word_appears_twice():
    words = [e["word"] for e in entries()]
    assert len(words) == len(set(words))


def test_no_chains_an_easy_form_is_never_replaced_again():
    words = {e["word"] for e in entries()}
    assert not [e for e in entries() if e.get("easy") in words]


def test_no_easy_form_is_harder_than_its_word_by_the_jlpt_levels():
    levels = word_levels()
    harder = [
        (e["word"], e["easy"]) for e in entries() if "easy" in e and levels.rank(e["easy"]) < levels.rank(e["word"])
    ]
    assert harder == []


def test_explanations_are_short():
    long = [(e["word"], e["explain"]) for e in entries() if e.get("keep") and len(e["explain"]) > 16]
    assert long == []


@pytest.mark.parametrize(
    "word", ["在留カード", "在留資格", "在留期間", "住民票", "マイナンバー", "国民健康保険", "年金", "入管", "申請"]
)
def test_needed_residence_words_are_kept_and_explained(word):
    entry = next(e for e in entries() if e["word"] == word)
    assert entry["keep"] is True and entry["explain"]


@pytest.mark.parametrize(
    ("word", "easy"),
    [
        ("提出する", "出す"),
        ("記入する", "書く"),
        ("速やか", "すぐ"),
        ("居住地", "住んでいる所"),
        ("交付する", "渡す"),
        ("君", "あなた"),
        ("到着する", "着く"),
        ("友人", "友達"),
    ],
)
def test_guideline_and_corpus_substitutions(word, easy):
    assert {e["word"]: e.get("easy") for e in entries()}[word] == easy


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("書類を速やかに提出してください。", "書類をすぐに出してください。"),
        ("居住地を届け出てください。", "住んでいる所を知らせてください。"),
        ("申請書に記入します。", "申請書（申請の紙）に書きます。"),
        ("彼等は来日した。", "彼らは日本に来た。"),
        ("「日本人の配偶者等」の方", "「日本人の配偶者等（日本人と結婚した人などの在留資格）」の方"),
    ],
)
def test_the_rewriter_uses_the_lexicon_as_written(text, expected):
    assert rewrite(text).text == expected


def test_words_refused_by_hand_are_not_substituted():
    refused = yaml.safe_load(HAND.read_text(encoding="utf-8"))["refuse"]
    assert "以内" in refused
    assert not [e["word"] for e in entries() if e["word"] in refused]


# --- derivation -----------------------------------------------------------------------------------------------

PAIRS = [
    SnowPair(1, "多くの動物が人間によって滅ぼされた。", "多くの動物が人間によって殺された。"),
    SnowPair(2, "彼は駅に到着した。", "彼は駅に着いた。"),
    SnowPair(3, "君が来た。", "あなたが来た。"),
    SnowPair(4, "君は学生だ。", "あなたは学生だ。"),
    SnowPair(5, "君の本だ。", "君の本だ。"),
]


def test_alignment_finds_dictionary_form_substitutions_with_counts():
    found = {(c.word, c.easy): c for c in align_candidates(PAIRS, tokenizer())}
    assert set(found) == {("滅ぼす", "殺す"), ("到着する", "着く"), ("君", "あなた")}
    you = found[("君", "あなた")]
    assert (you.replaced, you.seen) == (2, 3) and you.consistency == pytest.approx(2 / 3)
    assert found[("到着する", "着く")].word_class == found[("到着する", "着く")].easy_class == "verb"


@pytest.mark.parametrize(
    ("text", "form", "kind"),
    [
        ("滅ぼされ", "滅ぼす", "verb"),
        ("本当のこと", "本当のこと", "plain"),
        ("上手な", "上手だ", "na-adjective"),
        ("嬉しく", "嬉しい", "adjective"),
    ],
)
def test_spans_are_written_with_the_last_token_in_dictionary_form(text, form, kind):
    tokens = [t for t in tokenizer()(text) if t.lemma not in {"れる"}]
    assert word_form(tokens) == form
    assert inflection_class(tokens) == kind


def _judge(**options) -> Judge:
    args = Namespace(min_count=3, min_consistency=0.4, **options)
    hand = {"entries": [{"word": "提出する", "easy": "出す"}], "refuse": {"以内": "deadlines"}}
    return Judge(args, word_levels(), tokenizer(), easy_kanji(), hand)


@pytest.mark.parametrize(
    ("original", "simplified", "copies", "reason"),
    [
        ("君が来た。", "あなたが来た。", 3, None),
        ("君が来た。", "あなたが来た。", 2, "rare"),
        ("14日以内に出す。", "14日以下に出す。", 3, "refused by hand"),
        ("書類を提出した。", "書類を渡した。", 3, "hand entry"),
        ("犬が一匹いる。", "犬が1匹いる。", 3, "number"),
        ("彼は二人で来た。", "彼は2人で来た。", 3, "number"),
        ("いっしょに行く。", "一緒に行く。", 3, None),  # 一 inside a word is no numeral
        ("彼は上手だ。", "彼はうまい。", 3, "conjugation"),
        ("私は友達と話す。", "私は友人と話す。", 3, "harder"),
        ("うれしい話だ。", "嬉しい話だ。", 3, None),  # 嬉 comes with the N4 word 嬉しい
        ("りんごを食べる。", "林檎を食べる。", 3, "spelling change to kanji above N4"),
    ],
)
def test_the_judge_keeps_frequent_consistent_safe_substitutions(original, simplified, copies, reason):
    pairs = [SnowPair(i, original, simplified) for i in range(copies)]
    candidate = align_candidates(pairs, tokenizer())[0]
    verdict = _judge().reason(candidate)
    if reason is None:
        assert verdict is None
    else:
        assert reason in verdict


def test_the_committed_lexicon_is_what_the_script_derives(tmp_path):
    if not default_dev_path().is_file():
        pytest.skip("../shared/data/snow_t15 is not present")
    out = tmp_path / "lexicon.yaml"
    assert derive_lexicon(["--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == LEXICON_PATH.read_text(encoding="utf-8")


# --- the bare-substitution bench (bench/plain_lexicon_split.py) -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "fired"),
    [
        ("書類を提出してください。", "書類を出してください。", {"提出する": 1}),
        ("君は本を読んだ。", "あなたは本を見た。", {"君": 1, "読む": 1}),  # 読んだ → 見た: the だ loses its voicing
        ("よく眠って、眠った。", "よく寝て、寝た。", {"眠る": 2}),
        ("在留カードを見せる。", "在留カードを見せる。", {}),  # kept words are left alone (no brackets here)
    ],
)
def test_bare_substitution_inflects_the_easy_form_like_the_word(text, expected, fired):
    lexicon = [
        {"word": "提出する", "easy": "出す", "pos": "verb"},
        {"word": "読む", "easy": "見る", "pos": "verb"},
        {"word": "君", "easy": "あなた", "pos": "pronoun"},
        {"word": "眠る", "easy": "寝る", "pos": "verb"},
        {"word": "在留カード", "keep": True, "explain": "日本に住む外国人のカード"},
    ]
    counts: Counter = Counter()
    assert Substituter(lexicon, tokenizer()).rewrite(text, counts) == expected
    assert counts == fired
