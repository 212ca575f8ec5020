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
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from statistics import median

import pypdfium2
import pypdfium2.raw as pdfium_c
from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import sha256
from nianbao.model.document import Note
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.reading.assemble import Draft
from nianbao.reading.assemble import draft_document
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable

_TOL = 3.0  # points: rulings closer than this are one line
_THIN = 3.0  # a path no wider (or taller) than this is a ruling, not a filled area
_PAGE_NUMBER = re.compile(
    r"^[\s\-－—–~～]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-－—–~～]*$"
)
_NUMBER_TOKEN = re.compile(r"^[+\-−－]?\d[\d,]*(?:\.\d+)?$")
LabelTest = Callable[[str], bool]
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十]+\s*[)）])")


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    chars: list[Char]
    top: float = 0.0
    bottom: float = 0.0
    page: int = 0

    def __post_init__(self) -> None:
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)

    def add(self, char: Char) -> None:
        self.chars.append(char)
        self.top = min(self.top, char.top)
        self.bottom = max(self.bottom, char.bottom)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def height(self) -> float:
        return median(c.bottom - c.top for c in self.chars)

    def pieces(self, gap: float) -> list[list[Char]]:
        """The runs of characters separated by more than ``gap`` points."""
        runs: list[list[Char]] = [[self.chars[0]]]
        for char in self.chars[1:]:
            if char.x0 - runs[-1][-1].x1 > gap:
                runs.append([char])
            else:
                runs[-1].append(char)
        return runs

    @property
    def text(self) -> str:
        return _join_chars(self.chars)


@dataclass(frozen=True, slots=True)
class Edge:
    """A ruling: horizontal at ``pos`` (y) from ``start`` to ``end`` (x), or vertical at ``pos`` (x)."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass(slots=True)
class Grid:
    """A ruled table: the distinct column (``xs``) and row (``ys``) rulings, and for each grid cell
    the merged cell (its top-left grid position) it belongs to."""

    xs: list[float]
    ys: list[float]
    owner: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def contains(self, char: Char) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 <= char.cx <= x1 and top <= char.cy <= bottom

    def cell_of(self, char: Char) -> tuple[int, int] | None:
        row = _index_between(self.ys, char.cy)
        col = _index_between(self.xs, char.cx)
        if row is None or col is None:
            return None
        return row, col


def _index_between(bounds: list[float], value: float) -> int | None:
    for index in range(len(bounds) - 1):
        if bounds[index] <= value <= bounds[index + 1]:
            return index
    return None


def _is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _join_chars(chars: list[Char]) -> str:
    """Characters of one line in order. A wide gap between two Latin letters or digits is a word
    space; between Chinese characters it is only justification."""
    if not chars:
        return ""
    height = median(c.bottom - c.top for c in chars)
    parts = [chars[0].text]
    for before, char in zip(chars, chars[1:], strict=False):
        between_words = _is_ascii_word(before.text[-1]) and _is_ascii_word(char.text[0])
        if char.x0 - before.x1 > 0.6 * height and between_words:
            parts.append(" ")
        parts.append(char.text)
    return "".join(parts)


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines: a character joins the line whose vertical middle it shares.
    Marks that sit high or low in the line (quotes, commas) join the line they stand beside."""
    if not chars:
        return []
    typical = median(c.bottom - c.top for c in chars)
    small = [c for c in chars if c.bottom - c.top < 0.6 * typical]
    lines: list[Line] = []
    for char in sorted((c for c in chars if c.bottom - c.top >= 0.6 * typical), key=lambda c: (c.cy, c.x0)):
        if lines:
            last = lines[-1]
            middle = (last.top + last.bottom) / 2
            if abs(char.cy - middle) <= 0.35 * max(last.bottom - last.top, char.bottom - char.top):
                last.add(char)
                continue
        lines.append(Line([char]))
    for char in small:
        beside = [line for line in lines
                  if line.top - 0.3 * typical <= char.cy <= line.bottom + 0.3 * typical]
        if beside:
            min(beside, key=lambda line: abs(char.cy - (line.top + line.bottom) / 2)).add(char)
        else:
            lines.append(Line([char]))
    lines.sort(key=lambda line: line.top)
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
    return lines


