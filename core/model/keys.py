"""Logical keys for findings (:attr:`~nianbao.model.findings.Violation.key`) where one place may hold
several findings of a rule: the n-th occurrence at a place, counted in the report's order."""

from __future__ import annotations

from collections.abc import Hashable


class Occurrences:
    """How often each place has come up so far: ``next(place)`` is 0 the first time, then 1, 2, …"""

    def __init__(self) -> None:
        self._seen: dict[Hashable, int] = {}

    def next(self, place: Hashable) -> int:
        count = self._seen.get(place, -1) + 1
        self._seen[place] = count
        return count
