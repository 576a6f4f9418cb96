"""``check()``: list the guideline breaches of a text without rewriting it (for trainees and staff)."""

from __future__ import annotations

import bot.plain.engine as engine  # the module, not the package facade (which imports this one)
from bot.plain.detectors import DETECTORS
from bot.plain.kana import has_kanji
from bot.plain.levels import known_words
from bot.plain.matching import Context
from bot.plain.model import Breach
from bot.plain.tokens import LOCK, tokenize

__all__ = ["check"]


def _not_a_breach(entry) -> bool:
    """Lexicon swaps the rewriter makes but the checker does not teach: a swap from kana to kanji (とき → 時)
    is a corpus's spelling, and a word of the N5/N4 lists (生徒, 食べ物) is not a difficult word — the
    guidelines ask to replace words above the reader's level."""
    if entry is None or entry.easy is None:
        return False
    return (not has_kanji(entry.word) and has_kanji(entry.easy)) or entry.word in known_words("N3")


def _message(template: str, before: str, after: str, explain: str) -> str:
    return template.replace("{word}", before).replace("{easy}", after).replace("{explain}", explain)


def check(text: str) -> tuple[Breach, ...]:
    """Every place where ``text`` breaks a rule, in text order (one breach per rule and place).

    Unlike ``rewrite()``, which leaves a short everyday sentence in its plain style, the checker applies
    the official-text rules (です/ます endings, …なければなりません → …てください) to every text."""
    breaches: dict[tuple[str, int, int], Breach] = {}
    with LOCK:
        doc = tokenize(text)
        # a draft checked against the guidelines is held to all of them, です/ます included, however short
        context = Context(official=True, index=engine.lexicon_index())
        for stage in engine.stages():
            for found in stage.candidates(doc, context):
                if _not_a_breach(found.entry):
                    continue
                span = doc.span(found.first, found.end)
                start, end = span.start_char, span.end_char
                excerpt = text[start:end]
                if found.rule.rewrites and found.after == excerpt:  # なく → なく: nothing to change
                    continue
                entry = found.entry
                message = (
                    found.rule.message
                    if entry is None
                    else _message(found.rule.message, entry.word, entry.easy or "", entry.explain or "")
                )
                breaches.setdefault(
                    (found.rule.id, start, end),
                    Breach(found.rule.id, found.rule.guideline, message, start, end, excerpt),
                )
            for rule in stage.detectors:
                if rule.detect is None:  # Stage.detectors holds only rules that name a detector
                    continue
                for start, end in DETECTORS[rule.detect](doc):
                    breaches.setdefault(
                        (rule.id, start, end),
                        Breach(rule.id, rule.guideline, rule.message, start, end, text[start:end]),
                    )
    return tuple(sorted(_longest(breaches.values()), key=lambda b: (b.start, b.end, b.rule_id)))


def _longest(breaches) -> list[Breach]:
    """One breach per rule and place: a match inside a longer match of the same rule is dropped."""
    kept: list[Breach] = []
    for breach in sorted(breaches, key=lambda b: b.start - b.end):
        if not any(k.rule_id == breach.rule_id and k.start <= breach.start and breach.end <= k.end for k in kept):
            kept.append(breach)
    return kept
