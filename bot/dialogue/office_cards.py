"""Office cards in the resident's language: the office's Japanese name (what the resident shows or says at
the counter), what it is for, phones with their notes, address, hours and the municipal counter — every word
from the catalogs (``translations/<lang>/LC_MESSAGES/offices.po``), every fact from the office data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.catalog import Catalogs
from bot.replies import OfficeCard
from knowledge.offices import Hours, Office
from knowledge.routing import Route, Section, municipal_office_name

# kinds that are a place to go to (their addresses are not in the data), unlike phone lines
_PLACES = {"municipal", "labour-standards", "labour-bureau", "tax-office"}

__all__ = [
    "OfficeInfo",
    "office_info",
    "route_cards",
    "render_hours",
    "render_phones",
    "card_text",
    "office_card_text",
    "with_area",
]


@dataclass(frozen=True)
class OfficeInfo:
    """One office as a reply shows it (the ``office`` field of /api/chat, the web card, LINE's text block)."""

    id: str
    kind: str
    name_ja: str
    name: str  # the name in the resident's language (English name, or the Japanese one)
    purpose: str
    phones: tuple[str, ...]  # "0570-05-1165", "03-6700-1165 (from phones starting with 050)"
    address: str
    hours: str
    section_ja: str = ""  # the municipal counter, in Japanese
    section: str = ""  # the same, in the resident's language
    source: str = ""  # the page the number was read on
    map_query: str = ""  # what a map link searches ("" for a line by phone only: no map link)
    how: str = ""  # how to reach an office whose number is not in the data (the town hall's reception, its page)
    counter: str = ""  # "At the counter, show this: 子育て支援の窓口（児童手当） (Child-raising support …)"

    @property
    def phone(self) -> str:
        return " / ".join(self.phones)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "name_ja": self.name_ja,
            "name": self.name,
            "purpose": self.purpose,
            "phones": list(self.phones),
            "address": self.address,
            "hours": self.hours,
            "section_ja": self.section_ja,
            "section": self.section,
            "source": self.source,
            "map_query": self.map_query,
            "how": self.how,
            "counter": self.counter,
        }

    def to_card(self) -> OfficeCard:
        return OfficeCard(
            id=self.id,
            name=self.name if self.name == self.name_ja else f"{self.name_ja} ({self.name})",
            phone=self.phone,
            address=self.address,
            hours=self.hours,
            map_query=self.map_query,
            how=self.how,
        )


def render_hours(hours: Hours | None, lang: str, catalogs: Catalogs) -> str:
    if hours is None:
        return catalogs.text(lang, "hours_unknown")
    if hours.kind in ("always", "varies"):
        return catalogs.text(lang, f"hours_{hours.kind}")
    return ", ".join(
        catalogs.text(
            lang, "hours_rule", days=catalogs.text(lang, f"days_{r.days.replace('-', '_')}"), start=r.start, end=r.end
        )
        for r in hours.rules
    )


def render_phones(office: Office, lang: str, catalogs: Catalogs) -> tuple[str, ...]:
    return tuple(
        f"{p.number} ({catalogs.text(lang, 'phone_note_' + p.note.replace('-', '_'))})" if p.note else p.number
        for p in office.phones
    )


