"""Tables worked out at start-up, kept in a fast binary form and found again by a hash of all they come from.

The gazetteer's folded names, an index build's chunks and BM25 postings, the content hash of the packaged
files: each takes a large part of a second to work out from its sources, and a few tens of milliseconds to
read back from a pickle. A table is stored under a key, the SHA-256 of everything it is made from: the
bytes of its source files, the source of the modules that make it, the Python version and this module's
format. An edited data file or module gives another key, so a table made from older sources is never
found, never served: it is worked out again and stored under the new key.

Tables are read from the packaged ``knowledge/prebuilt/`` (``python -m knowledge.prebuild`` writes them)
and from the service's ``<data dir>/cache/``, and written to the latter only (when that fails, the next
start works the table out again). Unpickling builds only the classes its caller names (plus containers,
numpy arrays and compiled patterns), so a file put in a cache folder cannot run code.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["TableFolders", "key_of", "read", "write", "cached", "SUFFIX"]

log = logging.getLogger(__name__)

FORMAT = "1"  # bump when what is stored around a table changes
SUFFIX = ".pickle"
_ZLIB = b"\x78"  # a zlib stream's first byte (a pickle's is 0x80)
T = TypeVar("T")

# what any table may hold besides its caller's own classes
_ALWAYS = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("builtins", "slice"),
    ("re", "_compile"),
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("numpy.core.numeric", "_frombuffer"),
    ("numpy._core.numeric", "_frombuffer"),
}


def key_of(files: Iterable[Path] = (), modules: Iterable[str] = (), texts: Iterable[str] = ()) -> str:
    """The SHA-256 of the files' names and bytes (a missing file counts as such), the named modules' source
    and the texts, with the Python version and the format."""
    digest = hashlib.sha256(f"startup-cache {FORMAT} python {sys.version_info[:2]}\n".encode())

    def add(label: str, data: bytes) -> None:  # each piece with its length: no two lists give the same bytes
        digest.update(f"{label} {len(data)}\n".encode())
        digest.update(data)

    for path in files:
        try:
            add(f"file {path.name}", path.read_bytes())
        except FileNotFoundError:
            add(f"missing {path.name}", b"")
    for name in modules:
        add(f"module {name}", Path(str(importlib.import_module(name).__file__)).read_bytes())
    for text in texts:
        add("text", text.encode("utf-8"))
    return digest.hexdigest()


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, allowed: set[tuple[str, str]]) -> None:
        super().__init__(file)
        self._allowed = allowed | _ALWAYS

    def find_class(self, module: str, name: str):
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not expected in a start-up table")
        return super().find_class(module, name)


def _name(table: str, key: str) -> str:
    return f"{table}-{key[:32]}{SUFFIX}"


@dataclass(frozen=True)
class TableFolders:
    """Where start-up tables are looked for (in order) and where one worked out is stored."""

    read: tuple[Path | None, ...] = ()
    store: Path | None = None
    compress: bool = False  # zlib: a quarter of the size, ~30 ms more per 20 MB read (the packaged tables)

    @classmethod
    def of_service(cls, data_dir: Path, packaged: Path | None) -> TableFolders:
        """The packaged tables (``knowledge/prebuilt/``), then the service's own (``<data dir>/cache``)."""
        cache = data_dir / "cache"
        return cls((packaged, cache), cache)


def read(table: str, key: str, folders: Iterable[Path | None], allowed: Iterable[type]) -> object | None:
    """The table stored under ``key`` in the first of ``folders`` that has it, or None."""
    classes = {(c.__module__, c.__qualname__) for c in allowed}
    for folder in folders:
        if folder is None:
            continue
        path = folder / _name(table, key)
        try:
            data = path.read_bytes()
        except OSError:
            continue
        try:
            if data[:1] == _ZLIB:
                data = zlib.decompress(data)
            stored_key, value = _Unpickler(io.BytesIO(data), classes).load()
        except Exception as problem:  # a damaged or foreign file: worked out again
            log.warning("start-up table %s is not used: %s", path, problem)
            continue
        if stored_key == key:
            return value
    return None


def write(table: str, key: str, value: object, folder: Path, compress: bool = False) -> Path | None:
    """Store a table in ``folder`` (atomically; older keys of the same table are removed); None if it failed."""
    path = folder / _name(table, key)
    staging = folder / f".{path.name}.{os.getpid()}.{time.time_ns()}"
    data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging.write_bytes(zlib.compress(data, 9) if compress else data)
        os.replace(staging, path)
    except OSError as problem:
        log.warning("start-up table %s is not stored: %s", path, problem)
        staging.unlink(missing_ok=True)
        return None
    for old in folder.glob(f"{table}-*{SUFFIX}"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


def cached(
    table: str,
    key: str,
    make: Callable[[], T],
    folders: TableFolders | None,
    allowed: Iterable[type],
    also_read: Iterable[Path | None] = (),
) -> T:
    """The table stored under ``key`` in ``also_read`` or ``folders.read``, else ``make()``, then stored in
    ``folders.store``. Without folders, simply ``make()``."""
    if folders is None:
        return make()
    found = read(table, key, dict.fromkeys([*also_read, *folders.read]), allowed)
    if found is not None:
        return found  # type: ignore[return-value]
    started = time.perf_counter()
    value = make()
    log.info("start-up table %s worked out in %.2f s", table, time.perf_counter() - started)
    if folders.store is not None:
        write(table, key, value, folders.store, folders.compress)
    return value
