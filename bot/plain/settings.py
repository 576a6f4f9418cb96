"""Plain-Japanese settings from the environment (prefix ``TSUNAGU_``), read through a cached getter.

``TSUNAGU_FURIGANA_LEVEL`` — the JLPT level the readers are learning (``N5``, ``N4``, ``N3``): kanji words
of that level and above get ruby (see ``bot.plain.levels``). ``N5``, the default, puts ruby on every
kanji word but counters after a number, as the guidelines advise for residents.
"""

from __future__ import annotations

import functools

from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.plain.levels import ReaderLevel

__all__ = ["PlainSettings", "get_plain_settings"]


class PlainSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TSUNAGU_", env_file=".env", extra="ignore")

    furigana_level: ReaderLevel = "N5"


@functools.lru_cache(maxsize=1)
def get_plain_settings() -> PlainSettings:
    return PlainSettings()
