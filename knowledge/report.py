"""Content report: topics × languages coverage and word counts, and the content checks.

``python -m knowledge.report [--check] [--lang LANG ...]`` (also ``tsunagu content``).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from knowledge.content import load_guidebook
from knowledge.catalog_texts import catalog_texts
from knowledge.content_checks import REFERENCE_LANG, all_problems, slash_date_problems, stale_report, words
from knowledge.glossary import glossary_problems, load_glossary
from knowledge.statuses import load_statuses, status_sections
from knowledge.offices import load_offices
from knowledge.paths import GUIDEBOOK_DIR
from knowledge.topics import load_topics

__all__ = ["main", "coverage_table"]


def coverage_table(sections) -> str:
    langs = sorted({s.lang for s in sections}, key=lambda lang: (lang != REFERENCE_LANG, lang))
    table: dict[str, dict[str, int]] = defaultdict(dict)
    chapters: dict[str, str] = {}
    for s in sections:
        table[s.topic_id][s.lang] = words(s)
        chapters.setdefault(s.topic_id, s.chapter)
    width = max((len(t) for t in table), default=10)
    lines = [" " * (width + 1) + " ".join(f"{lang:>8}" for lang in langs)]
    for topic_id in sorted(table, key=lambda t: (chapters[t], t)):
        cells = [f"{table[topic_id].get(lang, '-'):>8}" for lang in langs]
        lines.append(f"{topic_id:<{width}} " + " ".join(cells))
    totals = [sum(1 for t in table if lang in table[t]) for lang in langs]
    lines.append(f"{'topics':<{width}} " + " ".join(f"{n:>8}" for n in totals))
    lines.append(f"{'words':<{width}} " + " ".join(f"{sum(table[t].get(lang, 0) for t in table):>8}" for lang in langs))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tsunagu content", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="run the content checks; exit 1 on any problem")
    parser.add_argument("--lang", action="append", help="only these languages (plus the English reference)")
    parser.add_argument(
        "--stale",
        type=int,
        metavar="DAYS",
        help="list topics not compared with their source page within DAYS, and date-bound facts",
    )
    args = parser.parse_args(argv)
    langs = sorted(set(args.lang) | {REFERENCE_LANG}) if args.lang else None
    sections = load_guidebook(GUIDEBOOK_DIR, langs)
    if args.stale is not None:
        if args.stale < 0:
            parser.error("--stale needs a number of days of 0 or more")
        statuses, labels = load_statuses()
        lines = stale_report(sections + status_sections(statuses, labels, {}), load_topics(), args.stale)
        print("\n".join(lines) if lines else f"every topic was checked within {args.stale} days")
        return 0
    print(coverage_table(sections))
    if not args.check:
        return 0
    problems = all_problems(sections, load_offices(), load_topics())
    catalogs = [(c.lang, f"catalog:{c.msgid}", c.text) for c in catalog_texts() if not langs or c.lang in langs]
    problems += slash_date_problems(catalogs)
    problems += glossary_problems([(s.lang, s.topic_id, s.text) for s in sections] + catalogs, load_glossary())
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
