"""rewrite(): value-preserving normalisation, positions, proper nouns, numbers, JSON shape, readability."""

import re
import unicodedata
from pathlib import Path

import pytest

from bench.shared_data import read_snow_pairs, shared_dir
from bot.plain import rewrite
from bot.plain.conjugate import conjugate, te_form
from bot.plain.lexicon import Entry, Lexicon
from bot.plain.numerals import kanji_to_arabic, western_year
from bot.plain.tokens import conjugation_type, lemma_tokens

ROOT = Path(__file__).resolve().parents[2]
NUMBER = re.compile(r"[0-9]+")


@pytest.mark.parametrize(
    ("lemma", "form", "expected"),
    [
        ("出す", "連用形-一般", "出し"),
        ("待つ", "連用形-促音便", "待っ"),
        ("読む", "連用形-撥音便", "読ん"),
        ("見る", "未然形-一般", "見"),
        ("する", "仮定形-一般", "すれ"),
        ("来る", "命令形", "来い"),
        ("高い", "連用形-促音便", "高かっ"),
        ("くださる", "命令形", "ください"),
        ("行く", "連用形-促音便", "行っ"),
        ("もらう", "未然形-一般", "もらわ"),
        ("書く", "意志推量形", "書こう"),
    ],
)
def test_conjugation(lemma, form, expected):
    assert conjugate(lemma, conjugation_type(lemma), form) == expected


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("待つ", "待って"),
        ("読む", "読んで"),
        ("泳ぐ", "泳いで"),
        ("見る", "見て"),
        ("記入する", "記入して"),
        ("行く", "行って"),
    ],
)
def test_te_form(lemma, expected):
    assert te_form(lemma, conjugation_type(lemma)) == expected


@pytest.mark.parametrize(
    ("kanji", "arabic"),
    [
        ("十五", "15"),
        ("百二十", "120"),
        ("三万五千", "3万5000"),
        ("二〇二六", "2026"),
        ("千", "1000"),
        ("万", None),
        ("一緒", None),
    ],
)
def test_kanji_numerals(kanji, arabic):
    assert kanji_to_arabic(kanji) == arabic


@pytest.mark.parametrize(
    ("era", "year", "western"),
    [
        ("令和", "8", "2026"),
        ("令和", "元", "2019"),
        ("平成", "31", "2019"),
        ("昭和", "64", "1989"),
        ("天平", "1", None),
    ],
)
def test_era_years(era, year, western):
    assert western_year(era, year) == western


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和8年4月1日から受け付けます。", "2026年4月1日から受け付けます。"),
        ("平成元年に生まれました。", "1989年に生まれました。"),
        ("14時30分に来てください。", "午後2時30分に来てください。"),
        ("受付は10時～12時です。", "受付は10時から12時までです。"),
        ("受付は9時～17時です。", "受付は午前9時から午後5時までです。"),
        ("十五人来ました。", "15人来ました。"),
        ("電話は0570-013904です。", "電話は0570-013904です。"),
        ("午後2時に来ます。", "午後2時に来ます。"),
        ("山田さんが東京に来ました。", "山田さんが東京に来ました。"),
    ],
)
def test_numbers_dates_and_times_are_normalised_without_changing_their_value(text, expected):
    assert rewrite(text).text == expected


def test_positions_point_into_the_original_text():
    text = "令和8年4月1日から、書類をご提出ください。受付は9時～17時です。"
    result = rewrite(text)
    assert result.applied
    for applied in result.applied:
        assert text[applied.start : applied.end] == applied.before
        assert applied.guideline
    by_rule = {a.rule_id: a for a in result.applied}
    assert (by_rule["western-year"].start, by_rule["western-year"].end) == (0, 4)
    assert by_rule["go-noun-kudasai"].before == "ご提出ください"


def test_proper_nouns_are_never_changed():
    result = rewrite("令和の時代に令和町へ行った。")  # 令和 without a year is a name, not a date
    assert "令和町" in result.text


def test_a_plain_short_sentence_keeps_its_style_and_official_text_gets_desu_masu():
    assert rewrite("明日は雨が降る。").text == "明日は雨が降る。"
    assert rewrite("明日は雨が降る。店は休みだ。").text == "明日は雨が降ります。店は休みです。"


def test_to_json_has_the_documented_shape():
    body = rewrite("書類をお送りします。").to_json()
    assert set(body) == {"source", "text", "ruby_html", "ruby_text", "ruby", "applied", "readability"}
    assert body["text"] == "書類を送ります。"
    assert set(body["readability"]) == {"before", "after"}
    assert set(body["applied"][0]) == {"rule_id", "guideline", "start", "end", "before", "after"}
    assert "<ruby>" in body["ruby_html"] and "(" in body["ruby_text"]
    assert ["書類", "しょるい"] in body["ruby"] and "".join(t for t, _ in body["ruby"]) == body["text"]


