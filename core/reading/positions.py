"""Positions in a page whose lines may not locate anything: where a source line leads a reader to
one table row or one paragraph, the line is kept; where it does not, the place becomes the
table, row and column (``table[2]/row[18]/cell[3]``) or the paragraph (``paragraph[12]``), numbered
in reading order as a Word file's are, and the line is dropped.

The test is per element, not per page. A line locates a table cell when every element that
starts on it belongs to that cell's row (a row written on one line is still found by its line;
the message names the column). It locates a paragraph when nothing else starts on it. A page
written as one long line (a CMS that strips newlines) thus prints ``第2个表格第18行第3列``
instead of ``第1行`` for everything, while a pretty-printed page keeps its lines; a page that
mixes both keeps the lines that lead somewhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable

_MANY = -1  # no id() is negative
_UNSEEN = object()


def locate_by_structure(blocks: Sequence[Block]) -> bool:
    """Rewrite, in place, the references of ``blocks`` whose line does not locate them (see the
    module's docstring); whether any kept its line (a reference a loader may give a locator
    beside it). A spanning cell starts at its first (top-left) slot: only there does it claim
    its line, and the reference its copies share is decided there, once."""
    # Per line: its one owner (a table row or a paragraph, by id) or _MANY, and the one table whose
    # rows alone start on it or 0. Ids rather than tuples or sets: this runs for every cell.
    owner: dict[int, int] = {}
    table_of: dict[int, int] = {}
    tables = 0
    for block in blocks:
        if isinstance(block, RawTable):
            tables += 1
            for row in block.rows:
                key = id(row)
                claimed = None  # the line this row claimed last: claiming it again changes nothing
                for cell in row:
                    line = cell.ref.line
                    if line != claimed and line is not None and cell.origin:
                        claimed = line
                        if owner.setdefault(line, key) != key:
                            owner[line] = _MANY
                        if table_of.setdefault(line, tables) != tables:
                            table_of[line] = 0
        elif block.ref.line is not None:
            key, line = id(block), block.ref.line
            if owner.setdefault(line, key) != key:
                owner[line] = _MANY
            table_of[line] = 0

    tables = paragraphs = 0
    kept = False
    owner_of = owner.get  # bound once: looked up for every slot
    # A reference is rewritten where it is, not replaced: the loader holds the ones it has yet to
    # give a locator, and gives none to a reference placed here.
    for block in blocks:
        ref = block.ref
        if isinstance(block, Paragraph):
            paragraphs += 1
            line = ref.line
            if line is None or owner.get(line, id(block)) != id(block):
                ref.line, ref.locator = None, f"paragraph[{paragraphs}]"
            else:
                kept = True
            continue
        tables += 1
        line = ref.line
        if line is not None and table_of.get(line, tables) != tables:
            ref.line, ref.locator = None, f"table[{tables}]"
        else:
            kept = True
        above: list[RawCell] = []
        rows = block.rows
        for r, row in enumerate(rows, 1):
            key = id(row)
            place = f"table[{tables}]/row[{r}]/cell["
            # the last line looked up and whether the row lost it (a row's cells mostly share a line)
            seen: object = _UNSEEN
            lost = False
            for c, cell in enumerate(row, 1):
                ref = cell.ref
                # each reference is decided once, where it first stands: an origin's is first there
                # (its copies stand right of it and below); a copy's is met already, mostly in the slot
                # to its left or above it (a set of every reference seen cost more than this)
                if not cell.origin and (
                        (c > 1 and row[c - 2].ref is ref) or (len(above) >= c and above[c - 1].ref is ref)
                        or _met(ref, rows, r, c, row)):
                    continue
                line = ref.line
                if line != seen:
                    seen, lost = line, line is None or owner_of(line, key) != key  # no line, or another's too
                if lost:
                    ref.line = None
                    ref.locator = f"{place}{c}]"
                else:
                    kept = True
            above = row
    return kept


def _met(ref: SourceRef, rows: list[list[RawCell]], r: int, c: int, row: list[RawCell]) -> bool:
    """Whether ``ref`` stands in a slot before (row ``r``, column ``c``, from 1) in reading order."""
    return any(cell.ref is ref for cell in row[:c - 1]) or any(
        cell.ref is ref for earlier in rows[:r - 1] for cell in earlier)
