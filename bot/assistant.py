"""Question in, guidebook answer out: language → retrieval → the topic's text in the asker's language.

This is the single-turn core shared by every door (API, CLI, LINE, Rasa actions). It never invents:
below ``threshold`` it says it is unsure and names a contact point from the office data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.catalog import Catalogs
from bot.language import Detection, LanguageIdentifier
from bot.replies import Reply, Source
from bot.speech import Speech
from knowledge.chunker import Chunk
from knowledge.offices import OfficeDirectory
from knowledge.lru import LRU
from knowledge.retriever import Retriever, TopicHit

__all__ = ["Assistant", "Answer"]


@dataclass(frozen=True)
class Answer:
    """The retrieval outcome before wording: the topics found and how sure we are."""

    detection: Detection
    speech: Speech  # how the reply speaks (its content key, e.g. "ja-plain", names the folder)
    hits: tuple[TopicHit, ...]
    confident: bool

    @property
    def topics(self) -> list[TopicHit]:
        """Guidebook topics (and statuses), best first — intents left out."""
        return [h for h in self.hits if not h.is_intent]

    @property
    def intent(self) -> TopicHit | None:
        return next((h for h in self.hits if h.is_intent), None)


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
        self._cache: LRU[Answer] = LRU(cache_size)
        self._searches: LRU[tuple[tuple[TopicHit, ...], ...]] = LRU(cache_size)  # the parts of a long message
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

    def reply_speech(self, detection: Detection, speech: Speech | None) -> Speech:
        """The chosen speech, else the detected one (plain only where a plain catalog or content exists)."""
        wanted = speech or Speech(detection.lang, detection.register)
        if wanted.plain and wanted.key not in self.identifier.supported and not self.catalogs.has(wanted.key):
            return Speech(wanted.lang)
        return wanted

    def find(self, text: str, speech: Speech | None = None, k: int = 8) -> Answer:
        retriever = self._retriever()
        key = (unicodedata.normalize("NFKC", text).strip().lower(), speech, k, id(retriever))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        detection = self.identifier.detect(text)
        reply = self.reply_speech(detection, speech)
        # words are matched in the language the question is written in, whatever language the reply is in
        hits = tuple(retriever.search(detection.text, Speech.parse(detection.lang).lang, k=k))
        answer = Answer(detection, reply, hits, False)
        answer = replace(answer, confident=bool(answer.topics) and answer.topics[0].dense >= self.threshold)
        self._cache.put(key, answer)
        return answer

    def query_text(self, text: str) -> str:
        """The text ``find`` embeds for a message (in the script the topic search reads it in)."""
        detection = self.identifier.detect(text)
        return self._retriever().written(detection.text, Speech.parse(detection.lang).lang)

    def part_texts(self, texts: Sequence[str], speech: Speech) -> list[str]:
        """The texts ``search_many`` embeds for these parts of a message."""
        retriever = self._retriever()
        return [retriever.part_text(text, speech.lang) for text in texts]

    def search_many(self, texts: Sequence[str], speech: Speech, k: int = 8) -> list[list[TopicHit]]:
        """Guidebook topics (intents left out) for each of several texts, embedded in one batched call;
        words are matched in ``speech``'s language."""
        return [[h for h in hits if not h.is_intent] for hits in self._search_parts(texts, speech, k)]

    def intents_many(self, texts: Sequence[str], speech: Speech, k: int = 8) -> list[TopicHit | None]:
        """Each text's nearest intent among its ``k`` nearest hits (the same search as ``search_many``)."""
        return [next((h for h in hits if h.is_intent), None) for hits in self._search_parts(texts, speech, k)]

    def _search_parts(self, texts: Sequence[str], speech: Speech, k: int) -> tuple[tuple[TopicHit, ...], ...]:
        retriever = self._retriever()
        key = (tuple(texts), speech.lang, k, id(retriever))
        cached = self._searches.get(key)
        if cached is None:
            cached = tuple(tuple(hits) for hits in retriever.search_many(list(texts), speech.lang, k=k))
            self._searches.put(key, cached)
        return cached

    # -- wording -----------------------------------------------------------------------------------
    def topic_text(self, topic_id: str, speech: Speech | str) -> tuple[Chunk, str] | None:
        """The topic's title chunk and full text for a speech (or content key), along its fallback chain."""
        table = self._chunks_by_topic(self._retriever())
        if isinstance(speech, str):
            speech = Speech.parse(speech)
        for candidate in speech.fallbacks:
            chunks = table.get((topic_id, candidate))
            if chunks:
                body = "\n\n".join(c.text.split("\n", 1)[1] if "\n" in c.text else c.text for c in chunks)
                return chunks[0], f"{chunks[0].title}\n\n{body}"
        return None

    def not_sure(self, session_id: str, speech: Speech) -> Reply:
        """Say we do not know, and name the Immigration Information Center from the office data."""
        center = self.offices.of_kind("information-center")
        contact = center[0] if center else None
        text = self.catalogs.text(
            speech,
            "no_answer",
            office=(contact.name_ja if speech.lang == "ja" else contact.name_en) if contact else "",
            phone=contact.main_phone if contact else "",
        )
        return Reply(session_id, speech, text)

    def answer(self, session_id: str, text: str, speech: Speech | None = None) -> Reply:
        found = self.find(text, speech)
        best = found.topics[0] if found.confident else None
        located = self.topic_text(best.topic_id, found.speech) if best else None
        if best is None or located is None:
            return self.not_sure(session_id, found.speech)
        chunk, body = located
        return Reply(session_id, found.speech, body, (self.source(best, chunk),), confidence=best.dense)

    @staticmethod
    def source(hit: TopicHit, chunk: Chunk) -> Source:
        """How an answer cites the topic it came from (title and chapter in the reply's language)."""
        return Source(hit.topic_id, chunk.title, chunk.chapter_title, round(hit.score, 4), chunk.source_file)