@pytest.mark.parametrize(("level", "ruby"), [("N5", "病院(びょういん)"), ("N4", "病院")])
def test_the_readers_level_chooses_the_furigana(level, ruby):
    assert rewrite("病院に行きます。", level=level).ruby.bracket.startswith(ruby + "に")


def test_spaces_separate_phrases_and_keep_the_words():
    result = rewrite("私は毎日日本語を勉強します。", spaces=True)
    assert result.text == "私は 毎日 日本語を 勉強します。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("皆様へ。", "皆様へ。"),
        ("トニー君と遊んだ。", "トニー君と遊んだ。"),
        ("君と遊んだ。", "あなたと遊んだ。"),
        ("出生届を出す。", "出生届を出す。"),
    ],
)
def test_words_bound_to_an_affix_a_name_or_a_compound_are_not_replaced(text, expected, monkeypatch):
    lexicon = Lexicon("test", (Entry("皆", "みんな"), Entry("君", "あなた"), Entry("出生", "生まれること")))
    index = lexicon.by_lemmas(lemma_tokens)
    monkeypatch.setattr("bot.plain.engine.lexicon_index", lambda: index)
    assert rewrite(text).text == expected


def test_shipped_lexicon_replaces_hard_words_and_explains_needed_ones_once():
    text = rewrite("在留カードを提出してください。在留カードは大切です。").text
    assert text.startswith("在留カード（") and text.count("在留カード（") == 1
    assert "出してください" in text and "提出" not in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ぐっすり眠って、元気になった。", "ぐっすり寝て、元気になった。"),
        ("本を読んだ。", "本を見た。"),
        ("仕事を止めて帰った。", "仕事を休んで帰った。"),
        ("本を読んでいる。", "本を見ている。"),
        ("携帯していない。", "持っていない。"),
    ],
)
def test_a_replaced_verb_keeps_its_form_and_the_following_te_agrees(text, expected, monkeypatch):
    lexicon = Lexicon(
        "test", (Entry("眠る", "寝る"), Entry("読む", "見る"), Entry("止める", "休む"), Entry("携帯する", "持つ"))
    )
    index = lexicon.by_lemmas(lemma_tokens)
    monkeypatch.setattr("bot.plain.engine.lexicon_index", lambda: index)
    assert rewrite(text).text == expected


def _numbers(text: str) -> list[str]:
    return sorted(NUMBER.findall(unicodedata.normalize("NFKC", text)))


def test_every_number_survives_on_snow_sentences():
    """Property: over 3,000 SNOW T15 sentences, each Arabic number of the input is in the output
    (except where a value-preserving time/era rule rewrote it, e.g. 14時 → 午後2時)."""
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared is not present")
    pairs = read_snow_pairs(shared / "data" / "snow_t15" / "dev.tsv", (20001, 25000), 3000)
    checked = 0
    for pair in pairs:
        result = rewrite(pair.original)
        reformatted = "".join(a.before for a in result.applied if a.rule_id.startswith(("twelve-hour", "western-year")))
        wanted = [n for n in _numbers(pair.original) if n not in _numbers(reformatted)]
        got = _numbers(result.text)
        assert all(got.count(n) >= wanted.count(n) for n in wanted), (pair.original, result.text)
        checked += bool(wanted)
    assert checked > 50


def test_readability_improves_on_long_official_text():
    passage = (ROOT / "knowledge" / "guidebook" / "ja" / "01-residence.md").read_text(encoding="utf-8")
    paragraphs = [p for p in passage.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "-", "|", "<"))]
    paragraphs = [p for p in paragraphs if "。" in p][:12]
    before = sum(rewrite(p).readability_before for p in paragraphs) / len(paragraphs)
    after = sum(rewrite(p).readability_after for p in paragraphs) / len(paragraphs)
    assert after > before


def test_concurrent_calls_give_the_same_results_as_one_thread():
    """The API and the staff console call rewrite() from worker threads; the shared tokenizer is locked."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        "令和8年4月1日から、書類をご提出ください。",
        "受付は9時～17時です。",
        "しばらくお待ちください。",
        "明日は雨が降る。店は休みだ。",
    ] * 20
    expected = [rewrite(text).to_json() for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(lambda text: rewrite(text).to_json(), texts)) == expected
