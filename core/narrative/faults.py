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
