"""What no rule may do: change a number, touch a proper noun, or make an edit that changes nothing."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = ["allowed"]

_NUMBER = re.compile(r"[0-9]+")


def _numbers(text: str) -> list[str]:
    return _NUMBER.findall(unicodedata.normalize("NFKC", text))


def allowed(rule, span, after: str) -> bool:
    """Whether ``rule`` may replace the tokens ``span`` by ``after``."""
    if after == span.text:
        return False
    if not rule.proper_nouns and any("固有名詞" in token.tag_ for token in span):
        return False  # proper nouns are never changed
    if not rule.reformats_numbers:
        numbers = _numbers(span.text)
        if numbers and Counter(numbers) - Counter(_numbers(after)):
            return False  # every Arabic number of the replaced text must survive
    return True
