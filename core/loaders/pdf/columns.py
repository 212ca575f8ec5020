"""Tables drawn without rulings, rebuilt from the columns their lines leave: a row's label joined
from the parts of a wrapped label in its column, and only a label the format knows names a row."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from nianbao.loaders.pdf.chars import Line
from nianbao.loaders.pdf.chars import cell_text
from nianbao.loaders.pdf.chars import join_chars
from nianbao.model.document import Note
from nianbao.model.document import SourceRef
from nianbao.reading.blocks import RawCell

_NUMBER_TOKEN = re.compile(r"^[+\-−－]?\d[\d,]*(?:\.\d+)?$")
LabelTest = Callable[[str], bool]


def piece_texts(line: Line) -> list[str]:
    return [join_chars(p) for p in line.pieces(1.2 * line.height)]


def is_number(text: str) -> bool:
    return bool(_NUMBER_TOKEN.match(text))


@dataclass(frozen=True, slots=True)
class _Piece:
    text: str
    x0: float
    x1: float


def _line_pieces(line: Line) -> list[_Piece]:
    return [_Piece(join_chars(p), p[0].x0, max(c.x1 for c in p)) for p in line.pieces(1.2 * line.height)]


def _has_number(pieces: list[_Piece]) -> bool:
    return any(is_number(p.text) for p in pieces)


def text_table_rows(lines: list[Line], known_label: LabelTest, notes: list[Note]) -> list[list[RawCell]]:
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
        first = next(i for i, p in enumerate(pieces[index]) if is_number(p.text))
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
                 if p.x0 < label.x1 and p.x1 > label.x0 and not is_number(p.text)]
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
            text = cell_text([c for i in chosen for c in lines[i].chars])
            if len(text) > len(best[0]) and known_label(text):
                best = (text, chosen)
    return best


def is_table_line(line: Line) -> bool:
    texts = piece_texts(line)
    return len(texts) >= 2 and any(is_number(t) for t in texts[1:])


_TOP_HEADING = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*\S{4,}")


def ends_table(line: Line, previous: Line, body_height: float) -> bool:
    """A text table runs until a section heading, a sentence, or a wide vertical gap."""
    text = line.text
    return (
        (_TOP_HEADING.match(text) is not None and not is_table_line(line))
        or "。" in text
        or line.top - previous.bottom > 6 * body_height
    )
