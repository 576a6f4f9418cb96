"""Named replacement functions for rules that need more than a template (``replace: {transform: NAME}``).

Each takes the matched ``Span`` (``bot.plain.doc``) and returns ``(first_token, end_token, text)`` — the token range
of the doc to replace, which may reach a little beyond the match — or None to leave the match alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.plain.agreement import form_before
from bot.plain.clauses import conclusion_first, relative_clause
from bot.plain.conjugate import conjugate, te_form
from bot.plain.endings import polite_ending, split_clause, split_reason
from bot.plain.kana import has_kanji, to_hiragana
from bot.plain.lists import numbered_list
from bot.plain.numerals import kanji_to_arabic, twelve_hour, western_year
from bot.plain.tokens import LOCK, conjugation_type, inflection, reading, tokenize

__all__ = ["TRANSFORMS", "Replacement"]

Replacement = tuple[int, int, str]
_TILDES = ("～", "〜", "~")


def _whole(span, text: str | None) -> Replacement | None:
    return None if text is None or text == span.text else (span.start, span.end, text)


def kana(span) -> Replacement | None:
    """Write the matched words in hiragana (下さい → ください, 出来る → できる, 私達 → 私たち's 達)."""
    return _whole(span, "".join(to_hiragana(reading(t)) if has_kanji(t.text) and reading(t) else t.text for t in span))


def arabic_numeral(span) -> Replacement | None:
    """十五 → 15, 三万 → 3万 (numerals only: Sudachi's 名詞-数詞 tokens)."""
    return _whole(span, "".join(kanji_to_arabic(t.text) or t.text for t in span))


def era_year(span) -> Replacement | None:
    """令和8年 → 2026年, 令和7年度 → 2025年度, 平成元年 → 1989年."""
    era, last = span[0].text, span[-1].text
    suffix = "年度" if last.endswith("年度") else "年"
    western = western_year(era, "".join(t.text for t in span[1:]).removesuffix(suffix))
    return None if western is None else (span.start, span.end, western + suffix)


def _has_afternoon_time(doc) -> bool:
    return any(
        t.text == "時" and i and (twelve_hour(doc[i - 1].text, True) or "").startswith("午後")
        for i, t in enumerate(doc)
    )


def clock_time(span) -> Replacement | None:
    """14時 → 午後2時; in a text that has an afternoon time, 9時 → 午前9時 too (9時～17時)."""
    doc = span.doc
    if span.start and doc[span.start - 1].text in ("午前", "午後"):
        return None
    hour = twelve_hour(span[0].text, afternoon_only=not _has_afternoon_time(doc))
    return None if hour is None else (span.start, span.end, hour + span[1:].text)


def colon_time(span) -> Replacement | None:
    """14:30 → 午後2時30分 (hours 0–23, minutes 00–59)."""
    hour, minute = span[0].text, span[2].text
    if not minute.isdigit() or len(minute) != 2 or int(minute) > 59:
        return None
    if span.start and span.doc[span.start - 1].text in ("午前", "午後"):
        return None
    twelve = twelve_hour(hour, afternoon_only=False)
    if twelve is None:
        if not hour.isdigit() or int(hour) != 12:
            return None
        twelve = "午後0"
    return (span.start, span.end, f"{twelve}時" + ("" if minute == "00" else f"{int(minute)}分"))


def tilde_range(span) -> Replacement | None:
    """10時～12時 → 10時から12時まで; 10時～ → 10時から."""
    doc = span.doc
    tilde = next(i for i, t in enumerate(span) if t.text in _TILDES)
    after = span[tilde + 1 :]
    following = doc[span.end].text if span.end < len(doc) else ""
    ending = "" if not after.text or following.startswith("まで") else "まで"
    return (span.start, span.end, span[:tilde].text + "から" + after.text + ending)


def _potential_base(lemma: str) -> str | None:
    """行ける → 行く, 話せる → 話す (the 五段 verb a potential verb is made from)."""
    rows = {"け": "く", "げ": "ぐ", "せ": "す", "て": "つ", "ね": "ぬ", "べ": "ぶ", "め": "む", "れ": "る", "え": "う"}
    if len(lemma) < 3 or lemma[-1] != "る" or lemma[-2] not in rows:
        return None
    base = lemma[:-2] + rows[lemma[-2]]
    return base if conjugation_type(base).startswith("五段") else None


def potential(span) -> Replacement | None:
    """泳げる → 泳ぐことができる, 行けない → 行くことができない."""
    token = span[0]
    doc = span.doc
    before = doc.span(max(0, span.start - 2), span.start).text
    if token.lemma_ == "行ける" and before.endswith(("ては", "では", "ば", "ちゃ", "じゃ")):
        return None  # 出ては行けない, 出なければ行けない: いけない is "must (not)", not "cannot go"
    base = _potential_base(token.lemma_)
    form = inflection(token)[1]
    dekiru = conjugate("できる", "上一段-カ行", form)
    return None if base is None or dekiru is None else (span.start, span.end, f"{base}ことが{dekiru}")


@lru_cache(maxsize=2048)
def verb_from_stem(stem: str) -> str | None:
    """The verb whose 連用形 is ``stem`` (読み → 読む, 待ち → 待つ, 答え → 答える), or None."""
    rows = {"い": "う", "き": "く", "ぎ": "ぐ", "し": "す", "ち": "つ", "に": "ぬ", "び": "ぶ", "み": "む", "り": "る"}
    candidates = [stem[:-1] + rows[stem[-1]]] if stem and stem[-1] in rows else []
    candidates.append(stem + "る")
    for candidate in candidates:
        with LOCK:
            doc = tokenize(candidate)
            if len(doc) == 1 and doc[0].lemma_ == candidate and doc[0].tag_.startswith("動詞"):
                return candidate
    return None


def _verb(tokens) -> tuple[str, str] | None:
    """(dictionary form, conjugation type) of a verb written as one or two tokens (問い + 合わせる), or of a
    noun that is a verb's stem (お読み → 読む)."""
    last = tokens[-1]
    if last.tag_.startswith("動詞"):
        return "".join(t.text for t in tokens[:-1]) + last.lemma_, inflection(last)[0]
    verb = verb_from_stem("".join(t.text for t in tokens))
    return None if verb is None else (verb, conjugation_type(verb))


def honorific_verb(span) -> Replacement | None:
    """お/ご + verb + ください/になる/する/いたす → the plain verb: お待ちください → 待ってください,
    お問い合わせください → 問い合わせてください, お読みになりました → 読みました, お送りします → 送ります."""
    last = span[-1]
    verb_end = len(span) - (2 if span[-2].text == "に" else 1)
    verb = _verb(span[1:verb_end])
    if verb is None:
        return None
    lemma, kind = verb
    if last.lemma_ == "くださる":
        word = te_form(lemma, kind)
        return None if word is None else (span.start, span.end, word + last.text)
    form = form_before(span.doc, span.end, inflection(last)[1])  # お送りして → 送って
    word = conjugate(lemma, kind, form)
    return None if word is None else (span.start, span.end, word)


def honorific_person(span) -> Replacement | None:
    """Honorific 方 (person): 希望される方 → 希望する人, お持ちの方 → 持っている人.
    Not before が (〜される方がよい compares: 方 is ほう there)."""
    if span.end < len(span.doc) and span.doc[span.end].text == "が":
        return None
    if span[0].tag_.startswith("接頭辞"):  # お + verb + の + 方
        if span[-2].text != "の":
            return None
        verb = _verb(span[1:-2])
        word = None if verb is None else te_form(*verb)
        return None if word is None else (span.start, span.end, word + "いる人")
    verb = span[0]
    if span[1].lemma_ not in ("れる", "られる"):
        return None
    plain = conjugate(verb.lemma_, inflection(verb)[0], "終止形-一般")
    return None if plain is None else (span.start, span.end, plain + "人")


def double_negative(span) -> Replacement | None:
    """〜ないわけではありません / 〜ないことはありません → 〜こともあります."""
    verb = span[0]
    kind, _ = inflection(verb)
    plain = conjugate(verb.lemma_, kind, "終止形-一般")
    return None if plain is None else (span.start, span.end, plain + "こともあります")


TRANSFORMS: dict[str, Callable] = {
    "kana": kana,
    "arabic_numeral": arabic_numeral,
    "era_year": era_year,
    "clock_time": clock_time,
    "colon_time": colon_time,
    "tilde_range": tilde_range,
    "potential": potential,
    "honorific_verb": honorific_verb,
    "double_negative": double_negative,
    "honorific_person": honorific_person,
    "split_clause": split_clause,
    "split_reason": split_reason,
    "polite_ending": polite_ending,
    "numbered_list": numbered_list,
    "conclusion_first": conclusion_first,
    "relative_clause": relative_clause,
}