def _cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines joined. A label that wraps, or is set one character per line,
    reads as one label."""
    text = ""
    for line in group_lines(chars):
        piece = line.text.strip()
        if text and piece and _is_ascii_word(text[-1]) and _is_ascii_word(piece[0]):
            text += " "
        text += piece
    return text


# --- reading the PDF -------------------------------------------------------------------------------


def _open(data: bytes) -> pypdfium2.PdfDocument:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise LoadError("文件不是 PDF（缺少 %PDF- 文件头）", "the file is not a PDF (no %PDF- header)",
                        reason="format")
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        detail = str(exc)
        if "password" in detail.lower():
            raise LoadError("PDF 文件有密码保护，无法读取",
                            "the PDF is password-protected and cannot be read", reason="unreadable") from exc
        raise LoadError(f"PDF 文件已损坏，无法解析（{detail}）",
                        f"the PDF is damaged and cannot be parsed ({detail})", reason="unreadable") from exc


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Turns PDF user space (y up, before the page's /Rotate) into the page as it is shown:
    top-down, origin at the top left, rotation applied."""

    rotation: int
    width: float  # of user space, before rotation
    height: float

    @classmethod
    def of(cls, page: pypdfium2.PdfPage) -> PageFrame:
        rotation = page.get_rotation() % 360
        shown_width, shown_height = page.get_size()
        if rotation in (90, 270):
            return cls(rotation, shown_height, shown_width)
        return cls(rotation, shown_width, shown_height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """``(x0, top, x1, bottom)`` as shown."""
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` and then ``outer``."""
    a, b, c, d, e, f = inner
    x0, y0 = _apply(outer, e, f)
    ax, ay = _apply(outer, a, b)
    cx, cy = _apply(outer, c, d)
    ox, oy = _apply(outer, 0.0, 0.0)
    return ax - ox, ay - oy, cx - ox, cy - oy, x0, y0


def page_chars(page: pypdfium2.PdfPage) -> list[Char]:
    """Every drawn character with its box, as the page is shown (top-down, rotation applied)."""
    frame = PageFrame.of(page)
    upright, height = frame.rotation == 0, frame.height  # the common case, kept fast
    textpage = page.get_textpage()
    chars = []
    try:
        handle = textpage.raw
        left, bottom, right, top = (ctypes.c_double() for _ in range(4))
        for index in range(textpage.count_chars()):
            # pdfium's generated characters are the spaces and line ends it infers: skipped with
            # the other white space, since spacing is worked out here from the boxes
            code = pdfium_c.FPDFText_GetUnicode(handle, index)
            if code == 0 or chr(code).isspace() or code == 0xFFFE:
                continue
            pdfium_c.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
            if right.value <= left.value and top.value <= bottom.value:
                continue
            if upright:
                chars.append(Char(chr(code), left.value, height - top.value, right.value,
                                  height - bottom.value))
            else:
                chars.append(Char(chr(code), *frame.box(left.value, bottom.value, right.value, top.value)))
    finally:
        textpage.close()
    return drop_overprints(chars)


def drop_overprints(chars: list[Char]) -> list[Char]:
    """Characters drawn twice at almost the same place (a bold face imitated by printing the text
    again a fraction of a point aside) are one character, not two."""
    seen: dict[tuple[str, int, int], list[Char]] = {}
    kept = []
    for char in chars:
        size = max(char.bottom - char.top, char.x1 - char.x0, 1.0)
        column, row = int(char.x0 // size), int(char.top // size)
        if not _has_twin(seen, char, column, row, 0.3 * size):
            seen.setdefault((char.text, column, row), []).append(char)
            kept.append(char)
    return kept


def _has_twin(
    seen: dict[tuple[str, int, int], list[Char]], char: Char, column: int, row: int, near: float,
) -> bool:
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in seen.get((char.text, column + dx, row + dy), ()):
                if abs(other.x0 - char.x0) < near and abs(other.top - char.top) < near:
                    return True
    return False


def page_edges(page: pypdfium2.PdfPage) -> list[Edge]:
    """The page's rulings: stroked lines and rectangle outlines, and thin filled bars, also those
    drawn inside form XObjects, as the page is shown."""
    edges: list[Edge] = []
    handle = page.raw
    objects = [pdfium_c.FPDFPage_GetObject(handle, i) for i in range(pdfium_c.FPDFPage_CountObjects(handle))]
    _collect_edges(objects, _IDENTITY, PageFrame.of(page), edges, depth=0)
    return edges


_FORM_DEPTH = 8


def _collect_edges(objects: list, matrix: Matrix, frame: PageFrame, edges: list[Edge], depth: int) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            # a form's own objects stand in the form's space; its matrix places them on the page
            form = pdfium_c.FS_MATRIX()
            if not pdfium_c.FPDFPageObj_GetMatrix(obj, form):
                continue
            inner = _compose((form.a, form.b, form.c, form.d, form.e, form.f), matrix)
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(count)]
            _collect_edges(children, inner, frame, edges, depth + 1)
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        corners = [_apply(matrix, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        x0, y0, x1, y1 = frame.box(min(xs), min(ys), max(xs), max(ys))
        width, tall = x1 - x0, y1 - y0
        pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        thin = width <= _THIN or tall <= _THIN
        if not stroke.value:
            if not (fill_mode.value and thin):
                continue
            pdfium_c.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha)
            if min(red.value, green.value, blue.value) > 200 or alpha.value == 0:
                continue  # a white bar is background, not a ruling
        if tall <= _THIN and width > _THIN:
            edges.append(Edge(True, (y0 + y1) / 2, x0, x1))
        elif width <= _THIN and tall > _THIN:
            edges.append(Edge(False, (x0 + x1) / 2, y0, y1))
        elif stroke.value and not thin:
            edges += [Edge(True, y0, x0, x1), Edge(True, y1, x0, x1),
                      Edge(False, x0, y0, y1), Edge(False, x1, y0, y1)]


def _cluster(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= _TOL:
            continue
        result.append(value)
    return result


def _touches(h: Edge, v: Edge) -> bool:
    return h.start - _TOL <= v.pos <= h.end + _TOL and v.start - _TOL <= h.pos <= v.end + _TOL


def find_grids(edges: list[Edge]) -> list[Grid]:
    """Group rulings that cross or meet into tables, and work out each table's merged cells."""
    horizontal = [e for e in edges if e.horizontal]
    vertical = [e for e in edges if not e.horizontal]
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {id(e): i for i, e in enumerate(edges)}
    for h in horizontal:
        for v in vertical:
            if _touches(h, v):
                parent[find(index[id(h)])] = find(index[id(v)])
    groups: dict[int, list[Edge]] = {}
    for i, edge in enumerate(edges):
        groups.setdefault(find(i), []).append(edge)
    grids = []
    for members in groups.values():
        hs = [e for e in members if e.horizontal]
        vs = [e for e in members if not e.horizontal]
        xs, ys = _cluster([e.pos for e in vs]), _cluster([e.pos for e in hs])
        if len(xs) < 2 or len(ys) < 2:
            continue
        grids.append(_merge_cells(Grid(xs, ys), hs, vs))
    return sorted(grids, key=lambda g: g.ys[0])


def _covers(edges: list[Edge], pos: float, start: float, end: float) -> bool:
    margin = min(_TOL, (end - start) / 3)
    return any(abs(e.pos - pos) <= _TOL and e.start <= start + margin and e.end >= end - margin
               for e in edges)


def _merge_cells(grid: Grid, hs: list[Edge], vs: list[Edge]) -> Grid:
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    parent = {(r, c): (r, c) for r in range(rows) for c in range(cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(rows):
        for c in range(1, cols):
            if not _covers(vs, grid.xs[c], grid.ys[r], grid.ys[r + 1]):
                union((r, c - 1), (r, c))
    for r in range(1, rows):
        for c in range(cols):
            if not _covers(hs, grid.ys[r], grid.xs[c], grid.xs[c + 1]):
                union((r - 1, c), (r, c))
    grid.owner = {cell: find(cell) for cell in parent}
    return grid


# --- blocks ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _PageItem:
    page: int
    top: float
    block: Line | RawTable
    columns: list[float] = field(default_factory=list)  # a ruled table's column rulings

    @property
    def position(self) -> tuple[int, float]:
        return self.page, self.top


def _grid_table(grid: Grid, chars: list[Char], page_no: int) -> RawTable:
    texts: dict[tuple[int, int], list[Char]] = {}
    for char in chars:
        cell = grid.cell_of(char)
        if cell is not None:
            texts.setdefault(grid.owner[cell], []).append(char)
    rows: list[list[RawCell]] = []
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            owner = grid.owner[(r, c)]
            row.append(RawCell(_cell_text(texts.get(owner, [])), SourceRef(page=page_no),
                               origin=owner == (r, c)))
        rows.append(row)
    return RawTable(rows=rows, ref=SourceRef(page=page_no), kind="grid")


def _is_page_number(line: Line, page_height: float) -> bool:
    """A page number stands alone in the top or bottom margin; a number alone elsewhere may be a
    table value pushed onto a line of its own."""
    in_margin = line.bottom < 0.1 * page_height or line.top > 0.85 * page_height
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _pieces(line: Line) -> list[str]:
    return [_join_chars(p) for p in line.pieces(1.2 * line.height)]


def _is_number(text: str) -> bool:
    return bool(_NUMBER_TOKEN.match(text))


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    x0: float
    x1: float


def _line_pieces(line: Line) -> list[_Piece]:
    return [_Piece(_join_chars(p), p[0].x0, max(c.x1 for c in p)) for p in line.pieces(1.2 * line.height)]


def _has_number(pieces: list[_Piece]) -> bool:
    return any(_is_number(p.text) for p in pieces)


def _text_table_rows(lines: list[Line], known_label: LabelTest, notes: list[Note]) -> list[list[RawCell]]:
    """Rows of a table without rulings: each line split where its characters leave a wide gap.

    A label that wraps leaves parts of itself on the lines above and below its numbers (above
    when the numbers stand in the middle of a tall row). Those parts that stand in the label's
    column are joined to it, and the longest joined text that is a label the format knows is the
    row's label: a label cut short can name another row ("2.其他" for "2.其他法律行政法规禁止公开").
    Lines of several pieces with no number (column headers) are kept as rows of their own.
    """
    pieces = [_line_pieces(line) for line in lines]
    numbered = [i for i, p in enumerate(pieces) if _has_number(p)]
    rows: list[list[RawCell]] = []
    used: set[int] = set()
    for position, index in enumerate(numbered):
        previous = numbered[position - 1] if position else -1
        following = numbered[position + 1] if position + 1 < len(numbered) else len(lines)
        page_no = lines[index].page
        for header in range(previous + 1, index):
            if len(pieces[header]) > 1:
                rows.append([RawCell(p.text, SourceRef(page=page_no)) for p in pieces[header]])
        first = next(i for i, p in enumerate(pieces[index]) if _is_number(p.text))
        groups, numbers = pieces[index][:first], pieces[index][first:]
        above = [i for i in range(previous + 1, index) if i not in used]
        below = list(range(index + 1, following))
        if groups:
            label, chosen = _joined_label(groups[-1], above, below, pieces, known_label)
            groups = groups[:-1]
        else:
            label, chosen = _bare_label(above, below, lines, known_label)
        used.update(chosen)
        if not label and len(numbers) >= 3 and not any(p.text.strip() for p in groups):
            # a row of numbers alone, such as 表四's: its header rows above say which table it is
            rows.append([RawCell(p.text, SourceRef(page=page_no)) for p in numbers])
            continue
        if not known_label(label):
            values = " ".join(p.text for p in numbers)
            notes.append(Note(
                code="row-label-unreadable", ref=SourceRef(page=page_no),
                message=(f"第{page_no}页无表格线的表格中，数值为“{values}”的一行的行标签（“{label}”）"
                         "无法确定，未读取该行"),
                message_en=(f"on page {page_no}, the label (“{label}”) of the row with the values "
                            f"“{values}” in a table without rulings cannot be told; the row was not read"),
            ))
            continue
        rows.append([RawCell(p.text, SourceRef(page=page_no)) for p in groups]
                    + [RawCell(label, SourceRef(page=page_no))]
                    + [RawCell(p.text, SourceRef(page=page_no)) for p in numbers])
    return rows


def _joined_label(label: _Piece, above: list[int], below: list[int], pieces: list[list[_Piece]],
                  known_label: LabelTest) -> tuple[str, list[int]]:
    """The longest known label made of ``label`` and the parts in its column just above and below."""

    def column_part(index: int) -> str | None:
        parts = [p.text for p in pieces[index]
                 if p.x0 < label.x1 and p.x1 > label.x0 and not _is_number(p.text)]
        return "".join(parts) or None

    up: list[tuple[int, str]] = []
    for index in reversed(above):
        part = column_part(index)
        if part is None:
            break
        up.insert(0, (index, part))
    down: list[tuple[int, str]] = []
    for index in below:
        part = column_part(index)
        if part is None:
            break
        down.append((index, part))
    best: tuple[str, list[int]] = (label.text, []) if known_label(label.text) else ("", [])
    for k in range(len(up) + 1):
        for m in range(len(down) + 1):
            text = "".join(t for _, t in up[len(up) - k:]) + label.text + "".join(t for _, t in down[:m])
            if len(text) > len(best[0]) and known_label(text):
                best = (text, [i for i, _ in up[len(up) - k:]] + [i for i, _ in down[:m]])
    return best if best[0] else (label.text, [])


def _bare_label(above: list[int], below: list[int], lines: list[Line],
                known_label: LabelTest) -> tuple[str, list[int]]:
    """A row of numbers alone takes its label from the label lines above (and below) it."""
    best: tuple[str, list[int]] = ("", [])
    below = below[:2]
    for k in range(1, len(above) + 1):
        for m in range(len(below) + 1):
            chosen = above[len(above) - k:] + below[:m]
            text = _cell_text([c for i in chosen for c in lines[i].chars])
            if len(text) > len(best[0]) and known_label(text):
                best = (text, chosen)
    return best


def _is_table_line(line: Line) -> bool:
    texts = _pieces(line)
    return len(texts) >= 2 and any(_is_number(t) for t in texts[1:])


_TOP_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*\S{4,}")


def _ends_table(line: Line, previous: Line, body_height: float) -> bool:
    """A text table runs until a section heading, a sentence, or a wide vertical gap."""
    text = line.text
    return (
        (_TOP_HEADING.match(text) is not None and not _is_table_line(line))
        or "。" in text
        or line.top - previous.bottom > 6 * body_height
    )


def _page_items(page_no: int, page_height: float, chars: list[Char], grids: list[Grid]) -> list[_PageItem]:
    items: list[_PageItem] = []
    inside: list[Char] = []
    outside: list[Char] = []
    for char in chars:
        (inside if any(g.contains(char) for g in grids) else outside).append(char)
    for grid in grids:
        table = _grid_table(grid, [c for c in inside if grid.contains(c)], page_no)
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
        while run and not _is_table_line(run[-1]):  # trailing lines belong to the text after
            tail = run.pop()
            result.append(_PageItem(tail.page, tail.top, tail))
        numbered = [line for line in run if _is_table_line(line)]
        if len(numbered) >= 2 or (numbered and len(_pieces(numbered[0])) >= 3):
            rows = _text_table_rows(run, known_label, notes)
            table = RawTable(rows=rows, ref=SourceRef(page=run[0].page), kind="text")
            result.append(_PageItem(run[0].page, run[0].top, table))
        else:
            result.extend(_PageItem(line.page, line.top, line) for line in run)
        result.sort(key=lambda item: item.position)
        run = []

    for item in items:
        block = item.block
        if isinstance(block, Line):
            if run and not _ends_table(block, run[-1], body_height):
                run.append(block)
                continue
            if run:
                flush()
            if _is_table_line(block) or len(_pieces(block)) >= 2:
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
                if text and _is_ascii_word(text[-1]) and _is_ascii_word(piece[0]):
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
    document = _open(data)
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
            columns = _continue_table(previous_table[1], table, previous_table[2], item.columns)
            previous_table = (page_no, previous_table[1], columns)
        else:
            blocks.append(table)
            previous_table = (page_no, table, item.columns)
        run = []
    blocks.extend(_paragraphs(run, left, right, body_height))
    _number_tables(blocks)
    notes += _unlabelled_rows(blocks, known_label)
    return blocks, "".join(title_lines) or None, notes


def _continue_table(head: RawTable, tail: RawTable, head_columns: list[float],
                    tail_columns: list[float]) -> list[float]:
    """Append a table's continuation, and return the column rulings of the whole.

    The two parts may not have the same rulings (the part on one page has no row that divides
    the label area into sub-columns): both are then laid on the rulings of both, a cell covering
    several columns of the whole filling each with copies. A row that the page end cut in two
    (its label's last characters, and no value, at the top of the next page) is joined back.
    """
    columns = head_columns
    if head_columns and tail_columns and abs(head_columns[0] - tail_columns[0]) <= _TOL \
            and abs(head_columns[-1] - tail_columns[-1]) <= _TOL:
        columns = _cluster(head_columns + tail_columns)
        _spread(head, head_columns, columns)
        _spread(tail, tail_columns, columns)
    rows = tail.rows
    if head.rows and rows and len(rows[0]) == len(head.rows[-1]) and _is_cut_row(rows[0]):
        for above, below in zip(head.rows[-1], rows[0], strict=True):
            if below.origin and below.text:
                above.text += below.text
        rows = rows[1:]
    head.rows.extend(rows)
    return columns


def _spread(table: RawTable, own: list[float], columns: list[float]) -> None:
    """Lay a grid's rows on finer column rulings: a cell covering several columns fills each."""
    if len(own) == len(columns):
        return
    for index, row in enumerate(table.rows):
        spread: list[RawCell] = []
        for col, cell in enumerate(row):
            covered = [k for k in range(len(columns) - 1)
                       if columns[k] >= own[col] - _TOL and columns[k + 1] <= own[col + 1] + _TOL]
            for position, _ in enumerate(covered or [col]):
                spread.append(cell if position == 0 else RawCell(cell.text, cell.ref, origin=False))
        table.rows[index] = spread


def _is_cut_row(row: list[RawCell]) -> bool:
    texts = [c.text for c in row if c.origin and c.text]
    return bool(texts) and not any(_is_number(t) for t in texts) and any(c.origin and not c.text for c in row)


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
            texts = [c.text for c in cells if not _is_number(c.text)]
            numbers = [c.text for c in cells if _is_number(c.text)]
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


def unreadable_text(chars: list[Char]) -> bool:
    """Text whose fonts carry no character map comes out as private-use or replacement
    characters; when most of it does, nothing in it can be trusted."""
    if len(chars) < 20:
        return False
    garbled = sum(1 for c in chars
                  if "\ue000" <= c.text <= "\uf8ff" or c.text == "\ufffd" or ord(c.text) < 32)
    return garbled > 0.3 * len(chars)


def _number_tables(blocks: list[Block]) -> None:
    """Locators count tables as the reader sees them: a table continued over a page is one table."""
    tables = [b for b in blocks if isinstance(b, RawTable)]
    for number, table in enumerate(tables, start=1):
        table.ref.locator = f"page {table.ref.page}, table {number}"
        for row_no, row in enumerate(table.rows, start=1):
            for col_no, cell in enumerate(row, start=1):
                page_no = cell.ref.page
                locator = f"page {page_no}, table {number}, row {row_no}, cell {col_no}"
                cell.ref = SourceRef(page=page_no, locator=locator)


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
