"""What the counter staff's pages ask of the service: lookups for a resident at the counter (nothing a
resident wrote is stored; a visit's lookups are), the names the pages show, training cases and scores, the
login lockout and the analytics report. ``Tsunagu.staff``; built once per process."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from bot.dialogue.handoff import REASONS, language_name
from bot.plain import check, furigana
from bot.safety.step import SITUATION_REASON
from bot.staff_view import StaffDesk, StaffView
from bot.staff_visit import StaffVisits, VisitEntry
from bot.store.analytics import AnalyticsReport, Filters, build_report
from bot.store.shared import CaseProgress
from bot.training import TrainingCoach, TrainingScore
from connectors.language_names import picker
from connectors.services import Services
from knowledge.training_cases import TrainingCase, load_training_book
from knowledge.topics import load_topics

__all__ = ["StaffCounter", "StaffNames"]


@dataclass(frozen=True)
class StaffNames:
    """Japanese names for the codes the staff pages show (from babel, catalogs, office and place data)."""

    languages: dict[str, tuple[str, str]]  # code -> (name in Japanese, own name)
    reasons: dict[str, str]  # handoff reason -> its summary sentence
    offices: dict[str, str]  # office id -> name in Japanese
    prefectures: dict[str, str]  # prefecture id -> name in Japanese, in the gazetteer's order


class StaffCounter:
    def __init__(self, services: Services) -> None:
        self._services = services
        self._lock = threading.Lock()
        self._desk: StaffDesk | None = None
        self._coach: TrainingCoach | None = None

    def look_up(self, text: str, lang: str | None, prefecture: str, reason: str, municipality: str = "") -> StaffView:
        """What the staff console shows for what a resident said (nothing is stored)."""
        return self._staff_desk().look_up(
            text,
            lang if lang in self._services.languages else None,
            prefecture if prefecture in self._services.places.places else "",
            reason,
            municipality,
        )

    def look_up_for_visit(
        self, visit_id: str, text: str, lang: str | None, prefecture: str, municipality: str, reason: str
    ) -> StaffView:
        """A counter lookup that is part of one resident's visit: the municipality staff typed (豊田市, Toyota,
        〒471-0000) wins over the prefecture, and the lookup is kept in the visit's conversation (channel
        "staff"; ``bot/staff_visit.py``) and counted in analytics."""
        prefecture = prefecture if prefecture in self._services.places.places else ""
        view = self.look_up(text, lang, prefecture, reason, municipality)
        place = self._staff_desk().place_of(text, prefecture, municipality)
        StaffVisits(self._services.store).record(
            visit_id, text, view, place.prefecture if place else "", place.id if place and place.kind == "city" else ""
        )
        return view

    def visit_history(self, visit_id: str) -> list[VisitEntry]:
        return StaffVisits(self._services.store).history(visit_id)

    def prepare(self) -> None:
        self._staff_desk()

    def office_phones(self, office_id: str) -> list[str]:
        """The numbers to dial on the console's office panel: the office's phones, or a national line's (a
        crisis with no office of its own has the crisis line as its card)."""
        office = self._services.offices.get(office_id)
        if office is not None:
            return [p.number for p in office.phones]
        safety = getattr(self._services.dialogue, "safety", None)
        line = safety.catalogue.lines.get(office_id) if safety is not None else None
        return [number for number in (line.number, line.alt) if number] if line is not None else []

    @functools.cached_property
    def names(self) -> StaffNames:
        services = self._services
        writings = services.index.writings or services.dialogue.writings
        languages = {}
        for choice in picker(services.languages):
            japanese = writings.of(choice.code).name_ja or language_name(choice.code, "ja")
            languages[choice.code] = (japanese, choice.name)
        reasons = {r: services.catalogs.text("ja", f"summary_reason_{r}") for r in REASONS}
        safety = services.dialogue.safety  # serious situations are counted by kind: "深刻な状況: 家庭内の暴力（DV）"
        if safety is not None:
            reasons |= {
                SITUATION_REASON + s: "深刻な状況: " + safety.composer.texts.situation("ja", s)["title"]
                for s in safety.catalogue.ids
            }
        offices = {o.id: o.name_ja for o in services.offices.offices.values()}
        prefectures = {p.id: p.name("ja") for p in services.places.prefectures()}
        return StaffNames(languages, reasons, offices, prefectures)

    def topic_title_ja(self, topic_id: str) -> str:
        found = self._services.assistant.topic_text(topic_id, "ja")
        return found[0].title if found else topic_id

    # -- training ------------------------------------------------------------------------------------
    def training_cases(self) -> tuple[TrainingCase, ...]:
        return self._training().book.cases

    def training_case(self, case_id: str) -> TrainingCase | None:
        return self._training().book.case(case_id)

    def training_score(self, case: TrainingCase, reply: str, user: str = "") -> TrainingScore:
        """Score a reply; with ``user``, its points (never its text) count towards their progress."""
        score = self._training().score(case, reply)
        if user:
            self._services.store.training.record(user, case.id, score.points, score.max_points)
        return score

    def training_progress(self, user: str) -> dict[str, CaseProgress]:
        """Each case's attempts and best score for a staff user (the same from every process)."""
        return self._services.store.training.of(user)

    # -- staff login lockout (counted in the store, so every process agrees) -------------------------
    def login_blocked(self, client: str) -> bool:
        return self._services.store.logins.blocked(client)

    def login_failed(self, client: str) -> None:
        self._services.store.logins.failed(client)

    def login_succeeded(self, client: str) -> None:
        self._services.store.logins.succeeded(client)

    # -- analytics -----------------------------------------------------------------------------------
    def analytics(self, days: int, lang: str = "", prefecture: str = "") -> AnalyticsReport:
        """The report for the last ``days`` days; an unknown language or prefecture filters nothing."""
        filters = Filters(
            lang if lang in self._services.languages else "",
            prefecture if prefecture in self._services.places.places else "",
        )
        return build_report(self._services.store.engine, days, filters=filters)

    # -- built on first use (their Japanese models load in the background meanwhile) -------------------
    def _staff_desk(self) -> StaffDesk:
        with self._lock:
            if self._desk is None:
                threading.Thread(target=furigana, args=("練習",), name="furigana-warmup", daemon=True).start()
                services = self._services
                self._desk = StaffDesk(
                    services.assistant,
                    services.dialogue.router,
                    services.places,
                    load_topics(),
                    safety=services.dialogue.safety,
                )
            return self._desk

    def _training(self) -> TrainingCoach:
        with self._lock:
            if self._coach is None:
                threading.Thread(target=check, args=("練習",), name="plain-check-warmup", daemon=True).start()
                self._coach = TrainingCoach(load_training_book(), self._services.offices, self._services.places, check)
            return self._coach
