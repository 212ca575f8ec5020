"""Values worked out once from objects that never change (edition templates, a run's editions) and
kept by those objects' identity.

An entry holds the objects it was worked out from, so their ids cannot pass to other objects while
it lives: the ids are a sound key without hashing or comparing the objects themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Hashable
from typing import Generic
from typing import TypeVar

V = TypeVar("V")


class KeptByIdentity(Generic[V]):
    """At most ``size`` values, each under the identities of its objects (and an optional hashable
    ``extra`` part of the key); when full, the oldest entry goes."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[tuple[Hashable, ...], tuple[tuple[object, ...], V]] = {}

    def get(self, objects: tuple[object, ...], make: Callable[[], V], extra: Hashable = None) -> V:
        """The value kept for ``objects`` (and ``extra``), made by ``make()`` the first time."""
        key = (*map(id, objects), extra)
        entry = self._entries.get(key)
        if entry is not None:
            return entry[1]
        value = make()
        if len(self._entries) >= self._size:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = (objects, value)
        return value
