"""Derive the word and kanji levels of ``bot/data/plain/levels/`` from the JLPT lists in ``../shared``.

    PYTHONPATH=$PWD .venv/bin/python scripts/derive_plain_levels.py [--jlpt DIR]

Run by hand; the output is committed (the product never reads ``../shared``).

* ``words.yaml`` — every list word (dictionary form) with its reading, under its easiest level: the lists
  repeat some words at several levels, and the easiest is the one a learner meets first. Notes in
  brackets (``こす (みずを～)``) are dropped, variants (``足; 脚``) become separate words, and affixes
  (``～界``) are left out of the word table.
* ``kanji.yaml`` — each kanji under the easiest level of a list word (affixes included) written with it.
  Caveat of this rule: a word usually written in kana but listed with its kanji (在る, N5) makes its
  kanji look easy.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.shared_data import shared_dir  # noqa: E402

__all__ = ["LEVELS", "OUT", "ListWord", "list_words", "easiest_words", "kanji_levels", "main"]

LEVELS = ("N5", "N4", "N3", "N2", "N1")  # easiest first
OUT = ROOT / "bot" / "data" / "plain" / "levels"
SOURCE = (
    "Derived by scripts/derive_plain_levels.py from the JLPT vocabulary lists of jamsinclair/open-anki-jlpt-decks "
    "(commit 1ad66734417aca9dbcca6b2d5ee440cb13ab3ba0, MIT licence, (c) 2020 Jamie Sinclair), which are based on "
    "Jonathan Waller's JLPT lists (tanos.co.uk, CC BY). Old-JLPT levels mapped to N5 (easiest) … N1."
)
_NOTE = re.compile(r"[(（][^)）]*[)）]")
_VARIANT_SPLIT = re.compile(r"[;；,，、・/／]")
_AFFIX = "～〜"
_KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


@dataclass(frozen=True)
class ListWord:
    word: str
    reading: str
    level: str
    affix: bool


def _variants(text: str) -> list[str]:
    return [v.strip() for v in _VARIANT_SPLIT.split(_NOTE.sub("", text)) if v.strip()]


def list_words(jlpt_dir: Path) -> list[ListWord]:
    """All words of the five CSVs, cleaned (notes dropped, variants split, affix marks removed)."""
    words = []
    for level in LEVELS:
        with (jlpt_dir / f"{level.lower()}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                forms, readings = _variants(row["expression"]), _variants(row["reading"])
                for i, form in enumerate(forms):
                    reading = readings[i] if len(readings) == len(forms) else (readings or [form])[0]
                    affix = any(mark in form for mark in _AFFIX)
                    word = form.strip(_AFFIX).replace(" ", "")
                    if word:
                        words.append(ListWord(word, reading.strip(_AFFIX).replace(" ", ""), level, affix))
    return words


def easiest_words(words: list[ListWord]) -> dict[str, list[tuple[str, str]]]:
    """Level → sorted (word, reading) pairs, each pair under its easiest level; affixes left out."""
    best: dict[tuple[str, str], str] = {}
    for item in words:
        if item.affix:
            continue
        key = (item.word, item.reading)
        if key not in best or LEVELS.index(item.level) < LEVELS.index(best[key]):
            best[key] = item.level
    table: dict[str, list[tuple[str, str]]] = {level: [] for level in LEVELS}
    for key, level in best.items():
        table[level].append(key)
    return {level: sorted(pairs) for level, pairs in table.items()}


def kanji_levels(words: list[ListWord]) -> dict[str, str]:
    """Level → the kanji whose easiest word is at that level, as one string in Unicode order."""
    best: dict[str, str] = {}
    for item in words:
        for kanji in _KANJI.findall(item.word):
            if kanji not in best or LEVELS.index(item.level) < LEVELS.index(best[kanji]):
                best[kanji] = item.level
    return {level: "".join(sorted(k for k, lv in best.items() if lv == level)) for level in LEVELS}


def _write(path: Path, data: dict) -> None:
    """YAML with ``source:`` first; lists of scalars in flow style (one ``[word, reading]`` a line)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=110)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shared = shared_dir()
    parser.add_argument("--jlpt", type=Path, default=(shared / "data" / "jlpt") if shared else None)
    args = parser.parse_args(argv)
    if args.jlpt is None or not args.jlpt.is_dir():
        print("JLPT lists not found (pass --jlpt DIR)", file=sys.stderr)
        return 2
    words = list_words(args.jlpt)
    table = easiest_words(words)
    OUT.mkdir(parents=True, exist_ok=True)
    _write(
        OUT / "words.yaml", {"source": SOURCE, "words": {lv: [list(p) for p in pairs] for lv, pairs in table.items()}}
    )
    kanji = kanji_levels(words)
    (OUT / "kanji.yaml").write_text(
        yaml.safe_dump(
            {
                "source": SOURCE + " Each kanji sits under the easiest level of a list word written with it.",
                "kanji": kanji,
            },
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=110,
        ),
        encoding="utf-8",
    )
    print(
        f"words: {', '.join(f'{lv} {len(p)}' for lv, p in table.items())}; "
        f"kanji: {', '.join(f'{lv} {len(k)}' for lv, k in kanji.items())}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
