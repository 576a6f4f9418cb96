"""Long clauses moved out of the way (issue 17 item 1): a long relative clause gets a sentence of its own, a
purpose clause goes after the request it explains. Examples written for Tsunagu in the register of municipal
notices; each says what a reader gets."""

from __future__ import annotations

import pytest

from bot.plain import check, rewrite
from bot.plain.clauses import clause_words


@pytest.fixture(autouse=True)
def no_lexicon(monkeypatch):
    """Grammar only: the shipped word list's swaps and explanations would change with every lexicon edit."""
    monkeypatch.setattr("bot.plain.engine.lexicon_index", lambda: {})


def rules_applied(text: str) -> set[str]:
    return {applied.rule_id for applied in rewrite(text).applied}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the clause and its noun first, then the sentence speaks of "that" noun
        (
            "大雨で川の水が増えたときに市がスマートフォンに送る避難情報をよく読んでください。",
            "大雨で川の水が増えたときに市がスマートフォンに送る避難情報があります。その避難情報をよく読んでください。",
        ),
        # people: がいます, and what the sentence says stays about those people only
        (
            "日本語学校を卒業した後に日本の会社で働きたい留学生は、ビザを変える手続きをします。",
            "日本語学校を卒業した後に日本の会社で働きたい留学生がいます。その留学生は、ビザを変える手続きをします。",
        ),
        # the words before the clause's 、 stay with the sentence; the clause in brackets moves with its noun
        (
            "保険証をなくした人は、警察で受け取った遺失届の受理番号を書いた紙を持って市役所に行きます。",
            "警察で受け取った遺失届の受理番号を書いた紙があります。保険証をなくした人は、その紙を持って市役所に行きます。",
        ),
        # a noun phrase joined by の: the sentence refers to its last noun
        (
            "毎年6月に市役所から家に郵便で届く住民税の納税通知書は、なくさないようにしてください。",
            "毎年6月に市役所から家に郵便で届く住民税の納税通知書があります。その納税通知書は、なくさないようにしてください。",
        ),
    ],
)
def test_a_long_relative_clause_gets_its_own_sentence(text, expected):
    assert rewrite(text).text == expected
    assert "relative-clause-sentence" in rules_applied(text)


@pytest.mark.parametrize(
    "text",
    [
        "病院で医者に見せる保険証を忘れた場合は、医療費を全部自分で払います。",  # 〜場合は: a condition
        "日本に3か月以上住む外国人は、引っ越してから14日以内に住所を市役所に届け出る必要があります。",  # 必要: content
        "保険料の支払いが難しいときは、市役所の係で相談できる制度があります。",  # introduces 制度 already
        "国民年金に入っている外国人は、毎月市役所に保険料を払います。",  # a short clause
        "引っ越しをしたら市役所の窓口で新しい住所の届けを書いてください。",  # 新しい: an adjective
        "役所では、母親の健診、出産、子どもの成長や予防接種を記録する母子手帳を受け取ります。",  # a list
        "自転車保険への加入を義務づけたり勧めたりしている自治体も多いので、役場に聞いてください。",  # も: a count
        "市役所（住民票の写しや印鑑証明書を出す窓口がある建物）に行ってください。",  # inside brackets
        "在留資格を変える手続きは、在留期間が終わる前に入管で申請する必要があります。",  # 必要
    ],
)
def test_a_clause_that_is_not_a_long_relative_clause_stays(text):
    assert "relative-clause-sentence" not in rules_applied(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "住民票の続柄の欄を書くため、家族の関係が分かる書類を窓口で見せてください。",
            "家族の関係が分かる書類を窓口で見せてください。住民票の続柄の欄を書くためです。",
        ),
        # a topic before the purpose stays first
        (
            "外国人の住民は、災害の情報を早く知るため、市のメールに登録してください。",
            "外国人の住民は、市のメールに登録してください。災害の情報を早く知るためです。",
        ),
        # the request comes first also when it is then split into two sentences
        (
            "手続きを早く終わらせるために、必要な書類を準備し、前の日までに窓口に電話してください。",
            "必要な書類を準備します。前の日までに窓口に電話してください。手続きを早く終わらせるためです。",
        ),
    ],
)
def test_the_request_comes_before_its_purpose(text, expected):
    assert rewrite(text).text == expected
    assert "conclusion-first" in rules_applied(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reason (発行されない) is not a purpose: the reason split keeps its order
        (
            "転出証明書が発行されないため、マイナンバーカードを持って新しい市役所に行ってください。",
            "転出証明書が発行されません。そのため、マイナンバーカードを持って新しい市役所に行ってください。",
        ),
        ("確認するため、見せてください。", "確認するため、見せてください。"),  # short: stays
    ],
)
def test_a_reason_or_a_short_sentence_keeps_its_order(text, expected):
    assert rewrite(text).text == expected
    assert "conclusion-first" not in rules_applied(text)


def test_moving_a_clause_keeps_every_number_and_name():
    text = "東京出入国在留管理局から2026年4月1日に届いた書類を持って、品川の窓口に行ってください。"
    result = rewrite(text).text
    for kept in ("東京出入国在留管理局", "2026", "4", "1", "品川"):
        assert kept in result


def test_the_checker_names_a_long_relative_clause():
    text = "大雨で川の水が増えたときに市がスマートフォンに送る避難情報をよく読んでください。"
    assert "relative-clause-sentence" in {breach.rule_id for breach in check(text)}


def test_the_clause_words_are_data_with_a_source():
    words = clause_words()
    assert words.relative_min >= 10 and "場合" in words.formal_nouns and "人" in words.person_endings
