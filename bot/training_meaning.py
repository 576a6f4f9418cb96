"""Reading a trainee's reply for its meaning rather than its keywords (issue 15 item 4).

- Numbers are normalised before matching: 十四日 = 14日, 2週間 = 14日, 3ヶ月 = 3か月, 3割 = 30%; a key fact
  that is a quantity (14日以内, 28時間, 2か月ごと) is covered by any reply that states that quantity.
- Paraphrases come from data (``knowledge/data/training_meaning.yaml``): 交番 counts for 警察.
- Only sentences count: text split at 。！？ and line ends; a part without a predicate (verb, auxiliary or
  adjective), or one that is mostly bare words separated by 、 / ・ or spaces, is a keyword list — what it
  names is not counted as said.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.plain.numerals import kanji_to_arabic
from knowledge.tokenizers import parts_of_speech

__all__ = ["canonical", "quantities", "limits", "Prose", "prose_of", "quantity_of"]

_UNITS = r"(?:日|か月|週間|年|時間|%|割|回)"
_KANA_UNITS = {"しゅうかん": "週間", "にち": "日", "ねん": "年", "じかん": "時間"}
_KANJI_NUMBER = re.compile(rf"[〇一二三四五六七八九十百千]+(?=\s*{_UNITS})")
_QUANTITY = re.compile(r"(?<![\d.-])(\d+)\s*(日|か月|年|時間|%)")
_SENTENCE_END = re.compile(r"[。.!！?？\n]+")
_CHUNK = re.compile(r"[、,，・/／\s]+")
_PREDICATE = {"動詞", "助動詞", "形容詞"}
_JOINED = _PREDICATE | {"助詞"}


def canonical(text: str) -> str:
    """NFKC, months spelled one way, kanji numerals as digits, weeks as days, 割 as percent."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[ヶヵケカ箇]月|かげつ", "か月", text)
    # units and 以内 written in kana after a digit, as a plain-Japanese reply writes them: 2しゅうかん いないに
    text = re.sub(r"(\d+)\s*(しゅうかん|にち|ねん|じかん)", lambda m: m[1] + _KANA_UNITS[m[2]], text)
    text = re.sub(r"(\d+\s*(?:日|か月|週間|年|時間))\s*いない", r"\1以内", text)
    text = _KANJI_NUMBER.sub(lambda m: kanji_to_arabic(m[0]) or m[0], text)
    text = re.sub(r"(\d+)\s*週間", lambda m: f"{int(m[1]) * 7}日", text)
    return re.sub(r"(\d+)\s*割", lambda m: f"{int(m[1]) * 10}%", text)


def quantities(text: str) -> set[tuple[int, str]]:
    """Every (number, unit) a text states, after ``canonical``: "2週間以内" → {(14, "日")}."""
    return {(int(m[1]), m[2]) for m in _QUANTITY.finditer(canonical(text))}


def limits(text: str) -> set[tuple[int, str]]:
    """The deadlines and limits a text states: a time quantity followed by 以内, まで, 前, 以上 or ごと
    ("1週間に28時間まで" → {(28, "時間")}; the "1週間に" of a rate is not one)."""
    pattern = r"(?<![\d.-])(\d+)\s*(日|か月|年|時間)(?=\s*(?:以内|まで|前|以上|ごと))"
    return {(int(m[1]), m[2]) for m in re.finditer(pattern, canonical(text))}


def quantity_of(phrase: str) -> tuple[int, str] | None:
    """The quantity a key fact is about, when the fact is one: "14日以内" → (14, "日"); "転出届" → None."""
    match = re.fullmatch(r"(\d+)\s*(日|か月|年|時間|%)(?:以内|ごと|前|まで)?", canonical(phrase).strip())
    return (int(match[1]), match[2]) if match else None


def _is_sentence(part: str) -> bool:
    chunks = [c for c in _CHUNK.split(part) if c]
    tagged = [{pos for _, pos in parts_of_speech(chunk)} for chunk in chunks]
    if not any(tags & _PREDICATE for tags in tagged):
        return False
    bare = sum(1 for tags in tagged if not tags & _JOINED)
    return not (bare >= 3 and bare * 2 > len(chunks))


@dataclass(frozen=True)
class Prose:
    """A reply split into what it says in sentences and what it only lists."""

    sentences: tuple[str, ...]
    lists: tuple[str, ...]

    @property
    def text(self) -> str:
        return "。".join(self.sentences)


def prose_of(reply: str) -> Prose:
    parts = [p.strip() for p in _SENTENCE_END.split(reply) if p.strip()]
    sentences = tuple(p for p in parts if _is_sentence(p))
    return Prose(sentences, tuple(p for p in parts if p not in sentences))
