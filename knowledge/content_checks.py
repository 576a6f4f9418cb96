"""Checks that keep the content honest; each returns a list of problems (empty means fine).

Run by the test suite and by ``tsunagu content --check``; translators run it on their language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from knowledge.content import Section
from knowledge.dated import change_dates
from knowledge.languages import Writings, packaged_writings
from knowledge.numbers import numbers_in, phones_in
from knowledge.offices import OfficeDirectory
from knowledge.topics import TopicInfo

__all__ = [
    "REFERENCE_LANG",
    "coverage_problems",
    "number_problems",
    "phone_problems",
    "format_problems",
    "topic_index_problems",
    "is_site_root",
    "stale_report",
    "slash_date_problems",
    "words",
    "all_problems",
]

REFERENCE_LANG = "en"
_NATIVE_DIGITS = re.compile(r"[\u0966-\u096f\u0e50-\u0e59\u17e0-\u17e9\u1040-\u1049\uff10-\uff19]")


def words(section: Section, writings: Writings | None = None) -> int:
    """Words, or for languages written without spaces, characters ÷ 2 (``knowledge.languages``)."""
    return (writings or packaged_writings()).word_count(section.lang, section.body)


def _by_lang(sections: Iterable[Section]) -> dict[str, dict[str, Section]]:
    table: dict[str, dict[str, Section]] = defaultdict(dict)
    for s in sections:
        table[s.lang][s.topic_id] = s
    return table


def coverage_problems(sections: list[Section]) -> list[str]:
    table = _by_lang(sections)
    reference = table.get(REFERENCE_LANG, {})
    problems = []
    for lang, topics in sorted(table.items()):
        for missing in sorted(set(reference) - set(topics)):
            problems.append(f"{lang}: topic {missing} is missing")
        for extra in sorted(set(topics) - set(reference)):
            problems.append(f"{lang}: topic {extra} is not in {REFERENCE_LANG}")
        for topic_id, s in topics.items():
            if topic_id in reference and s.chapter != reference[topic_id].chapter:
                problems.append(f"{lang}: topic {topic_id} is in {s.chapter}, not {reference[topic_id].chapter}")
    return problems


def number_problems(sections: list[Section]) -> list[str]:
    table = _by_lang(sections)
    reference = table.get(REFERENCE_LANG, {})
    problems = []
    for lang, topics in sorted(table.items()):
        for topic_id, s in sorted(topics.items()):
            if _NATIVE_DIGITS.search(s.text):
                problems.append(f"{lang}/{topic_id}: native or fullwidth digits; use 0-9")
            if lang == REFERENCE_LANG or topic_id not in reference:
                continue
            expected = numbers_in(reference[topic_id].text, REFERENCE_LANG)
            got = numbers_in(s.text, lang)
            if expected != got:
                problems.append(
                    f"{lang}/{topic_id}: numbers differ from {REFERENCE_LANG}: "
                    f"missing {sorted(expected - got)}, extra {sorted(got - expected)}"
                )
    return problems


def phone_problems(sections: list[Section], offices: OfficeDirectory, allowed_short: Iterable[str] = ()) -> list[str]:
    known = {re.sub(r"\D", "", p) for p in offices.all_phone_numbers()}
    allowed = {a.lstrip("#") for a in allowed_short}
    problems = []
    for s in sections:
        for phone in phones_in(s.text):
            digits = re.sub(r"\D", "", phone)
            if digits not in known and digits not in allowed:
                problems.append(f"{s.lang}/{s.topic_id}: phone {phone} is not in the office data")
    return problems


def format_problems(sections: list[Section], min_words: int = 60, max_words: int = 250) -> list[str]:
    problems = []
    for s in sections:
        count = words(s)
        if not min_words <= count <= max_words and s.lang == REFERENCE_LANG:
            problems.append(f"{s.lang}/{s.topic_id}: {count} words (want {min_words}-{max_words})")
        if re.search(r"https?://|<[a-z]+|^###|\|.*\|", s.body, flags=re.M):
            problems.append(f"{s.lang}/{s.topic_id}: links, HTML, tables or ### headings are not allowed")
    return problems


SLASH_DATE = re.compile(r"(?<![\d/.:-])(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\d/])")
SLASH_DATE_LANGS = {"en"}  # month/day is English (US) usage only; everyone else writes dates their own way


def slash_date_problems(texts: Iterable[tuple[str, str, str]]) -> list[str]:
    """``(lang, where, text)`` triples: a date like ``4/1`` outside English is read wrongly (1 April or
    4 January?), so the content and the catalogs write dates the language's way instead (docs/content-guide.md)."""
    problems = []
    for lang, where, text in texts:
        if lang in SLASH_DATE_LANGS:
            continue
        for match in SLASH_DATE.finditer(text):
            problems.append(f"{lang}/{where}: slash date {match.group()}; write it the language's way (month name)")
    return problems


