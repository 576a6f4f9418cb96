"""``once_property``: a property worked out on first read and kept on the object, without a lock.

For objects that live in one thread — a turn of the dialogue (``bot/dialogue/turn.py``), a rewrite's result
(``bot/plain/result.py``). ``functools.cached_property`` before Python 3.12 holds one lock per property *of
the class* while it computes, so every thread's turn waited for whichever turn was computing its own
``found`` or ``intent`` (the search of its message), though no two threads ever share a turn. Python 3.12
removed that lock for this contention ("the locking was per-property, not per-instance, which could result
in unacceptably high lock contention": the ``functools`` documentation, ``cached_property``, changed in
3.12; read 2026-12-07 at https://www.python.org/pipermail/python-checkins/2023-April/182285.html). This is
the 3.12 behaviour: a non-data descriptor, so once the value is in the object's ``__dict__`` it is read
from there without calling the descriptor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["once_property"]

T = TypeVar("T")


class once_property(Generic[T]):  # noqa: N801 (used as a decorator, like ``property``)
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once_property[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | once_property[T]:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value
