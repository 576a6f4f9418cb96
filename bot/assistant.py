"""Question in, guidebook answer out: language → retrieval → the topic's text in the asker's language.

This is the single-turn core shared by every door (API, CLI, LINE, Rasa actions). It never invents:
below ``threshold`` it says it is unsure and names a contact point from the office data.
"""
from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.catalog import Catalogs
from bot.language import Detection, LanguageIdentifier
from bot.replies import Reply, Source
from knowledge.chunker import Chunk
from knowledge.offices import OfficeDirectory
from knowledge.retriever import Retriever, TopicHit

__all__ = ["Assistant", "Answer", "PLAIN_LANG"]

PLAIN_LANG = "ja-plain"


@dataclass(frozen=True)
class Answer:
    """The retrieval outcome before wording: the topics found and how sure we are."""

    detection: Detection
    lang: str          # reply language (a content folder), e.g. "ja-plain"
    hits: tuple[TopicHit, ...]
    confident: bool

    @property
    def topics(self) -> list[TopicHit]:
        """Guidebook topics (and statuses), best first — intents left out."""
        return [h for h in self.hits if not h.is_intent]

    @property
    def intent(self) -> TopicHit | None:
        return next((h for h in self.hits if h.is_intent), None)


class _LRU:
    def __init__(self, size: int) -> None:
        self.size, self._data, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)


class Assistant:
    def __init__(
        self,
        retriever: Callable[[], Retriever],
        identifier: LanguageIdentifier,
        catalogs: Catalogs,
        offices: OfficeDirectory,
        threshold: float = 0.80,
        cache_size: int = 2048,
    ) -> None:
        self._retriever = retriever
        self.identifier = identifier
        self.catalogs = catalogs
        self.offices = offices
        self.threshold = threshold
        self._cache = _LRU(cache_size)
        self._by_topic: tuple[int, dict[tuple[str, str], list[Chunk]]] | None = None

    # -- retrieval -------------------------------------------------------------------------------
    def retriever(self) -> Retriever:
        return self._retriever()

    def _chunks_by_topic(self, retriever: Retriever) -> dict[tuple[str, str], list[Chunk]]:
        cached = self._by_topic
        if cached is None or cached[0] != id(retriever):
            table: dict[tuple[str, str], list[Chunk]] = {}
            for chunk in (c for c in retriever.chunks if c.kind == "passage"):
                table.setdefault((chunk.topic_id, chunk.lang), []).append(chunk)
            cached = (id(retriever), table)
            self._by_topic = cached
        return cached[1]

    def reply_language(self, detection: Detection, lang: str | None, plain: bool | None) -> str:
        chosen = lang or detection.lang
        wants_plain = plain if plain is not None else (chosen == "ja" and detection.register == "plain")
        if wants_plain and self.identifier.supported & {PLAIN_LANG}:
            return PLAIN_LANG
        return chosen

    def find(self, text: str, lang: str | None = None, plain: bool | None = None, k: int = 8) -> Answer:
        retriever = self._retriever()
        key = (unicodedata.normalize("NFKC", text).strip().lower(), lang, plain, id(retriever))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        detection = self.identifier.detect(text)
        reply_lang = self.reply_language(detection, lang, plain)
        # words are matched in the language the question is written in, whatever language the reply is in
        search_lang = "ja" if detection.lang == PLAIN_LANG else detection.lang
        hits = tuple(retriever.search(detection.text, search_lang, k=k))
        answer = Answer(detection, reply_lang, hits, False)
        answer = replace(answer, confident=bool(answer.topics) and answer.topics[0].dense >= self.threshold)
        self._cache.put(key, answer)
        return answer

    # -- wording -----------------------------------------------------------------------------------
    def topic_text(self, topic_id: str, lang: str) -> tuple[Chunk, str] | None:
        """The topic's title chunk and full text in ``lang`` (falls back to English, then any)."""
        table = self._chunks_by_topic(self._retriever())
        for candidate in (lang, "ja" if lang == PLAIN_LANG else "en", "en"):
            chunks = table.get((topic_id, candidate))
            if chunks:
                body = "\n\n".join(c.text.split("\n", 1)[1] if "\n" in c.text else c.text for c in chunks)
                return chunks[0], f"{chunks[0].title}\n\n{body}"
        return None

    def not_sure(self, session_id: str, content_lang: str) -> Reply:
        """Say we do not know, and name the Immigration Information Center from the office data."""
        center = self.offices.of_kind("information-center")
        contact = center[0] if center else None
        text = self.catalogs.text(
            content_lang, "no_answer",
            office=(contact.name_ja if content_lang.startswith("ja") else contact.name_en) if contact else "",
            phone=contact.main_phone if contact else "",
        )
        plain = content_lang == PLAIN_LANG
        return Reply(session_id, "ja" if plain else content_lang, "plain" if plain else "standard", text)

    def answer(self, session_id: str, text: str, lang: str | None = None, plain: bool | None = None) -> Reply:
        found = self.find(text, lang, plain)
        register = "plain" if found.lang == PLAIN_LANG else "standard"
        reply_lang = "ja" if found.lang == PLAIN_LANG else found.lang
        best = found.topics[0] if found.confident else None
        located = self.topic_text(best.topic_id, found.lang) if best else None
        if located is None:
            return self.not_sure(session_id, found.lang)
        chunk, body = located
        return Reply(session_id, reply_lang, register, body, (self.source(best, chunk),), confidence=best.dense)

    @staticmethod
    def source(hit: TopicHit, chunk: Chunk) -> Source:
        """How an answer cites the topic it came from (title and chapter in the reply's language)."""
        return Source(hit.topic_id, chunk.title, chunk.chapter_title, round(hit.score, 4), chunk.source_file)
