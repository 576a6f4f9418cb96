"""Start-up tables (knowledge/startup_cache.py): read back only for the very sources they were made from —
an edited data file, content file or module is never served from an older table."""

from __future__ import annotations

import ast
import importlib
import os
import pickle
import shutil
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from knowledge import index_tables, startup_cache
from knowledge.content_digest import PARSERS, content_hash
from knowledge.embedders import FakeEmbedder
from knowledge.index_manager import IndexManager
from knowledge.index_files import read_chunks, write_chunks
from knowledge.index_builds import read_current
from knowledge.index_store import load_index
from knowledge.kana_query import KANA_MAKERS, KanaVocabulary, vocabulary_of
from knowledge.paths import DATA_DIR
from knowledge.place_loading import TABLE_MAKERS, load_places
from knowledge.startup_cache import TableFolders, cached, key_of

from tests.unit.test_index_store import INSTALLED, write_guidebook


def folders(tmp_path: Path) -> TableFolders:
    return TableFolders((tmp_path / "cache",), tmp_path / "cache")


class Counted:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_table_is_read_back_under_the_same_key_and_worked_out_again_when_a_source_changes(tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    make = Counted({"rows": [1, 2, 3]})
    first = cached("demo", key_of([source]), make, folders(tmp_path), ())
    again = cached("demo", key_of([source]), make, folders(tmp_path), ())
    assert first == again == {"rows": [1, 2, 3]} and make.calls == 1

    source.write_text("two", encoding="utf-8")  # same size, other bytes
    changed = Counted({"rows": [4]})
    assert cached("demo", key_of([source]), changed, folders(tmp_path), ()) == {"rows": [4]}
    assert changed.calls == 1
    assert len(list((tmp_path / "cache").glob("demo-*"))) == 1  # the table of the older source is gone


def test_the_key_covers_file_names_bytes_module_source_and_texts(tmp_path, monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x", encoding="utf-8")
    b.write_text("", encoding="utf-8")
    source = tmp_path / "demo_module.py"
    source.write_text("A = 1\n", encoding="utf-8")
    module = types.ModuleType("demo_module")
    module.__file__ = str(source)
    monkeypatch.setitem(sys.modules, "demo_module", module)
    keys = {key_of([a, b], ["demo_module"], ["t"])}
    b.write_text("x", encoding="utf-8")
    a.write_text("", encoding="utf-8")  # the same bytes in all, moved from one file to the other
    keys.add(key_of([a, b], ["demo_module"], ["t"]))
    source.write_text("A = 2\n", encoding="utf-8")
    keys.add(key_of([a, b], ["demo_module"], ["t"]))
    keys.add(key_of([a, b], ["demo_module"], ["u"]))
    b.unlink()
    keys.add(key_of([a, b], ["demo_module"], ["u"]))  # a missing file counts
    assert len(keys) == 5


def test_a_file_under_another_key_or_damaged_or_holding_unexpected_code_is_never_used(tmp_path):
    cache = tmp_path / "cache"
    key = "a" * 64
    startup_cache.write("demo", "b" * 32 + "c" * 32, "other key", cache)
    (cache / f"demo-{'b' * 32}.pickle").rename(cache / f"demo-{key[:32]}.pickle")  # same name, other full key
    assert startup_cache.read("demo", key, [cache], ()) is None

    (cache / f"demo-{key[:32]}.pickle").write_bytes(b"\x80 not a pickle")
    assert startup_cache.read("demo", key, [cache], ()) is None

    class Boom:
        def __reduce__(self):
            return (os.system, ("echo unsafe",))

    (cache / f"demo-{key[:32]}.pickle").write_bytes(pickle.dumps((key, Boom())))
    assert startup_cache.read("demo", key, [cache], ()) is None
    make = Counted("worked out")
    assert cached("demo", key, make, TableFolders((cache,), cache), ()) == "worked out" and make.calls == 1


def test_compressed_tables_read_back_like_plain_ones(tmp_path):
    value = {"array": np.arange(5, dtype=np.float32), "names": ("a", "b"), "set": frozenset({"x"})}
    startup_cache.write("demo", "k" * 64, value, tmp_path, compress=True)
    found = startup_cache.read("demo", "k" * 64, [tmp_path], ())
    assert np.array_equal(found["array"], value["array"]) and found["names"] == ("a", "b")
    assert found["set"] == frozenset({"x"})


def test_a_read_only_table_folder_is_read_but_a_table_is_stored_in_the_service_folder(tmp_path):
    packaged, own = tmp_path / "packaged", tmp_path / "own"
    startup_cache.write("demo", "k" * 64, "packaged", packaged)
    tables = TableFolders((packaged, own), own)
    assert cached("demo", "k" * 64, Counted("made"), tables, ()) == "packaged"
    assert cached("demo", "m" * 64, Counted("made"), tables, ()) == "made"
    assert [p.parent for p in tmp_path.rglob("demo-m*")] == [own]


# -- the gazetteer ------------------------------------------------------------------------------------------


def test_the_gazetteer_from_its_table_finds_the_same_places(tmp_path):
    built = load_places(tables=folders(tmp_path))
    read_back = load_places(tables=folders(tmp_path))
    assert built is not read_back
    for text in ("I moved to Toyota City", "名古屋市中区に住んでいます", "Я живу в Осаці", "ฉันอยู่ที่ไอชิ", "〒460-0001"):
        assert [(p.id, p.matched) for p in read_back.find(text)] == [(p.id, p.matched) for p in built.find(text)]
        assert built.find(text)


def test_an_edited_place_file_is_never_served_from_the_older_table(tmp_path):
    places = tmp_path / "places.yaml"
    shutil.copy(DATA_DIR / "places.yaml", places)
    assert load_places(places, tables=folders(tmp_path)).find("I live in Tsunaguville") == []
    head, rest = places.read_text(encoding="utf-8").split("cities:\n", 1)
    places.write_text(
        head + "cities:\n  - id: tsunaguville\n    prefecture: aichi\n    names:\n      en: [Tsunaguville]\n" + rest,
        encoding="utf-8",
    )
    assert [p.id for p in load_places(places, tables=folders(tmp_path)).find("I live in Tsunaguville")] == [
        "tsunaguville"
    ]


# -- the content hash and the index -------------------------------------------------------------------------


def manager(tmp_path: Path, **options) -> IndexManager:
    return IndexManager(
        tmp_path / "index",
        tmp_path / "guidebook",
        FakeEmbedder(),
        versions=INSTALLED,
        tables=folders(tmp_path),
        **options,
    )


def test_the_content_hash_from_its_table_follows_every_edit(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    index = manager(tmp_path)
    assert index.digest() == content_hash(index.sections())
    assert list((tmp_path / "cache").glob("content-*"))
    write_guidebook(tmp_path / "guidebook", day="evening")
    assert index.digest() == content_hash(index.sections())  # worked out again, not the stored one


def test_a_new_start_reads_its_tables_and_serves_the_same_index(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    first = manager(tmp_path).ensure()
    assert {p.name.split("-")[0] for p in (tmp_path / "cache").iterdir()} == {"content", "index"}
    second = manager(tmp_path)
    second.sections = lambda: pytest.fail("content parsed although no file changed")  # type: ignore[method-assign]
    retriever = second.ensure()
    assert retriever.chunks == first.chunks
    for query in ("garbage collection", "quiet at night"):
        assert np.array_equal(retriever.lexical.scores(query, "en"), first.lexical.scores(query, "en"))
        assert [r.chunk.chunk_id for r in retriever.search(query, "en")] == [
            r.chunk.chunk_id for r in first.search(query, "en")
        ]


def test_edited_content_is_rebuilt_and_served_although_tables_of_the_old_content_exist(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    manager(tmp_path).ensure()
    write_guidebook(tmp_path / "guidebook", day="evening")
    retriever = manager(tmp_path).ensure()  # a restart after the edit
    assert any("evening" in c.text for c in retriever.chunks)
    assert not any("morning" in c.text for c in retriever.chunks)
    assert retriever.lexical.scores("evening", "en").max() > 0


def test_a_build_whose_chunks_changed_does_not_meet_the_older_table(tmp_path):
    write_guidebook(tmp_path / "guidebook")
    manager(tmp_path).ensure()
    build = read_current(tmp_path / "index")
    key = index_tables.table_key(build, None)
    # the chunk file of a build is rewritten (as a rebuild into the same folder would): the key changes
    records = read_chunks(build)
    records[0]["text"] = records[0]["text"].replace("morning", "midnight")
    write_chunks(build / "chunks.json.gz", records)
    assert index_tables.table_key(build, None) != key
    retriever = load_index(build, FakeEmbedder(), versions=INSTALLED, tables=folders(tmp_path))
    assert "midnight" in retriever.chunks[0].text


def test_date_bound_lines_are_resolved_when_the_table_is_read_not_when_it_was_made():
    columns = tuple(
        ("x",) if f.name != "text" else ("Title\n{until 2000-01-01} gone\nkept",) for f in index_tables._FIELDS
    )
    [chunk] = index_tables.chunks_of(columns)
    assert chunk.text == "Title\nkept"


def test_the_kana_vocabulary_from_its_table_follows_the_texts(tmp_path):
    texts = ["在留カードを再交付する書類", "市役所で住民票の写しをもらう"]
    built = vocabulary_of(texts, folders(tmp_path))
    assert built == KanaVocabulary.from_texts(texts) and built.words.get("ざいりゅう") == "在留"
    assert vocabulary_of(texts, folders(tmp_path)) == built
    changed = vocabulary_of([*texts, "健康保険証を忘れた"], folders(tmp_path))
    assert changed.words.get("けんこう") == "健康" and "けんこう" not in built.words


# -- what each key covers -----------------------------------------------------------------------------------


def knowledge_imports(name: str) -> set[str]:
    tree = ast.parse(Path(str(importlib.import_module(name).__file__)).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "knowledge":
            found |= {f"knowledge.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("knowledge."):
            found.add(str(node.module))
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("knowledge.")}
    return found


# modules whose code cannot change a table (where files are; the cache itself, versioned by its FORMAT)
NEUTRAL = {"knowledge.paths", "knowledge.startup_cache"}


@pytest.mark.parametrize(
    "makers", [PARSERS, index_tables.MAKERS, TABLE_MAKERS, KANA_MAKERS], ids=["content", "index", "places", "kana"]
)
def test_each_key_covers_every_module_its_code_imports(makers):
    for name in makers:
        missing = knowledge_imports(name) - set(makers) - NEUTRAL
        assert not missing, f"{name} imports {sorted(missing)}: add them to the table's list of modules"


# -- a new SQLite database -----------------------------------------------------------------------------------


def sqlite_schema(path: Path) -> tuple[list, list]:
    import sqlite3

    with sqlite3.connect(path) as connection:
        made = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return made, version


def test_a_new_sqlite_database_from_the_schema_table_equals_one_migrated_by_alembic(tmp_path, monkeypatch):
    from bot.store import schema
    from bot.store.engine import SCHEMA_HEAD
    from bot.store.store import open_store

    migrated = open_store(f"sqlite:///{tmp_path / 'alembic.db'}")
    tables = folders(tmp_path)
    first = open_store(f"sqlite:///{tmp_path / 'first.db'}", tables=tables)  # works the table out (Alembic)
    assert list((tmp_path / "cache").glob("schema-*"))
    monkeypatch.setattr(schema, "schema_statements", lambda: pytest.fail("the table was not read back"))
    second = open_store(f"sqlite:///{tmp_path / 'second.db'}", tables=tables)
    for store in (migrated, first, second):
        store.engine.dispose()
    expected = sqlite_schema(tmp_path / "alembic.db")
    assert expected[1] == [(SCHEMA_HEAD,)]
    assert sqlite_schema(tmp_path / "first.db") == expected
    assert sqlite_schema(tmp_path / "second.db") == expected
    store = open_store(f"sqlite:///{tmp_path / 'second.db'}", tables=tables)  # and it serves as a store
    store.record_incoming("c1", "api", "hello", "en")
    assert [m.text for m in store.messages("c1")] == ["hello"]


def test_an_edited_migration_never_meets_the_older_schema_table(tmp_path, monkeypatch):
    from bot.store import schema

    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations)
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    before = schema.schema_key()
    edited = migrations / "versions" / "0003_shared_state.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert schema.schema_key() != before
