"""Word reports (.docx): the body in document order, paragraphs and tables as they interleave.

Tables are read from the XML grid rather than python-docx's cell lists so that a merged cell
fills every grid position it covers: ``gridSpan`` across and ``vMerge`` down, the copies marked
``origin=False``. Legacy binary files (.doc, .wps) cannot be read and say so.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path

import docx
import docx.opc.exceptions
from docx.oxml.ns import qn
from lxml import etree
from nianbao.document import Document
from nianbao.document import Paragraph
from nianbao.document import Source
from nianbao.document import SourceRef
from nianbao.editions import Edition
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import sha256
from nianbao.reading import Block
from nianbao.reading import RawCell
from nianbao.reading import RawTable
from nianbao.reading import build_document

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_P, _TBL, _TR, _TC, _SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_DEL = qn("w:del")
_VAL = qn("w:val")
_TITLE_SEARCH = 3  # the title stands among the first paragraphs
_TITLE_MAX = 60


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a ``w:p``: runs, hyperlinks and fields, without deleted revisions."""
    parts: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        if any(ancestor.tag == _DEL for ancestor in node.iterancestors()):
            continue
        if node.tag == _T:
            parts.append(node.text or "")
        else:
            parts.append(" " if node.tag == _TAB else "\n")
    return "".join(parts)


def _join(pieces: list[str]) -> str:
    """Lines of one cell joined: a label that wraps (社会/公益/组织) reads as one label."""
    text = ""
    for piece in pieces:
        piece = piece.strip()
        if text and piece and _is_ascii_word(text[-1]) and _is_ascii_word(piece[0]):
            text += " "
        text += piece
    return text


def _cell_text(tc: etree._Element) -> str:
    lines: list[str] = []
    for p in tc.iter(_P):
        lines.extend(paragraph_text(p).split("\n"))
    return _join(lines)


def _int_attr(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


def read_table(tbl: etree._Element, number: int) -> RawTable:
    """One ``w:tbl`` as a grid. A cell spanning ``gridSpan`` columns, or continued down by
    ``vMerge``, fills each grid position it covers; only its first position is the origin."""
    rows: list[list[RawCell]] = []
    above: dict[int, RawCell] = {}  # the origin cell standing at each grid column in the row above
    for row_no, tr in enumerate(tbl.iterchildren(_TR), start=1):
        tr_pr = tr.find(qn("w:trPr"))
        col = _int_attr(tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None, 0)
        row: list[RawCell] = [RawCell("", SourceRef(locator=f"table[{number}]/row[{row_no}]/cell[{c + 1}]"), origin=False)
                              for c in range(col)]
        current: dict[int, RawCell] = {}
        for tc in tr.iterchildren(_TC):
            tc_pr = tc.find(qn("w:tcPr"))
            span = max(1, _int_attr(tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None, 1))
            v_merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continued = v_merge is not None and v_merge.get(_VAL, "continue") == "continue"
            ref = SourceRef(locator=f"table[{number}]/row[{row_no}]/cell[{col + 1}]")
            if continued and col in above:
                origin = above[col]
                cell = RawCell(origin.text, ref, origin=False)
                current[col] = origin
            else:
                cell = RawCell(_cell_text(tc), ref)
                current[col] = cell
            row.append(cell)
            for extra in range(1, span):
                row.append(RawCell(cell.text, SourceRef(locator=f"table[{number}]/row[{row_no}]/cell[{col + extra + 1}]"),
                                   origin=False))
                current[col + extra] = current[col]
            col += span
        above = current
        rows.append(row)
    return RawTable(rows=rows, ref=SourceRef(locator=f"table[{number}]"), kind="grid")


def _body_elements(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables of the body in order; content controls are looked into."""
    for child in parent.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _body_elements(content)


def read_blocks(body: etree._Element) -> tuple[list[Block], str | None]:
    """Blocks in document order, and the title: the opening paragraphs up to the one naming the report."""
    blocks: list[Block] = []
    paragraph_no = table_no = 0
    opening: list[str] = []
    for element in _body_elements(body):
        if element.tag == _TBL:
            table_no += 1
            blocks.append(read_table(element, table_no))
            continue
        paragraph_no += 1
        for line in paragraph_text(element).split("\n"):
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

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Document:
        if not data.strip():
            raise LoadError("文件是空的", "the file is empty", reason="empty")
        if legacy_format(data) or (path.suffix.lower() in (".doc", ".wps") and not data.startswith(_ZIP_MAGIC)):
            raise LoadError(
                "这是旧版 Word（.doc）或 WPS（.wps）格式的文件，无法直接读取：请用 Word 或 WPS 打开后另存为 .docx 再检查",
                "this is a legacy Word (.doc) or WPS (.wps) file, which cannot be read: open it in Word or WPS, "
                "save it as .docx and check that file", reason="format")
        try:
            body = docx.Document(io.BytesIO(data)).element.body
        except (zipfile.BadZipFile, docx.opc.exceptions.PackageNotFoundError, KeyError, ValueError,
                etree.XMLSyntaxError) as exc:
            raise LoadError(f"DOCX 文件已损坏或不是 Word 文档，无法读取（{exc}）",
                            f"the DOCX is damaged or not a Word document and cannot be read ({exc})",
                            reason="unreadable") from exc
        blocks, title = read_blocks(body)
        source = Source(path=str(path), format=self.name, sha256=sha256(data))
        return build_document(source, blocks, editions, title_hint=title)
