"""Handing a resident to a person: which office, what the reply says, and the summary for its staff.

Immigration matters go to the office with jurisdiction over the resident's prefecture; problems that span
agencies (and labour exploitation) to FRESC; legal disputes to Houterasu's multilingual service. Office
names, phones and addresses come only from the office data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from babel import Locale

from bot.catalog import Catalogs
from bot.dialogue.office_cards import office_card_text, office_info
from bot.dialogue.office_desk import OfficeDesk
from bot.replies import Handoff, OfficeCard
from bot.speech import Speech
from knowledge.offices import Office, OfficeDirectory
from knowledge.places import Gazetteer

__all__ = ["HandoffRouter", "Referral", "REASONS", "REASON_MESSAGES"]

# reason -> which kind of office receives it when the cues did not name one
REASONS = {
    "requested": "immigration",
    "complex": "fresc",
    "low_confidence": "immigration",
    "out_of_scope": "fresc",
    "own_case": "immigration",
}
_KIND_TO_OFFICE = {"fresc": "fresc", "labour": "fresc", "legal": "legal-help"}
# the catalog sentence that opens a handoff reply, per reason
REASON_MESSAGES = {
    "requested": "handoff_requested",
    "complex": "handoff_complex",
    "low_confidence": "handoff_low_confidence",
    "own_case": "handoff_own_case",
    "out_of_scope": "handoff_fresc",
}


@dataclass(frozen=True)
class Referral:
    office: Office | None  # None: we need the resident's prefecture first
    kind: str  # immigration | fresc | labour | legal


def language_name(code: str, in_lang: str) -> str:
    """The name of a code's language in another language, from babel's locale data ("vi" in "ja": ベトナム語)."""
    try:
        return Locale.parse(Speech.parse(in_lang).lang).languages.get(Speech.parse(code).lang, code)
    except Exception:  # unknown to babel: show the code
        return code


class HandoffRouter:
    def __init__(self, offices: OfficeDirectory, places: Gazetteer, catalogs: Catalogs) -> None:
        self.offices = offices
        self.places = places
        self.catalogs = catalogs

    @cached_property
    def desk(self) -> OfficeDesk:
        """Where an answer sends the resident (topic office kind + place), from the same data."""
        return OfficeDesk(self.offices, self.places, self.catalogs)

    def route(self, kind: str, prefecture: str) -> Referral:
        if kind == "immigration":
            return Referral(self.offices.for_prefecture(prefecture) if prefecture else None, kind)
        office_kind = _KIND_TO_OFFICE.get(kind, "fresc")
        found = self.offices.of_kind(office_kind) or self.offices.of_kind("fresc")
        return Referral(found[0], kind)

    def card(self, office: Office, lang: str) -> OfficeCard:
        return office_info(office, lang, self.catalogs, area_ja=self.desk.router.area_ja(office)).to_card()

    def reply_text(self, reason: str, referral: Referral, lang: str) -> str:
        assert referral.office is not None
        card = self.card(referral.office, lang)
        opening = REASON_MESSAGES[reason]
        parts = [self.catalogs.text(lang, opening)]
        extra = f"handoff_{referral.kind}"
        if referral.kind in {"legal", "fresc"} and extra != opening:
            parts.append(self.catalogs.text(lang, extra))
        parts.append(
            office_card_text(
                self.catalogs, lang, name=card.name, phone=card.phone, address=card.address, hours=card.hours
            )
        )
        if card.how:
            parts.append(card.how)
        parts.append(self.catalogs.text(lang, "office_bring"))
        if referral.office.kind in {"regional-bureau", "district-office"}:
            parts.append(self.catalogs.text(lang, "office_nearer_branch"))
        return "\n\n".join(parts)

    def summary_ja(
        self,
        *,
        lang: str,
        prefecture: str,
        city: str,
        reason: str,
        kind: str,
        topics: list[str],
        words: list[str],
        office_kind: str = "",
        in_charge: str = "",
    ) -> str:
        """The referral memo. ``reason`` "" leaves the reason empty (staff did not choose one); with
        ``office_kind`` (the topic's) 担当 names that office, with ``in_charge`` (a line, when no office takes a
        crisis) that text, else the handoff kind's."""
        place = self.places.places.get(city or prefecture)
        staff = self.desk.staff_ja.get(office_kind, "") if office_kind else ""
        return self.catalogs.text(
            "ja",
            "handoff_summary",
            language=language_name(lang, "ja"),
            place=place.name("ja") if place else self.catalogs.text("ja", "summary_unknown"),
            reason=self.catalogs.text("ja", f"summary_reason_{reason}") if reason else "",
            kind=in_charge or staff or self.catalogs.text("ja", f"summary_kind_{kind}"),
            topics="、".join(topics) or self.catalogs.text("ja", "summary_unknown"),
            words=" / ".join(w.replace("\n", " ") for w in words),
        )

    def handoff(self, reason: str, referral: Referral, lang: str, summary: str) -> Handoff:
        assert referral.office is not None
        return Handoff(reason=reason, office=self.card(referral.office, lang), summary_ja=summary)
