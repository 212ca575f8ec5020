"""Bounded caches of values worked out once.

:func:`keep` adds to a cache that is a plain dict (a report repeats the format's few labels and
shapes, so answers are kept by text or shape); :func:`kept_texts` keeps a function's answers by its
text. Neither keeps a long text (:data:`LONGEST_KEPT`): their memory is bounded, not only their
entries. :class:`KeptByIdentity` keeps values worked out from
objects that never change (edition templates, a run's editions) by those objects' identity: an
entry holds the objects it was worked out from, so their ids cannot pass to other objects while it
lives, and the ids are a sound key without hashing or comparing the objects themselves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from collections.abc import Hashable
from typing import Generic
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# A text longer than this is worked out again each time it comes, not kept: labels, headings and
# cells are short, and a cache of a few thousand long texts (a section's, a paragraph written into a
# cell) would hold megabytes, its bound on entries no bound on memory.
LONGEST_KEPT = 256


def short_texts(key: object) -> bool:
    """Whether no text in ``key`` (a text, or a tuple of texts, tuples and other values) is longer
    than :data:`LONGEST_KEPT`."""
    if isinstance(key, str):
        return len(key) <= LONGEST_KEPT
    if isinstance(key, tuple):
        return all(map(short_texts, key))
    return True


def keep(entries: dict[K, V], key: K, value: V, size: int) -> V:
    """Put ``value`` under ``key`` in ``entries``, a cache of at most ``size`` entries that is
    emptied when full (in constant time, however many distinct keys a hostile input brings), and
    return ``value``. A key holding a text longer than :data:`LONGEST_KEPT` is not kept.

    The cache stays a plain dict, read with ``get``, ``in`` and ``[]`` where it is used: Python
    (3.11) looks keys up in a plain dict faster than in a subclass, and the callers read on every row
    or cell while they add only what they have not seen."""
    if not short_texts(key):
        return value
    if len(entries) >= size:
        entries.clear()
    entries[key] = value
    return value


def kept_texts(size: int) -> Callable[[Callable[[str], V]], Callable[[str], V]]:
    """A function of one text with its answers kept for at most ``size`` texts (least recently used
    first out), those of up to :data:`LONGEST_KEPT` characters only."""
    def decorate(function: Callable[[str], V]) -> Callable[[str], V]:
        cached = functools.lru_cache(maxsize=size)(function)

        @functools.wraps(function)
        def call(text: str) -> V:
            return cached(text) if len(text) <= LONGEST_KEPT else function(text)

        return call

    return decorate


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
