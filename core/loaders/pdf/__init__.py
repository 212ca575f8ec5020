"""PDF reports with a text layer (WPS, Word and LibreOffice exports).

Characters and their boxes come from pdfium, which reads a five-page report in a few
milliseconds; lines, paragraphs and tables are rebuilt here from those boxes, as the page is
shown (/Rotate applied, rulings inside form XObjects placed by their matrices).

* A table drawn with ruled lines becomes a grid whose merged cells are found from the rulings: a
  label that wraps, or is set one character per line down a tall cell, is one cell.
* A table drawn without rulings is rebuilt from the columns its lines leave; a wrapped label is
  joined from the parts in its column, and only a label the format knows names a row.
* A table broken by a page end continues on the next page (a row cut in two is joined back), and
  the page number between the two parts is dropped, never read as a value.
* A row of numbers whose label cannot be told is noted, never guessed. A PDF without a text layer,
  or with one that comes out garbled, is refused: no text recognition is done.

The modules follow the reading: ``pdfium`` (what pdfium gives: characters and rulings as shown),
``chars`` (characters into lines), ``ruled`` (tables with rulings), ``columns`` (tables without
rulings), ``continued`` (tables over a page end) and ``pages`` (page assembly into blocks).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import sha256
from nianbao.loaders.pdf.chars import Char
from nianbao.loaders.pdf.chars import drop_overprints
from nianbao.loaders.pdf.chars import group_lines
from nianbao.loaders.pdf.columns import LabelTest
from nianbao.loaders.pdf.pages import read_pdf
from nianbao.loaders.pdf.pages import unreadable_text
from nianbao.loaders.pdf.pdfium import PageFrame
from nianbao.loaders.pdf.ruled import Edge
from nianbao.loaders.pdf.ruled import find_grids
from nianbao.model.document import Source
from nianbao.reading.assemble import Draft
from nianbao.reading.assemble import draft_document

__all__ = [
    "Char",
    "Edge",
    "LabelTest",
    "PageFrame",
    "PdfLoader",
    "drop_overprints",
    "find_grids",
    "group_lines",
    "label_test",
    "read_pdf",
    "unreadable_text",
]


def label_test(editions: Mapping[str, Edition]) -> LabelTest:
    """Whether a text is a row label of some edition's tables, as ``TableSpec.match_row`` decides."""
    known = {labels.core(text) for edition in editions.values() for table in edition.tables
             for row in table.all_rows() for text in (row.label, *row.variants)}
    known.discard("")
    return lambda text: labels.core(text) in known


class PdfLoader:
    name = "pdf"
    suffixes = (".pdf",)

    def sniff(self, head: bytes) -> bool:
        return head.lstrip()[:5] == b"%PDF-"

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Draft:
        if not data.strip():
            raise LoadError("文件是空的", "the file is empty", reason="empty")
        blocks, title, notes = read_pdf(data, label_test(editions))
        source = Source(path=str(path), format=self.name, sha256=sha256(data))
        draft = draft_document(source, blocks, editions, title_hint=title)
        draft.document.notes[:0] = notes
        return draft
