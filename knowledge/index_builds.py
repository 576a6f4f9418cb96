"""The builds folder of an index root: which build is in service, one builder at a time, old builds removed.

``CURRENT`` names the build in service and is replaced atomically (``os.replace``), so a process loading or
serving an older build never sees a half-written pointer; ``.build.lock`` (``fcntl``) keeps a second process
sharing the data folder from building the same index at the same time.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from knowledge.index_store import MANIFEST_FILE

__all__ = ["write_current", "read_current", "build_lock", "prune_builds"]


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
    return build if (build / MANIFEST_FILE).exists() else None


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
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
