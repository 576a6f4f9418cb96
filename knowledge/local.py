"""A municipality's own content first, for its residents (issue 14 item 7).

Files loaded with ``tsunagu index --source DIR`` become topics ``src:<path>#<n>``. When a folder of that path
is a place id of the gazetteer (``DIR/hamamatsu/vi/garbage.md`` → ``hamamatsu``), the file is that
municipality's (or prefecture's) own content. For a resident of that place it answers before the national
guidebook's general topic when it matches about as well; residents of other places never get it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Protocol

__all__ = ["SOURCE_PREFIX", "municipality_of", "local_first"]

SOURCE_PREFIX = "src:"


class _Hit(Protocol):
    @property
    def topic_id(self) -> str: ...

    @property
    def dense(self) -> float: ...


def municipality_of(topic_id: str, place_ids: Iterable[str]) -> str:
    """The place id named by a folder of an operator-supplied file's path, or "" (national content)."""
    if not topic_id.startswith(SOURCE_PREFIX):
        return ""
    path = topic_id[len(SOURCE_PREFIX) :].rsplit("#", 1)[0]
    known = set(place_ids)
    for part in PurePosixPath(path).parts[:-1]:
        if part.lower() in known:
            return part.lower()
    return ""


def local_first(hits: Sequence[_Hit], home: Iterable[str], place_ids: Iterable[str], margin: float = 0.05) -> list:
    """``hits`` with other places' own content left out, and the resident's own municipality's content
    moved first when its similarity is within ``margin`` of the best national topic.

    ``home`` holds the resident's city and prefecture ids (empty when unknown: then only national content).
    """
    if not any(hit.topic_id.startswith(SOURCE_PREFIX) for hit in hits):
        return list(hits)  # no operator content among them (the usual case): nothing to move or leave out
    ids = set(place_ids)
    home = {h for h in home if h}
    local, national = [], []
    for hit in hits:
        place = municipality_of(hit.topic_id, ids)
        if not place:
            national.append(hit)
        elif place in home:
            local.append(hit)
    if not local:
        return list(national)
    best_national = max((h.dense for h in national), default=float("-inf"))
    if local[0].dense >= best_national - margin:
        return [local[0]] + [h for h in national] + local[1:]
    return list(national) + local
