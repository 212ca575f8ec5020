"""Word reports (.docx): the body in document order, paragraphs and tables as they interleave.

Tables are read from the XML grid rather than python-docx's cell lists so that a merged cell
fills every grid position it covers: ``gridSpan`` across and ``vMerge`` down, the copies marked
``origin=False``. Headings numbered by Word's automatic list numbering get their numbers written
out (一、 （二） 3.) as the reader sees them: each list counts on its own, and a level restarts
when a level above it moves on. Legacy binary files (.doc, .wps) cannot be read and say so.
The package is opened by ``wordpackage``, list numbers are counted by ``wordnumbering``.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path

from lxml import etree
from nianbao.format.editions import Edition
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import check_text_size
from nianbao.loaders.base import sha256
from nianbao.loaders.html import HtmlLoader
from nianbao.loaders.wordml import VAL
from nianbao.loaders.wordml import first_child
from nianbao.loaders.wordml import int_val
from nianbao.loaders.wordml import properties_of
from nianbao.loaders.wordml import w
from nianbao.loaders.wordnumbering import ListNumbering
from nianbao.loaders.wordpackage import read_package
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.model.limits import active_limits
from nianbao.reading.assemble import Draft
from nianbao.reading.assemble import draft_document
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_P, _TBL, _TR, _TC, _SDT = w("p"), w("tbl"), w("tr"), w("tc"), w("sdt")
_T, _TAB, _BR, _CR = w("t"), w("tab"), w("br"), w("cr")
_DEL, _MOVE_FROM = w("del"), w("moveFrom")
_SKIPPED = {_DEL, _MOVE_FROM}
_CUSTOM_XML = w("customXml")
_TR_PR, _GRID_BEFORE, _TC_PR, _GRID_SPAN, _V_MERGE = (
    w("trPr"), w("gridBefore"), w("tcPr"), w("gridSpan"), w("vMerge"))
_SDT_CONTENT = w("sdtContent")
_TITLE_SEARCH = 3  # the title stands among the first paragraphs
_TITLE_MAX = 60


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a ``w:p``: runs, hyperlinks and fields, without deleted revisions."""
    if any(ancestor.tag in _SKIPPED for ancestor in p.iterancestors()):
        return ""  # the whole paragraph stands in a deleted revision
    if next(p.iter(_DEL, _MOVE_FROM), None) is None:
        return _all_text(p)
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        if any(ancestor.tag in _SKIPPED for ancestor in node.iterancestors()):
            continue
        if node.tag == _T:
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == _TAB else "\n")
    return "".join(parts)


def _all_text(p: etree._Element) -> str:
    """The text of a ``w:p`` that holds no deleted revision and stands in none."""
    return "".join([(node.text or "") if node.tag == _T else (" " if node.tag == _TAB else "\n")
                    for node in p.iter(_T, _TAB, _BR, _CR)])


TextOf = Callable[[etree._Element], str]


def _text_reader(body: etree._Element) -> TextOf:
    """How to read the paragraphs under ``body``: a body without tracked deletions (most reports)
    is read without asking, for every piece of text, whether it stands in one."""
    if next(body.iter(_DEL, _MOVE_FROM), None) is None \
            and not any(ancestor.tag in _SKIPPED for ancestor in body.iterancestors()):
        return _all_text
    return paragraph_text


def _join(pieces: list[str]) -> str:
    """Lines of one cell joined: a label that wraps (社会/公益/组织) reads as one label."""
    text = ""
    for piece in pieces:
        piece = piece.strip()
        if text and piece and _is_ascii_word(text[-1]) and _is_ascii_word(piece[0]):
            text += " "
        text += piece
    return text


def _cell_text(tc: etree._Element, numbering: ListNumbering | None, text_of: TextOf,
               found: CellText | None = None) -> str:
    if found is None:  # a cell read on its own: the same pieces, each paragraph opening a line
        text = "".join(["\n" + (numbering.label(p) if numbering is not None else "") + text_of(p)
                        for p in tc.iter(_P)])
    else:
        pieces, starts = found
        if numbering is not None:
            pieces = list(pieces)
            for p, at in starts:
                pieces[at] = "\n" + numbering.label(p)
        text = "".join(pieces)
    if text.count("\n") <= 1:  # most cells: one paragraph (which opens with its line break) on one line
        return text.strip()
    return _join(text.split("\n"))


# A cell read in one pass: the pieces of its text, each paragraph opening with a line break, and
# where each paragraph opens among them (kept only when list numbers are to be written out).
CellText = tuple[list[str], list[tuple[etree._Element, int]]]
Merges = dict[etree._Element, etree._Element]
Rows = list[tuple[etree._Element, list[tuple[etree._Element, CellText | None]]]]


