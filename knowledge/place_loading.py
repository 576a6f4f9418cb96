"""Loading the gazetteer from its files (``places.yaml``, ``municipalities.tsv``, ``postal_codes.tsv`` and the
spelling tables), read back from a start-up table when the same files and code built one before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from knowledge import startup_cache
from knowledge.municipalities import (
    KANA_CYRILLIC_FILE,
    PostalIndex,
    load_municipalities,
    load_postal_index,
    municipal_names,
)
from knowledge.paths import DATA_DIR
from knowledge.place_names import Place
from knowledge.places import Gazetteer
from knowledge.spelling import SPELLING_FILE, Spelling, _Script
from knowledge.startup_cache import TableFolders
from knowledge.yamlfile import load_yaml

__all__ = ["load_places", "TABLE_MAKERS"]

# the code that builds a gazetteer (its start-up table's key; a test checks that every knowledge module
# these import is listed too)
TABLE_MAKERS = (
    "knowledge.places",
    "knowledge.place_names",
    "knowledge.place_loading",
    "knowledge.spelling",
    "knowledge.municipalities",
    "knowledge.languages",
    "knowledge.lru",
    "knowledge.yamlfile",
)


def load_places(
    path: Path = DATA_DIR / "places.yaml",
    municipalities: Path | None = DATA_DIR / "municipalities.tsv",
    postal_codes: Path | None = DATA_DIR / "postal_codes.tsv",
    tables: TableFolders | None = None,
) -> Gazetteer:
    """The gazetteer of these files. ``tables``: where the gazetteer built from the same files and code is
    read back (``knowledge/startup_cache.py``), instead of folding every name again."""
    sources = [path, municipalities, postal_codes, SPELLING_FILE, KANA_CYRILLIC_FILE]
    key = startup_cache.key_of(
        [p for p in sources if p is not None],
        TABLE_MAKERS,
        [repr([p is None for p in sources])],
    )
    return startup_cache.cached(
        "places",
        key,
        lambda: _load_places(path, municipalities, postal_codes),
        tables,
        (Gazetteer, Place, Spelling, _Script, PostalIndex),
    )


def _load_places(path: Path, municipalities: Path | None, postal_codes: Path | None) -> Gazetteer:
    data = load_yaml(path)
    places = [Place(p["id"], "prefecture", p["id"], p["names"]) for p in data["prefectures"]]
    known = {p.id for p in places}
    for city in data.get("cities", []):
        if city["prefecture"] not in known:
            raise ValueError(f"{path}: city {city['id']} names unknown prefecture {city['prefecture']}")
        places.append(Place(city["id"], "city", city["prefecture"], city["names"]))
    generated: set[str] = set()
    if municipalities is not None:
        places, generated = _with_municipalities(places, municipalities)
    postal = load_postal_index(postal_codes) if postal_codes is not None else None
    return Gazetteer(places, postal, frozenset(generated))


def _with_municipalities(places: list[Place], path: Path) -> tuple[list[Place], set[str]]:
    """Attach codes to the curated cities and add every other municipality as a generated place."""
    curated = {
        (p.prefecture, name): i for i, p in enumerate(places) if p.kind == "city" for name in p.names.get("ja", [])
    }
    rows = load_municipalities(path)
    names_by_code = {m.code: m.name_ja for m in rows}
    ids: dict[str, str] = {}
    generated: set[str] = set()
    for m in rows:
        index = curated.get((m.prefecture, m.name_ja))
        if index is not None:
            places[index] = replace(places[index], code=m.code)
            ids[m.code] = places[index].id
            continue
        ids[m.code] = f"jis-{m.code}"
        generated.add(ids[m.code])
        places.append(
            Place(ids[m.code], "city", m.prefecture, municipal_names(m, names_by_code.get(m.parent, "")), code=m.code)
        )
    parents = {m.code: m.parent for m in rows if m.parent}
    return [replace(p, parent=ids.get(parents[p.code], "")) if p.code in parents else p for p in places], generated
