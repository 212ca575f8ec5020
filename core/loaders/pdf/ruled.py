"""Tables drawn with ruled lines: rulings grouped into grids, merged cells found from the rulings
that are missing, and each grid read into a raw table."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from dataclasses import field

from nianbao.loaders.pdf.chars import Char
from nianbao.loaders.pdf.chars import cell_text
from nianbao.model.document import SourceRef
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import active_limits
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable

TOL = 3.0  # points: rulings closer than this are one line


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
    """The first ``i`` with ``bounds[i] <= value <= bounds[i + 1]``, found by bisection in the
    ascending bounds (a value on a ruling is in the cell before it); the rare value that bisection
    does not place (outside, or bounds not ascending) is looked for one cell at a time."""
    i = bisect.bisect_left(bounds, value)
    if 0 < i < len(bounds) and bounds[i - 1] <= value <= bounds[i]:
        return i - 1
    if i == 0 and len(bounds) > 1 and bounds[0] <= value <= bounds[1]:
        return 0
    for index in range(len(bounds) - 1):
        if bounds[index] <= value <= bounds[index + 1]:
            return index
    return None


def cluster(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if result and value - result[-1] <= TOL:
            continue
        result.append(value)
    return result


def _touches(h: Edge, v: Edge) -> bool:
    return h.start - TOL <= v.pos <= h.end + TOL and v.start - TOL <= h.pos <= v.end + TOL


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
        xs, ys = cluster([e.pos for e in vs]), cluster([e.pos for e in hs])
        if len(xs) < 2 or len(ys) < 2:
            continue
        if (len(xs) - 1) * (len(ys) - 1) > active_limits()["max-table-cells"]:
            raise LimitExceeded("max-table-cells", (len(xs) - 1) * (len(ys) - 1))
        grids.append(_merge_cells(Grid(xs, ys), hs, vs))
    return sorted(grids, key=lambda g: g.ys[0])


def _covers(edges: list[Edge], pos: float, start: float, end: float) -> bool:
    margin = min(TOL, (end - start) / 3)
    return any(abs(e.pos - pos) <= TOL and e.start <= start + margin and e.end >= end - margin
               for e in edges)


def _by_position(edges: list[Edge], bounds: list[float]) -> list[list[Edge]]:
    """The rulings near each of ``bounds`` (within the tolerance), by the bound's index."""
    near: list[list[Edge]] = [[] for _ in bounds]
    for edge in edges:
        i = bisect.bisect_left(bounds, edge.pos - TOL)
        while i < len(bounds) and bounds[i] <= edge.pos + TOL:
            near[i].append(edge)
            i += 1
    return near


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

    # each cell boundary is tested only against the rulings at its own position
    at_x, at_y = _by_position(vs, grid.xs), _by_position(hs, grid.ys)
    for r in range(rows):
        for c in range(1, cols):
            if not _covers(at_x[c], grid.xs[c], grid.ys[r], grid.ys[r + 1]):
                union((r, c - 1), (r, c))
    for r in range(1, rows):
        for c in range(cols):
            if not _covers(at_y[r], grid.ys[r], grid.xs[c], grid.xs[c + 1]):
                union((r - 1, c), (r, c))
    grid.owner = {cell: find(cell) for cell in parent}
    return grid


def grid_table(grid: Grid, chars: list[Char], page_no: int) -> RawTable:
    texts: dict[tuple[int, int], list[Char]] = {}
    for char in chars:
        cell = grid.cell_of(char)
        if cell is not None:
            texts.setdefault(grid.owner[cell], []).append(char)
    read: dict[tuple[int, int], str] = {}  # a merged cell's text, read once for all it covers
    rows: list[list[RawCell]] = []
    for r in range(len(grid.ys) - 1):
        row = []
        for c in range(len(grid.xs) - 1):
            owner = grid.owner[(r, c)]
            text = read.get(owner)
            if text is None:
                text = read[owner] = cell_text(texts.get(owner, []))
            row.append(RawCell(text, SourceRef(page=page_no), origin=owner == (r, c)))
        rows.append(row)
    return RawTable(rows=rows, ref=SourceRef(page=page_no), kind="grid")
