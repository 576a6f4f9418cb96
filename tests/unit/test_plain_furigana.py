"""furigana(): one method per text — ruby per kanji group above the reader's level, given readings folded in."""

import re

import pytest

from bot.plain import furigana
from bot.plain.settings import get_plain_settings


@pytest.fixture
def no_levels(monkeypatch):
    monkeypatch.setattr("bot.plain.ruby.known_kanji", lambda level: frozenset())
    monkeypatch.setattr("bot.plain.ruby.known_words", lambda level: frozenset())


@pytest.mark.parametrize(
    ("text", "bracket"),
    [
        ("食べ物", "食(た)べ物(もの)"),
        ("在留カード", "在留(ざいりゅう)カード"),
        ("取り扱い", "取(と)り扱(あつか)い"),
        ("ひらがなだけ", "ひらがなだけ"),
        ("令和8年", "令和(れいわ)8年"),
        ("東京  へ\n行く。", "東京(とうきょう)  へ\n行(い)く。"),
    ],
)
def test_bracket_text_puts_the_reading_after_each_kanji_run(text, bracket, no_levels):
    assert furigana(text).bracket == bracket


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # the reading of a long compound goes over each of its words, never across them
        ("資格確認書を見せます。", [("資格", "しかく"), ("確認", "かくにん"), ("書", "しょ"), ("見", "み")]),
        (
            "休日夜間急患診療所",
            [
                ("休日", "きゅうじつ"),
                ("夜間", "やかん"),
                ("急患", "きゅうかん"),
                ("診療", "しんりょう"),
                ("所", "じょ"),
            ],
        ),
    ],
)
def test_compound_readings_are_aligned_per_word(text, pairs):
    assert [(s.text, s.reading) for s in furigana(text).segments if s.reading] == pairs


def test_html_is_ruby_markup_and_user_text_stays_text(no_levels):
    result = furigana("<script>alert('在留')</script>&")
    assert "<script>" not in result.html
    assert "&lt;script&gt;" in result.html and "&amp;" in result.html
    assert "<ruby>在留<rt>ざいりゅう</rt></ruby>" in result.html


def test_segments_rebuild_a_text_without_given_readings_exactly():
    text = "明日、市役所で  在留カードを受け取ります。\n午後3時まで。"
    assert "".join(segment.text for segment in furigana(text).segments) == text


def test_no_space_or_reading_inside_a_ruby_base():
    for segment in furigana("救急車を 呼びます。在留資格（ざいりゅう しかく：ビザ）").segments:
        if segment.reading:
            assert not re.search(r"\s", segment.text) and not re.search(r"\s", segment.reading)


@pytest.mark.parametrize(
    ("level", "bracket"),
    [
        ("N5", "病院(びょういん)に電話(でんわ)して、住所(じゅうしょ)と在留(ざいりゅう)カードを見(み)せます。"),
        ("N4", "病院に電話して、住所(じゅうしょ)と在留(ざいりゅう)カードを見せます。"),
        ("N3", "病院に電話して、住所と在留(ざいりゅう)カードを見せます。"),
    ],
)
def test_the_readers_level_decides_which_words_get_ruby(level, bracket):
    assert furigana("病院に電話して、住所と在留カードを見せます。", level).bracket == bracket


def test_the_default_level_is_the_setting_and_beginners_get_ruby_on_basic_words(monkeypatch):
    assert furigana("病院").bracket == "病院(びょういん)"  # default N5: ruby on every kanji word
    monkeypatch.setenv("TSUNAGU_FURIGANA_LEVEL", "N4")
    get_plain_settings.cache_clear()
    try:
        assert furigana("病院").bracket == "病院"
    finally:
        get_plain_settings.cache_clear()


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="N5, N4, N3"):
        furigana("病院", "N1")


@pytest.mark.parametrize("text", ["3時に来ます。", "14日以内", "2000万円", "500円です。"])
def test_numbers_and_their_counters_get_no_reading(text):
    # 14日 is じゅうよっか, not にち: a reading over the counter alone would mislead
    assert all(
        not any(ch.isdigit() for ch in s.text) and s.text not in ("時", "日", "円")
        for s in furigana(text).segments
        if s.reading
    )


def test_reading_overrides_replace_sudachis_reading():
    assert "日本(にほん)" in furigana("日本へ行きます。").bracket


@pytest.mark.parametrize(
    ("text", "bracket"),
    [
        # a reading the text gives becomes the word's ruby: never a bracket reading after a ruby word
        ("警察（けいさつ）に電話します。", "警察(けいさつ)に電話(でんわ)します。"),
        ("119：救急車（きゅうきゅうしゃ）。救急です。", "119：救急(きゅうきゅう)車(しゃ)。救急(きゅうきゅう)です。"),
        ("在留資格(ざいりゅうしかく)を確認します。", "在留(ざいりゅう)資格(しかく)を確認(かくにん)します。"),
        ("資格確認書（しかく かくにんしょ）", "資格(しかく)確認(かくにん)書(しょ)"),
        # an explanation after the reading stays; the reading goes to the word it reads
        ("在留資格（ざいりゅう しかく：ビザ）", "在留(ざいりゅう)資格(しかく)（ビザ）"),
        ("在留期間更新（こうしん）", "在留(ざいりゅう)期間(きかん)更新(こうしん)"),
        ("お薬手帳（おくすり てちょう）", "お薬(くすり)手帳(てちょう)"),
        # brackets that explain rather than read stay as written
        ("予防接種（ワクチン）", "予防(よぼう)接種(せっしゅ)（ワクチン）"),
        ("土砂災害（がけが くずれる こと）", "土砂(どしゃ)災害(さいがい)（がけが くずれる こと）"),
        ("印鑑登録証（カード）", "印鑑(いんかん)登録(とうろく)証(しょう)（カード）"),
    ],
)
def test_given_readings_are_shown_the_one_way(text, bracket):
    result = furigana(text)
    assert result.bracket == bracket
    assert "<rt>" in result.html and "（きゅう" not in result.html


def test_the_plain_edition_reads_one_way():
    """No ruby word of the ja-plain guidebook is followed by a bracketed reading of it."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "knowledge" / "guidebook" / "ja-plain"
    for path in sorted(folder.glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            segments = furigana(line).segments
            for index, segment in enumerate(segments):
                given = re.match(r"[（(]([ぁ-ゖー ]+)[）)]", segment.text) if segment.reading is None else None
                if given and index:
                    before = segments[index - 1].reading or ""
                    assert not given.group(1).replace(" ", "").endswith(before), (path.name, line)
