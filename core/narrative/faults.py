"""Table cells whose own arithmetic fails: a narrative figure compared with such a cell tells of the
table's mistake, which the REC rules report, rather than of a second one in the narrative."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from nianbao.format.editions import Edition
from nianbao.model.document import Document
from nianbao.model.identities import evaluate


@dataclass(frozen=True, slots=True)
class TableFault:
    rule: str
    identity: str
    location: str


def table_faults(document: Document, edition: Edition | None,
                 tables: Collection[str] | None = None) -> dict[tuple[str, str], TableFault]:
    """(table, cell key) → the identity of the edition that fails at that cell, or else the first
    that fails with that cell in it; for the cells of ``tables`` only, when given."""
    faults: dict[tuple[str, str], TableFault] = {}
    located: dict[tuple[str, str], TableFault] = {}
    if edition is None:
        return faults
    for identity in edition.identities:
        if tables is not None and identity.table not in tables:
            continue
        table = document.tables.get(identity.table)
        if table is None:
            continue
        spec = edition.table(identity.table)
        for mismatch in evaluate(identity, spec, table):
            fault = TableFault(identity.rule, identity.text, mismatch.location.label or "")
            for key in (*mismatch.left, *mismatch.right):
                faults.setdefault((identity.table, key), fault)
            located.setdefault((identity.table, mismatch.left[0]), fault)
    # The finding that points at the cell itself ("一、本年新收 / 总计 is not the sum of its
    # columns") tells the story better than one that merely uses it.
    return faults | located


class FaultsByTable:
    """A report's table faults, worked out for a table when a cell of it is first asked about: most
    reports' narratives contradict no table, and then none is worked out."""

    def __init__(self, document: Document, edition: Edition | None) -> None:
        self._document = document
        self._edition = edition
        self._faults: dict[str, dict[tuple[str, str], TableFault]] = {}

    def at(self, table: str, key: str) -> TableFault | None:
        """The fault of ``table`` at the cell ``key`` (see :func:`table_faults`)."""
        faults = self._faults.get(table)
        if faults is None:
            faults = self._faults[table] = table_faults(self._document, self._edition, (table,))
        return faults.get((table, key))
