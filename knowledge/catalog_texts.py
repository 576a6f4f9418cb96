"""The bot's sentences (``translations/<lang>/LC_MESSAGES/messages.po``) as plain texts, for the content checks.

Read-only and independent of ``bot.catalog`` (imports run connectors → bot → knowledge, never back): the
checks only need each language's translated strings, to hold them to the same rules as the guidebook.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowledge.paths import TRANSLATIONS_DIR

__all__ = ["CatalogText", "catalog_texts"]


@dataclass(frozen=True)
class CatalogText:
    lang: str
    msgid: str
    text: str


def catalog_texts(root: Path = TRANSLATIONS_DIR) -> list[CatalogText]:
    """Every translated message of every language folder under ``root`` (none if there is no folder)."""
    from babel.messages.pofile import read_po

    texts: list[CatalogText] = []
    for po_file in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        lang = po_file.parent.parent.name
        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=None)
        texts.extend(CatalogText(lang, str(m.id), str(m.string)) for m in catalog if m.id and m.string)
    return texts
