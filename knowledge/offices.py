"""Offices and consultation lines, and which office serves which prefecture.

Data: ``knowledge/data/offices.yaml`` (immigration offices, from the Immigration Services Agency brochure),
``knowledge/data/contact_points.yaml`` (emergency and consultation lines, labour, pension, tax, legal help,
the municipal office) and ``knowledge/data/labour_bureaus.yaml`` (the 47 prefectural labour bureaus), each
entry with the official page its number was read on and the date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import DATA_DIR
from knowledge.yamlfile import load_yaml

__all__ = ["Phone", "Hours", "HoursRule", "Office", "OfficeDirectory", "load_offices", "KINDS", "IMMIGRATION_KINDS"]

IMMIGRATION_KINDS = {"regional-bureau", "district-office", "branch-office", "airport-office", "immigration-center"}
KINDS = IMMIGRATION_KINDS | {
    "fresc",
    "information-center",
    "legal-help",
    "emergency",
    "police-consultation",
    "consumer-line",
    "child-line",
    "dv-line",
    "sexual-violence-line",
    "human-rights-line",
    "pension-line",
    "tax-office",
    "labour-standards",
    "labour-bureau",
    "labour-line",
    "municipal",
}
DAYS = {"weekdays", "monday", "tuesday-friday", "second-saturday", "weekends-holidays"}
PHONE_NOTES = {"", "free", "ip", "ip-prepaid", "from-050", "japanese", "switchboard"}
# how the brochure (source: seed) prints phone notes -> our note keys
_SEED_NOTES = {"TEL": "", "IP Phone/International Call": "ip", "main switchboard": "switchboard"}
_SEED_HOURS = re.compile(r"Weekdays (\d{1,2}:\d\d)-(\d{1,2}:\d\d)")


@dataclass(frozen=True)
class Phone:
    number: str
    note: str  # a key of PHONE_NOTES; the catalogs word it (phone_note_<note>)


@dataclass(frozen=True)
class HoursRule:
    days: str  # a key of DAYS
    start: str
    end: str


@dataclass(frozen=True)
class Hours:
    """Opening hours: ``always`` (24 hours), ``varies`` (by local office) or a list of day rules."""

    kind: str
    rules: tuple[HoursRule, ...] = ()


@dataclass(frozen=True)
class Office:
    id: str
    kind: str
    name_ja: str
    name_en: str
    postal_code: str | None
    address: str | None
    phones: tuple[Phone, ...]
    hours: Hours | None
    accepts_applications: bool
    jurisdiction: tuple[str, ...]
    source: str  # "seed" (brochure), "facts" or "web" (an official page: url)
    purpose: str = ""  # catalog key saying what the office is for
    url: str = ""
    checked: dt.date | None = None
    office_kind: str = ""  # the topic office kind this entry serves (topics.yaml), if any
    aliases: tuple[str, ...] = ()  # other ids the entry answers to
    hours_url: str = ""  # the page the hours were read on, when not the page of the number
    # the street address in Japanese, as printed on an official Japanese page (address_ja_url, read on
    # address_ja_checked); Japanese replies show it instead of the brochure's English address
    address_ja: str = ""
    address_ja_url: str = ""
    address_ja_checked: dt.date | None = None

    @property
    def main_phone(self) -> str:
        return self.phones[0].number if self.phones else ""

    @property
    def full_address(self) -> str:
        if not self.address:
            return ""
        return f"〒{self.postal_code} {self.address}" if self.postal_code else self.address

    @property
    def full_address_ja(self) -> str:
        """The Japanese street address with its postal code, "" when no official Japanese page gave one."""
        if not self.address_ja:
            return ""
        return f"〒{self.postal_code} {self.address_ja}" if self.postal_code else self.address_ja


def _group(office: Office) -> str:
    return "labour" if office.kind == "labour-bureau" else "immigration"


class OfficeDirectory:
    def __init__(self, offices: list[Office]) -> None:
        self.offices = {o.id: o for o in offices}
        if len(self.offices) != len(offices):
            raise ValueError("duplicate office id in the office data")
        self._aliases = {alias: o.id for o in offices for alias in o.aliases}
        if set(self._aliases) & set(self.offices):
            raise ValueError(f"an alias is also an office id: {set(self._aliases) & set(self.offices)}")
        self._by_prefecture: dict[tuple[str, str], Office] = {}
        for office in offices:
            for prefecture in office.jurisdiction:
                key = (_group(office), prefecture)
                if key in self._by_prefecture:
                    raise ValueError(f"prefecture {prefecture} is under two offices of one kind")
                self._by_prefecture[key] = office

    def __getitem__(self, office_id: str) -> Office:
        return self.offices[self._aliases.get(office_id, office_id)]

    def get(self, office_id: str) -> Office | None:
        return self.offices.get(self._aliases.get(office_id, office_id))

    def for_prefecture(self, prefecture_id: str) -> Office | None:
        """The office that takes residence applications from people living in that prefecture."""
        return self._by_prefecture.get(("immigration", prefecture_id))

    def labour_bureau(self, prefecture_id: str) -> Office | None:
        return self._by_prefecture.get(("labour", prefecture_id))

    def of_kind(self, kind: str) -> list[Office]:
        return [o for o in self.offices.values() if o.kind == kind]

    def serving(self, office_kind: str) -> list[Office]:
        """Entries marked as serving a topic office kind (``office_kind`` in the data)."""
        return [o for o in self.offices.values() if o.office_kind == office_kind]

    @property
    def prefectures(self) -> set[str]:
        return {pref for group, pref in self._by_prefecture if group == "immigration"}

    def all_phone_numbers(self) -> set[str]:
        return {p.number for o in self.offices.values() for p in o.phones}


def _hours(raw, where: str) -> Hours | None:
    if raw is None:
        return None
    if raw in ("always", "varies"):
        return Hours(raw)
    if isinstance(raw, str):  # the brochure's wording
        found = _SEED_HOURS.match(raw)
        if not found:
            raise ValueError(f"{where}: hours {raw!r} not understood")
        return Hours("times", (HoursRule("weekdays", found[1], found[2]),))
    rules = []
    for rule in raw:
        if rule["days"] not in DAYS:
            raise ValueError(f"{where}: unknown days {rule['days']!r}")
        rules.append(HoursRule(rule["days"], str(rule["from"]), str(rule["to"])))
    return Hours("times", tuple(rules))


def _phone(raw: dict, where: str) -> Phone:
    note = raw.get("note") or ""
    note = _SEED_NOTES.get(note, "" if note.startswith("TEL (") else note)  # Yotsuya's desk labels
    if note not in PHONE_NOTES:
        raise ValueError(f"{where}: unknown phone note {note!r}")
    return Phone(str(raw["number"]), note)


def _default_purpose(kind: str) -> str:
    return "office_purpose_immigration" if kind in IMMIGRATION_KINDS else f"office_purpose_{kind.replace('-', '_')}"


def _office(raw: dict) -> Office:
    where = f"office {raw.get('id')}"
    if raw["kind"] not in KINDS:
        raise ValueError(f"{where}: unknown kind {raw['kind']!r}")
    url = raw.get("url") or ""
    source = raw.get("source") or ("web" if url else "")
    if source == "web" and not (url.startswith("http") and url.rstrip("/").count("/") >= 3 and raw.get("checked")):
        raise ValueError(f"{where}: needs the url of the specific page read and the date checked")
    if not source:
        raise ValueError(f"{where}: no source")
    hours_url = raw.get("hours_url") or ""
    if hours_url and not (hours_url.startswith("http") and hours_url.rstrip("/").count("/") >= 3):
        raise ValueError(f"{where}: hours_url must be the specific page the hours were read on")
    checked = raw.get("checked")
    if isinstance(checked, str):
        checked = dt.date.fromisoformat(checked)
    address_ja, address_ja_url = raw.get("address_ja") or "", raw.get("address_ja_url") or ""
    address_ja_checked = raw.get("address_ja_checked")
    if isinstance(address_ja_checked, str):
        address_ja_checked = dt.date.fromisoformat(address_ja_checked)
    if address_ja and not (
        address_ja_url.startswith("http") and address_ja_url.rstrip("/").count("/") >= 3 and address_ja_checked
    ):
        raise ValueError(f"{where}: address_ja needs the url of the page it was read on and the date read")
    return Office(
        id=raw["id"],
        kind=raw["kind"],
        name_ja=raw["name"]["ja"],
        name_en=raw["name"]["en"],
        postal_code=raw.get("postal_code"),
        address=raw.get("address"),
        phones=tuple(_phone(p, where) for p in raw.get("phones") or []),
        hours=_hours(raw.get("hours"), where),
        accepts_applications=bool(raw.get("accepts_applications")),
        jurisdiction=tuple(raw.get("jurisdiction") or []),
        source=source,
        purpose=raw.get("purpose") or _default_purpose(raw["kind"]),
        url=url,
        checked=checked,
        office_kind=raw.get("office_kind") or "",
        aliases=tuple(raw.get("aliases") or ()),
        hours_url=hours_url,
        address_ja=address_ja,
        address_ja_url=address_ja_url,
        address_ja_checked=address_ja_checked,
    )


def load_offices(*paths: Path) -> OfficeDirectory:
    files = paths or (DATA_DIR / "offices.yaml", DATA_DIR / "contact_points.yaml", DATA_DIR / "labour_bureaus.yaml")
    raws = [raw for path in files for raw in (load_yaml(path) or {}).get("offices", [])]
    return OfficeDirectory([_office(raw) for raw in raws])
