"""How a reply speaks: a language and a register, as one frozen value.

``Speech("ja", "plain")`` is plain Japanese (やさしい日本語); its content key — the folder its texts live in
(``translations/ja-plain``, ``knowledge/guidebook/ja-plain``) — is "ja-plain", its HTML ``lang`` is "ja".
Every layer that used to juggle the pair (lang, register) and the key "ja-plain" by hand uses this value;
the fallback chain is ``knowledge.languages.fallback_chain`` (written once).
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.languages import FALLBACK, fallback_chain

__all__ = ["Speech", "REGISTERS", "STANDARD", "PLAIN"]

STANDARD, PLAIN = "standard", "plain"
REGISTERS = (STANDARD, PLAIN)


@dataclass(frozen=True)
class Speech:
    lang: str  # a language code: "ja", "vi", "fil"
    register: str = STANDARD  # "standard" or "plain"

    def __post_init__(self) -> None:
        if self.register not in REGISTERS:
            raise ValueError(f"unknown register {self.register!r} (known: {', '.join(REGISTERS)})")

    @classmethod
    def parse(cls, code: str) -> Speech:
        """From a content key or language code: "ja-plain" → plain Japanese, "vi" → Vietnamese."""
        lang, _, register = code.strip().partition("-")
        if register and register not in REGISTERS:
            raise ValueError(f"{code!r} is not a language code or a language-register key like 'ja-plain'")
        return cls(lang.lower(), register or STANDARD)

    @classmethod
    def default(cls) -> Speech:
        return cls(FALLBACK)

    @property
    def plain(self) -> bool:
        return self.register == PLAIN

    @property
    def key(self) -> str:
        """The content key: the language for standard speech, "lang-register" otherwise ("ja-plain")."""
        return self.lang if self.register == STANDARD else f"{self.lang}-{self.register}"

    @property
    def html_lang(self) -> str:
        return self.lang

    @property
    def fallbacks(self) -> tuple[str, ...]:
        """Content keys to try, best first ("ja-plain", "ja", "en")."""
        return fallback_chain(self.key)

    def with_register(self, register: str) -> Speech:
        return Speech(self.lang, register)

    def __str__(self) -> str:
        return self.key
