"""Page assembly: each page's ruled tables, text tables and lines in reading order, paragraphs
rebuilt from lines, and the whole PDF read into blocks, a title and notes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from statistics import median

import pypdfium2
from nianbao.loaders.base import LoadError
from nianbao.loaders.pdf.chars import Char
from nianbao.loaders.pdf.chars import Line
from nianbao.loaders.pdf.chars import group_lines
from nianbao.loaders.pdf.chars import is_ascii_word
from nianbao.loaders.pdf.columns import LabelTest
from nianbao.loaders.pdf.columns import ends_table
from nianbao.loaders.pdf.columns import is_number
from nianbao.loaders.pdf.columns import is_table_line
from nianbao.loaders.pdf.columns import piece_texts
from nianbao.loaders.pdf.columns import text_table_rows
from nianbao.loaders.pdf.continued import continue_table
from nianbao.loaders.pdf.continued import number_tables
from nianbao.loaders.pdf.pdfium import open_pdf
from nianbao.loaders.pdf.pdfium import page_chars
from nianbao.loaders.pdf.pdfium import page_edges
from nianbao.loaders.pdf.ruled import Grid
from nianbao.loaders.pdf.ruled import find_grids
from nianbao.loaders.pdf.ruled import grid_table
from nianbao.model.document import Note
from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawTable

_PAGE_NUMBER = re.compile(
    r"^[\s\-－—–~～]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-－—–~～]*$"
)
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）])")


@dataclass(slots=True)
class _PageItem:
    page: int
    top: float
    block: Line | RawTable
    columns: list[float] = field(default_factory=list)  # a ruled table's column rulings

    @property
    def position(self) -> tuple[int, float]:
        return self.page, self.top


def _is_page_number(line: Line, page_height: float) -> bool:
    """A page number stands alone in the top or bottom margin; a number alone elsewhere may be a
    table value pushed onto a line of its own."""
    in_margin = line.bottom < 0.1 * page_height or line.top > 0.85 * page_height
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _page_items(page_no: int, page_height: float, chars: list[Char], grids: list[Grid]) -> list[_PageItem]:
    items: list[_PageItem] = []
    boxes = [grid.bbox for grid in grids]
    inside: list[list[Char]] = [[] for _ in grids]  # a character may stand in overlapping grids
    outside: list[Char] = []
    for char in chars:
        cx, cy = char.cx, char.cy
        placed = False
        for index, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside[index].append(char)
                placed = True
        if not placed:
            outside.append(char)
    for grid, grid_chars in zip(grids, inside, strict=True):
        table = grid_table(grid, grid_chars, page_no)
        items.append(_PageItem(page_no, grid.ys[0], table, grid.xs))
    for line in group_lines(outside):
        if not _is_page_number(line, page_height):
            line.page = page_no
            items.append(_PageItem(page_no, line.top, line))
    items.sort(key=lambda item: item.top)
    return items


def _text_tables(items: list[_PageItem], known_label: LabelTest, notes: list[Note]) -> list[_PageItem]:
    """Runs of lines that hold a label and numbers in separate columns become text tables. A run
    goes on over a page end, so that a row the page end cut keeps its label."""
    result: list[_PageItem] = []
    run: list[Line] = []
    heights = [i.block.height for i in items if isinstance(i.block, Line)]
    body_height = median(heights) if heights else 10.0

    def flush() -> None:
        nonlocal run
        while run and not is_table_line(run[-1]):  # trailing lines belong to the text after
            tail = run.pop()
            result.append(_PageItem(tail.page, tail.top, tail))
        numbered = [line for line in run if is_table_line(line)]
        if len(numbered) >= 2 or (numbered and len(piece_texts(numbered[0])) >= 3):
            rows = text_table_rows(run, known_label, notes)
            table = RawTable(rows=rows, ref=SourceRef(page=run[0].page), kind="text")
            result.append(_PageItem(run[0].page, run[0].top, table))
        else:
            result.extend(_PageItem(line.page, line.top, line) for line in run)
        result.sort(key=lambda item: item.position)
        run = []

    for item in items:
        block = item.block
        if isinstance(block, Line):
            if run and not ends_table(block, run[-1], body_height):
                run.append(block)
                continue
            if run:
                flush()
            if is_table_line(block) or len(piece_texts(block)) >= 2:
                run.append(block)
                continue
        elif run:
            flush()
        result.append(item)
    if run:
        flush()
    return result


def _paragraphs(lines: list[tuple[int, Line]], left: dict[int, float], right: dict[int, float],
                body_height: float) -> Iterator[Paragraph]:
    """Lines joined into paragraphs. A paragraph ends at a short line; a new one starts at an
    indented line or a numbered heading. A paragraph may run on across a page break."""
    current: list[tuple[int, Line]] = []

    def emit() -> Iterator[Paragraph]:
        if current:
            page_no = current[0][0]
            text = ""
            for _, line in current:
                piece = line.text
                if text and is_ascii_word(text[-1]) and is_ascii_word(piece[0]):
                    text += " "
                text += piece
            locator = f"page {page_no}, line {current[0][1].top:.0f}pt"
            yield Paragraph(text, SourceRef(page=page_no, locator=locator))

    for page_no, line in lines:
        starts = (
            not current
            or line.x0 > left[page_no] + 0.8 * body_height
            or _HEADING.match(line.text) is not None
            or current[-1][1].x1 < right[current[-1][0]] - 1.5 * body_height
            or (current[-1][0] == page_no and line.top - current[-1][1].bottom > 1.5 * body_height)
            or abs(line.height - current[-1][1].height) > 0.3 * body_height
        )
        if starts:
            yield from emit()
            current = []
        current.append((page_no, line))
    yield from emit()


def read_pdf(data: bytes, known_label: LabelTest = lambda text: False,
             rulings: bool = True) -> tuple[list[Block], str | None, list[Note]]:
    """Blocks in reading order, the title (the large-type lines that open the report) and notes.

    ``known_label`` tells a label of the format's tables, to join a label that wraps in a table
    without rulings; ``rulings=False`` ignores ruled lines, so that every table is rebuilt from its
    columns.
    """
    document = open_pdf(data)
    try:
        pages = []
        for page_index in range(len(document)):
            page = document[page_index]
            try:
                chars = page_chars(page)
                grids = find_grids(page_edges(page)) if rulings else []
                pages.append((page_index + 1, page.get_size()[1], chars, grids))
            finally:
                page.close()
    except pypdfium2.PdfiumError as exc:
        raise LoadError(f"PDF 文件已损坏，无法解析（{exc}）",
                        f"the PDF is damaged and cannot be parsed ({exc})", reason="unreadable") from exc
    finally:
        document.close()
    if unreadable_text([c for _, _, chars, _ in pages for c in chars]):
        raise LoadError("PDF 的文本层无法解读（字体缺少字符映射，提取出的是乱码），"
                        "请提供含正常文字的 PDF、DOCX 或网页版",
                        "the PDF's text layer cannot be decoded (its fonts lack a character map, so the text "
                        "comes out garbled); give a PDF with proper text, a DOCX or the web page",
                        reason="no-text")
    if not any(chars for _, _, chars, _ in pages):
        raise LoadError("PDF 没有文本层（可能是扫描件或图片），本工具不做文字识别，"
                        "请提供含文字的 PDF、DOCX 或网页版",
                        "the PDF has no text layer (a scan or images); text recognition is not done, so give "
                        "a PDF with text, a DOCX or the web page", reason="no-text")
    notes = [
        Note(code="page-without-text", ref=SourceRef(page=page_no),
             message=f"第{page_no}页没有文本层（可能是扫描图片），该页内容未读取",
             message_en=(f"page {page_no} has no text layer (possibly a scanned image); "
                         "its content was not read"))
        for page_no, _, chars, _ in pages if not chars
    ]
    page_items = [item for page_no, height, chars, grids in pages
                  for item in _page_items(page_no, height, chars, grids)]
    items = [(item.page, item) for item in _text_tables(page_items, known_label, notes)]
    lines = [(p, i.block) for p, i in items if isinstance(i.block, Line)]
    body_height = median([line.height for _, line in lines]) if lines else 10.0
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for page_no, line in lines:
        left[page_no] = min(left.get(page_no, line.x0), line.x0)
        right[page_no] = max(right.get(page_no, line.x1), line.x1)
    title_lines = []
    for _, line in lines:
        if line.height > 1.2 * body_height:
            title_lines.append(line.text)
        else:
            break
    blocks: list[Block] = []
    run: list[tuple[int, Line]] = []
    previous_table: tuple[int, RawTable, list[float]] | None = None
    for page_no, item in items:
        if isinstance(item.block, Line):
            run.append((page_no, item.block))
            continue
        blocks.extend(_paragraphs(run, left, right, body_height))
        table = item.block
        # A table that opens a page, right after a table that closed the page before, is its
        # continuation: the page end, not the author, broke it.
        if not run and previous_table is not None and previous_table[0] == page_no - 1 \
                and previous_table[1].kind == table.kind:
            columns = continue_table(previous_table[1], table, previous_table[2], item.columns)
            previous_table = (page_no, previous_table[1], columns)
        else:
            blocks.append(table)
            previous_table = (page_no, table, item.columns)
        run = []
    blocks.extend(_paragraphs(run, left, right, body_height))
    number_tables(blocks)
    notes += _unlabelled_rows(blocks, known_label)
    return blocks, "".join(title_lines) or None, notes


def _unlabelled_rows(blocks: list[Block], known_label: LabelTest) -> list[Note]:
    """Rows of numbers in a ruled table of the format whose label is not one the format knows
    (cut off at the page edge, or garbled): the reader cannot place them, so they are noted
    rather than dropped in silence."""
    notes = []
    for table in blocks:
        if not isinstance(table, RawTable) or table.kind != "grid":
            continue
        labelled = [row for row in table.rows if any(c.origin and known_label(c.text) for c in row)]
        if len(labelled) < 2:
            continue  # not a table of the format
        for row in table.rows:
            cells = [c for c in row if c.origin and c.text]
            texts = [c.text for c in cells if not is_number(c.text)]
            numbers = [c.text for c in cells if is_number(c.text)]
            if texts and numbers and not any(known_label(t) for t in texts):
                ref = cells[0].ref
                values = " ".join(numbers)
                label = "".join(texts)
                notes.append(Note(
                    code="row-label-unreadable", ref=SourceRef(page=ref.page, locator=ref.locator),
                    message=(f"第{ref.page}页表格中数值为“{values}”的一行，其行标签“{label}”"
                             "不是格式中的行名，未读取该行"),
                    message_en=(f"on page {ref.page}, the row with the values “{values}” has the label "
                                f"“{label}”, which names no row of the format; the row was not read"),
                ))
    return notes


_GARBLED = re.compile("[\ue000-\uf8ff\ufffd\x00-\x1f]")


def unreadable_text(chars: list[Char]) -> bool:
    """Text whose fonts carry no character map comes out as private-use or replacement
    characters; when most of it does, nothing in it can be trusted."""
    if len(chars) < 20:
        return False
    texts = [c.text for c in chars]
    if set(map(len, texts)) == {1}:  # one letter each, as pdfium gives them: counted in one pass
        garbled = len(_GARBLED.findall("".join(texts)))
    else:
        garbled = sum(1 for c in chars
                      if "\ue000" <= c.text <= "\uf8ff" or c.text == "\ufffd" or ord(c.text) < 32)
    return garbled > 0.3 * len(chars)
