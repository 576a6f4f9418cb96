"""Rendering shared by the staff pages (login, /staff, /training, /analytics) on the shared templates of
``connectors.pages``, and the Japanese labels those pages use for codes (languages, reasons, offices,
places) — all from data (babel, catalogs, office and place data), none typed here.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse

from connectors.application import Tsunagu
from connectors.pages import PAGE_HEADERS, templates
from knowledge.yamlfile import load_yaml

__all__ = ["render", "Labels", "labels_for"]

LABELS_FILE = Path(__file__).parents[1] / "data" / "staff_labels.yaml"


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    """Staff pages are in Japanese (English in brackets); ``page_lang`` sets ``<html lang>``."""
    response = templates.TemplateResponse(request, name, {"page_lang": "ja", **context}, status_code=status)
    response.headers.update(PAGE_HEADERS)
    response.headers["Cache-Control"] = "no-store"  # pages behind the login are never cached
    return response


@dataclass(frozen=True)
class Labels:
    """Japanese names for the codes shown on the staff pages."""

    languages: dict[str, str]  # code -> "ベトナム語 (Tiếng Việt)"
    languages_ja: dict[str, str]  # code -> "ベトナム語" (chart labels)
    reasons: dict[str, str]  # handoff reason -> the summary sentence for it
    offices: dict[str, str]  # office id -> name in Japanese
    prefectures: dict[str, str]  # prefecture id -> name in Japanese, in the gazetteer's order
    outcomes: dict[str, str]  # outcome code -> label (connectors/data/staff_labels.yaml)
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


def labels_for(app: Tsunagu) -> Labels:
    names = app.staff.names
    languages = {
        code: japanese if japanese == own else f"{japanese} ({own})"
        for code, (japanese, own) in names.languages.items()
    }
    languages_ja = {code: japanese for code, (japanese, _) in names.languages.items()}
    own = _own_labels()
    return Labels(
        languages,
        languages_ja,
        dict(names.reasons),
        dict(names.offices),
        dict(names.prefectures),
        dict(own["outcomes"]),
        dict(own["channels"]),
    )
