"""Keeps one current Retriever in memory and rebuilds it when the content or model changes.

A build (the one in service, or the prebuilt one in the package) is used only when its content hash,
embedder, model package version and Sudachi dictionary version all match; otherwise it is rebuilt, and
the log says why. Queries read ``manager.retriever`` (a plain attribute); a rebuild builds a complete new Retriever and
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
from knowledge.paths import DATA_DIR, GUIDEBOOK_DIR, INTENTS_DIR, QUESTIONS_DIR, SITUATIONS_DIR
from knowledge.questions import ExampleQuestion, load_intent_examples, load_questions
from knowledge.statuses import CHAPTER, load_statuses, status_questions, status_sections
from knowledge.languages import Writings
from knowledge import startup_cache
from knowledge.content_digest import content_hash, files_key
from knowledge.index_store import (
    Versions,
    build_index,
    installed_versions,
    tokens_fingerprint,
    load_index,
    read_manifest,
)
from knowledge.index_builds import build_lock, prune_builds, read_current, write_current
from knowledge.retriever import Retriever
from knowledge.sources import load_sources
from knowledge.startup_cache import TableFolders

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
        questions_dir: Path | None = None,
        intents_dir: Path | None = None,
        statuses_file: Path | None = None,
        versions: Versions | None = None,
        situations_dir: Path | None = None,
        writings: Writings | None = None,
        tables: TableFolders | None = None,
    ) -> None:
        self.root = root
        self.guidebook_dir = guidebook_dir
        self.sources_dir = sources_dir
        self.embedder = embedder
        self.detect_lang = detect_lang
        self.prebuilt_dir = prebuilt_dir
        self.known_langs = known_langs
        self.questions_dir = questions_dir
        self.intents_dir = intents_dir
        self.statuses_file = statuses_file
        # the installed model package and Sudachi dictionary a build must have been made with
        self.versions = versions or installed_versions(embedder.id)
        self.situations_dir = situations_dir  # serious-situation examples, indexed like intents (bot/safety)
        self.writings = writings  # how each language is written (search tokens); None: the packaged languages
        self.tables = tables  # start-up tables (knowledge/startup_cache.py): the content hash, chunks and BM25
        self.retriever: Retriever | None = None
        self.content_hash: str | None = None
        self._stamp: tuple | None = None
        self._swap = threading.Lock()

    def sections(self) -> list[Section]:
        sections = load_guidebook(self.guidebook_dir)
        if self.statuses_file is not None and self.statuses_file.exists():
            statuses, labels = load_statuses(self.statuses_file)
            titles = {s.lang: s.chapter_title for s in sections if s.chapter == CHAPTER}
            sections += status_sections(statuses, labels, titles)
        if self.sources_dir is not None:
            langs = self.known_langs or {s.lang for s in sections}
            sections += load_sources(self.sources_dir, langs, self.detect_lang)
        return sections

    @classmethod
    def packaged(cls, root: Path, embedder: Embedder, **options) -> IndexManager:
        """A manager over the content shipped in the package (used by `make prebuilt` and its test)."""
        return cls(
            root,
            GUIDEBOOK_DIR,
            embedder,
            questions_dir=QUESTIONS_DIR,
            intents_dir=INTENTS_DIR,
            situations_dir=SITUATIONS_DIR,
            statuses_file=DATA_DIR / "statuses.yaml",
            **options,
        )

    def questions(self) -> list[ExampleQuestion]:
        questions = load_questions(self.questions_dir) if self.questions_dir is not None else []
        if self.statuses_file is not None and self.statuses_file.exists():
            questions += status_questions(*load_statuses(self.statuses_file))
        questions += load_intent_examples(self.intents_dir) if self.intents_dir is not None else []
        return questions + (load_intent_examples(self.situations_dir) if self.situations_dir is not None else [])

    def _usable(self, build: Path, digest: str) -> bool:
        if not (build / "manifest.json").exists():
            return False
        manifest = read_manifest(build)
        problem = manifest.mismatch(self.embedder, self.versions)
        if problem is None and manifest.content_hash != digest:
            problem = "the content changed"
        if problem is None and manifest.tokens_fingerprint != tokens_fingerprint(self.writings, self.versions):
            # its search tokens were made by other tokenizers or language writings (a language that now folds
            # marks would search plain words against marked ones): rebuilt, its vectors reused
            problem = "its search tokens were made by other tokenizers"
        if problem is not None:
            log.info("index %s is not used: %s", build, problem)
        return problem is None

    def _servable(self, current: Path | None, digest: str) -> Path | None:
        """The build to serve without building: the current one, else the prebuilt one, if usable."""
        for build in (current, self.prebuilt_dir):
            if build is not None and self._usable(build, digest):
                return build
        return None

    def ensure(self, force: bool = False, progress_factory=None, reuse: bool = True) -> Retriever:
        """Load the current index, building it first if missing, stale or ``force``d.

        ``progress_factory(total)`` returns a callable advanced by the number of chunks embedded;
        ``reuse=False`` embeds every text again instead of taking unchanged ones from the last build.
        """
        stamp = self._files_stamp()
        digest = self.digest()
        if not force and self.retriever is not None and self.content_hash == digest:
            self._stamp = stamp  # touched but unchanged: remember the new times
            return self.retriever
        with build_lock(self.root):
            current = read_current(self.root)
            build = None if force else self._servable(current, digest)
            if build is None:
                sections, questions = self.sections(), self.questions()
                digest = content_hash(sections, questions)  # what is built (a file may have changed since)
                log.info("building index for %d sections", len(sections))
                total = len(chunk_sections(sections)) + len(questions)
                progress = progress_factory(total) if progress_factory else None
                previous = (current if current is not None else self.prebuilt_dir) if reuse else None
                build = build_index(
                    sections,
                    self.embedder,
                    self.root / "builds",
                    progress=progress,
                    questions=questions,
                    previous=previous,
                    writings=self.writings,
                    versions=self.versions,
                )
                write_current(self.root, build)
                prune_builds(self.root, keep=build)
            retriever = load_index(build, self.embedder, self.writings, self.versions, self.tables)
        with self._swap:
            self.retriever, self.content_hash, self._stamp = retriever, digest, stamp
        return retriever

    def digest(self) -> str:
        """The content hash of the current files. Read back from the start-up tables when every file and
        parser is as when it was worked out (operator sources are always parsed: their language is detected)."""

        def parse() -> str:
            return content_hash(self.sections(), self.questions())

        if self.sources_dir is not None and self.sources_dir.exists() and any(self.sources_dir.iterdir()):
            return parse()
        roots = self._roots()
        key = files_key([(name, root) for name, root in roots.items()])
        return startup_cache.cached("content", key, parse, self.tables, (), also_read=[self.prebuilt_dir])

    def _roots(self) -> dict[str, Path | None]:
        return {
            "guidebook": self.guidebook_dir,
            "questions": self.questions_dir,
            "intents": self.intents_dir,
            "statuses": self.statuses_file,
            "situations": self.situations_dir,
        }

    def _files_stamp(self) -> tuple:
        """Name, size and modification time of every file the index is made from: cheap to take."""
        roots = [
            self.guidebook_dir,
            self.sources_dir,
            self.questions_dir,
            self.intents_dir,
            self.statuses_file,
            self.situations_dir,
        ]
        stamp = []
        for root in (r for r in roots if r is not None and r.exists()):
            for path in sorted(root.rglob("*") if root.is_dir() else [root]):
                if path.is_file():
                    info = path.stat()
                    stamp.append((str(path), info.st_size, info.st_mtime_ns))
        return tuple(stamp)

    def is_stale(self) -> bool:
        """Changed content? Files are only parsed again when one of them was touched (the service asks
        every few seconds)."""
        if self._stamp is not None and self._files_stamp() == self._stamp:
            return False
        return self.content_hash != self.digest()
