"""Rendering shared by the staff pages (login, /staff, /training, /analytics) on the shared templates of
``connectors.pages``, and the Japanese labels those pages use for codes (languages, reasons, offices,
places) — all from data (babel, catalogs, office and place data), none typed here.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse

from bot.dialogue.handoff import REASONS, language_name
from connectors.language_names import picker
from connectors.pages import PAGE_HEADERS, templates
from connectors.services import Services
from knowledge.languages import packaged_writings
from knowledge.yamlfile import load_yaml

__all__ = ["render", "Labels", "labels_for", "per_services"]

LABELS_FILE = Path(__file__).parent / "data" / "staff_labels.yaml"


def per_services(build: Callable[[Services], object]):
    """Cache ``build(services)`` once per Services object (a mutable dataclass, so not hashable)."""
    cache: dict[int, tuple[Services, object]] = {}
    lock = threading.Lock()

    @functools.wraps(build)
    def cached(services: Services):
        with lock:
            hit = cache.get(id(services))
            if hit is None or hit[0] is not services:
                hit = cache[id(services)] = (services, build(services))
            return hit[1]

    return cached


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    """Staff pages are in Japanese (English in brackets); ``page_lang`` sets ``<html lang>``."""
    response = templates.TemplateResponse(request, name, {"page_lang": "ja", **context}, status_code=status)
    response.headers.update(PAGE_HEADERS)
    response.headers["Cache-Control"] = "no-store"  # pages behind the login are never cached
    return response


@dataclass(frozen=True)
class Labels:
    """Japanese names for the codes shown on the staff pages."""

    languages: dict[str, str]     # code -> "ベトナム語 (Tiếng Việt)"
    languages_ja: dict[str, str]  # code -> "ベトナム語" (chart labels)
    reasons: dict[str, str]       # handoff reason -> the summary sentence for it
    offices: dict[str, str]       # office id -> name in Japanese
    prefectures: dict[str, str]   # prefecture id -> name in Japanese, in the gazetteer's order
    outcomes: dict[str, str]      # outcome code -> label (connectors/data/staff_labels.yaml)
    channels: dict[str, str]

    def language(self, code: str) -> str:
        return self.languages.get(code, code or "—")


@functools.lru_cache(maxsize=1)
def _own_labels() -> dict:
    data = load_yaml(LABELS_FILE)
    from bot.store.outcome import OUTCOMES

    if set(data["outcomes"]) != set(OUTCOMES):
        raise ValueError(f"{LABELS_FILE}: outcomes must be exactly {OUTCOMES}")
    return data


@per_services
def labels_for(services: Services) -> Labels:
    languages, languages_ja = {}, {}
    writings = services.index.writings or packaged_writings()
    for choice in picker(services.languages):
        japanese = writings.of(choice.code).name_ja or language_name(choice.code, "ja")
        languages[choice.code] = japanese if japanese == choice.name else f"{japanese} ({choice.name})"
        languages_ja[choice.code] = japanese
    reasons = {r: services.catalogs.text("ja", f"summary_reason_{r}") for r in REASONS}
    offices = {o.id: o.name_ja for o in services.offices.offices.values()}
    prefectures = {p.id: p.name("ja") for p in services.places.prefectures()}
    own = _own_labels()
    return Labels(languages, languages_ja, reasons, offices, prefectures, dict(own["outcomes"]),
                  dict(own["channels"]))