def topic_index_problems(sections: list[Section], topics: dict[str, TopicInfo]) -> list[str]:
    reference = {s.topic_id: s for s in sections if s.lang == REFERENCE_LANG}
    problems = [f"topics.yaml: no entry for {t}" for t in sorted(set(reference) - set(topics))]
    problems += [f"topics.yaml: {t} has no content" for t in sorted(set(topics) - set(reference))]
    for topic_id, info in topics.items():
        if topic_id in reference and info.chapter != reference[topic_id].chapter:
            problems.append(
                f"topics.yaml: {topic_id} says chapter {info.chapter}, content has {reference[topic_id].chapter}"
            )
        if not info.source_title or not info.source_url.startswith(("https://", "http://")):
            problems.append(f"topics.yaml: {topic_id} needs a source title and web address")
        elif is_site_root(info.source_url):
            problems.append(f"topics.yaml: {topic_id} cites a site's root ({info.source_url}); cite the page you read")
    return problems


def is_site_root(url: str) -> bool:
    """A site's front page or a section index (``https://www.mhlw.go.jp/``, ``https://www.moj.go.jp/isa/``):
    no use as a citation, because the fact cannot be found there."""
    path = urlsplit(url).path
    return path.strip("/") == "" or (path.endswith("/") and path.strip("/").count("/") == 0)


def stale_report(
    sections: list[Section], topics: dict[str, TopicInfo], days: int, today: dt.date | None = None
) -> list[str]:
    """Topics not compared with their page within ``days`` (or never), and date-bound facts: those whose
    change date is ahead (to watch) and those whose date has passed (the text must be rewritten)."""
    today = today or dt.date.today()
    lines = []
    for topic_id, info in sorted(topics.items()):
        if info.checked is None:
            lines.append(f"unchecked  {topic_id}: never compared with {info.source_url}")
        elif (today - info.checked).days > days:
            lines.append(f"stale      {topic_id}: checked {info.checked}, {(today - info.checked).days} days ago")
    dates: dict[tuple[str, dt.date], None] = {}
    for s in sections:
        if s.lang == REFERENCE_LANG:
            for when in change_dates(s.body):
                dates[(s.topic_id, when)] = None
    for topic_id, when in sorted(dates, key=lambda k: (k[1], k[0])):
        if when <= today:
            lines.append(
                f"overdue    {topic_id}: a fact changed on {when}; rewrite the text and drop its {{until}} lines"
            )
        else:
            lines.append(f"changes    {topic_id}: a fact changes on {when} ({(when - today).days} days ahead)")
    return lines


def all_problems(sections: list[Section], offices: OfficeDirectory, topics: dict[str, TopicInfo]) -> list[str]:
    return (
        coverage_problems(sections)
        + number_problems(sections)
        + format_problems(sections)
        + slash_date_problems((s.lang, s.topic_id, s.text) for s in sections)
        + phone_problems(sections, offices, allowed_short=("#9110", "#7119"))
        + topic_index_problems(sections, topics)
    )
