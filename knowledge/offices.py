"""Immigration offices, consultation services and which office serves which prefecture.

Data: ``knowledge/data/offices.yaml`` (from the Immigration Services Agency brochure, see its header).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Phone", "Office", "OfficeDirectory", "load_offices"]

KINDS = {
    "regional-bureau", "district-office", "branch-office", "airport-office", "immigration-center",
    "fresc", "information-center", "legal-help",
}


@dataclass(frozen=True)
class Phone:
    number: str
    note: str


@dataclass(frozen=True)
class Office:
    id: str
    kind: str
    name_ja: str
    name_en: str
    postal_code: str | None
    address: str | None
    phones: tuple[Phone, ...]
    hours: str | None
    accepts_applications: bool
    jurisdiction: tuple[str, ...]
    source: str

    @property
    def main_phone(self) -> str:
        return self.phones[0].number if self.phones else ""

    @property
    def full_address(self) -> str:
        if not self.address:
            return ""
        return f"〒{self.postal_code} {self.address}" if self.postal_code else self.address


class OfficeDirectory:
    def __init__(self, offices: list[Office]) -> None:
        self.offices = {o.id: o for o in offices}
        if len(self.offices) != len(offices):
            raise ValueError("duplicate office id in offices.yaml")
        self._by_prefecture: dict[str, Office] = {}
        for office in offices:
            for prefecture in office.jurisdiction:
                if prefecture in self._by_prefecture:
                    raise ValueError(f"prefecture {prefecture} is under two offices")
                self._by_prefecture[prefecture] = office

    def __getitem__(self, office_id: str) -> Office:
        return self.offices[office_id]

    def for_prefecture(self, prefecture_id: str) -> Office | None:
        """The office that takes residence applications from people living in that prefecture."""
        return self._by_prefecture.get(prefecture_id)

    def of_kind(self, kind: str) -> list[Office]:
        return [o for o in self.offices.values() if o.kind == kind]

    @property
    def prefectures(self) -> set[str]:
        return set(self._by_prefecture)

    def all_phone_numbers(self) -> set[str]:
        return {p.number for o in self.offices.values() for p in o.phones}


def _office(raw: dict) -> Office:
    if raw["kind"] not in KINDS:
        raise ValueError(f"office {raw.get('id')}: unknown kind {raw['kind']!r}")
    return Office(
        id=raw["id"],
        kind=raw["kind"],
        name_ja=raw["name"]["ja"],
        name_en=raw["name"]["en"],
        postal_code=raw.get("postal_code"),
        address=raw.get("address"),
        phones=tuple(Phone(str(p["number"]), p.get("note") or "") for p in raw.get("phones") or []),
        hours=raw.get("hours"),
        accepts_applications=bool(raw.get("accepts_applications")),
        jurisdiction=tuple(raw.get("jurisdiction") or []),
        source=raw.get("source", "seed"),
    )


def load_offices(path: Path = DATA_DIR / "offices.yaml") -> OfficeDirectory:
    data = load_yaml(path)
    return OfficeDirectory([_office(raw) for raw in data["offices"]])
