"""Sentence-level transforms: split long sentences at a clause boundary, end sentences with です/ます.

Both only fire where the guideline applies: splitting in a sentence longer than ``LONG_SENTENCE``
characters (``OFFICIAL_SENTENCE`` in a text of several sentences); です/ます on official-style text
(the rule carries ``scope: official``).
"""

from __future__ import annotations

from bot.plain.conjugate import conjugate
from bot.plain.doc import SENTENCE_END
from bot.plain.measure import read_length
from bot.plain.tokens import inflection

__all__ = [
    "LONG_SENTENCE",
    "SENTENCE_END",
    "polite_at",
    "polite_ending",
    "is_reason",
    "sentence_bounds",
    "several_sentences",
    "split_clause",
    "split_reason",
]

LONG_SENTENCE = 30  # characters; the guidelines ask for short sentences, one idea each
OFFICIAL_SENTENCE = 20  # in a text of several sentences (official style), split from this length on
_MIN_CLAUSE = 8  # a clause shorter than this is not worth its own sentence
_PARTICLE_VERBS = ("つく", "就く", "よる", "因る", "依る", "する", "対する", "関する", "おく", "於く", "わたる", "渡る")
_CONNECTIVES = {
    "が": "でも",
    "けど": "でも",
    "けれど": "でも",
    "けれども": "でも",
    "ので": "ですから",
    "から": "ですから",
}


def sentence_bounds(doc, index: int) -> tuple[int, int]:
    """Token range of the sentence around token ``index`` (sentences end at 。！？ or a line break)."""
    if 0 <= index < len(doc.tokens):
        return doc.sentence_of(index)
    start = index
    while start > 0 and doc[start - 1].text not in SENTENCE_END and "\n" not in doc[start - 1].text:
        start -= 1
    end = index
    while end < len(doc) and doc[end].text not in SENTENCE_END and "\n" not in doc[end].text:
        end += 1
    return start, min(end + 1, len(doc))


def several_sentences(doc) -> bool:
    """Whether ``doc`` has more than one sentence (official style: shorter sentences are split)."""
    several = doc.memo.get("several_sentences")
    if several is None:
        texts, last = doc.positions()["text"], len(doc) - 1
        several = doc.memo["several_sentences"] = any(i < last for end in SENTENCE_END for i in texts.get(end, ()))
    return bool(several)


def _polite_stem(token) -> str | None:
    if token.tag_.startswith("助動詞") and token.lemma_ in ("れる", "られる", "せる", "させる"):
        return token.lemma_[:-1]  # される → され(ます), 行かせる → 行かせ(ます)
    kind, _ = inflection(token)
    return conjugate(token.lemma_, kind, "連用形-一般")


def split_clause(span):
    """…が、… → …。でも、…; …ので、… → …。ですから、…; 〜し、… / 〜して、… → 〜します。… (long sentences only)."""
    doc = span.doc
    start, end = sentence_bounds(doc, span.start)
    limit = OFFICIAL_SENTENCE if several_sentences(doc) else LONG_SENTENCE
    if read_length(doc.span(start, end).text) <= limit or read_length(doc.span(start, span.start).text) < _MIN_CLAUSE:
        return None
    if end - span.end < 3:  # nothing much after the comma
        return None
    first = span[0]
    if len(span) == 4 and span[1].text == "の" and span[2].text == "で":  # できますので → できます。ですから、
        return (span.start + 1, span.start + 3 + (span[3].text == "、"), "。ですから、")
    if first.text in _CONNECTIVES and first.tag_.startswith("助詞-接続助詞"):
        return (span.start, span.start + 1 + (span[-1].text == "、"), "。" + _CONNECTIVES[first.text] + "、")
    if first.pos_ not in ("VERB", "AUX") or not first.tag_.startswith("動詞") or _compound_particle(doc, span.start):
        return None
    if len(span) == 2 and inflection(first)[1] != "連用形-一般":
        return None
    if first.lemma_ == "ある" and span.start > 0 and doc[span.start - 1].text == "で":  # 〜であり、 → 〜です。
        return (span.start - 1, span.end, "です。")
    stem = _polite_stem(first)
    return None if stem is None else (span.start, span.end, stem + "ます。")


