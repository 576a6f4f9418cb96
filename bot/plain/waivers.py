"""Listed waivers: the guideline breaches a hand-written plain-Japanese text keeps on purpose (or for now).

``bot/data/plain/waivers/ja-plain.yaml`` lists, for each section (``file#id``) of the plain-Japanese guidebook
edition, the breaches ``check()`` finds there as ``[rule_id, excerpt]``, with one reason per rule. A test
holds the edition to the list both ways: a new breach fails, and so does a waiver whose breach is gone
(the list only shrinks). Each section is checked as one text, the way a topic answer is shown, so a word
explained once in the section counts as explained.

Refresh after editing the edition (then read the diff — a waiver is a decision, not a default)::

    python -m bot.plain.waivers --write
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.plain.checker import check
from knowledge.yamlfile import load_yaml

__all__ = ["EDITION", "WAIVERS_PATH", "Section", "edition_breaches", "load_waivers", "sections"]

ROOT = Path(__file__).resolve().parents[2]
EDITION = ROOT / "knowledge" / "guidebook" / "ja-plain"
WAIVERS_PATH = ROOT / "bot" / "data" / "plain" / "waivers" / "ja-plain.yaml"
_HEADING = re.compile(r"^#+\s.*?(?:\{#([\w-]+)\})?\s*$")


@dataclass(frozen=True)
class Section:
    key: str  # file#id
    text: str  # the paragraphs under the heading, one per line


def sections(path: Path) -> list[Section]:
    found: list[Section] = []
    key = f"{path.name}#"
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            if lines:
                found.append(Section(key, "\n".join(lines)))
            key, lines = f"{path.name}#{heading.group(1) or ''}", []
        elif line.strip():
            lines.append(line.strip())
    if lines:
        found.append(Section(key, "\n".join(lines)))
    return found


def edition_breaches(files) -> dict[str, list[list[str]]]:
    """``{file#id: [[rule_id, excerpt], ...]}`` for the sections of ``files`` that break a rule."""
    out: dict[str, list[list[str]]] = {}
    for path in files:
        for section in sections(path):
            found = [[b.rule_id, b.excerpt] for b in check(section.text)]
            if found:
                out.setdefault(section.key, []).extend(found)
    return out


def load_waivers(path: Path = WAIVERS_PATH) -> dict:
    data = load_yaml(path) or {}
    if not isinstance(data, dict) or not {"source", "files", "reasons", "waivers"} <= set(data):
        raise ValueError(f"{path}: needs source, files, reasons and waivers")
    rules = {rule for items in data["waivers"].values() for rule, _ in items}
    missing = rules - set(data["reasons"])
    if missing:
        raise ValueError(f"{path}: no reason given for {', '.join(sorted(missing))}")
    return data


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the waiver list from today's breaches")
    args = parser.parse_args()
    current = load_waivers()
    files = [EDITION / name for name in current["files"]]
    found = edition_breaches(files)
    if args.write:
        current["waivers"] = found
        WAIVERS_PATH.write_text(
            yaml.safe_dump(current, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
        )
    counts: dict[str, int] = {}
    for items in found.values():
        for rule, _ in items:
            counts[rule] = counts.get(rule, 0) + 1
    print(counts)


if __name__ == "__main__":
    _main()
