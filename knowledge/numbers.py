"""The numbers a text states, normalised so that every language's version of a topic can be compared.

``9:00``, ``9時`` and ``午前9時`` are the same time; ``500,000``, ``500.000`` and ``50万`` the same amount;
phone numbers are compared digit for digit. Used by the content checks, never at answer time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["numbers_in", "phones_in", "PHONE_RE"]

PHONE_RE = re.compile(r"(?<![\d-])(?:0\d{1,4}-\d{1,4}-\d{3,5}|0\d{2,4}-\d{4,6}|#\d{4})(?![\d-])")
_JA_TIME = re.compile(r"(午前|午後)?\s*(\d{1,2})時(?!間)(?:(半)|(\d{1,2})分)?")
_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
_MAN = re.compile(r"(\d+)万(\d{1,4})?")
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d]|[.,]\d)")
_DIGITS = re.compile(r"\d+")


def _clock(hour: int, minute: int) -> str:
    return f"{hour}:{minute:02d}"


def phones_in(text: str) -> list[str]:
    return PHONE_RE.findall(unicodedata.normalize("NFKC", text))


_UNSPACED = {"th", "km", "my"}


@lru_cache(maxsize=64)
def _month_names(lang: str) -> tuple[re.Pattern, dict[str, int]] | None:
    """Month names of ``lang`` (CLDR via babel, wide and abbreviated), longest first, for dates written
    the language's way ("14 June 2026", "14 червня 2026") to compare with "2026年6月14日"."""
    try:
        from babel.dates import get_month_names
    except ImportError:  # pragma: no cover - babel is a dependency
        return None
    names: dict[str, int] = {}
    for width in ("wide",):
        for context in ("format", "stand-alone"):
            try:
                table = get_month_names(width, context, lang.split("-")[0])
            except Exception:  # unknown locale: no month names
                return None
            for number, name in table.items():
                if not re.search(r"\d", name) and len(name.strip(".")) >= 3:
                    names.setdefault(name.casefold().strip("."), number)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if lang.split("-")[0] in _UNSPACED:
        return re.compile(rf"(?:{alternatives})", re.IGNORECASE), names
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), names


def _months_as_numbers(text: str, lang: str | None) -> str:
    """Month names next to a number (a date, not the verb "may") become the month's number."""
    found = _month_names(lang) if lang else None
    if found is None:
        return text
    pattern, names = found

    def replace(match: re.Match) -> str:
        before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() : match.end() + 12]
        # a day or year next to the name, allowing an ordinal mark (1º) or a short suffix (ဧပြီလ 1)
        if not (
            re.search(r"\d[^\s\d]{0,2}[\s.]*(?:de\s+|ខែ|ที่\s*\d+\s*)?$", before)
            or re.match(r"[^\s\d]{0,3}[\s,]*\d", after)
        ):
            return match.group()
        return f" {names[match.group().casefold()]} "

    return pattern.sub(replace, text)


def numbers_in(text: str, lang: str | None = None) -> set[str]:
    """Normalised number tokens: phones (digits only, prefixed ``tel:``), times ``H:MM``, plain integers.

    With ``lang``, month names of that language count as the month's number."""
    text = _months_as_numbers(unicodedata.normalize("NFKC", text), lang)
    found: set[str] = set()

    def take(pattern: re.Pattern, convert) -> None:
        nonlocal text

        def replace(match: re.Match) -> str:
            found.add(convert(match))
            return " "

        text = pattern.sub(replace, text)

    take(
        PHONE_RE,
        lambda m: "tel:" + re.sub(r"\D", "", m.group()) if not m.group().startswith("#") else "tel:#" + m.group()[1:],
    )

    def ja_time(m: re.Match) -> str:
        hour = int(m[2])
        if m[1] == "午後" and hour < 12:
            hour += 12
        return _clock(hour, 30 if m[3] else int(m[4] or 0))

    take(_JA_TIME, ja_time)
    take(_CLOCK, lambda m: _clock(int(m[1]), int(m[2])))
    take(_MAN, lambda m: str(int(m[1]) * 10000 + int(m[2] or 0)))
    take(_GROUPED, lambda m: str(int(re.sub(r"\D", "", m.group()))))
    found.update(str(int(d)) for d in _DIGITS.findall(text))
    return found