def _compound_particle(doc, index: int) -> bool:
    """について、によって、として、に対して、において: particles made of a verb, not a clause end."""
    return index > 0 and doc[index - 1].text in ("に", "と") and doc[index].lemma_ in _PARTICLE_VERBS


def _before(doc, index: int, *lemmas: str) -> bool:
    return index >= 0 and doc[index].lemma_ in lemmas


_VOICE = ("れる", "られる", "せる", "させる")  # passive, potential, causative: conjugate like a verb


def _verb_like(token) -> bool:
    return token.tag_.startswith("動詞") or (token.tag_.startswith("助動詞") and token.lemma_ in _VOICE)


def polite_ending(span):
    """Plain-form sentence endings → です/ます: 行く。→ 行きます。, 行かなかった。→ 行きませんでした。"""
    doc, e = span.doc, span.start
    if doc[e].lemma_ in ("ます", "です") or (e + 1 < len(doc) and doc[e + 1].text not in SENTENCE_END):
        return None
    return polite_at(doc, e)


def polite_at(doc, e: int):
    """The clause ending at token ``e`` in です/ます form, as ``(first_token, end_token, text)``, or None:
    行く → 行きます, 発行されない → 発行されません, 行った → 行きました, 多い → 多いです."""
    last = doc[e]
    lemma, tag = last.lemma_, last.tag_
    if lemma in ("ます", "です"):
        return None
    if lemma == "た" and e > 0:
        prev = doc[e - 1]
        if prev.lemma_ == "ない" and prev.tag_.startswith("助動詞") and e > 1 and _verb_like(doc[e - 2]):
            stem = _polite_stem(doc[e - 2])
            return None if stem is None else (e - 2, e + 1, stem + "ませんでした")
        if prev.lemma_ == "だ":
            return (e - 1, e + 1, "でした")
        if prev.tag_.startswith("形容詞") or prev.lemma_ in ("たい", "ない"):
            return (e, e + 1, last.text + "です")
        if prev.pos_ in ("VERB", "AUX") and _verb_like(prev):
            stem = _polite_stem(prev)
            return None if stem is None else (e - 1, e + 1, stem + "ました")
        return None
    if lemma == "ない" and tag.startswith("助動詞") and e > 0 and _verb_like(doc[e - 1]):
        stem = _polite_stem(doc[e - 1])
        return None if stem is None else (e - 1, e + 1, stem + "ません")
    if lemma == "だ" and tag.startswith("助動詞"):
        return (e, e + 1, "です")
    if lemma == "ある" and _before(doc, e - 1, "だ") and doc[e - 1].text == "で":
        return (e - 1, e + 1, "です")
    if tag.startswith("形容詞") or (lemma in ("たい", "ない") and tag.startswith("助動詞")):
        return (e, e + 1, last.text + "です")
    if _verb_like(last) and inflection(last)[1] in ("終止形-一般", "連体形-一般"):
        stem = _polite_stem(last)
        return None if stem is None else (e, e + 1, stem + "ます")
    return None


_REASON_BEFORE = ("ない", "た", "ある", "いる", "おる", "れる", "られる")  # …ないため、: a reason, not a purpose


def is_reason(last) -> bool:
    """Whether 〜ため after token ``last`` is a reason (発行されないため, 古くなっているため, 多いため) rather than a
    purpose (確認するため, 終わらせるため): after a negative, past, passive or potential, ある/いる or an adjective."""
    return last.lemma_ in _REASON_BEFORE or last.tag_.startswith("形容詞")


def split_reason(span):
    """…されないため、… → …されません。そのため、… (a reason; a purpose, 確認するため、, is left alone)."""
    doc = span.doc
    if not is_reason(span[0]):
        return None
    start, end = sentence_bounds(doc, span.start)
    limit = OFFICIAL_SENTENCE if several_sentences(doc) else LONG_SENTENCE
    if (
        read_length(doc.span(start, end).text) <= limit
        or read_length(doc.span(start, span.start + 1).text) < _MIN_CLAUSE
    ):
        return None
    if end - span.end < 3:
        return None
    polite = polite_at(doc, span.start)
    if polite is None:
        return None
    first, _, text = polite
    return (first, span.end, text + "。そのため、")
