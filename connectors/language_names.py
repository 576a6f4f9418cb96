"""Each language's own name for the language picker: CLDR via babel, a data override where CLDR has none."""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

__all__ = ["LanguageChoice", "own_name", "picker"]

DATA = Path(__file__).parent / "data" / "language_names.yaml"


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    name: str  # in the language itself, e.g. "Tiếng Việt", "မြန်မာ"


@functools.lru_cache(maxsize=1)
def _data() -> tuple[tuple[str, ...], dict[str, str]]:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    order, overrides = raw.get("order"), raw.get("overrides") or {}
    if not isinstance(order, list) or not all(isinstance(c, str) for c in order):
        raise ValueError(f"{DATA}: 'order' must be a list of language codes")
    if not all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in overrides.items()):
        raise ValueError(f"{DATA}: 'overrides' must map codes to non-empty names")
    return tuple(order), dict(overrides)


def own_name(code: str) -> str:
    """The language's name written in that language; capitalised as a menu item ("Español")."""
    override = _data()[1].get(code)
    if override:
        return override
    try:
        name = Locale.parse(code).get_display_name(code)
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"babel has no name for {code!r}: add one under 'overrides' in {DATA.name}") from None
    return name[:1].upper() + name[1:]


def picker(available: Collection[str]) -> list[LanguageChoice]:
    """The available languages in picker order (those missing from the order list come last, sorted)."""
    order = _data()[0]
    codes = [c for c in order if c in available] + sorted(set(available) - set(order))
    return [LanguageChoice(code, own_name(code)) for code in codes]
