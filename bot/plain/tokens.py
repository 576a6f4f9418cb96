"""Sudachi tokens through spaCy's Japanese tokenizer: one shared ``nlp`` object, built lazily.

Only the tokenizer runs (no pipeline components): the rules match on Sudachi's surface, lemma,
normalised form, part-of-speech tag and inflection. spaCy objects are not safe to share between threads,
so every analysis happens under ``LOCK`` (tokenising a sentence takes a fraction of a millisecond).
"""

from __future__ import annotations

import sys
import threading
from functools import lru_cache

from knowledge.tokenizers import sudachi_dictionary

__all__ = [
    "LOCK",
    "conjugation_type",
    "inflection",
    "lemma_tokens",
    "nlp",
    "reading",
    "register_extensions",
    "short_units",
    "tokenize",
]

LOCK = threading.RLock()
_NLP = None
_SHORT = None


def nlp():
    """The shared ``spacy.blank("ja")`` object (Sudachi split mode C)."""
    global _NLP
    if _NLP is None:
        with LOCK:
            if _NLP is None:
                nlp = _import_spacy().blank("ja")
                japanese = nlp.tokenizer  # Sudachi from the dictionary the search index already holds
                japanese.tokenizer = sudachi_dictionary().tokenizer(mode=japanese.tokenizer.mode)
                _NLP = nlp
    return _NLP


def _import_spacy():
    """spaCy, imported without letting thinc import PyTorch.

    thinc imports torch whenever it is installed (the sentence-transformers extra installs it): 260 MB and
    1.6 s for nothing, since only spaCy's tokenizer runs here. When torch is loaded already (that embedder
    is in use) or thinc is, the import happens as usual.
    """
    if "torch" in sys.modules or "thinc" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails inside thinc.compat
    try:
        import spacy
    finally:
        del sys.modules["torch"]
    return spacy


def register_extensions() -> None:
    """Token attributes the rule patterns can use: ``_: {plain_form: ...}`` and ``_: {plain_type: ...}``
    (Sudachi's conjugation form and type, e.g. 連用形-促音便 and 五段-ラ行)."""
    from spacy.tokens import Token

    if not Token.has_extension("plain_form"):
        Token.set_extension("plain_form", getter=lambda token: inflection(token)[1])
        Token.set_extension("plain_type", getter=lambda token: inflection(token)[0])


def tokenize(text: str):
    """A spaCy ``Doc`` of ``text`` (callers hold ``LOCK`` while they use it)."""
    return nlp().tokenizer(text)


def reading(token) -> str:
    """Sudachi's reading (katakana) of a token, or ''."""
    values = token.morph.get("Reading")
    return values[0] if values else ""


def inflection(token) -> tuple[str, str]:
    """(conjugation type, conjugation form) such as ('五段-ラ行', '連用形-一般'), or ('', '')."""
    values = token.morph.get("Inflection")
    if not values:
        return "", ""
    kind, _, form = values[0].partition(";")
    return kind, form


@lru_cache(maxsize=4096)
def conjugation_type(lemma: str) -> str:
    """The conjugation type of a dictionary-form word (its last token's), e.g. 出す → '五段-サ行'."""
    with LOCK:
        doc = tokenize(lemma)
        return inflection(doc[-1])[0] if len(doc) else ""


@lru_cache(maxsize=8192)
def lemma_tokens(text: str) -> tuple[str, ...]:
    """The dictionary forms of the tokens of ``text`` (used to match multi-token lexicon words)."""
    with LOCK:
        return tuple(token.lemma_ for token in tokenize(text) if not token.is_space)


def short_units(text: str) -> list[tuple[str, str]]:
    """(surface, katakana reading) of Sudachi's short units (split mode A) of ``text``: 資格確認書 →
    資格, 確認, 書. Used to put ruby on the words of a long compound rather than over all of it."""
    global _SHORT
    with LOCK:
        if _SHORT is None:
            from sudachipy import SplitMode

            _SHORT = (sudachi_dictionary().tokenizer(), SplitMode.A)
        tokenizer, mode = _SHORT
        return [(m.surface(), m.reading_form()) for m in tokenizer.tokenize(text, mode)]
