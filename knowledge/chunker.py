"""Heading-aware chunking: every chunk keeps its topic id, language, chapter and citation.

A guidebook topic is normally one chunk; a long section (an operator's official edition, say) is cut on
paragraph boundaries into windows of at most ``max_chars`` characters, each repeating the heading so that
it can be retrieved and cited alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.content import Section
from knowledge.questions import INTENT_PREFIX, ExampleQuestion

__all__ = ["Chunk", "chunk_sections", "question_chunks", "CHUNKER_VERSION", "INTENT_PREFIX"]

CHUNKER_VERSION = "6"  # bump when what is stored per chunk changes (forces a rebuild)


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    topic_id: str
    lang: str
    chapter: str
    chapter_title: str
    title: str
    text: str  # heading + body window: what is embedded and shown
    source_file: str = ""
    source_section: str = ""
    kind: str = "passage"  # "passage" (answer text) or "question" (an example question, never shown)

    def to_dict(self) -> dict[str, str]:
        return dict(self.__dict__)


def _windows(body: str, max_chars: int) -> list[str]:
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    windows: list[str] = []
    current = ""
    for paragraph in paragraphs:
        while len(paragraph) > max_chars:  # one huge paragraph: hard cut
            if current:
                windows.append(current)
                current = ""
            windows.append(paragraph[:max_chars])
            paragraph = paragraph[max_chars:]
        if current and len(current) + len(paragraph) + 2 > max_chars:
            windows.append(current)
            current = paragraph
        else:
            current = f"{current}\n\n{paragraph}" if current else paragraph
    if current:
        windows.append(current)
    return windows or [body.strip()]


def chunk_sections(sections: Iterable[Section], max_chars: int = 1200) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in sections:
        for part, window in enumerate(_windows(section.body, max_chars)):
            prefix = section.source_file or "guidebook"
            chunks.append(
                Chunk(
                    chunk_id=f"{prefix}:{section.lang}:{section.topic_id}:{part}",
                    topic_id=section.topic_id,
                    lang=section.lang,
                    chapter=section.chapter,
                    chapter_title=section.chapter_title,
                    title=section.title,
                    text=f"{section.title}\n{window}",
                    source_file=section.source_file,
                    source_section=section.source_section,
                )
            )
    return chunks


def question_chunks(questions: Iterable[ExampleQuestion], sections: Iterable[Section]) -> list[Chunk]:
    """Chunks for example questions, carrying the chapter and title of their topic's section."""
    by_key = {(s.topic_id, s.lang): s for s in sections}
    by_topic = {s.topic_id: s for s in by_key.values()}
    chunks = []
    for number, q in enumerate(questions):
        if q.topic_id.startswith(INTENT_PREFIX):  # intent examples stand on their own
            chunks.append(
                Chunk(f"intent:{q.lang}:{number}", q.topic_id, q.lang, "", "", q.topic_id, q.text, kind="intent")
            )
            continue
        section = by_key.get((q.topic_id, q.lang)) or by_topic.get(q.topic_id)
        if section is None:
            continue  # a question for a topic that has no content is ignored (the content check reports it)
        chunks.append(
            Chunk(
                f"question:{q.lang}:{q.topic_id}:{number}",
                q.topic_id,
                q.lang,
                section.chapter,
                section.chapter_title,
                section.title,
                q.text,
                kind="question",
            )
        )
    return chunks
