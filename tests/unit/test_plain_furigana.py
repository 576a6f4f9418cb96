"""furigana(): ruby on kanji words with okurigana aligned, HTML escaped, bracket text."""
import pytest

from bot.plain import furigana


@pytest.mark.parametrize(
    ("text", "bracket"),
    [
        ("食べ物", "食(た)べ物(もの)"),
        ("在留カード", "在留(ざいりゅう)カード"),
        ("取り扱い", "取(と)り扱(あつか)い"),
        ("ひらがなだけ", "ひらがなだけ"),
        ("令和8年", "令和(れいわ)8年(ねん)"),
        ("東京  へ\n行く。", "東京(とうきょう)  へ\n行(い)く。"),
    ],
)
def test_bracket_text_puts_the_reading_after_each_kanji_run(text, bracket, monkeypatch):
    monkeypatch.setattr("bot.plain.ruby.known_kanji", lambda: frozenset())
    monkeypatch.setattr("bot.plain.ruby.known_words", lambda: frozenset())
    assert furigana(text).bracket == bracket


def test_html_is_ruby_markup_and_user_text_stays_text(monkeypatch):
    monkeypatch.setattr("bot.plain.ruby.known_kanji", lambda: frozenset())
    result = furigana("<script>alert('在留')</script>&")
    assert "<script>" not in result.html
    assert "&lt;script&gt;" in result.html and "&amp;" in result.html
    assert "<ruby>在留<rt>ざいりゅう</rt></ruby>" in result.html


def test_segments_rebuild_the_text_exactly():
    text = "明日、市役所で  在留カードを受け取ります。\n午後3時まで。"
    assert "".join(segment.text for segment in furigana(text).segments) == text


def test_known_words_of_known_kanji_get_no_ruby(monkeypatch):
    monkeypatch.setattr("bot.plain.ruby.known_kanji", lambda: frozenset("日本在留"))
    monkeypatch.setattr("bot.plain.ruby.known_words", lambda: frozenset({"日本"}))
    assert furigana("日本の在留").bracket == "日本の在留(ざいりゅう)"


def test_with_the_shipped_levels_beginner_words_have_no_ruby_and_residence_words_do():
    assert furigana("3時に役所の在留カード").bracket == "3時に役所(やくしょ)の在留(ざいりゅう)カード"
