"""Operator-supplied guidebook files (the official editions as HTML, PDF or Markdown).

Each file becomes sections cited by file name and section heading (or page for PDF), indexed beside the
packaged content. The language comes from a folder or file-name token that is a language code
(``en/guidebook.pdf``, ``guidebook_vi.html``), else from ``detect_lang`` run over the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from knowledge.content import Section

__all__ = ["SUPPORTED_SUFFIXES", "load_sources", "sections_from_file"]

SUPPORTED_SUFFIXES = {".md", ".markdown", ".html", ".htm", ".pdf"}
_HEADING_MD = re.compile(r"^(#{1,3})\s+(.+?)\s*(\{#.*\})?\s*$")


def _markdown_sections(text: str) -> list[tuple[str, str]]:
    sections: list[tuple[str, str]] = []
    title = ""
    body: list[str] = []
    for line in text.splitlines():
        match = _HEADING_MD.match(line)
        if match:
            if body and "".join(body).strip():
                sections.append((title, "\n".join(body).strip()))
            title, body = match[2], []
        else:
            body.append(line)
    if "".join(body).strip():
        sections.append((title, "\n".join(body).strip()))
    return sections


def _html_sections(text: str) -> list[tuple[str, str]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    sections: list[tuple[str, str]] = []
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    body: list[str] = []
    for element in soup.find_all(["h1", "h2", "h3", "p", "li", "td", "dd", "dt"]):
        if element.name in {"h1", "h2", "h3"}:
            if body:
                sections.append((title, "\n\n".join(body)))
            title, body = element.get_text(" ", strip=True), []
        else:
            text_part = element.get_text(" ", strip=True)
            if text_part:
                body.append(text_part)
    if body:
        sections.append((title, "\n\n".join(body)))
    return sections


def _pdf_sections(path: Path) -> list[tuple[str, str]]:
    from pypdf import PdfReader

    sections = []
    for number, page in enumerate(PdfReader(str(path)).pages, start=1):
        text = (page.extract_text() or "").strip()
        if text:
            paragraphs = re.sub(r"\n(?!\n)", " ", text)
            sections.append((f"p. {number}", paragraphs))
    return sections


def _lang_from_path(path: Path, known: set[str]) -> str | None:
    tokens = [p for part in path.parts for p in re.split(r"[_.\-\s]+", part)]
    for token in reversed([*path.parent.parts, *tokens]):
        if token.lower() in known:
            return token.lower()
    return None


def sections_from_file(path: Path, root: Path, lang: str) -> list[Section]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raw = _pdf_sections(path)
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
        raw = _html_sections(text) if suffix in {".html", ".htm"} else _markdown_sections(text)
    relative = path.relative_to(root).as_posix()
    sections = []
    for number, (title, body) in enumerate(raw, start=1):
        label = title or f"section {number}"
        sections.append(
            Section(
                topic_id=f"src:{relative}#{number}",
                lang=lang,
                chapter=path.stem,
                chapter_title=path.name,
                title=label,
                body=body,
                source_file=relative,
                source_section=label,
            )
        )
    return sections


def load_sources(root: Path, known_langs: Iterable[str], detect_lang: Callable[[str], str]) -> list[Section]:
    """All sections of all supported files under ``root`` (sorted, so the content hash is stable)."""
    if not root.is_dir():
        return []
    known = set(known_langs)
    sections: list[Section] = []
    for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()):
        lang = _lang_from_path(path.relative_to(root), known)
        file_sections = sections_from_file(path, root, lang or "und")
        if lang is None:
            sample = " ".join(s.body for s in file_sections)[:2000]
            detected = detect_lang(sample) if sample else "und"
            file_sections = [Section(**{**s.__dict__, "lang": detected}) for s in file_sections]
        sections.extend(file_sections)
    return sections
