"""Bounded caches of values worked out once.

:func:`keep` adds to a cache that is a plain dict (a report repeats the format's few labels and
shapes, so answers are kept by text or shape). :class:`KeptByIdentity` keeps values worked out from
objects that never change (edition templates, a run's editions) by those objects' identity: an
entry holds the objects it was worked out from, so their ids cannot pass to other objects while it
lives, and the ids are a sound key without hashing or comparing the objects themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Hashable
from typing import Generic
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def keep(entries: dict[K, V], key: K, value: V, size: int) -> V:
    """Put ``value`` under ``key`` in ``entries``, a cache of at most ``size`` entries that is
    emptied when full (in constant time, however many distinct keys a hostile input brings), and
    return ``value``.

    The cache stays a plain dict, read with ``get``, ``in`` and ``[]`` where it is used: Python
    (3.11) looks keys up in a plain dict faster than in a subclass, and the callers read on every row
    or cell while they add only what they have not seen."""
    if len(entries) >= size:
        entries.clear()
    entries[key] = value
    return value


class KeptByIdentity(Generic[V]):
    """At most ``size`` values, each under the identities of its objects (and an optional hashable
    ``extra`` part of the key); emptied when full (:func:`keep`)."""

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
        keep(self._entries, key, (objects, value), self._size)
        return value
