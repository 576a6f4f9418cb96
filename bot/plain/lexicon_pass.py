"""The lexicon pass: difficult words → easy words (inflected like the word they replace), needed words
kept and explained in brackets at their first use. Words inside compounds or next to an affix are left
alone (出生届 must not become 生まれること届, nor 皆様 みんな様)."""

from __future__ import annotations

from functools import lru_cache

from bot.plain.agreement import fix_te, form_before
from bot.plain.edits import Candidate
from bot.plain.conjugate import conjugate, source_form
from bot.plain.guards import allowed
from bot.plain.kana import has_kanji
from bot.plain.lexicon import Entry
from bot.plain.rules import Rule
from bot.plain.tokens import LOCK, conjugation_type, inflection, tokenize

__all__ = ["lexicon_matches"]

_STATIVE = ("いる", "居る", "ある", "在る", "おる")
_POS_TAGS = {
    "verb": ("動詞", "名詞-普通名詞-サ変"),
    "noun": ("名詞", "代名詞"),
    "adj": ("形容詞", "形状詞"),
    "adjective": ("形容詞", "形状詞"),
    "adv": ("副詞",),
    "adverb": ("副詞",),
}


def _in_compound(doc, start: int, end: int) -> bool:
    """Whether tokens start..end are part of a longer compound noun (在留資格|取得|許可|申請). A time word or a
    counter next to a noun makes no compound (来週|到着する, 6週間|入院した, 今晩|食事)."""
    free = ("副詞可能", "助数詞可能", "助数詞")
    before = (
        start > 0
        and doc[start].tag_.startswith("名詞")
        and not doc[start].tag_.endswith(free[0])
        and doc[start - 1].tag_.startswith(("名詞-普通名詞", "名詞-固有名詞", "接頭辞"))
        and not doc[start - 1].tag_.endswith(free)
    )
    after = (
        end < len(doc)
        and doc[end - 1].tag_.startswith("名詞")
        and not doc[end - 1].tag_.endswith(free[0])
        and doc[end].tag_.startswith(("名詞-普通名詞", "名詞-固有名詞", "接尾辞"))
        and not doc[end].tag_.endswith(free)
    )
    return bool(before or after)


def _affixed(doc, start: int, end: int) -> bool:
    """Whether the word is bound to a prefix, a suffix or a name before it (皆|様, ご|不明, トニー|君)."""
    return (start > 0 and doc[start - 1].tag_.startswith(("接頭辞", "名詞-固有名詞-人名"))) or (
        end < len(doc) and doc[end].tag_.startswith("接尾辞")
    )


@lru_cache(maxsize=4096)
def _single_noun(text: str) -> bool:
    with LOCK:
        doc = tokenize(text)
        return len(doc) == 1 and doc[0].tag_.startswith("名詞")


def _inside_brackets(doc, index: int) -> bool:
    """Whether token ``index`` is inside （…） already (an explanation there would nest brackets)."""
    text, end = doc.text, doc.tokens[index].idx if index < len(doc.tokens) else len(doc.text)
    return text.count("（", 0, end) + text.count("(", 0, end) > text.count("）", 0, end) + text.count(")", 0, end)


def _explain(doc, start: int, end: int, entry: Entry, rule: Rule, explained: set[str]) -> Candidate | None:
    following = doc[end].text if end < len(doc) else ""
    if entry.word in explained or _in_compound(doc, start, end) or _inside_brackets(doc, start):
        return None
    if following.startswith(("（", "(")):  # the text explains (or reads) it here: once is enough
        explained.add(entry.word)
        return None
    explained.add(entry.word)
    return Candidate(rule, start, end, doc.span(start, end).text + f"（{entry.explain}）", entry)


def _replace(doc, start: int, end: int, entry: Entry, rule: Rule) -> Candidate | None:
    easy = entry.easy
    if easy is None:  # a kept word is explained (_explain), never replaced
        return None
    if has_kanji(entry.word) and not has_kanji(easy) and not has_kanji(doc.span(start, end).text):
        return None  # 無い → ない on なくて: the text spells it in kana already (and なかって is no word)
    if easy in _STATIVE and end + 1 < len(doc) and doc[end].text in ("て", "で") and doc[end + 1].lemma_ in _STATIVE:
        return None  # 滞在して|いる → いている: a state word takes no 〜ている
    last = doc[end - 1]
    form = form_before(doc, end, source_form(last.lemma_, inflection(last)[1]))
    kind = conjugation_type(easy)
    after = conjugate(easy, kind, form) if form and kind else easy
    if (
        after is None
        or (_in_compound(doc, start, end) and not _single_noun(after))
        or _affixed(doc, start, end)
        or _inside_brackets(doc, start)
    ):  # a reading or an explanation is not rewritten
        return None
    end, after = fix_te(doc, end, after)
    return Candidate(rule, start, end, after, entry) if allowed(rule, doc.span(start, end), after) else None


def _edit(doc, start, end, entry, rules, explained) -> Candidate | None:
    tags = _POS_TAGS.get(entry.pos or "")
    if tags and not (doc[end - 1].tag_.startswith(tags) or doc[start].tag_.startswith(tags)):
        return None
    rule = rules.get("keep" if entry.keep else "easy")
    if rule is None:
        return None
    return _explain(doc, start, end, entry, rule, explained) if entry.keep else _replace(doc, start, end, entry, rule)


def lexicon_matches(doc, index: dict, rules: dict[str, Rule]) -> list[Candidate]:
    """Lexicon edits on ``doc``; ``index`` from ``Lexicon.by_lemmas``, ``rules`` the lexicon rules by kind."""
    found: list[Candidate] = []
    explained: set[str] = set()
    covered = 0
    tokens = doc.tokens
    count = len(tokens)
    positions = doc.positions()
    lemmas, norms = positions["lemma"], positions["norm"]
    places = {i for value in index.keys() & lemmas.keys() for i in lemmas[value]}
    places.update(i for value in index.keys() & norms.keys() for i in norms[value])
    for position in sorted(places):  # the tokens whose dictionary (or normalised) form starts a word
        if position < covered:  # inside a longer lexicon word (賃金 of 最低賃金): that word decides
            continue
        token = tokens[position]
        for lemmas_of_word, entry in index.get(token.lemma_, ()) or index.get(token.norm_, ()):
            end = position + len(lemmas_of_word)
            if end > count or any(
                tokens[i].lemma_ != lemma and tokens[i].norm_ != lemma
                for i, lemma in enumerate(lemmas_of_word, position)
            ):
                continue
            match = _edit(doc, position, end, entry, rules, explained)
            if match is not None:
                found.append(match)
            covered = end
            break  # the longest word that matches decides, even when it needs no edit
    return found
