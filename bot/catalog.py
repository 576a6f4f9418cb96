"""User-facing sentences, from gettext catalogs: ``translations/<lang>/LC_MESSAGES/*.po``.

``messages.po`` holds the bot's sentences; further files beside it (``offices.po``: office purposes, hours,
phone notes, municipal sections) are read into the same catalog, and an id in two files is an error.

Message ids are symbolic (``no_answer``), the English catalog holds the English text, and a sentence
missing in a catalog is looked up along the fallback chain (plain Japanese → Japanese → English). Catalogs are read with babel at start-up (no compile step), so
adding a language is adding a folder.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from bot.speech import Speech
from knowledge.languages import FALLBACK, fallback_chain

__all__ = ["Catalogs", "load_catalogs", "FALLBACK"]


class Catalogs:
    def __init__(self, messages: dict[str, dict[str, str]]) -> None:
        if FALLBACK not in messages:
            raise ValueError("the English catalog (translations/en) is required as the fallback")
        self._messages = messages

    @property
    def languages(self) -> list[str]:
        return sorted(self._messages)

    def has(self, lang: str | Speech) -> bool:
        return str(lang) in self._messages

    def ids(self, lang: str = FALLBACK) -> set[str]:
        return set(self._messages.get(lang, {}))

    def text(self, lang: str | Speech, key: str, **values: object) -> str:
        """The sentence ``key`` for a speech or content key (along its fallback chain), placeholders filled."""
        chain = lang.fallbacks if isinstance(lang, Speech) else fallback_chain(lang)
        template = next((found for k in chain if (found := self._messages.get(k, {}).get(key))), None)
        if template is None:
            raise KeyError(f"message {key!r} is in no catalog")
        return template.format(**values) if values else template


def load_catalogs(root: Path) -> Catalogs:
    messages: dict[str, dict[str, str]] = {}
    for po_file in sorted(root.glob("*/LC_MESSAGES/*.po"), key=lambda p: (p.parents[1].name, p.name != "messages.po")):
        lang = po_file.parents[1].name
        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=None)
        mine = messages.setdefault(lang, {})
        for message in catalog:
            if message.id and message.string:
                if not isinstance(message.id, str) or not isinstance(message.string, str):
                    raise ValueError(f"{po_file}: message {message.id!r} has plural forms, which the bot does not use")
                if message.id in mine:
                    raise ValueError(f"{po_file}: message {message.id!r} is already in another catalog file")
                mine[message.id] = message.string
    return Catalogs(messages)
