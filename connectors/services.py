"""Builds the object graph (embedder → index → assistant → dialogue) from Settings, once per process."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.assistant import Assistant
from bot.catalog import Catalogs, load_catalogs
from bot.dialogue import DialogueManager, DialoguePolicy
from bot.dialogue.cues import load_cues
from bot.dialogue.handoff import HandoffRouter
from bot.safety.build import build_safety
from bot.language import RULES_FILE, LanguageIdentifier, load_rules
from bot.speech import Speech
from bot.store import ConversationStore, open_store
from connectors.metrics import record_turn
from connectors.settings import Settings, get_settings
from knowledge.content import languages_in
from knowledge.embedders import make_embedder
from knowledge.index_manager import IndexManager
from knowledge.languages import load_writings
from knowledge.offices import OfficeDirectory, load_offices
from knowledge.paths import (
    DATA_DIR,
    GUIDEBOOK_DIR,
    INTENTS_DIR,
    PREBUILT_DIR,
    QUESTIONS_DIR,
    SITUATIONS_DIR,
    TRANSLATIONS_DIR,
)
from knowledge.places import Gazetteer
from knowledge.place_loading import load_places
from knowledge.startup_cache import TableFolders
from knowledge.topics import load_topics

__all__ = ["Services", "LanguageData", "build_services", "get_services"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LanguageData:
    """Where the per-language data lives; a test points these at a temporary folder to add a language."""

    guidebook: Path = GUIDEBOOK_DIR
    questions: Path = QUESTIONS_DIR
    intents: Path = INTENTS_DIR
    translations: Path = TRANSLATIONS_DIR
    statuses: Path = DATA_DIR / "statuses.yaml"
    language_rules: Path = RULES_FILE  # script ranges and letters for detection (a new script adds a range)
    situations: Path = SITUATIONS_DIR  # serious-situation examples (bot/safety), indexed like the intents

    @property
    def packaged(self) -> bool:
        return self == LanguageData()


@dataclass
class Services:
    settings: Settings
    index: IndexManager
    identifier: LanguageIdentifier
    catalogs: Catalogs
    offices: OfficeDirectory
    places: Gazetteer
    store: ConversationStore
    assistant: Assistant
    dialogue: DialogueManager
    languages: list[str]

    def start_watcher(self) -> threading.Event:
        """Poll for changed content and rebuild in the background; set the returned event to stop."""
        stop = threading.Event()
        interval = self.settings.reindex_check_seconds
        if interval <= 0:
            return stop

        def watch() -> None:
            last_purge = 0.0
            while not stop.wait(interval):
                try:
                    if self.index.is_stale():
                        log.info("content changed: rebuilding the index")
                        self.index.ensure()
                    if time.monotonic() - last_purge > 3600:
                        last_purge = time.monotonic()
                        self.store.expire(dt.timedelta(days=self.settings.retention_days))
                except Exception:  # keep serving the old index; the next poll retries
                    log.exception("background maintenance failed")

        threading.Thread(target=watch, name="tsunagu-reindex", daemon=True).start()
        return stop


def build_services(
    settings: Settings, data: LanguageData = LanguageData(), build: bool = True, progress_factory=None
) -> Services:
    content_langs = languages_in(data.guidebook)
    # every content key ("ja-plain") and the language of each ("ja"): a register's language is detectable
    languages = sorted(set(content_langs) | {Speech.parse(key).lang for key in content_langs})
    writings = load_writings(data.translations)
    identifier = LanguageIdentifier(languages, rules=load_rules(data.language_rules), default=settings.default_language)
    embedder = make_embedder(settings.embedder, settings.embedder_model_dir, settings.embed_workers)
    # what start-up works out from files (content hash, chunks and BM25, gazetteer), read back when unchanged
    tables = TableFolders.of_service(settings.data_dir, PREBUILT_DIR)
    index = IndexManager(
        root=settings.index_dir,
        guidebook_dir=data.guidebook,
        embedder=embedder,
        sources_dir=settings.sources_dir,
        detect_lang=lambda text: identifier.detect(text).lang,
        prebuilt_dir=PREBUILT_DIR if data.packaged else None,
        known_langs=set(languages),
        questions_dir=data.questions,
        intents_dir=data.intents,
        situations_dir=data.situations,
        statuses_file=data.statuses,
        writings=writings,
        tables=tables,
    )
    if build:
        index.ensure(progress_factory=progress_factory)
    catalogs = load_catalogs(data.translations)
    offices, places = load_offices(), load_places(tables=tables)

    def current():
        if index.retriever is None:
            index.ensure(progress_factory=progress_factory)
        return index.retriever

    assistant = Assistant(current, identifier, catalogs, offices, settings.answer_threshold, settings.cache_size)
    store = open_store(settings.sqlalchemy_url, settings.outbox_lease_seconds, tables)
    router = HandoffRouter(offices, places, catalogs)
    emergency_topics = frozenset(t for t, info in load_topics().items() if info.chapter == "10-emergencies")
    policy = DialoguePolicy.from_settings(settings)
    dialogue = DialogueManager(
        assistant,
        store,
        router,
        load_cues(data.translations),
        places,
        policy,
        emergency_topics,
        on_turn=record_turn,
        writings=writings,
        safety=build_safety(data.translations, offices, current, settings.cache_size, router.desk.only_place),
    )
    return Services(settings, index, identifier, catalogs, offices, places, store, assistant, dialogue, languages)


@functools.lru_cache(maxsize=1)
def get_services() -> Services:
    return build_services(get_settings())