def office_info(
    office: Office,
    lang: str,
    catalogs: Catalogs,
    *,
    municipality_name: str = "",
    section: Section | None = None,
    area_ja: str = "",
) -> OfficeInfo:
    japanese = lang in ("ja", "ja-plain")
    name_ja, name = office.name_ja, (office.name_ja if japanese else office.name_en)
    phones = render_phones(office, lang, catalogs)
    hours = render_hours(office.hours, lang, catalogs)
    map_query = office.full_address
    address = office.full_address or ("" if office.kind in _PLACES else catalogs.text(lang, "address_none"))
    how = ""
    if japanese and office.address_ja:  # read on an official Japanese page: the whole address in Japanese
        postal = f"〒{office.postal_code} " if office.postal_code else ""
        address = map_query = postal + with_area(area_ja, office.address_ja)
    elif japanese and area_ja and office.address:  # the brochure's English address after its city in Japanese
        postal = f"〒{office.postal_code} " if office.postal_code else ""
        address = f"{postal}{area_ja}（{office.address}）"
    if office.kind in _PLACES and not phones:
        # a place whose number is not in the data: no empty-looking fields, but what to do — where to find
        # the number, in words the resident can type into a search box
        how = catalogs.text(lang, "place_how", search=office.name_ja)
        hours = "" if office.hours is None else hours
    if office.kind == "municipal":
        name_ja = municipality_name or office.name_ja
        name = name_ja if (municipality_name or japanese) else catalogs.text(lang, "municipal_office_yours")
        # no one number for every municipality: ask at the town hall, or search its page for the counter
        search = " ".join(w for w in (municipality_name, section.name_ja if section else "") if w) or name_ja
        how = catalogs.text(lang, "municipal_how", office=name, search=search)
        address = map_query = municipality_name  # the town hall itself, with its map link; "" when unknown
    section_ja = section.name_ja if section else ""
    section_words = catalogs.text(lang, "municipal_section_" + section.key.replace("-", "_")) if section else ""
    shown = section_ja if japanese or not section_words else f"{section_ja} ({section_words})"
    return OfficeInfo(
        id=office.id,
        kind=office.kind,
        name_ja=name_ja,
        name=name,
        purpose=catalogs.text(lang, office.purpose),
        phones=phones,
        address=address,
        hours=hours,
        section_ja=section_ja,
        section=section_words,
        source=office.url,
        map_query=map_query,
        how=how,
        counter=catalogs.text(lang, "office_section", section=shown) if section else "",
    )


def with_area(area_ja: str, street_ja: str) -> str:
    """The Japanese street address with the prefecture and city before it when the page left them out
    ("住之江区南港北1-29-53" on Osaka City's page → "大阪府大阪市住之江区南港北1-29-53"): ``area_ja`` is
    the office's area from its postal code; the part both share is written once."""
    if not area_ja or street_ja.startswith(area_ja[:2]):
        return street_ja
    for cut in range(len(area_ja) - 1):  # two characters or more in common
        if street_ja.startswith(area_ja[cut:]):
            return area_ja[:cut] + street_ja
    return area_ja + street_ja


def route_cards(route: Route, lang: str, catalogs: Catalogs) -> list[OfficeInfo]:
    """The cards of a route, the office with jurisdiction first."""
    town = municipal_office_name(route.municipality)
    areas = route.areas_ja or ("",) * len(route.offices)
    return [
        office_info(
            o,
            lang,
            catalogs,
            municipality_name=town if o.kind == "municipal" else "",
            section=route.section if o.kind == "municipal" else None,
            area_ja=area,
        )
        for o, area in zip(route.offices, areas)
    ]


def office_card_text(catalogs: Catalogs, lang: str, *, name: str, phone: str, address: str, hours: str) -> str:
    """The catalog's ``office_card`` (name, phone, address, hours, one a line) without the lines whose value is
    empty: an office whose number or address is not in the data shows no empty-looking field."""
    gap = "\x00"
    text = catalogs.text(lang, "office_card", name=name, phone=phone or gap, address=address or gap, hours=hours or gap)
    return "\n".join(line for line in text.split("\n") if gap not in line)


def card_text(info: OfficeInfo, lang: str, catalogs: Catalogs) -> str:
    """The card as plain text (LINE, the CLI): the catalog's office_card, how to reach the office when its
    number is not in the data, its purpose and the counter's Japanese name to show."""
    name = info.name if info.name == info.name_ja else f"{info.name_ja} ({info.name})"
    lines = [
        office_card_text(catalogs, lang, name=name, phone=info.phone, address=info.address, hours=info.hours),
        info.how,
        info.purpose,
        info.counter,
    ]
    return "\n".join(line for line in lines if line)
