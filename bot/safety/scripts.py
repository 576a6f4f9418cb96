"""The writing system of a text, so evidence is weighed within one script.

The embedding model is weak on Japanese written only in kana (a learner's spaced hiragana) and on romaji:
the nearest example of such a query is often just the nearest text in the same script, whatever it means.
Comparing a situation example with the best ordinary example *in the same script* removes that bias.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["script_of", "spelling", "SCRIPTS"]

SCRIPTS = ("han", "kana", "hangul", "latin", "cyrillic", "thai", "devanagari", "myanmar", "khmer", "other")

# each script as one character class, so a text is counted by the regex engine (thousands of examples are
# read when the index loads); Latin covers letters with diacritics (Vietnamese, Turkish, Spanish …)
_CLASSES = (
    ("kana", "\u3040-\u30ff\uff66-\uff9d"),
    ("han", "\u4e00-\u9fff\u3400-\u4dbf"),
    ("hangul", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("cyrillic", "\u0400-\u04ff"),
    ("thai", "\u0e00-\u0e7f"),
    ("devanagari", "\u0900-\u097f"),
    ("myanmar", "\u1000-\u109f"),
    ("khmer", "\u1780-\u17ff"),
    ("latin", "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"),
)
_PATTERNS = tuple((name, re.compile(f"[{chars}]")) for name, chars in _CLASSES)


def script_of(text: str) -> str:
    """The text's script: Japanese with any kanji (or Chinese) is "han", Japanese in kana only "kana"."""
    normal = unicodedata.normalize("NFKC", text)
    counts = {name: len(pattern.findall(normal)) for name, pattern in _PATTERNS}
    if counts["han"]:
        return "han"  # kanji + kana (standard Japanese) or Chinese
    name = max(counts, key=lambda name: counts[name])
    return name if counts[name] else "other"


# Khmer is written two ways in everyday typing: ឲ្យ and ឱ្យ ("to give / let"), and the subscript ដ or ត after
# ណ (បណ្ដេញ / បណ្តេញ "to dismiss", ប្ដី / ប្តី "husband"). Our examples and cues use one of each; a resident's
# message in the other spelling is read as if in ours (all of our Khmer text uses ឱ and subscript ត).
_SPELLING = str.maketrans({"\u17b2": "\u17b1"})
_KHMER = re.compile("[\u1780-\u17ff]")
_KHMER_SUBSCRIPT_DA = re.compile("\u17d2\u178a")  # coeng + DA → coeng + TA


def spelling(text: str) -> str:
    """One spelling for the variants that mean the same (Khmer ឲ/ឱ, subscript ដ/ត); other text unchanged."""
    if not _KHMER.search(text):
        return text
    return _KHMER_SUBSCRIPT_DA.sub("\u17d2\u178f", text.translate(_SPELLING))
