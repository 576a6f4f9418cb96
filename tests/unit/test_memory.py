"""Start-up gives back what it used once (knowledge/memory.py): a mapped file's pages, read again on use."""

from __future__ import annotations

import mmap
import sys

import pytest

from knowledge.memory import release_mapped, release_unused


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="madvise on /proc/self/maps: Linux only")
def test_a_read_only_mapped_files_pages_are_dropped_and_read_again(tmp_path):
    path = tmp_path / "words.dic"
    data = bytes(range(256)) * 4096  # 1 MB
    path.write_bytes(data)
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        assert mapped[:] == data  # every page read
        assert release_mapped("words.dic") >= len(data)
        assert mapped[:] == data  # read again from the file
    assert release_mapped("words.dic") == 0  # no mapping left


def test_releasing_nothing_known_is_harmless():
    assert release_mapped("no-such-file.dic") == 0
    release_unused()
