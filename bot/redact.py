"""Personal data is removed from what users sent before it is stored or logged.

Residence card numbers (2 letters, 8 digits, 2 letters), My Number (12 digits), phone numbers and e-mail
addresses become placeholders. Office numbers in the bot's own replies are not user data and stay.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["redact"]

_PATTERNS = [
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[email]"),
    (re.compile(r"\b[A-Za-z]{2}\s?\d{8}\s?[A-Za-z]{2}\b"), "[residence-card-no]"),
    (re.compile(r"(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)"), "[my-number]"),
    (re.compile(r"(?<![\d#])(?:\+?81[\s-]?|0)\d{1,4}[\s-]?\d{1,4}[\s-]?\d{3,4}(?!\d)"), "[phone]"),
]


def redact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text
