"""check(): guideline breaches with positions and a Japanese explanation, without rewriting."""

import pytest

from bot.plain import check


@pytest.mark.parametrize(
    ("text", "rule_id", "excerpt"),
    [
        ("しばらくお待ちください。", "o-verb-kudasai", "お待ちください"),
        ("令和8年に始まります。", "western-year", "令和8年"),
        ("受付は14時までです。", "twelve-hour-clock", "14時"),
        ("10時～12時", "range-from-to", "10時～12時"),
        ("使えないわけではありません。", "double-negative-wake-polite", "使えないわけではありません"),
        ("書類を提出してください。", "easy-word", "提出し"),
        (
            "在留期間の更新を希望される方は在留期間が満了する日の3か月前から申請することができます。",
            "long-sentence",
            "在留期間の更新を希望される方は在留期間が満了する日の3か月前から申請することができます。",
        ),
    ],
)
def test_breach_is_reported_where_it_is(text, rule_id, excerpt):
    breaches = [b for b in check(text) if b.rule_id == rule_id]
    assert len(breaches) == 1
    breach = breaches[0]
    assert breach.excerpt == excerpt == text[breach.start : breach.end]
    assert breach.message and breach.guideline


def test_a_short_plain_form_draft_is_told_to_end_in_desu_masu():
    assert [b.rule_id for b in check("書類を出す。")] == ["desu-masu"]


def test_easy_word_message_names_both_words():
    (breach,) = [b for b in check("書類を提出してください。") if b.rule_id == "easy-word"]
    assert "提出" in breach.message and "出す" in breach.message


def test_plain_text_has_no_breaches():
    assert check("雨です。") == ()


def test_check_does_not_report_one_breach_twice():
    breaches = check("受付は9時～17時です。")
    ranges = [b for b in breaches if b.rule_id == "range-from-to"]
    assert [(b.start, b.end) for b in ranges] == [(3, 9)]


def test_breach_json():
    (breach,) = [b for b in check("令和8年") if b.rule_id == "western-year"]
    assert breach.to_json() == {
        "rule_id": "western-year",
        "guideline": breach.guideline,
        "message": breach.message,
        "start": 0,
        "end": 4,
        "excerpt": "令和8年",
    }


def test_kana_words_are_not_called_difficult(monkeypatch):
    from bot.plain.lexicon import Entry, Lexicon
    from bot.plain.tokens import lemma_tokens

    index = Lexicon("test", (Entry("とき", "時"), Entry("提出する", "出す"))).by_lemmas(lemma_tokens)
    monkeypatch.setattr("bot.plain.engine.lexicon_index", lambda: index)
    assert [b.excerpt for b in check("提出するときは") if b.rule_id == "easy-word"] == ["提出する"]
