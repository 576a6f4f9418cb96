"""Which office a topic sends the resident to, for the resident's place.

``OfficeRouter.route(office_kind, prefecture, municipality, topic)`` applies
``knowledge/data/office_routing.yaml`` (office kind -> offices) with the office data, the gazetteer and
``municipal_sections.yaml`` (topic -> the counter of the municipal office). It returns a ``Route``: the offices
in order (the one with jurisdiction first), the municipal counter when the municipal office handles it, and
whether the resident's place is still needed to name the right office.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.offices import Office, OfficeDirectory
from knowledge.paths import DATA_DIR
from knowledge.places import Gazetteer, Place
from knowledge.topics import OFFICE_KINDS
from knowledge.yamlfile import load_yaml

__all__ = ["Route", "Section", "OfficeRouter", "load_router", "municipal_office_name"]

_RULES = {"@immigration", "@labour-bureau", "@municipal"}
_OFFICE_SUFFIX = {"市": "市役所", "区": "区役所", "町": "町役場", "村": "村役場"}


@dataclass(frozen=True)
class Section:
    key: str  # catalog key municipal_section_<key>
    name_ja: str


@dataclass(frozen=True)
class Route:
    office_kind: str
    offices: tuple[Office, ...]
    municipality: Place | None = None  # the resident's municipality, for the municipal office
    section: Section | None = None  # the municipal counter for the topic
    needs_place: str = ""  # "prefecture" | "municipality" when the place is still unknown
    areas_ja: tuple[str, ...] = ()  # for each office, the municipality of its address in Japanese ("" unknown)

    @property
    def main(self) -> Office | None:
        return self.offices[0] if self.offices else None


def municipal_office_name(place: Place | None) -> str:
    """豊田市 -> 豊田市役所, 東京都中央区 -> 中央区役所, 当別町 -> 当別町役場 ("" when unknown)."""
    if place is None or place.kind != "city":
        return ""
    name = place.name("ja").removeprefix("東京都")
    suffix = next((s for end, s in _OFFICE_SUFFIX.items() if name.endswith(end)), "")
    return name[:-1] + suffix if suffix else name


class OfficeRouter:
    def __init__(
        self,
        rules: dict[str, dict],
        sections: dict[str, Section],
        topic_sections: dict[str, str],
        offices: OfficeDirectory,
        places: Gazetteer,
    ) -> None:
        self.rules, self.sections, self.topic_sections = rules, sections, topic_sections
        self.offices, self.places = offices, places
        self._areas: dict[str, str] = {}

    def route(self, office_kind: str, prefecture: str = "", municipality: str = "", topic: str = "") -> Route:
        rule = self.rules.get(office_kind) or self.rules["none"]
        city = self.places.places.get(municipality) if municipality else None
        prefecture = prefecture or (city.prefecture if city else "")
        found: list[Office] = []
        section = None
        needs = ""
        for step in rule["offices"]:
            if step == "@immigration":
                office = self.offices.for_prefecture(prefecture) if prefecture else None
            elif step == "@labour-bureau":
                office = self.offices.labour_bureau(prefecture) if prefecture else None
            elif step == "@municipal":
                office = self.offices["municipal-office"]
                key = self.topic_sections.get(topic)
                section = self.sections.get(key) if key else None
            else:
                office = self.offices[step]
            if office is not None:
                found.append(office)
        if rule["place"] == "prefecture" and not prefecture:
            needs = "prefecture"
        elif rule["place"] == "municipality" and city is None:
            needs = "municipality"
        return Route(office_kind, tuple(found), city, section, needs, tuple(self.area_ja(o) for o in found))

    def area_ja(self, office: Office) -> str:
        """The municipality an office's address lies in, in Japanese (大阪府大阪市住之江区), from the gazetteer:
        its postal code, else the place names of its address (the brochure gives addresses in English only)."""
        if office.id not in self._areas:
            self._areas[office.id] = self._area_ja(office)
        return self._areas[office.id]

    def _area_ja(self, office: Office) -> str:
        if not office.address:
            return ""
        found = self.places.find(f"〒{office.postal_code}") if office.postal_code else []
        cities = [p for p in found if p.kind == "city"] or [
            p for p in self.places.find(office.address) if p.kind == "city"
        ]
        if not cities:
            return ""
        city = cities[0]
        parent = self.places.places.get(city.parent) if city.parent else None
        name = city.name("ja")
        if parent is not None and not name.startswith(parent.name("ja")):
            name = parent.name("ja") + name
        prefecture = self.places.places[city.prefecture].name("ja")
        return name if name.startswith(prefecture) else prefecture + name


def load_router(
    offices: OfficeDirectory,
    places: Gazetteer,
    routing: Path = DATA_DIR / "office_routing.yaml",
    sections: Path = DATA_DIR / "municipal_sections.yaml",
) -> OfficeRouter:
    rules = load_yaml(routing)
    if set(rules) != OFFICE_KINDS:
        raise ValueError(f"{routing}: office kinds differ from topics.yaml: {set(rules) ^ OFFICE_KINDS}")
    for kind, rule in rules.items():
        if rule.get("place") not in {"prefecture", "municipality", "none"}:
            raise ValueError(f"{routing}: {kind}: place must be prefecture, municipality or none")
        for step in rule["offices"]:
            if step not in _RULES and offices.get(step) is None:
                raise ValueError(f"{routing}: {kind}: unknown office {step!r}")
    data = load_yaml(sections)
    by_key = {key: Section(key, name) for key, name in data["sections"].items()}
    for topic, key in data["topics"].items():
        if key not in by_key:
            raise ValueError(f"{sections}: topic {topic} names unknown section {key}")
    return OfficeRouter(rules, by_key, dict(data["topics"]), offices, places)
