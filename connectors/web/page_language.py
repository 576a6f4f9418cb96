"""Which language the web chat page speaks, and its own words in every language.

The page language is ``/?lang=CODE`` when CODE is one of Tsunagu's languages, else the browser's
``Accept-Language`` negotiated with babel against those languages, else English. The page's words are the
catalog messages whose id starts with ``ui_`` (``translations/<lang>/LC_MESSAGES/messages.po``), so a new
language brings its page words with its catalog and no code lists languages.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from babel.core import negotiate_locale

from bot.catalog import FALLBACK, Catalogs
from bot.speech import Speech

__all__ = ["UI_PREFIX", "PageLanguage", "accepted_languages", "page_language", "page_labels", "html_lang"]

UI_PREFIX = "ui_"


def html_lang(code: str) -> str:
    """The ``lang`` attribute for a Tsunagu code ("ja-plain" is Japanese: "ja"); ``Speech.html_lang``."""
    try:
        return Speech.parse(code).html_lang
    except ValueError:  # not a Tsunagu code: its primary subtag
        return code.split("-")[0]


@dataclass(frozen=True)
class PageLanguage:
    code: str  # a Tsunagu language code: "vi", "ja-plain", …
    chosen: bool  # named in ?lang= (the picker starts on it) rather than guessed from the browser

    @property
    def html_lang(self) -> str:
        return html_lang(self.code)


def accepted_languages(header: str | None) -> list[str]:
    """The language ranges of an ``Accept-Language`` header, most wanted first (RFC 9110 quality values);
    ``*`` and ranges with q=0 are left out."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(ranked)]


def page_language(query: str | None, accept_language: str | None, supported: Collection[str]) -> PageLanguage:
    """``?lang=`` if supported, else the best match for the browser's languages, else English."""
    wanted = (query or "").strip().lower()
    if wanted in supported:
        return PageLanguage(wanted, chosen=True)
    negotiated = negotiate_locale(accepted_languages(accept_language), list(supported), sep="-", aliases=None)
    return PageLanguage(negotiated or FALLBACK, chosen=False)


def page_labels(catalogs: Catalogs, languages: Iterable[str]) -> dict[str, dict[str, str]]:
    """Every language's page words, ``{lang: {ui_key: text}}``; a missing word is the English one."""
    keys = sorted(key for key in catalogs.ids(FALLBACK) if key.startswith(UI_PREFIX))
    return {lang: {key: catalogs.text(lang, key) for key in keys} for lang in languages}
