"""Index build, manifest, automatic rebuild on content change, and atomic replacement."""

import threading
from pathlib import Path

import numpy as np
import pytest

from knowledge.content import load_guidebook
from knowledge.embedders import FakeEmbedder
from knowledge.index_files import decode_vectors, encode_vectors, read_chunks
from knowledge.index_manager import IndexManager
from knowledge.index_builds import read_current
from knowledge.index_store import StaleIndexError, Versions, content_hash, load_index, read_manifest

CHAPTER = """# Daily life

## Garbage {{#garbage}}

Sort garbage and put it out on the {day} of collection.

## Noise {{#noise}}

Keep quiet at night in apartments.
"""


def write_guidebook(root: Path, day: str = "morning") -> None:
    for lang in ("en", "ja"):
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / "12-daily-life.md").write_text(CHAPTER.format(day=day), encoding="utf-8")


INSTALLED = Versions(model_package="fakemodel 1.0", sudachi_dictionary="sudachidict-core 20240409")


def manager(tmp_path: Path, embedder: FakeEmbedder | None = None, versions: Versions = INSTALLED) -> IndexManager:
    return IndexManager(
        tmp_path / "index",
        tmp_path / "guidebook",
        embedder or FakeEmbedder(),
        sources_dir=tmp_path / "src",
        known_langs={"en", "ja", "vi"},
        versions=versions,
    )


