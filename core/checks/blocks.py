"""What the 表二 rules share: the template tables made of 第二十条 item blocks, and whether the
report shows a block at all."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.format import labels
from nianbao.format.editions import BlockSpec
from nianbao.format.editions import TableSpec
from nianbao.format.numerals import parse_cell
from nianbao.memo import KeptByIdentity
from nianbao.model.document import Table
from nianbao.model.rule import Context


def block_tables(context: Context) -> Iterator[TableSpec]:
    """The edition's tables that are divided into 第二十条 item blocks (表二)."""
    if context.edition is None:
        return
    for spec in context.edition.tables:
        if spec.blocks:
            yield spec


def block_present(table: Table | None, block: BlockSpec) -> bool:
    """A block is in the report when one of its rows was read or its header (第二十条第（九）项)
    stands in the table."""
    if table is None:
        return False
    if any(table.row(row.key) is not None for row in block.rows):
        return True
    wanted = labels.core(block.label)
    return any(labels.core(cell) == wanted for line in table.grid for cell in line)


# Per template table: the label cores a row written there may use, and each block with its label's
# core (worked out once per template, not once per report; a few templates are kept).
_WORDS: KeptByIdentity[tuple[frozenset[str], tuple[tuple[str, BlockSpec], ...]]] = KeptByIdentity(16)


def _template_words(spec: TableSpec) -> tuple[frozenset[str], tuple[tuple[str, BlockSpec], ...]]:
    known = {labels.core(text) for row in spec.all_rows() for text in (row.label, *row.variants)}
    known |= {labels.core(block.label) for block in spec.blocks}
    known |= {labels.core(text) for block in spec.blocks for c in block.columns
              for text in (c.label, *c.variants)}
    return frozenset(known), tuple((labels.core(block.label), block) for block in spec.blocks)


def unrecognised_rows(table: Table, spec: TableSpec) -> dict[str, list[str]]:
    """Per block key, the labels of grid rows under that block's header that hold numbers but name
    no template row, no block and no column: a row written under another name (规范性文件 for
    行政规范性文件)."""
    known, blocks = _WORDS.get((spec,), lambda: _template_words(spec))
    found: dict[str, list[str]] = {}
    current: BlockSpec | None = None
    for line in table.grid:
        folded = set(map(labels.core, line))
        header = next((block for core, block in blocks if core in folded), None)
        if header is not None:
            current = header
            continue
        if current is None:
            continue
        parsed = [(cell, parse_cell(cell)) for cell in line]
        texts = [c for c, number in parsed if c.strip() and number.value is None and not number.blank]
        if not texts or all(number.value is None for _, number in parsed):
            continue
        if any(labels.core(t) in known or spec.match_row(t) is not None for t in texts):
            continue
        found.setdefault(current.key, []).append(texts[0].strip())
    return found


def block_items(block: BlockSpec) -> str:
    """The rows a block holds, for a message: ``规章、行政规范性文件``."""
    return "、".join(row.label for row in block.rows)
