"""Long clauses that hide what a sentence is about (issue 17 item 1): a long relative clause before its noun
gets a sentence of its own, and a purpose clause that puts the request last is moved after it.

* **Relative clause** (``relative_clause``, stage 45): 「警察で受け取った遺失届の受理番号を書いた紙を持って入管に
  行きます。」 makes the reader hold 20 characters before learning they are about a paper. The noun is
  introduced first with its clause, and the sentence then refers to it:
  「警察で受け取った遺失届の受理番号を書いた紙があります。その紙を持って入管に行きます。」 A clause before its noun
  stays a restrictive clause (the sentence still speaks only of *that* paper, of *those* people: 〜人がいます。
  その人は…), so the meaning does not widen. Only a clause that starts the sentence (or follows its 、) and has
  ``min_chars`` characters or more, before a noun that names a thing or people (not 〜とき, 〜場合, 〜ため) and a
  case particle, is moved.
* **Conclusion first** (``conclusion_first``, stage 35): 「住民票の欄を書くため、家族の関係が分かる書類を見せて
  ください。」 → 「家族の関係が分かる書類を見せてください。住民票の欄を書くためです。」 — the request first, its purpose
  after (a reason, 〜ないため、, is split by ``split_reason`` instead).

The words these decisions use are data: ``bot/data/plain/clauses.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.plain.endings import LONG_SENTENCE, OFFICIAL_SENTENCE, is_reason, sentence_bounds, several_sentences
from bot.plain.measure import read_length
from knowledge.yamlfile import load_yaml

__all__ = ["CLAUSES_PATH", "ClauseWords", "clause_words", "conclusion_first", "relative_clause"]

CLAUSES_PATH = Path(__file__).resolve().parents[1] / "data" / "plain" / "clauses.yaml"
_BOUNDARIES = ("、", "，", "：", ":", "「")
_OPEN, _CLOSE = ("（", "(", "「"), ("）", ")", "」")
_LIST_WORDS = ("など", "や", "と", "か", "とか", "または", "又は", "および", "及び", "並びに")
_NOUNS = ("名詞", "接頭辞", "接尾辞")


@dataclass(frozen=True)
class ClauseWords:
    relative_min: int
    particles: frozenset[str]
    formal_nouns: frozenset[str]
    person_endings: tuple[str, ...]
    purpose_min: int
    requests: tuple[str, ...]


@lru_cache(maxsize=1)
def clause_words(path: Path = CLAUSES_PATH) -> ClauseWords:
    data = load_yaml(path)
    if not isinstance(data, dict) or not str(data.get("source", "")).strip():
        raise ValueError(f"{path.name}: needs a source: header and the relative_clause / conclusion_first lists")
    relative, purpose = data["relative_clause"], data["conclusion_first"]
    return ClauseWords(
        int(relative["min_chars"]),
        frozenset(relative["particles"]),
        frozenset(relative["formal_nouns"]),
        tuple(relative["person_endings"]),
        int(purpose["min_chars"]),
        tuple(purpose["requests"]),
    )


def _long_sentence(doc, start: int, end: int) -> bool:
    limit = OFFICIAL_SENTENCE if several_sentences(doc) else LONG_SENTENCE
    return doc[end - 1].text == "。" and read_length(doc.span(start, end).text) > limit


def _ends_clause(token) -> bool:
    """A token after which a new clause starts: 、, a topic (は, も), a conjunctive particle (ば, ので, けれど;
    not て, which joins a verb to the next: 入って|いる) or a conditional form (したら, すれば)."""
    return (
        token.text in _BOUNDARIES
        or token.tag_ == "助詞-係助詞"
        or (token.tag_ == "助詞-接続助詞" and token.text not in ("て", "で"))
        or token.inflection[1].startswith("仮定形")
    )


def _clause_start(doc, start: int, index: int) -> int | None:
    """The first token of the clause that ends at ``index``: after the last 、, topic or clause ending before
    it (brackets and quotes are part of the clause, whatever they hold); None when the clause is inside
    brackets, or its 、 ends an item of a list (書類、写真、〜を記録する手帳: the clause does not start there)."""
    first = index
    while first > start:
        token = doc[first - 1]
        if token.text in _CLOSE:
            depth, first = 1, first - 1
            while first > start and depth:
                first -= 1
                depth += (doc[first].text in _CLOSE) - (doc[first].text in _OPEN)
            if depth:
                return None  # unbalanced brackets
            continue
        if token.text in _OPEN:
            return None  # the clause is inside brackets or quotes
        if _ends_clause(token):
            break
        first -= 1
    if first > start and doc[first - 1].text in ("：", ":"):
        return None  # 入管：〜: a label before the clause, which stays first
    if first - 2 >= start and doc[first - 1].text in ("、", "，"):
        before = doc[first - 2]
        if before.text in _LIST_WORDS + _CLOSE or before.tag_.startswith(("名詞", "接尾辞")) or before.like_num:
            return None  # 〜など、 / 出産、 / 「…」、: the 、 joins items of a list
    return first


def _verb_clause(doc, predicate: int, start: int) -> bool:
    """Whether the predicate at ``predicate`` is a verb, or auxiliaries after one (書いた, 入っている, 払えない):
    an adjective before a noun (新しい住所, 必要な書類) describes it, it does not make a clause."""
    index = predicate
    while index > start and (doc[index].tag_.startswith("助動詞") or doc[index].text in ("て", "で")):
        index -= 1
    return doc[index].tag_.startswith("動詞")


def _exists(doc, first: int, end: int) -> bool:
    """Whether tokens ``first:end`` say only that something exists (あります, いる): the sentence introduces its
    noun already (〜制度があります)."""
    return doc[first].lemma_ in ("ある", "いる", "在る", "居る") and all(
        t.tag_.startswith(("助動詞", "補助記号")) for t in doc[first + 1 : end]
    )


def _noun_phrase(doc, first: int, end: int) -> tuple[int, int] | None:
    """(end of the noun phrase that starts at ``first`` — nouns joined by の, an explanation in brackets
    included —, start of its last noun compound), or None when no noun phrase starts there."""
    index, last_compound = first, first
    while index < end:
        token = doc[index]
        if token.tag_.startswith(_NOUNS) or token.like_num:
            index += 1
        elif token.text == "の" and index > first and index + 1 < end and doc[index + 1].tag_.startswith(_NOUNS):
            index += 1
            last_compound = index
        elif token.text in ("（", "(") and index > first:
            closing = next((i for i in range(index, end) if doc[i].text in ("）", ")")), None)
            if closing is None:
                return None
            index = closing + 1
        else:
            break
    return (index, last_compound) if index > first else None


def _compound_text(doc, first: int, end: int) -> str:
    """The words of tokens ``first:end`` without an explanation in brackets."""
    words, depth = [], 0
    for token in doc[first:end]:
        depth += token.text in ("（", "(")
        if not depth:
            words.append(token.text_with_ws)
        depth -= token.text in ("）", ")") and depth > 0
    return "".join(words).strip()


def _move(doc, predicate: int, start: int, end: int) -> tuple[int, tuple[int, int, str]] | None:
    """(the clause's length, the sentence ``start:end`` with the clause that ends at token ``predicate`` in a
    sentence of its own), or None when that clause is not one to move."""
    words = clause_words()
    token = doc[predicate]
    if not token.inflection[1].startswith("連体形") or not _verb_clause(doc, predicate, start):
        return None
    phrase = _noun_phrase(doc, predicate + 1, end - 1)
    if phrase is None:
        return None
    noun_end, compound = phrase
    particle = doc[noun_end]
    if particle.text not in words.particles or not particle.tag_.startswith("助詞"):
        return None
    last = doc[noun_end - 1]
    head = _compound_text(doc, compound, noun_end)
    if last.text in words.formal_nouns or head in words.formal_nouns or "副詞可能" in last.tag_:
        return None  # 〜とき, 〜場合, 〜ため: an adverbial clause, not a noun with a clause
    if particle.text in ("が", "は", "も") and _exists(doc, noun_end + 1, end):
        return None  # 〜制度があります: the sentence does nothing but introduce the noun
    if particle.text == "を" and noun_end + 1 < end and doc[noun_end + 1].lemma_ == "する":
        return None  # 〜を変える申請をします: the noun is what is done, not a thing to introduce
    first = _clause_start(doc, start, predicate)
    if first is None:
        return None
    length = read_length(_compound_text(doc, first, predicate + 1))  # an explanation in brackets not counted
    if length < words.relative_min:
        return None
    text = doc.text
    before = text[doc[start].idx : doc[first].idx]
    rest = text[particle.idx : doc[end - 1].idx + 1]
    exists = "がいます。" if head.endswith(words.person_endings) else "があります。"
    return length, (start, end, text[doc[first].idx : particle.idx] + exists + before + "その" + head + rest)


def relative_clause(span):
    """The match is the 。 of a sentence: move its longest relative clause (of clauses inside clauses, the
    outer one) into a sentence of its own."""
    doc = span.doc
    start, end = sentence_bounds(doc, span.start)
    if not _long_sentence(doc, start, end):
        return None
    best = None
    for predicate in range(start, end - 2):
        if doc[predicate].inflection[1].startswith("連体形"):
            moved = _move(doc, predicate, start, end)
            if moved is not None and (best is None or moved[0] >= best[0]):
                best = moved
    return None if best is None else best[1]


def conclusion_first(span):
    """The match is [verb, ため, (に), 、]: 〜するため(に)、〜してください。 → 〜してください。〜するためです。"""
    doc, words = span.doc, clause_words()
    verb = span[0]
    if is_reason(verb):
        return None  # 〜ないため、 is a reason: split_reason splits it (…ません。そのため、…)
    start, end = sentence_bounds(doc, span.start)
    if not _long_sentence(doc, start, end):
        return None
    first = _clause_start(doc, start, span.start)
    if first is None:
        return None
    purpose = doc.span(first, span.start + 2).text  # 〜するため
    main = doc.text[doc[span.end].idx if span.end < len(doc) else len(doc.text) : doc[end - 1].idx]
    if read_length(purpose) < words.purpose_min or read_length(main) < words.purpose_min:
        return None
    if not main.rstrip().endswith(words.requests):
        return None  # 〜ため、〜制度があります: no request is buried, the order is fine
    if any(t.text == "ため" for t in doc[span.end : end]):
        return None  # one purpose at a time
    before = doc.text[doc[start].idx : doc[first].idx]
    return (start, end, before + main + "。" + purpose + "です。")