def _cell_paragraphs(tbl: etree._Element, numbered: bool = False) -> tuple[Rows, Merges, Merges] | None:
    """The rows of the table with their cells, each cell's text in pieces, and the cells' merges
    (as :func:`_merges` finds them), read in one pass over the table: asking each row for its cells,
    each cell for its paragraphs and each paragraph for its text costs more than the text, and a
    second walk over the table for the merges costs about a third of the first. None for a table one
    pass cannot read exactly (a table or a cell in a cell, a row or a cell wrapped in a content
    control, a paragraph in a paragraph as in a text box, text outside a paragraph): its cells are
    then read one by one."""
    rows: Rows = []
    spans: Merges = {}
    merges: Merges = {}
    cells: list[tuple[etree._Element, CellText | None]] = []
    tr: etree._Element | None = None
    cell: etree._Element | None = None
    paragraph: etree._Element | None = None
    pieces: list[str] = []
    starts: list[tuple[etree._Element, int]] = []
    for node in tbl.iter(_T, _P, _TC, _TR, _TBL, _TAB, _BR, _CR, _GRID_SPAN, _V_MERGE):
        tag = node.tag
        if tag == _T:
            # most text stands in a run of the paragraph (w:p/w:r/w:t); anything else is looked up
            if paragraph is None or (node.getparent().getparent() is not paragraph
                                     and _enclosing(node) is not paragraph):
                return None
            pieces.append(node.text or "")
        elif tag == _P:
            if cell is None or (node.getparent() is not cell and _enclosing(node) is not cell):
                return None
            paragraph = node
            if numbered:
                starts.append((node, len(pieces)))
            pieces.append("\n")
        elif tag == _TC:
            if node.getparent() is not tr:  # a cell in a content control, or in another cell
                return None
            cell, paragraph, pieces, starts = node, None, [], []
            cells.append((node, (pieces, starts)))
        elif tag == _TR:
            if node.getparent() is not tbl:
                return None
            tr, cell, paragraph, cells = node, None, None, []
            rows.append((node, cells))
        elif tag == _TBL:
            if node is not tbl:  # a table in a cell: found here rather than by a walk of its own
                return None
        elif tag == _GRID_SPAN or tag == _V_MERGE:
            _note_merge(node, spans, merges)
        else:
            if paragraph is None or (node.getparent().getparent() is not paragraph
                                     and _enclosing(node) is not paragraph):
                return None
            pieces.append(" " if tag == _TAB else "\n")
    return rows, spans, merges


def _enclosing(node: etree._Element) -> etree._Element | None:
    """The nearest paragraph, cell or table around ``node``."""
    return next(node.iterancestors(_P, _TC, _TBL), None)


def _read_rows(tbl: etree._Element, text_of: TextOf, numbered: bool) -> tuple[Rows, Merges, Merges]:
    """The rows with their cells, and the cells' merges: in one pass when the table allows it,
    otherwise the cells' paragraphs are left to be read one by one (None in their place)."""
    one_pass = _cell_paragraphs(tbl, numbered) if text_of is _all_text else None
    if one_pass is not None:
        return one_pass
    spans, merges = _merges(tbl)
    rows = [(tr, [(tc, None) for tc in _wrapped_children(tr, _TC)]) for tr in _wrapped_children(tbl, _TR)]
    return rows, spans, merges


def read_table(tbl: etree._Element, number: int, numbering: ListNumbering | None = None,
               text_of: TextOf = paragraph_text) -> RawTable:
    """One ``w:tbl`` as a grid. A cell spanning ``gridSpan`` columns, or continued down by
    ``vMerge``, fills each grid position it covers; only its first position is the origin."""
    table_rows, spans, merges = _read_rows(tbl, text_of, numbering is not None)
    rows: list[list[RawCell]] = []
    above: dict[int, RawCell] = {}  # the origin cell standing at each grid column in the row above
    for row_no, (tr, tcs) in enumerate(table_rows, start=1):
        tr_pr = properties_of(tr, _TR_PR)
        col = int_val(first_child(tr_pr, _GRID_BEFORE) if tr_pr is not None else None, 0)
        where = f"table[{number}]/row[{row_no}]/cell["
        row: list[RawCell] = [
            RawCell("", SourceRef(locator=f"{where}{c + 1}]"), origin=False) for c in range(col)]
        current: dict[int, RawCell] = {}
        for tc, found in tcs:
            span_prop = spans.get(tc) if spans else None
            span = 1 if span_prop is None else max(1, int_val(span_prop, 1))
            v_merge = merges.get(tc) if merges else None
            continued = v_merge is not None and v_merge.get(VAL, "continue") == "continue"
            ref = SourceRef(locator=f"{where}{col + 1}]")
            if continued and col in above:
                origin = above[col]
                cell = RawCell(origin.text, ref, origin=False)
                current[col] = origin
            else:
                cell = RawCell(_cell_text(tc, numbering, text_of, found), ref)
                current[col] = cell
            row.append(cell)
            for extra in range(1, span):
                row.append(RawCell(cell.text, SourceRef(locator=f"{where}{col + extra + 1}]"), origin=False))
                current[col + extra] = current[col]
            col += span
        above = current
        rows.append(row)
    return RawTable(rows=rows, ref=SourceRef(locator=f"table[{number}]"), kind="grid")


