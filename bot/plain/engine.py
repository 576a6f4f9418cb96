"""``rewrite()``: run the rule stages over a text and report what changed, where, and how readable it got."""

from __future__ import annotations

import threading
from functools import lru_cache

from bot.plain.detectors import is_official
from bot.plain.edits import Tracked, choose
from bot.plain.lexicon import load_lexicon
from bot.plain.matching import Context, Stage
from bot.plain.result import PlainResult
from bot.plain.rules import load_rules
from bot.plain.spacing import add_spaces
from bot.plain.tokens import LOCK, lemma_tokens, retokenize, tokenize

__all__ = ["lexicon_index", "rewrite", "stages"]

_BUILD = threading.Lock()


@lru_cache(maxsize=1)
def stages() -> tuple[Stage, ...]:
    with _BUILD, LOCK:
        return tuple(Stage(rule_file) for rule_file in load_rules())


@lru_cache(maxsize=1)
def lexicon_index() -> dict:
    return load_lexicon().by_lemmas(lemma_tokens)


def rewrite(text: str, *, spaces: bool = False, level: str | None = None) -> PlainResult:
    """Rewrite ``text`` in plain Japanese. ``spaces`` puts a space between phrases (分かち書き); ``level``
    is the furigana reader's level (N5/N4/N3; default: the ``TSUNAGU_FURIGANA_LEVEL`` setting)."""
    index = lexicon_index()
    tracked, applied = Tracked.start(text), []
    with LOCK:
        doc = tokenize(text)
        context = Context(official=is_official(doc), index=index)
        last = len(stages()) - 1
        for n, stage in enumerate(stages()):
            edits = choose(stage.edits(doc, context))
            if edits:
                tracked, done = tracked.apply(edits)
                applied.extend(done)
                if n < last or spaces:  # the next stage sees the rewritten text
                    doc = retokenize(doc, tracked.text, [(e.start, e.end, len(e.after)) for e in edits])
        result = add_spaces(doc) if spaces else tracked.text
    return PlainResult(text, result, tuple(sorted(applied, key=lambda a: (a.start, a.end))), level)
