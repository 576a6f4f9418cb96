"""An index build's start-up table: its chunk records in columns (without their tokens) and its BM25
postings (``knowledge/startup_cache.py``).

Loading a build parsed its compressed JSON (22 MB of text: every chunk with its tokens) and counted the
postings of each language's BM25 anew, about 1.5 s of every start on a quiet machine; read back from the
table, ~0.1 s. The table's key covers the build's chunk file, so a rebuilt index (or an edited file) never
meets an older table; and the code that makes it (the BM25 counts, the chunk fields) and how each language
is written (which of them the Japanese analyser reads).
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path

from knowledge import startup_cache
from knowledge.chunker import Chunk
from knowledge.dated import current_text
from knowledge.index_files import CHUNKS_FILE, read_chunks
from knowledge.languages import Writing, Writings, packaged_writings
from knowledge.lexical import BM25Plus, LexicalIndex, _Part
from knowledge.startup_cache import TableFolders

__all__ = ["TABLE", "MAKERS", "IndexTable", "table_key", "make_table", "load_table", "chunks_of"]

TABLE = "index"
# the code that makes the table (a test checks that every knowledge module these import is listed too)
MAKERS = (
    "knowledge.index_tables",
    "knowledge.index_files",
    "knowledge.lexical",
    "knowledge.tokenizers",
    "knowledge.marks",
    "knowledge.chunker",
    "knowledge.content",
    "knowledge.questions",
    "knowledge.languages",
    "knowledge.yamlfile",
    "knowledge.dated",
)
_FIELDS = fields(Chunk)

IndexTable = tuple[tuple[tuple[str, ...], ...], LexicalIndex]  # a column per Chunk field; the lexical index


def table_key(build: Path, writings: Writings | None) -> str:
    return startup_cache.key_of(
        [build / CHUNKS_FILE],
        MAKERS,
        [repr(writings or packaged_writings())],
    )


def make_table(build: Path, writings: Writings | None) -> IndexTable:
    """The table worked out from the build's files."""
    records = read_chunks(build)
    tokens = [r.pop("tokens") for r in records]
    columns = tuple(
        tuple(r.get(f.name, f.default) for r in records)
        if f.default is not MISSING
        else tuple(r[f.name] for r in records)
        for f in _FIELDS
    )
    return columns, LexicalIndex(tokens, [r["lang"] for r in records], writings)


def load_table(build: Path, writings: Writings | None, tables: TableFolders | None) -> IndexTable:
    """The build's table from its own folder or ``tables``, else worked out (and stored)."""
    return startup_cache.cached(
        TABLE,
        table_key(build, writings),
        lambda: make_table(build, writings),
        tables,
        (LexicalIndex, _Part, BM25Plus, Writings, Writing),
        also_read=[build],
    )


def chunks_of(columns: tuple[tuple[str, ...], ...]) -> list[Chunk]:
    """The chunks of a table's columns; date-bound lines ({until DATE}) resolved now, when the index loads."""
    at = [f.name for f in _FIELDS].index("text")
    texts = [current_text(text) for text in columns[at]]
    return [Chunk(*row) for row in zip(*columns[:at], texts, *columns[at + 1 :])]
