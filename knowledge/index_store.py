"""Build, persist and load the retrieval index; rebuild when the content or the model changes.

On disk (under ``root``)::

    builds/<hash>-<time>/manifest.json   embedder id, dimension, content hash, counts, build time
    builds/<hash>-<time>/vectors.faiss   inner-product index over normalised vectors
    builds/<hash>-<time>/chunks.json     chunk metadata and their lexical tokens
    CURRENT                              name of the build in service, replaced atomically

A build is written to its own folder and only then made current with ``os.replace``, so a process that
is loading or serving an older build never sees a half-written one.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np

from knowledge.chunker import CHUNKER_VERSION, Chunk, chunk_sections, question_chunks
from knowledge.dated import current_text
from knowledge.content import Section
from knowledge.embedders import Embedder
from knowledge.languages import Writings
from knowledge.lexical import LexicalIndex, chunk_tokens
from knowledge.questions import ExampleQuestion
from knowledge.retriever import Retriever

__all__ = ["Manifest", "content_hash", "build_index", "load_index", "read_manifest", "write_current",
           "read_current", "build_lock"]


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


def content_hash(sections: Sequence[Section], questions: Sequence[ExampleQuestion] = ()) -> str:
    """Hash of everything that changes what is indexed (the text, its citation, the chunker)."""
    digest = hashlib.sha256(f"chunker:{CHUNKER_VERSION}\n".encode())
    for q in questions:
        digest.update(f"{q.lang}\x1f{q.topic_id}\x1f{q.text}\x1e".encode("utf-8"))
    for s in sections:
        for field in (s.lang, s.chapter, s.chapter_title, s.topic_id, s.title, s.body, s.source_file, s.source_section):
            digest.update(field.encode("utf-8"))
            digest.update(b"\x1f")
        digest.update(b"\x1e")
    return digest.hexdigest()


def reusable_vectors(build: Path | None, embedder: Embedder) -> dict[tuple[str, str], np.ndarray]:
    """Vectors of an earlier build by the same model, keyed by (kind, text): unchanged texts are not
    embedded again, so editing one topic rebuilds in seconds."""
    if build is None or not (build / "manifest.json").exists():
        return {}
    manifest = read_manifest(build)
    if manifest.embedder_id != embedder.id or manifest.dim != embedder.dim:
        return {}
    records = json.loads((build / "chunks.json").read_text(encoding="utf-8"))
    vectors = faiss.read_index(str(build / "vectors.faiss")).reconstruct_n(0, len(records))
    return {(r.get("kind", "passage"), r["text"]): vectors[i] for i, r in enumerate(records)}


def _embed(group: list[Chunk], embed, known: dict, progress) -> np.ndarray:
    missing = list(dict.fromkeys(c.text for c in group if (c.kind, c.text) not in known))
    if progress is not None and len(group) > len(missing):
        progress(len(group) - len(missing))
    fresh = dict(zip(missing, embed(missing, progress=progress))) if missing else {}
    return np.stack([known[(c.kind, c.text)] if (c.kind, c.text) in known else fresh[c.text] for c in group])


def build_index(sections: Sequence[Section], embedder: Embedder, builds_dir: Path, progress=None,
                questions: Sequence[ExampleQuestion] = (), previous: Path | None = None,
                writings: Writings | None = None) -> Path:
    """Embed and write a complete build; returns its folder (not yet current).

    Passages are embedded as passages; example questions as queries (question against question).
    Texts already embedded in ``previous`` (same model) are reused.
    """
    started = time.perf_counter()
    passages = chunk_sections(sections)
    asked = question_chunks(questions, sections)
    chunks = passages + asked
    digest = content_hash(sections, questions)
    known = reusable_vectors(previous, embedder)
    index = faiss.IndexFlatIP(embedder.dim)
    for group, embed in ((passages, embedder.embed_passages), (asked, embedder.embed_queries)):
        if group:
            vectors = _embed(group, embed, known, progress)
            index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    records = [{**c.to_dict(), "tokens": chunk_tokens(c, writings)} for c in chunks]
    manifest = Manifest(
        embedder_id=embedder.id,
        dim=embedder.dim,
        content_hash=digest,
        chunks=len(chunks),
        languages=sorted({c.lang for c in chunks}),
        chunker_version=CHUNKER_VERSION,
        built_at=time.time(),
        build_seconds=round(time.perf_counter() - started, 2),
    )
    builds_dir.mkdir(parents=True, exist_ok=True)
    staging = builds_dir / f".staging-{os.getpid()}-{time.time_ns()}"
    staging.mkdir()
    faiss.write_index(index, str(staging / "vectors.faiss"))
    (staging / "chunks.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    (staging / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    final = builds_dir / f"{digest[:16]}-{time.time_ns()}"
    os.replace(staging, final)
    return final


def read_manifest(build: Path) -> Manifest:
    return Manifest(**json.loads((build / "manifest.json").read_text(encoding="utf-8")))


def load_index(build: Path, embedder: Embedder, writings: Writings | None = None, **retriever_options) -> Retriever:
    manifest = read_manifest(build)
    if manifest.embedder_id != embedder.id or manifest.dim != embedder.dim:
        raise ValueError(f"index {build} was built with {manifest.embedder_id}, not {embedder.id}")
    records = json.loads((build / "chunks.json").read_text(encoding="utf-8"))
    tokens = [r.pop("tokens") for r in records]
    # Date-bound lines ({until DATE}) are resolved when the index is loaded: shown while DATE is ahead.
    chunks = [Chunk(**{**r, "text": current_text(r["text"])}) for r in records]
    lexical = LexicalIndex(tokens, [c.lang for c in chunks], writings)
    return Retriever(chunks, faiss.read_index(str(build / "vectors.faiss")), lexical, embedder, **retriever_options)


def write_current(root: Path, build: Path) -> None:
    tmp = root / f".CURRENT.{os.getpid()}"
    tmp.write_text(build.name, encoding="utf-8")
    os.replace(tmp, root / "CURRENT")


def read_current(root: Path) -> Path | None:
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    build = root / "builds" / name
    return build if (build / "manifest.json").exists() else None


@contextmanager
def build_lock(root: Path):
    """One builder at a time across processes sharing a data folder."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prune_builds(root: Path, keep: Path) -> None:
    """Remove finished builds other than ``keep`` (staging folders of live builders are left alone)."""
    for build in (root / "builds").iterdir():
        if build != keep and not build.name.startswith("."):
            shutil.rmtree(build, ignore_errors=True)