def test_build_writes_a_manifest_with_model_dimension_and_content_hash(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    retriever = manager(tmp_path).ensure()
    build = read_current(tmp_path / "index")
    manifest = read_manifest(build)
    sections = load_guidebook(tmp_path / "guidebook")
    assert manifest.embedder_id == FakeEmbedder.id and manifest.dim == FakeEmbedder().dim
    assert manifest.content_hash == content_hash(sections)
    assert manifest.chunks == len(retriever.chunks) == 4
    assert manifest.versions == INSTALLED
    chunk = read_chunks(build)[0]
    assert {"topic_id", "lang", "chapter", "title"} <= set(chunk)


@pytest.mark.parametrize(
    "upgraded, embedded_again",
    [
        (Versions("fakemodel 2.0", INSTALLED.sudachi_dictionary), 2),  # new model: every vector again
        (Versions(INSTALLED.model_package, "sudachidict-core 20261015"), 0),  # new dictionary: tokens only
    ],
)
def test_an_index_built_by_other_package_versions_is_rebuilt(tmp_path, upgraded, embedded_again):
    write_guidebook(tmp_path / "guidebook")
    embedder = CountingEmbedder()
    manager(tmp_path, embedder).ensure()
    first = read_current(tmp_path / "index")
    embedder.embedded = 0
    manager(tmp_path, embedder, versions=upgraded).ensure()
    rebuilt = read_current(tmp_path / "index")
    assert rebuilt != first and read_manifest(rebuilt).versions == upgraded
    assert embedder.embedded == embedded_again


def test_loading_a_stale_index_directly_says_what_differs(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    manager(tmp_path).ensure()
    build = read_current(tmp_path / "index")
    upgraded = Versions("fakemodel 2.0", INSTALLED.sudachi_dictionary)
    with pytest.raises(StaleIndexError, match="fakemodel 1.0.*fakemodel 2.0"):
        load_index(build, FakeEmbedder(), versions=upgraded)


def test_a_prebuilt_index_of_other_package_versions_is_not_served(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    IndexManager(tmp_path / "prebuilt-root", tmp_path / "guidebook", FakeEmbedder(), versions=INSTALLED).ensure()
    prebuilt = read_current(tmp_path / "prebuilt-root")
    upgraded = Versions(INSTALLED.model_package, "sudachidict-core 20261015")
    index = IndexManager(
        tmp_path / "index", tmp_path / "guidebook", FakeEmbedder(), prebuilt_dir=prebuilt, versions=upgraded
    )
    index.ensure()
    assert read_current(tmp_path / "index") is not None  # built its own instead of serving the prebuilt one
    assert read_manifest(read_current(tmp_path / "index")).versions == upgraded


def test_stored_vectors_keep_similarities_and_do_not_drift_when_reused():
    """Dense unit vectors like the model's (the real index: bench/retrieval_accuracy.py)."""
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(200, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    stored = decode_vectors(*encode_vectors(vectors))
    query = vectors[0] + 0.05 * vectors[1]
    assert np.abs(stored @ query - vectors @ query).max() < 0.005
    assert np.argmax(stored[1:] @ query) == np.argmax(vectors[1:] @ query)
    assert np.array_equal(decode_vectors(*encode_vectors(stored)), stored)  # encoded again: the same


def test_a_second_start_loads_without_rebuilding(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    manager(tmp_path).ensure()
    first = read_current(tmp_path / "index")
    manager(tmp_path).ensure()
    assert read_current(tmp_path / "index") == first


def test_changed_content_is_rebuilt_automatically(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    index = manager(tmp_path)
    index.ensure()
    first = read_current(tmp_path / "index")
    write_guidebook(tmp_path / "guidebook", day="evening")
    assert index.is_stale()
    retriever = index.ensure()
    assert read_current(tmp_path / "index") != first
    assert any("evening" in c.text for c in retriever.chunks)
    assert not first.exists()  # the old build is pruned


def test_queries_during_a_rebuild_never_fail(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    index = manager(tmp_path)
    index.ensure()
    failures, stop = [], threading.Event()

    def ask():
        while not stop.is_set():
            try:
                assert index.retriever.search("garbage", "en")
            except Exception as error:  # pragma: no cover - reported below
                failures.append(error)

    worker = threading.Thread(target=ask)
    worker.start()
    for day in ("evening", "night", "noon", "dawn"):
        write_guidebook(tmp_path / "guidebook", day=day)
        index.ensure()
    stop.set()
    worker.join()
    assert failures == []
    assert any("dawn" in c.text for c in index.retriever.chunks)


def test_operator_sources_are_indexed_and_cited_by_file_and_section(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    (tmp_path / "src" / "vi").mkdir(parents=True)
    (tmp_path / "src" / "vi" / "guidebook.md").write_text(
        "# Thẻ cư trú\n\nLuôn mang theo thẻ cư trú.\n\n# Rác\n\nPhân loại rác.\n", encoding="utf-8"
    )
    retriever = manager(tmp_path).ensure()
    cited = [c for c in retriever.chunks if c.source_file]
    assert [(c.lang, c.source_file, c.source_section) for c in cited] == [
        ("vi", "vi/guidebook.md", "Thẻ cư trú"),
        ("vi", "vi/guidebook.md", "Rác"),
    ]


def test_a_rebuild_embeds_only_changed_texts(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    embedder = CountingEmbedder()
    index = IndexManager(tmp_path / "index", tmp_path / "guidebook", embedder, versions=INSTALLED)
    index.ensure()
    assert embedder.embedded == 2  # en and ja share the texts here: each distinct text once
    write_guidebook(tmp_path / "guidebook", day="evening")  # one passage text changes
    index.ensure()
    assert embedder.embedded == 2 + 1


def test_a_rebuild_tokenizes_only_changed_texts_and_finds_the_new_words(tmp_path, monkeypatch):
    import knowledge.index_store as index_store

    write_guidebook(tmp_path / "guidebook")
    index = manager(tmp_path)
    index.ensure()
    tokenized = []
    real = index_store.chunk_tokens
    monkeypatch.setattr(
        index_store, "chunk_tokens", lambda chunk, writings=None: tokenized.append(chunk.text) or real(chunk, writings)
    )
    write_guidebook(tmp_path / "guidebook", day="evening")  # one passage text changes, in both languages
    retriever = index.ensure()
    assert len(tokenized) == 2 and all("evening" in text for text in tokenized)
    assert retriever.search("evening collection", "en")[0].chunk.topic_id == "garbage"


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_passages(self, texts, progress=None):
        self.embedded += len(texts)
        return super().embed_passages(texts, progress)


def test_staleness_check_does_not_reparse_untouched_files(tmp_path, monkeypatch):
    write_guidebook(tmp_path / "guidebook")
    index = manager(tmp_path)
    index.ensure()
    monkeypatch.setattr(index, "sections", lambda: pytest.fail("content parsed although no file changed"))
    assert not index.is_stale()
