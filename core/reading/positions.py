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

from collections import defaultdict
from collections.abc import Hashable
from collections.abc import Sequence

from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawTable


def locate_by_structure(blocks: Sequence[Block]) -> None:
    """Rewrite, in place, the references of ``blocks`` whose line does not locate them (see the
    module's docstring). A spanning cell starts at its first (top-left) slot: only there does it
    claim its line, and the reference its copies share is decided there, once."""
    owners: dict[int, set[Hashable]] = defaultdict(set)
    tables = 0
    for block in blocks:
        if isinstance(block, RawTable):
            tables += 1
            for r, row in enumerate(block.rows):
                owner = ("row", tables, r)
                for cell in row:
                    if cell.origin and cell.ref.line is not None:
                        owners[cell.ref.line].add(owner)
        elif block.ref.line is not None:
            owners[block.ref.line].add(("paragraph", id(block)))

    def locates(line: int | None, owner: Hashable) -> bool:
        if line is None:
            return False
        found = owners.get(line)
        return not found or (len(found) == 1 and owner in found)

    tables = paragraphs = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            paragraphs += 1
            if not locates(block.ref.line, ("paragraph", id(block))):
                block.ref = SourceRef(page=block.ref.page, locator=f"paragraph[{paragraphs}]")
            continue
        tables += 1
        seen: set[int] = set()
        table_lines = {("row", tables, r) for r in range(len(block.rows))}
        if block.ref.line is not None and not owners[block.ref.line] <= table_lines:
            block.ref = SourceRef(page=block.ref.page, locator=f"table[{tables}]")
        for r, row in enumerate(block.rows):
            owner = ("row", tables, r)
            for c, cell in enumerate(row):
                ref = cell.ref
                if id(ref) in seen:
                    continue
                seen.add(id(ref))
                if not locates(ref.line, owner):
                    ref.line = None
                    ref.locator = f"table[{tables}]/row[{r + 1}]/cell[{c + 1}]"
