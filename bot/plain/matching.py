"""Find the edits one stage of rules makes on a tokenised text (token patterns and the lexicon pass)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.plain.agreement import fix_te, form_before
from bot.plain.conjugate import conjugate, source_form, te_form
from bot.plain.edits import Candidate, Edit
from bot.plain.guards import allowed
from bot.plain.lexicon_pass import lexicon_matches
from bot.plain.rules import Inflect, Rule, RuleFile, Transform
from bot.plain.patterns import TokenMatcher
from bot.plain.tokens import conjugation_type, inflection
from bot.plain.transforms import TRANSFORMS

__all__ = ["Candidate", "Context", "Stage"]


@dataclass(frozen=True)
class Context:
    official: bool  # official-style text: rules with scope official fire
    index: dict  # lexicon index (see Lexicon.by_lemmas)


def _inflect(item: Inflect, token, span) -> str | None:
    own = item.lemma == "="
    lemma = token.lemma_ if own else item.lemma
    if isinstance(lemma, tuple):
        lemma = dict(lemma).get(token.lemma_)
        if lemma is None:
            return None
    kind = inflection(token)[0] if own else conjugation_type(lemma)
    model = span[item.like] if item.like is not None else token
    form = item.form or form_before(span.doc, token.i + 1, source_form(model.lemma_, inflection(model)[1]))
    word = te_form(lemma, kind) if form == "て形" else conjugate(lemma, kind, form)
    return None if word is None else word + item.suffix


def _template(rule: Rule, span) -> str | None:
    if isinstance(rule.replace, str):
        return rule.replace
    if not isinstance(rule.replace, tuple):
        raise TypeError(f"rule {rule.id}: a template is a string or a list, not {rule.replace!r}")
    parts = []
    for item, token in zip(rule.replace, span):
        part = item.replace("{}", token.text) if isinstance(item, str) else _inflect(item, token, span)
        if part is None:
            return None
        parts.append(part)
    return "".join(parts)


class Stage:
    """One rule file, compiled: a matcher over its token patterns, plus its other rules."""

    def __init__(self, rule_file: RuleFile) -> None:
        self.file = rule_file
        self.order = {rule.id: n for n, rule in enumerate(rule_file.rules)}
        self.matcher = TokenMatcher()
        for rule in rule_file.rules:
            if rule.pattern:
                self.matcher.add(rule.id, rule.pattern)
        self.by_key = {rule.id: rule for rule in rule_file.rules if rule.pattern}
        self.lexicon_rules = {rule.lexicon: rule for rule in rule_file.rules if rule.lexicon}
        self.detectors = tuple(rule for rule in rule_file.rules if rule.detect)

    def _pattern_candidate(self, rule: Rule, doc, start: int, end: int) -> Candidate | None:
        span = doc.span(start, end)
        if rule.replace is None:  # check-only
            return Candidate(rule, start, end, span.text)
        if isinstance(rule.replace, Transform):
            result = TRANSFORMS[rule.replace.name](span)
            if result is None:
                return None
            start, end, after = result
        else:
            after = _template(rule, span)
            if after is None:
                return None
        end, after = fix_te(doc, end, after)
        return Candidate(rule, start, end, after) if allowed(rule, doc.span(start, end), after) else None

    def candidates(self, doc, context: Context) -> list[Candidate]:
        """Every place a rule of this stage would rewrite or report (overlaps not yet resolved)."""
        found = []
        for key, start, end in self.matcher.find(doc) if self.by_key else ():
            rule = self.by_key[key]
            if rule.scope == "official" and not context.official:
                continue
            candidate = self._pattern_candidate(rule, doc, start, end)
            if candidate is not None:
                found.append(candidate)
        if self.lexicon_rules and context.index:
            found.extend(lexicon_matches(doc, context.index, self.lexicon_rules))
        return found

    def edits(self, doc, context: Context) -> list[Edit]:
        """The rewriting candidates as character edits of ``doc.text``."""
        return [
            Edit(
                doc[c.first].idx if c.first < len(doc) else len(doc.text),
                doc[c.end - 1].idx + len(doc[c.end - 1].text) if c.end > c.first else doc[c.first].idx,
                c.after,
                c.rule.id,
                c.rule.guideline,
                self.order[c.rule.id],
            )
            for c in self.candidates(doc, context)
            if c.rule.rewrites
        ]
