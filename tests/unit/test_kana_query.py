"""Kana-only questions are written back in the content's own nouns before they are searched."""

import pytest

from knowledge.kana_query import KanaVocabulary, is_kana_heavy, to_kanji

CONTENT = [
    "在留カードをなくしたときは、警察に届けてから再交付を申請します。",
    "住民票は市役所で取ります。転入届は14日以内に出します。",
    "国民健康保険の保険料は所得で決まります。",
    "引っ越したら14日以内に住所を届けます。",
]


@pytest.fixture(scope="module")
def vocabulary():
    return KanaVocabulary.from_texts(CONTENT)


@pytest.mark.parametrize(
    ("asked", "written"),
    [
        ("ざいりゅうカードを なくしました", "在留カードをなくしました"),
        ("じゅうみんひょうは どこで とりますか", "住民票はどこでとりますか"),
        ("ザイリュウカードの さいこうふ", "在留カードの再交付"),  # katakana typed for a kanji word
        ("こくみんけんこうほけんの ほけんりょう", "国民健康保険の保険料"),
        ("けいさつに いないと だめですか", "警察にいないとだめですか"),  # いない here is a verb, not 以内
        ("在留カードを なくしました", "在留カードをなくしました"),  # a phrase with kanji stays as written
    ],
)
def test_the_nouns_of_a_kana_question_are_written_as_the_content_writes_them(vocabulary, asked, written):
    assert to_kanji(asked, vocabulary) == written


@pytest.mark.parametrize(
    ("text", "heavy"),
    [
        ("ざいりゅうカードを なくしました", True),
        ("在留カードをなくしました", False),
        ("I lost my card", False),
        ("はい", False),
    ],
)
def test_only_kana_questions_are_rewritten(text, heavy):
    assert is_kana_heavy(text) is heavy
