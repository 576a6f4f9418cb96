"""The content hash of what is indexed, and the same hash found again from the files' bytes at start-up.

``content_hash`` reads the parsed sections and example questions (the text, its citation, the chunker's
version): an index build is served only for the content it was made from. Parsing every guidebook file
and example YAML file to learn it took ~0.4 s of each start; ``files_key`` hashes their raw bytes and the
code that parses them instead, and the content hash worked out once for that key is a start-up table
(``knowledge/startup_cache.py``). An edited file or parser gives another key, so the hash is worked out
again from the parsed files: a stale index is never taken for current.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import yaml

from knowledge.chunker import CHUNKER_VERSION
from knowledge.content import Section
from knowledge.questions import ExampleQuestion
from knowledge.startup_cache import key_of

__all__ = ["content_hash", "files_key", "PARSERS"]

# the code that turns the content files into sections, questions and their hash (a test checks that every
# knowledge module these import is listed too, so a change to any of them changes the key)
PARSERS = (
    "knowledge.content_digest",
    "knowledge.content",
    "knowledge.questions",
    "knowledge.statuses",
    "knowledge.chunker",
    "knowledge.languages",
    "knowledge.yamlfile",
)


def content_hash(sections: Sequence[Section], questions: Sequence[ExampleQuestion] = ()) -> str:
    """Hash of everything that changes what is indexed (the text, its citation, the chunker)."""
    digest = hashlib.sha256(f"chunker:{CHUNKER_VERSION}\n".encode())
    for q in questions:
        digest.update(f"{q.lang}\x1f{q.topic_id}\x1f{q.text}\x1e".encode())
    for s in sections:
        for field in (s.lang, s.chapter, s.chapter_title, s.topic_id, s.title, s.body, s.source_file, s.source_section):
            digest.update(field.encode("utf-8"))
            digest.update(b"\x1f")
        digest.update(b"\x1e")
    return digest.hexdigest()


def files_key(roots: Sequence[tuple[str, Path | None]]) -> str:
    """The start-up table key of the content hash: every file under the named roots (a folder or one file),
    by its path within its root and its bytes, and the source of the parsers and of this module."""
    files: list[Path] = []
    names: list[str] = []
    for label, root in roots:
        names.append(f"root {label}")
        if root is None or not root.exists():
            continue
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                files.append(path)
                names.append(f"{label}/{path.relative_to(root) if root.is_dir() else path.name}")
    return key_of(files, PARSERS, [*names, f"pyyaml {yaml.__version__}"])