def _merges(tbl: etree._Element) -> tuple[Merges, Merges]:
    """The ``gridSpan`` and the ``vMerge`` of each cell of the table that has one, found in one pass
    over the table: most cells have neither, and asking each cell for them costs more."""
    spans: Merges = {}
    merges: Merges = {}
    for prop in tbl.iter(_GRID_SPAN, _V_MERGE):
        _note_merge(prop, spans, merges)
    return spans, merges


def _note_merge(prop: etree._Element, spans: Merges, merges: Merges) -> None:
    """Keep a ``gridSpan`` or ``vMerge`` as its cell's, when it is the first in the cell's own properties."""
    tc_pr = prop.getparent()
    tc = tc_pr.getparent() if tc_pr is not None and tc_pr.tag == _TC_PR else None
    # only the cell's own properties count (not a tracked change's record of earlier ones)
    if tc is None or tc.tag != _TC or properties_of(tc, _TC_PR) is not tc_pr:
        return
    found = spans if prop.tag == _GRID_SPAN else merges
    if tc not in found:
        found[tc] = prop


def _wrapped_children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, also those wrapped in a content control or custom XML: a row or
    cell skipped there would shift every cell after it."""
    for child in parent.iterchildren(tag, _SDT, _CUSTOM_XML):
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _wrapped_children(content, tag)
        else:
            yield from _wrapped_children(child, tag)


def _body_elements(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of the body in order; content controls are looked into."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _body_elements(content)


# --- the body ----------------------------------------------------------------------------------------


def read_blocks(
    body: etree._Element, numbering: ListNumbering | None = None,
) -> tuple[list[Block], str | None]:
    """Blocks in document order, and the title: the opening paragraphs up to the one naming the report.

    Headings numbered by Word's automatic numbering (一、 （一）) get their numbers written out, as
    the reader sees them, so that sections are found by their markers as in any other format.
    """
    blocks: list[Block] = []
    paragraph_no = table_no = 0
    opening: list[str] = []
    text_of = _text_reader(body)
    for element in _body_elements(body):
        if element.tag == _TBL:
            table_no += 1
            blocks.append(read_table(element, table_no, numbering, text_of))
            continue
        paragraph_no += 1
        label = numbering.label(element) if numbering is not None else ""
        for line in (label + text_of(element)).split("\n"):
            text = line.strip()
            if text:
                blocks.append(Paragraph(text, SourceRef(locator=f"paragraph[{paragraph_no}]")))
                if len(opening) < _TITLE_SEARCH and not table_no:
                    opening.append(text)
    title = None
    for index, text in enumerate(opening):
        if "报告" in text and len(text) <= _TITLE_MAX and not text.endswith("。"):
            title = "".join(opening[: index + 1]) if index and len(opening[index - 1]) <= 30 else text
            break
    return blocks, title


def legacy_format(data: bytes) -> bool:
    return data.startswith(_OLE_MAGIC) or data.lstrip().startswith(b"{\\rtf")


class DocxLoader:
    name = "docx"
    suffixes = (".docx", ".doc", ".wps")

    def sniff(self, head: bytes) -> bool:
        return head.startswith(_ZIP_MAGIC) and b"word/" in head

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Draft:
        if not data.strip():
            raise LoadError("文件是空的", "the file is empty", reason="empty")
        if not data.startswith(_ZIP_MAGIC) and not legacy_format(data):
            web_page = HtmlLoader()
            # Word's "save as web page" kept the .doc name: common on government sites
            if web_page.sniff(data[:2048]):
                check_text_size(data, active_limits())
                return web_page.load(path, data, editions)
        named_legacy = path.suffix.lower() in (".doc", ".wps") and not data.startswith(_ZIP_MAGIC)
        if legacy_format(data) or named_legacy:
            raise LoadError(
                "这是旧版 Word（.doc）或 WPS（.wps）格式的文件，无法直接读取："
                "请用 Word 或 WPS 打开后另存为 .docx 再检查",
                "this is a legacy Word (.doc) or WPS (.wps) file, which cannot be read: open it in Word or "
                "WPS, save it as .docx and check that file", reason="format")
        try:
            parts = read_package(data)
            numbering = ListNumbering.of(parts.numbering, parts.styles)
        except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, zlib.error, EOFError,
                NotImplementedError, RuntimeError) as exc:
            raise LoadError(f"DOCX 文件已损坏或不是 Word 文档，无法读取（{exc}）",
                            f"the DOCX is damaged or not a Word document and cannot be read ({exc})",
                            reason="unreadable") from exc
        blocks, title = read_blocks(parts.body, numbering)
        source = Source(path=str(path), format=self.name, sha256=sha256(data))
        return draft_document(source, blocks, editions, title_hint=title)
