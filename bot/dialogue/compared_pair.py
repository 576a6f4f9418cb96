"""Two things compared, or asked about together, in one question (issue 12): "what's the difference between
kokuho and the nenkin?", "bảo hiểm sức khỏe quốc dân với nenkin khác nhau thế nào", "kokuho ra nenkin duitai
tirnu parxa?" (do I pay both?) ask about each thing. A whole sentence like that is near neither thing's topic
well (health insurance, the pension and the topics about both at once compete), so each thing is searched on
its own words: the words between a word that compares (``compares``) or asks about both (``both``, in
``translations/<lang>/parts.yaml``) and the pair word joining the two things (``pairs``). A question that goes
on after the word that compares ("…khác nhau thế nào, có phải đóng cả hai không") stays a question of its own
when it names something (not vague)."""

from __future__ import annotations

import re

from bot.dialogue.clauses import asks, vague
from bot.dialogue.part_words import PartWords, fold

__all__ = ["split_compared"]

_STRIP = " ,、，;:-—–?？!！.。"
_THING_MIN_CHARS = 2  # each thing is at least this long (税, 年金) ...
_THING_MAX_CHARS = 40  # ... and at most this long: a thing, not a sentence
_TAIL_MIN_CHARS = 8  # a question going on after the word that compares is at least this long
_HIRAGANA = re.compile(r"[\u3041-\u309f]")


def split_compared(sentence: str, words: PartWords) -> list[tuple[str, bool]]:
    """The things a comparing (or "both") question asks about, each marked True (one thing of a pair), then the
    question going on after the word that compares, marked False; ``[(sentence, False)]`` when the sentence does
    not compare two things joined by a pair word."""
    folded = fold(sentence)
    if len(folded) != len(sentence):
        return [(sentence, False)]  # positions found in the folded text must hold in the sentence
    marks = _spans(folded, words.compares + words.both, words.spaced)
    if not marks:
        return [(sentence, False)]
    for pair in sorted(words.pairs, key=len, reverse=True):
        for start, end in _spans(folded, (pair,), words.spaced):
            found = _things(sentence, start, end, marks, words)
            if found:
                return found
    return [(sentence, False)]


def _things(sentence: str, start: int, end: int, marks: list[tuple[int, int]], words: PartWords):
    if _HIRAGANA.match(sentence[start - 1 : start] or " ") and not sentence[end : end + 1].isspace():
        return None  # Japanese: a thing ends in kanji or katakana (国民年金と) or a space follows (ねんきん と)
    # after "the difference between", or after the statement before it ("I moved to Tokyo, tennyu and …")
    bounds = _spans(fold(sentence), words.boundaries, words.spaced)
    opens = max((e for s, e in marks + bounds if e <= start), default=0)
    closes = min((s for s, e in marks if s >= end), default=len(sentence))  # before "khác nhau", "duitai"
    first, second = sentence[opens:start].strip(_STRIP), sentence[end:closes].strip(_STRIP)
    if not all(_THING_MIN_CHARS <= len(t) <= _THING_MAX_CHARS for t in (first, second)):
        return None
    if asks(second, words):
        return None  # "X and where do I …": a clause, not a thing
    found = [(first, True), (second, True)]
    after = [e for s, e in marks if s >= closes]  # a question going on after the word that compares
    tail = sentence[max(after) :].strip(_STRIP) if after else ""
    if len(tail) >= _TAIL_MIN_CHARS and asks(tail, words) and not vague(tail, words):
        if not _spans(fold(tail), words.both, words.spaced):  # "do I pay both?": about the two things again
            found.append((tail, False))
    return found


def _spans(folded: str, items: tuple[str, ...], spaced: bool) -> list[tuple[int, int]]:
    """Where each of ``items`` stands in ``folded`` (whole words in a script with spaces)."""
    found = []
    for item in items:
        if not item.strip():
            continue
        for m in re.finditer(re.escape(item), folded):
            before = folded[m.start() - 1] if m.start() > 0 else " "
            after = folded[m.end()] if m.end() < len(folded) else " "
            if spaced and (item[:1].isalnum() and before.isalnum() or item[-1:].isalnum() and after.isalnum()):
                continue
            found.append((m.start(), m.end()))
    return sorted(found)
