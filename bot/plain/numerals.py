"""Value-preserving number normalisation: kanji numerals, era years, 12-hour times."""

from __future__ import annotations

import re

__all__ = ["ERAS", "kanji_to_arabic", "twelve_hour", "western_year"]

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = ("兆", "億", "万")
# The Western year of year 1 of each era, minus one (令和1年 = 2019).
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "明治": 1867}
_TO_HALF = str.maketrans("０１２３４５６７８９", "0123456789")


def _below_10000(text: str) -> int | None:
    if text and all(char in _DIGITS for char in text):  # 二〇二六 (digit by digit)
        return int("".join(str(_DIGITS[char]) for char in text))
    total, current = 0, None
    for char in text:
        if char in _DIGITS:
            if current is not None:
                return None
            current = _DIGITS[char]
        elif char in _SMALL:
            total += (1 if current is None else current) * _SMALL[char]
            current = None
        else:
            return None
    return total + (current or 0)


def kanji_to_arabic(text: str) -> str | None:
    """'十五' → '15', '三万五千' → '3万5000', '百二十' → '120'; None if ``text`` is not a kanji numeral."""
    if not text or not re.fullmatch(r"[〇零一二三四五六七八九十百千万億兆]+", text) or text[0] in _LARGE:
        return None
    parts = re.split(r"([兆億万])", text)
    out = []
    for index in range(0, len(parts), 2):
        group = parts[index]
        if group:
            value = _below_10000(group)
            if value is None:
                return None
            out.append(str(value))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def _number(text: str) -> int | None:
    text = text.translate(_TO_HALF)
    if text.isdigit():
        return int(text)
    converted = kanji_to_arabic(text)
    return int(converted) if converted and converted.isdigit() else None


def western_year(era: str, year: str) -> str | None:
    """('令和', '8') → '2026'; ('平成', '元') → '1989'; None when not a known era and year."""
    if era not in ERAS:
        return None
    value = 1 if year in ("元", "元年") else _number(year)
    return None if value is None or not 1 <= value <= 99 else str(ERAS[era] + value)


def twelve_hour(hour: str, afternoon_only: bool) -> str | None:
    """'14' → '午後2'; '9' → '午前9' (unless ``afternoon_only``); None for hours that stay as they are."""
    value = _number(hour)
    if value is None or value > 23:
        return None
    if 13 <= value <= 23:
        return f"午後{value - 12}"
    if value == 0:
        return "午前0"
    if value == 12:
        return None  # 12時 is already unambiguous noon in everyday use
    return None if afternoon_only else f"午前{value}"
