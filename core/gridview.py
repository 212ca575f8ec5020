"""Print a loaded table as a grid with the template's labels, to compare with the source at a glance."""

from __future__ import annotations

import unicodedata

from nianbao.format.editions import TableSpec
from nianbao.model.document import Table


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(table: Table, key: str) -> str:
    value = table.values.get(key)
    if value is None:
        return "?"
    if value.blank:
        return "(空)"
    return value.raw


def render_table(table: Table, spec: TableSpec) -> str:
    """One line per template row: the row key and label, then each column's value as written.

    ``?`` marks a cell that was not read, ``(空)`` a blank one.
    """
    lines = [f"{spec.number} {spec.title}（{table.edition} 版）"]
    blocks = spec.blocks or ()
    groups = [(b.label, b.columns, b.rows) for b in blocks] or [("", spec.columns, spec.rows)]
    for label, columns, rows in groups:
        if label:
            lines.append(f"[{label}]")
        header = ["", *[c.label if len(c.label) <= 8 else c.key for c in columns]]
        body = [[f"{r.key}  {r.label[:18]}", *[_cell(table, f"{r.key}.{c.key}") for c in columns]]
                for r in rows]
        widths = [max(_width(row[i]) for row in [header, *body]) for i in range(len(header))]
        for row in [header, *body]:
            padded = (cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row))
            lines.append("  ".join(padded).rstrip())
    if table.unmatched:
        lines.append("未能对应到格式的行：" + "；".join(table.unmatched))
    return "\n".join(lines)
