"""Where the read-only ``../shared`` folder is, and readers for the SNOW T15 pairs kept there.

``../shared`` sits beside the project's main checkout. A git worktree lives elsewhere, so besides
``<root>/../shared`` this also looks beside the main checkout the worktree belongs to. Only benches,
tests and the derivation scripts read it — never the product.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROOT", "SnowPair", "shared_dir", "default_dev_path", "read_snow_pairs", "parse_id_range"]

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class SnowPair:
    id: int
    original: str
    simplified: str


def _main_checkout(root: Path) -> Path | None:
    """The main checkout of a worktree (its ``.git`` is a file: ``gitdir: <main>/.git/worktrees/<name>``)."""
    dot_git = root / ".git"
    if not dot_git.is_file():
        return None
    text = dot_git.read_text(encoding="utf-8").strip()
    if not text.startswith("gitdir:"):
        return None
    gitdir = Path(text.split(":", 1)[1].strip())
    return gitdir.parents[2] if len(gitdir.parents) > 2 else None


def shared_dir(root: Path = ROOT) -> Path | None:
    """The ``shared`` folder beside this checkout (or beside its main checkout), or None when absent."""
    candidates = [root.parent / "shared"]
    main = _main_checkout(root)
    if main is not None:
        candidates.append(main.parent / "shared")
    return next((path for path in candidates if path.is_dir()), None)


def default_dev_path() -> Path:
    shared = shared_dir()
    return (shared or ROOT.parent / "shared") / "data" / "snow_t15" / "dev.tsv"


def parse_id_range(text: str | None) -> tuple[int, int] | None:
    """``"20001-25000"`` → (20001, 25000); None stays None."""
    if not text:
        return None
    low, _, high = text.partition("-")
    return int(low), int(high or low)


def read_snow_pairs(path: Path, ids: tuple[int, int] | None = None, limit: int | None = None) -> list[SnowPair]:
    """Pairs from a SNOW T15 TSV (columns id, original, simplified, …), optionally an id range and a cap."""
    pairs = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            pair = SnowPair(int(row["id"]), row["original"], row["simplified"])
            if ids and not ids[0] <= pair.id <= ids[1]:
                continue
            pairs.append(pair)
            if limit is not None and len(pairs) >= limit:
                break
    return pairs
