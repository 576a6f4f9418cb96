"""The last few results of a pure function, kept by key and shared between threads.

One small cache for the layers that repeat work within a turn or across repeated messages: the query
vectors (``knowledge/query_batcher.py``), a vector's similarity row (``knowledge/retriever.py``), and in
``bot/`` the answers, the parts' searches and the safety recognitions. It lives here, in the lowest layer,
so every layer above can use it (imports run connectors → bot → knowledge).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["LRU"]

V = TypeVar("V")


class LRU(Generic[V]):
    """The last ``size`` values by key (0: none kept); ``get`` marks a value as recently used."""

    def __init__(self, size: int) -> None:
        self.size, self._lock = size, threading.Lock()
        self._data: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key: Hashable, value: V) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``make()`` kept now (made outside the lock: two threads may both
        make it, and both get the same result, as the function is pure)."""
        known = self.get(key)
        if known is None:
            known = make()
            self.put(key, known)
        return known

    def __len__(self) -> int:
        return len(self._data)
