"""Guidebook Markdown: one file per chapter per language, one `## Title {#id}` section per topic.

The format is documented in docs/content-guide.md; this module is its only parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Section", "ContentError", "parse_chapter", "load_guidebook", "languages_in"]

_CHAPTER_RE = re.compile(r"^#\s+(?P<title>.+?)\s*$")
_TOPIC_RE = re.compile(r"^##\s+(?P<title>.+?)\s*\{#(?P<id>[a-z0-9][a-z0-9-]*)\}\s*$")


class ContentError(ValueError):
    """A guidebook file breaks the format; the message names the file and line."""


@dataclass(frozen=True)
class Section:
    """One topic in one language: the unit that is indexed, cited and answered."""

    topic_id: str
    lang: str
    chapter: str  # file stem, e.g. "01-residence"
    chapter_title: str
    title: str
    body: str
    source_file: str = ""  # set for operator-supplied files; empty for packaged content
    source_section: str = ""

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}"


def parse_chapter(text: str, *, lang: str, chapter: str, origin: str = "") -> list[Section]:
    """Split one chapter file into sections. Raises ContentError on a malformed file."""
    chapter_title = ""
    sections: list[Section] = []
    current: tuple[str, str] | None = None
    body: list[str] = []

    def close() -> None:
        if current is None:
            return
        content = "\n".join(body).strip()
        if not content:
            raise ContentError(f"{origin or chapter}: topic {current[0]!r} has no text")
        sections.append(Section(current[0], lang, chapter, chapter_title, current[1], content))

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            match = _TOPIC_RE.match(line)
            if not match:
                raise ContentError(f"{origin or chapter}:{number}: topic heading needs '## Title {{#id}}'")
            close()
            current, body = (match["id"], match["title"]), []
        elif line.startswith("# "):
            if chapter_title:
                raise ContentError(f"{origin or chapter}:{number}: a second chapter title")
            chapter_title = _CHAPTER_RE.match(line)["title"]  # type: ignore[index]
        elif current is not None:
            body.append(line)
        elif line.strip():
            raise ContentError(f"{origin or chapter}:{number}: text before the first topic")
    close()
    if not chapter_title:
        raise ContentError(f"{origin or chapter}: missing '# Chapter title' line")
    return sections


def languages_in(root: Path) -> list[str]:
    """Language folders present under a guidebook root (adding a folder adds a language)."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("*.md")))


def load_guidebook(root: Path, langs: list[str] | None = None) -> list[Section]:
    """Every section of every chapter in every (or the given) language folder, in a stable order."""
    sections: list[Section] = []
    for lang in langs or languages_in(root):
        for path in sorted((root / lang).glob("*.md")):
            sections.extend(
                parse_chapter(path.read_text(encoding="utf-8"), lang=lang, chapter=path.stem, origin=str(path))
            )
    return sections
