"""Where a serious situation sends the resident (issue 13): the office for its kind and the resident's place
(the bureau with jurisdiction, FRESC for several problems, legal help), its card in the resident's language,
the line card when there is no office, and the memo's 担当. An office whose number is a line the reply already
gave is not shown twice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.replies import OfficeCard
from knowledge.offices import Office
from knowledge.situations import SituationCatalogue

if TYPE_CHECKING:
    from bot.safety.step import Safety

__all__ = [
    "a_line_shown",
    "handoff_card",
    "line_card",
    "line_numbers",
    "office_card",
    "office_for",
    "office_kind",
    "office_of_kind",
    "office_text",
    "summary_in_charge",
    "summary_kind",
]

_OFFICE_KIND = {"fresc": "fresc", "legal-help": "legal-help"}


def office_kind(catalogue: SituationCatalogue, ids: list[str]) -> str:
    """Several problems: the bureau when the residence status is at stake, else FRESC; one: its office."""
    serious = [s for s in ids if not catalogue[s].immediate]
    if len(serious) >= 2:
        return (
            "immigration"
            if any(catalogue[s].status_at_stake and catalogue[s].office == "immigration" for s in serious)
            else "fresc"
        )
    return next((catalogue[s].office for s in ids if catalogue[s].office != "none"), "none")


def office_for(safety: Safety, ids: list[str], prefecture: str) -> Office | None:
    """The office for the situations ``ids`` and the resident's prefecture ("" = unknown): the bureau with
    jurisdiction, FRESC or legal help; None when it needs the place, or when it is already a line shown."""
    kind = office_kind(safety.catalogue, ids)
    if kind == "immigration":
        return safety.offices.for_prefecture(prefecture) if prefecture else None
    if kind in _OFFICE_KIND:
        office = office_of_kind(safety, _OFFICE_KIND[kind])
        shown = line_numbers(safety, ids)
        return None if office is None or a_line_shown([p.number for p in office.phones], shown) else office
    return None


def line_numbers(safety: Safety, ids: list[str]) -> set[str]:
    """The numbers the situations' lines already give (an office with one of them is not shown twice)."""
    return {line.number for s in ids for line in safety.catalogue.lines_for(s)}


def a_line_shown(phones: Sequence[str], shown: set[str]) -> bool:
    """Whether an office's first phone ("#9110", "0570-011000 (IP phone)") is a line the situation's reply
    already gave: the office is then not shown twice (as a card or as the reply's own office)."""
    return bool(phones) and phones[0].split()[0] in shown


def office_of_kind(safety: Safety, kind: str) -> Office | None:
    found = safety.offices.of_kind(kind)
    return found[0] if found else None


def office_text(safety: Safety, office: Office, lang: str) -> str:
    card = office_card(safety, office, lang)
    texts = safety.composer.texts
    lines = [texts.text(lang, "office"), card.name, f"☎ {card.phone}"]
    if card.address:
        lines.append(card.address)
    if card.hours:
        lines.append(card.hours)
    return "\n".join(lines)


def office_card(safety: Safety, office: Office, lang: str) -> OfficeCard:
    """The office in the resident's language: name and hours from the situation texts when the office is a
    known line (FRESC), the "IP phone / from abroad" note from the texts, never the data's English notes."""
    texts = safety.composer.texts
    words = texts.line(lang, office.id) if office.id in texts.lines.get("en", {}) else {}
    name = words.get("name") or f"{office.name_ja} ({office.name_en})"
    main = office.phones[0].number if office.phones else ""
    others = [texts.text(lang, "alt", number=p.number) for p in office.phones[1:]]
    phone = main + (f" ({'; '.join(others)})" if others else "")
    hours = words.get("hours") or ""
    address = (lang in ("ja", "ja-plain") and office.full_address_ja) or office.full_address
    return OfficeCard(id=office.id, name=name, phone=phone, address=address, hours=hours, map_query=address)


def line_card(safety: Safety, situation_id: str, lang: str, now: bool = False) -> OfficeCard | None:
    lines = safety.catalogue.lines_for(situation_id, now=now)
    if not lines:
        return None
    line, texts = lines[0], safety.composer.texts
    words = texts.line(lang, line.id)
    phone = line.number + (f" ({texts.text(lang, 'alt', number=line.alt)})" if line.alt else "")
    return OfficeCard(
        id=line.id, name=words.get("name", line.id), phone=phone, address="", hours=words.get("hours", "")
    )


def handoff_card(
    safety: Safety, ids: list[str], office: Office | None, lang: str, now: bool = False
) -> OfficeCard | None:
    """The card of a serious situation's handoff: the office, or without one its first line (for what is
    happening now, 110)."""
    if office is None and len(ids) >= 2 and office_kind(safety.catalogue, ids) == "fresc":
        # several problems: the card is the one place for all of them (FRESC), also when its number was
        # already among the lines — not the first problem's first line (an eviction's legal help)
        office = office_of_kind(safety, "fresc")
    return office_card(safety, office, lang) if office is not None else line_card(safety, ids[0], lang, now=now)


def summary_kind(catalogue: SituationCatalogue, ids: list[str], now: bool = False) -> str:
    """The memo's 担当 (an office_routing.yaml kind): the card's office — for a crime happening now, whose card
    is 110, the police (``now_office``), not the legal help of one that is over."""
    happening = next((catalogue[s].now_office for s in ids if now and catalogue[s].now_office), "")
    return happening or {"immigration": "immigration", "legal-help": "legal"}.get(office_kind(catalogue, ids), "fresc")


def summary_in_charge(safety: Safety, ids: list[str], now: bool = False) -> str:
    """The memo's 担当 when no office takes the situations — a crisis (the crisis line), a child in danger
    (189), sexual violence (#8891) —: the line on the card, by its Japanese name and number, as the resident
    was told; "" when an office does (then ``summary_kind`` names it; its fallback, FRESC, is no crisis's)."""
    catalogue = safety.catalogue
    if any(now and catalogue[s].now_office for s in ids) or office_kind(catalogue, ids) != "none":
        return ""
    lines = catalogue.lines_for(ids[0], now=now)
    if not lines:
        return ""
    name = safety.composer.texts.line("ja", lines[0].id).get("name", lines[0].id)
    return f"{name}（{lines[0].number}）"
