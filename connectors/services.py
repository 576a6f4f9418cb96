"""Builds the object graph (embedder → index → assistant) from Settings, once per process."""
from __future__ import annotations

import functools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.assistant import Assistant
from bot.catalog import Catalogs, load_catalogs
from bot.language import LanguageIdentifier
from connectors.settings import Settings, get_settings
from knowledge.content import languages_in
from knowledge.embedders import make_embedder
from knowledge.index_manager import IndexManager
from knowledge.offices import OfficeDirectory, load_offices
from knowledge.paths import GUIDEBOOK_DIR, PREBUILT_DIR

__all__ = ["Services", "build_services", "get_services", "TRANSLATIONS_DIR"]

log = logging.getLogger(__name__)
TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"


@dataclass
class Services:
    settings: Settings
    index: IndexManager
    identifier: LanguageIdentifier
    catalogs: Catalogs
    offices: OfficeDirectory
    assistant: Assistant
    languages: list[str]

    def start_watcher(self) -> threading.Event:
        """Poll for changed content and rebuild in the background; set the returned event to stop."""
        stop = threading.Event()
        interval = self.settings.reindex_check_seconds
        if interval <= 0:
            return stop

        def watch() -> None:
            while not stop.wait(interval):
                try:
                    if self.index.is_stale():
                        log.info("content changed: rebuilding the index")
                        self.index.ensure()
                except Exception:  # keep serving the old index; the next poll retries
                    log.exception("background index rebuild failed")

        threading.Thread(target=watch, name="tsunagu-reindex", daemon=True).start()
        return stop


def build_services(settings: Settings, guidebook_dir: Path = GUIDEBOOK_DIR,
                   translations_dir: Path = TRANSLATIONS_DIR, build: bool = True, progress_factory=None) -> Services:
    languages = languages_in(guidebook_dir)
    user_languages = sorted({"ja" if lang == "ja-plain" else lang for lang in languages} | {"ja-plain"} & set(languages))
    identifier = LanguageIdentifier(user_languages, default=settings.default_language)
    embedder = make_embedder(settings.embedder, settings.embedder_model_dir, settings.embed_workers)
    index = IndexManager(
        root=settings.index_dir,
        guidebook_dir=guidebook_dir,
        embedder=embedder,
        sources_dir=settings.sources_dir,
        detect_lang=lambda text: identifier.detect(text).lang,
        prebuilt_dir=PREBUILT_DIR if guidebook_dir == GUIDEBOOK_DIR else None,
        known_langs=set(user_languages),
    )
    if build:
        index.ensure(progress_factory=progress_factory)
    catalogs = load_catalogs(translations_dir)
    offices = load_offices()

    def current():
        if index.retriever is None:
            index.ensure(progress_factory=progress_factory)
        return index.retriever

    assistant = Assistant(current, identifier, catalogs, offices, settings.answer_threshold, settings.cache_size)
    return Services(settings, index, identifier, catalogs, offices, assistant, user_languages)


@functools.lru_cache(maxsize=1)
def get_services() -> Services:
    return build_services(get_settings())
