"""Memory a serving process no longer needs after start-up, given back (issue 16: peak RSS per process).

Two kinds. The Sudachi dictionary is a 200 MB file the tokenizer maps read-only and shared; building the
kana vocabulary of the topic search at start-up reads most of it once (~180 MB resident). Those pages are
dropped from the process once start-up is done (``madvise(MADV_DONTNEED)``): they stay in the page cache,
and a page a later turn needs is mapped again on first use, as for any mapped file (measured with
``tsunagu serve``: 188 → 157 MB of it resident after 150 bench messages; dropping pages during the build
does not lower its peak, since a few texts read most of the connection matrix). And the
C heap's free blocks the index load left behind go back to the system (glibc's ``malloc_trim``). Linux and
glibc only; elsewhere, or when a call fails, nothing happens.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys
from pathlib import Path

__all__ = ["release_mapped", "release_unused", "SUDACHI_DICTIONARY_FILE"]

log = logging.getLogger(__name__)

_MADV_DONTNEED = 4
SUDACHI_DICTIONARY_FILE = "system.dic"  # sudachidict-core's dictionary (knowledge.tokenizers)


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    return libc


def release_mapped(name: str) -> int:
    """Drop this process's resident pages of the read-only, shared mappings of files named ``name`` (read
    again from the page cache when used); returns the bytes of address range advised."""
    libc = _libc()
    if libc is None:
        return 0
    released = 0
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return 0
    for line in maps:
        fields = line.split(maxsplit=5)
        # only what nobody can have written to: a private page written once would be lost
        if len(fields) < 6 or Path(fields[5]).name != name or fields[1] != "r--s":
            continue
        start, end = (int(value, 16) for value in fields[0].split("-"))
        if libc.madvise(start, end - start, _MADV_DONTNEED) == 0:
            released += end - start
    return released


def release_unused() -> None:
    """Give back what start-up used once: the Sudachi dictionary's pages and the C heap's free blocks."""
    released = release_mapped(SUDACHI_DICTIONARY_FILE)
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
    log.debug("released %d MB of mapped dictionary pages", released >> 20)
