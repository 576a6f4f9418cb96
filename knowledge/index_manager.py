"""Keeps one current Retriever in memory and rebuilds it when the content or model changes.

Queries read ``manager.retriever`` (a plain attribute); a rebuild builds a complete new Retriever and
then swaps the attribute, so a question asked during a rebuild is answered by the previous index.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from knowledge.chunker import chunk_sections
from knowledge.content import Section, load_guidebook
from knowledge.embedders import Embedder
from knowledge.index_store import (
    build_index, build_lock, content_hash, load_index, prune_builds, read_current, read_manifest, write_current,
)
from knowledge.retriever import Retriever
from knowledge.sources import load_sources

__all__ = ["IndexManager"]

log = logging.getLogger(__name__)


class IndexManager:
    def __init__(
        self,
        root: Path,
        guidebook_dir: Path,
        embedder: Embedder,
        sources_dir: Path | None = None,
        detect_lang: Callable[[str], str] = lambda text: "und",
        prebuilt_dir: Path | None = None,
        known_langs: set[str] | None = None,
    ) -> None:
        self.root = root
        self.guidebook_dir = guidebook_dir
        self.sources_dir = sources_dir
        self.embedder = embedder
        self.detect_lang = detect_lang
        self.prebuilt_dir = prebuilt_dir
        self.known_langs = known_langs
        self.retriever: Retriever | None = None
        self.content_hash: str | None = None
        self._swap = threading.Lock()

    def sections(self) -> list[Section]:
        sections = load_guidebook(self.guidebook_dir)
        if self.sources_dir is not None:
            langs = self.known_langs or {s.lang for s in sections}
            sections += load_sources(self.sources_dir, langs, self.detect_lang)
        return sections

    def _usable(self, build: Path | None, digest: str) -> bool:
        if build is None or not (build / "manifest.json").exists():
            return False
        manifest = read_manifest(build)
        return manifest.content_hash == digest and manifest.embedder_id == self.embedder.id

    def ensure(self, force: bool = False, progress_factory=None) -> Retriever:
        """Load the current index, building it first if missing, stale or ``force``d.

        ``progress_factory(total)`` returns a callable advanced by the number of chunks embedded.
        """
        sections = self.sections()
        digest = content_hash(sections)
        if not force and self.retriever is not None and self.content_hash == digest:
            return self.retriever
        with build_lock(self.root):
            build = read_current(self.root)
            if force or not self._usable(build, digest):
                if not force and self.prebuilt_dir is not None and self._usable(self.prebuilt_dir, digest):
                    build = self.prebuilt_dir
                else:
                    log.info("building index for %d sections", len(sections))
                    progress = progress_factory(len(chunk_sections(sections))) if progress_factory else None
                    build = build_index(sections, self.embedder, self.root / "builds", progress=progress)
                    write_current(self.root, build)
                    prune_builds(self.root, keep=build)
            retriever = load_index(build, self.embedder)
        with self._swap:
            self.retriever, self.content_hash = retriever, digest
        return retriever

    def is_stale(self) -> bool:
        return self.content_hash != content_hash(self.sections())
