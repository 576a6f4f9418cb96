"""Index build, manifest, automatic rebuild on content change, and atomic replacement."""
import json
import threading
from pathlib import Path

import pytest

from knowledge.content import load_guidebook
from knowledge.embedders import FakeEmbedder
from knowledge.index_manager import IndexManager
from knowledge.index_store import content_hash, read_current, read_manifest

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


def manager(tmp_path: Path) -> IndexManager:
    return IndexManager(tmp_path / "index", tmp_path / "guidebook", FakeEmbedder(), sources_dir=tmp_path / "src",
                        known_langs={"en", "ja", "vi"})


def test_build_writes_a_manifest_with_model_dimension_and_content_hash(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    retriever = manager(tmp_path).ensure()
    build = read_current(tmp_path / "index")
    manifest = read_manifest(build)
    sections = load_guidebook(tmp_path / "guidebook")
    assert manifest.embedder_id == FakeEmbedder.id and manifest.dim == FakeEmbedder().dim
    assert manifest.content_hash == content_hash(sections)
    assert manifest.chunks == len(retriever.chunks) == 4
    chunk = json.loads((build / "chunks.json").read_text())[0]
    assert {"topic_id", "lang", "chapter", "title"} <= set(chunk)


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
        "# Thẻ cư trú\n\nLuôn mang theo thẻ cư trú.\n\n# Rác\n\nPhân loại rác.\n", encoding="utf-8")
    retriever = manager(tmp_path).ensure()
    cited = [c for c in retriever.chunks if c.source_file]
    assert [(c.lang, c.source_file, c.source_section) for c in cited] == [
        ("vi", "vi/guidebook.md", "Thẻ cư trú"), ("vi", "vi/guidebook.md", "Rác")]


def test_a_rebuild_embeds_only_changed_texts(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    embedder = CountingEmbedder()
    index = IndexManager(tmp_path / "index", tmp_path / "guidebook", embedder)
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
    monkeypatch.setattr(index_store, "chunk_tokens", lambda chunk, writings=None: tokenized.append(chunk.text)
                        or real(chunk, writings))
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
