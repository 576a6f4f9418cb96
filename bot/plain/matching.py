"""Find the edits one stage of rules makes on a tokenised text (token patterns and the lexicon pass)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from bot.plain.conjugate import conjugate, source_form, te_form, te_voicing
from bot.plain.edits import Edit
from bot.plain.lexicon import Entry
from bot.plain.rules import Inflect, Rule, RuleFile
from bot.plain.tokens import LOCK, conjugation_type, inflection, nlp, register_extensions, tokenize
from bot.plain.transforms import TRANSFORMS

__all__ = ["Stage", "Context", "Candidate"]

_NUMBER = re.compile(r"[0-9]+")
_TE = {"て", "で", "た", "だ", "たり", "だり", "ても", "でも"}
_POS_TAGS = {"verb": ("動詞", "名詞-普通名詞-サ変"), "noun": ("名詞", "代名詞"), "adj": ("形容詞", "形状詞"),
             "adjective": ("形容詞", "形状詞"), "adv": ("副詞",), "adverb": ("副詞",)}


@dataclass(frozen=True)
class Context:
    official: bool             # official-style text: rules with scope official fire
    index: dict                # lexicon index (see Lexicon.by_lemmas)


@dataclass(frozen=True)
class Candidate:
    rule: Rule
    first: int   # token range replaced
    end: int
    after: str
    entry: Entry | None = None  # the lexicon entry, for a lexicon rule


def _numbers(text: str) -> Counter:
    return Counter(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


def _before_te(doc, end: int, form: str) -> str:
    """Before て/た a 五段 verb takes its sound-changed stem (持っ+て, not 持ち+て)."""
    if form.startswith("連用形") and end < len(doc) and doc[end].text in _TE:
        return "連用形-促音便"
    return form


def _inflect(item: Inflect, token, span) -> str | None:
    own = item.lemma == "="
    lemma = token.lemma_ if own else item.lemma
    if isinstance(lemma, tuple):
        lemma = dict(lemma).get(token.lemma_)
        if lemma is None:
            return None
    kind = inflection(token)[0] if own else conjugation_type(lemma)
    model = span[item.like] if item.like is not None else token
    form = item.form or _before_te(span.doc, token.i + 1, source_form(model.lemma_, inflection(model)[1]))
    word = te_form(lemma, kind) if form == "て形" else conjugate(lemma, kind, form)
    return None if word is None else word + item.suffix


def _template(rule: Rule, span) -> str | None:
    if isinstance(rule.replace, str):
        return rule.replace
    parts = []
    for item, token in zip(rule.replace, span):
        part = item.replace("{}", token.text) if isinstance(item, str) else _inflect(item, token, span)
        if part is None:
            return None
        parts.append(part)
    return "".join(parts)


def _fix_te(doc, end: int, after: str) -> tuple[int, str]:
    """After a replaced verb, make a following て/た agree: 読ん+で → 見+て, 眠っ+て → 休ん+で."""
    if end >= len(doc) or end == 0 or not after:
        return end, after
    last, following = doc[end - 1], doc[end]
    if following.text not in _TE or not last.tag_.startswith("動詞"):
        return end, after  # after べき, だ is the copula: nothing to agree with
    was_voiced = following.text[0] in "でだ"
    voiced = te_voicing(after, was_voiced)
    if voiced == was_voiced:
        return end, after
    first = {"て": "で", "た": "だ", "で": "て", "だ": "た"}[following.text[0]]
    return end + 1, after + first + following.text[1:]


def _in_compound(doc, start: int, end: int) -> bool:
    """Whether tokens start..end are part of a longer compound noun (在留資格|取得|許可|申請)."""
    before = start > 0 and doc[start - 1].tag_.startswith(("名詞-普通名詞", "名詞-固有名詞", "接頭辞"))
    after = end < len(doc) and doc[end].tag_.startswith(("名詞-普通名詞", "名詞-固有名詞", "接尾辞"))
    return bool(before or after) and doc[start].tag_.startswith("名詞")


def _affixed(doc, start: int, end: int) -> bool:
    """Whether a prefix or suffix is attached (皆|様, ご|不明): the word belongs to it."""
    return ((start > 0 and doc[start - 1].tag_.startswith("接頭辞"))
            or (end < len(doc) and doc[end].tag_.startswith("接尾辞")))


@lru_cache(maxsize=4096)
def _single_noun(text: str) -> bool:
    with LOCK:
        doc = tokenize(text)
        return len(doc) == 1 and doc[0].tag_.startswith("名詞")


def _inside_brackets(doc, index: int) -> bool:
    """Whether token ``index`` is inside （…） already (an explanation there would nest brackets)."""
    before = doc[:index].text
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


class Stage:
    """One rule file, compiled: a spaCy Matcher over its token patterns, plus its other rules."""

    def __init__(self, rule_file: RuleFile) -> None:
        from spacy.matcher import Matcher

        register_extensions()
        self.file = rule_file
        self.order = {rule.id: n for n, rule in enumerate(rule_file.rules)}
        self.matcher = Matcher(nlp().vocab)
        for rule in rule_file.rules:
            if rule.pattern:
                self.matcher.add(rule.id, [list(rule.pattern)])
        self.by_key = {nlp().vocab.strings[rule.id]: rule for rule in rule_file.rules if rule.pattern}
        self.lexicon_rules = {rule.lexicon: rule for rule in rule_file.rules if rule.lexicon}
        self.detectors = tuple(rule for rule in rule_file.rules if rule.detect)

    def candidates(self, doc, context: Context) -> list[Candidate]:
        """Every place a rule of this stage would rewrite (overlaps not yet resolved)."""
        found = []
        for key, start, end in (self.matcher(doc) if self.by_key else ()):
            rule = self.by_key[key]
            if rule.scope == "official" and not context.official:
                continue
            span = doc[start:end]
            if rule.replace is None:
                found.append(Candidate(rule, start, end, span.text))
                continue
            if isinstance(rule.replace, tuple) and rule.replace and rule.replace[0] == "transform":
                result = TRANSFORMS[rule.replace[1]](span)
                if result is None:
                    continue
                start, end, after = result
            else:
                after = _template(rule, span)
                if after is None:
                    continue
            end, after = _fix_te(doc, end, after)
            if self._allowed(rule, doc[start:end], after):
                found.append(Candidate(rule, start, end, after))
        if self.lexicon_rules and context.index:
            found.extend(self._lexicon(doc, context))
        return found

    @staticmethod
    def _allowed(rule: Rule, span, after: str) -> bool:
        if after == span.text:
            return False
        if not rule.proper_nouns and any("固有名詞" in token.tag_ for token in span):
            return False  # proper nouns are never changed
        if not rule.reformats_numbers and _numbers(span.text) - _numbers(after):
            return False  # every number of the replaced text must survive
        return True

    def _lexicon(self, doc, context: Context) -> list[Candidate]:
        found, explained = [], set()
        for index, token in enumerate(doc):
            for lemmas, entry in context.index.get(token.lemma_, ()) or context.index.get(token.norm_, ()):
                end = index + len(lemmas)
                if end > len(doc) or any(doc[i].lemma_ != lemma and doc[i].norm_ != lemma
                                         for i, lemma in zip(range(index, end), lemmas)):
                    continue
                candidate = self._lexicon_edit(doc, index, end, entry, explained)
                if candidate is not None:
                    found.append(candidate)
                break  # the longest word that matches decides, even when it needs no edit
        return found

    def _lexicon_edit(self, doc, start: int, end: int, entry: Entry, explained: set) -> Candidate | None:
        span = doc[start:end]
        last = span[-1]
        tags = _POS_TAGS.get(entry.pos or "")
        if tags and not (last.tag_.startswith(tags) or span[0].tag_.startswith(tags)):
            return None
        if entry.keep:
            rule = self.lexicon_rules.get("keep")
            following = doc[end].text if end < len(doc) else ""
            if (rule is None or entry.word in explained or following.startswith(("（", "("))
                    or _in_compound(doc, start, end) or _inside_brackets(doc, start)):
                return None
            explained.add(entry.word)
            return Candidate(rule, start, end, span.text + f"（{entry.explain}）", entry)
        rule = self.lexicon_rules.get("easy")
        if rule is None:
            return None
        form = _before_te(doc, end, source_form(last.lemma_, inflection(last)[1]))
        after = entry.easy
        if form and conjugation_type(entry.easy):
            after = conjugate(entry.easy, conjugation_type(entry.easy), form)
        if after is None or (_in_compound(doc, start, end) and not _single_noun(after)) or _affixed(doc, start, end):
            return None  # 出生届 must not become 生まれること届, nor 皆様 みんな様
        end, after = _fix_te(doc, end, after)
        span = doc[start:end]
        return Candidate(rule, start, end, after, entry) if self._allowed(rule, span, after) else None

    def edits(self, doc, context: Context) -> list[Edit]:
        return [Edit(doc[c.first].idx if c.first < len(doc) else len(doc.text),
                     doc[c.end - 1].idx + len(doc[c.end - 1].text) if c.end > c.first else doc[c.first].idx,
                     c.after, c.rule.id, c.rule.guideline, self.order[c.rule.id])
                for c in self.candidates(doc, context) if c.rule.rewrites]
