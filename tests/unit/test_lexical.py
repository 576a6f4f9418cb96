"""Lexical indexes: per-language BM25 and the kana-reading index for all-hiragana questions."""

import pytest

from knowledge.chunker import Chunk
from knowledge.lexical import LexicalIndex, chunk_tokens
from knowledge.tokenizers import reading_of, tokenizer_for


def chunk(topic, lang, text):
    return Chunk(f"{topic}:{lang}", topic, lang, "c", "C", topic, text)


CHUNKS = [
    chunk("residence-card", "ja", "在留カード\n在留カードを紛失したときは再交付を申請します。"),
    chunk("garbage", "ja", "ごみの出し方\n燃えるごみは決められた曜日に出します。"),
    chunk("residence-card", "en", "Residence card\nIf you lose your residence card, apply for a new one."),
    chunk("garbage", "en", "Garbage\nSort your garbage and put it out on the collection day."),
]


@pytest.fixture(scope="module")
def index():
    return LexicalIndex([chunk_tokens(c) for c in CHUNKS], [c.lang for c in CHUNKS])


@pytest.mark.parametrize(
    ("query", "lang", "best"),
    [
        ("ざいりゅうかーど", "ja", 0),  # all hiragana finds the kanji passage through its reading
        ("もえるごみ", "ja", 1),
        ("在留カードの再交付", "ja", 0),
        ("lost residence card", "en", 2),
        ("garbage collection day", "en", 3),
    ],
)
def test_best_lexical_match(index, query, lang, best):
    scores = index.scores(query, lang)
    assert int(scores.argmax()) == best
    assert scores.max() == pytest.approx(1.0)


def test_other_languages_score_zero(index):
    assert index.scores("garbage", "en")[:2].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("text", "reading"),
    [("在留カード", "ざいりゅうかーど"), ("燃えるごみ", "もえるごみ"), ("ざいりゅう", "ざいりゅう")],
)
def test_readings_are_hiragana(text, reading):
    assert reading_of(text) == reading


@pytest.mark.parametrize(
    ("lang", "text", "tokens"),
    [
        ("th", "บัตร", ["บั", "ัต", "ตร"]),
        ("en", "Residence-card!", ["residence", "card"]),
        ("ja", "引越しました", ["引っ越し", "為る", "ます", "た"]),
    ],
)
def test_tokenizers(lang, text, tokens):
    assert tokenizer_for(lang)(text) == tokens


def test_japanese_tokenisation_is_safe_from_many_threads():
    """The service answers on several threads; Sudachi tokenizers must not be shared between them."""
    from concurrent.futures import ThreadPoolExecutor

    text = "在留カードをなくしたときは、警察に届けてから14日以内に再交付を申請します。" * 20
    expected = tokenizer_for("ja")(text)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: tokenizer_for("ja")(text), range(64)))
    assert all(r == expected for r in results)
