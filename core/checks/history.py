"""What the year-over-year rules share: this year's and last year's copy of a table, and cells
compared across the two reports."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Iterator

from nianbao.format.editions import TableSpec
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Section
from nianbao.model.document import Table
from nianbao.model.findings import CellEvidence
from nianbao.model.rule import Context


def both_years(document: Document, context: Context, key: str,
               edition: str | None = None) -> tuple[Table, Table, TableSpec] | None:
    """This year's and last year's table ``key`` with its template, when both reports have it
    (and, with ``edition``, last year's was read against that edition's tables too: this year's
    always is, since the rule runs only for its editions)."""
    previous = context.previous
    if context.edition is None or previous is None:
        return None
    this, last = document.tables.get(key), previous.tables.get(key)
    if this is None or last is None:
        return None
    if edition is not None and last.edition != edition:
        return None
    return this, last, context.edition.table(key)


def comparable(*cells: CellValue | None) -> bool:
    """All cells were read as numbers or blanks, and not all are blank."""
    if any(c is None or (c.value is None and not c.blank) for c in cells):
        return False
    return not all(c.blank for c in cells if c is not None)


def number(cell: CellValue) -> int | float:
    """A read cell's value; a blank cell counts as 0, as reports use it for "none"."""
    return cell.value or 0


def previous_cell(table: Table, key: str, label: str) -> CellEvidence:
    """Evidence for a cell of last year's report (its line is a line of that report)."""
    value = table.values[key]
    return CellEvidence(key=key, label=f"上年报告 {label}", pointer=f"/tables/{table.key}/values/{key}",
                        line=value.ref.line, page=value.ref.page, raw=value.raw, value=value.value,
                        locator=value.ref.locator)


_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
MIN_SENTENCE_LENGTH = 10


def _section_texts(sections: Iterable[Section]) -> Iterator[str]:
    for section in sections:
        yield from (p.text for p in section.paragraphs)
        yield from _section_texts(section.children)


def masked_sentences(sections: Iterable[Section]) -> list[str]:
    """The sentences of these sections' text (headings and tables aside), spaces removed and figures
    masked, so that a sentence copied with new numbers still compares equal; sentences shorter than
    ten characters are left out. This is the measure of text carried over from last year."""
    out = []
    for text in _section_texts(sections):
        for sentence in _SENTENCE_END.split(unicodedata.normalize("NFKC", text)):
            folded = _FIGURE.sub("#", "".join(sentence.split()))
            if len(folded) >= MIN_SENTENCE_LENGTH:
                out.append(folded)
    return out
