"""Characters and the lines they make: a character's box, lines grouped by their vertical middles,
a cell's text from its lines, and overprinted (imitation bold) characters dropped.

A page has thousands of characters and every one passes through here, so the per-character work
is kept to plain attribute reads: a character's middle is worked out once, when it is made, and a
line's text, height and right edge once, when first asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from operator import attrgetter


class Char:
    """A drawn character and its box as shown (``top`` < ``bottom``), with its middle ``cx``, ``cy``.
    Never changed once made."""

    __slots__ = ("bottom", "cx", "cy", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.cx = (x0 + x1) / 2
        self.cy = (top + bottom) / 2

    def __repr__(self) -> str:
        return f"Char({self.text!r}, {self.x0}, {self.top}, {self.x1}, {self.bottom})"


def median(values: list[float]) -> float:
    """The median as ``statistics.median`` gives it (the mean of the middle two of an even count),
    without its checks, which cost more than the sort on a short list."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(slots=True)
class Line:
    """Characters on one line, left to right once grouped; ``chars`` changes only through :meth:`add`."""

    chars: list[Char]
    top: float = 0.0
    bottom: float = 0.0
    page: int = 0
    _text: str | None = field(default=None, init=False, repr=False, compare=False)
    _height: float | None = field(default=None, init=False, repr=False, compare=False)
    _x1: float | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)

    def add(self, char: Char) -> None:
        self.chars.append(char)
        self.top = min(self.top, char.top)
        self.bottom = max(self.bottom, char.bottom)
        self.changed()

    def changed(self) -> None:
        """Forget what was worked out from the characters (after they were added to or reordered)."""
        self._text = self._height = self._x1 = None

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        if self._x1 is None:
            self._x1 = max(c.x1 for c in self.chars)
        return self._x1

    @property
    def height(self) -> float:
        if self._height is None:
            self._height = median([c.bottom - c.top for c in self.chars])
        return self._height

    def pieces(self, gap: float) -> list[list[Char]]:
        """The runs of characters separated by more than ``gap`` points."""
        chars = self.chars
        run = [chars[0]]
        runs: list[list[Char]] = [run]
        last = chars[0]
        for char in chars[1:]:
            if char.x0 - last.x1 > gap:
                run = [char]
                runs.append(run)
            else:
                run.append(char)
            last = char
        return runs

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = join_chars(self.chars)
        return self._text


def is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def join_chars(chars: list[Char]) -> str:
    """Characters of one line in order. A wide gap between two Latin letters or digits is a word
    space; between Chinese characters it is only justification."""
    if not chars:
        return ""
    wide = 0.6 * median([c.bottom - c.top for c in chars])
    before = chars[0]
    parts = [before.text]
    for char in chars[1:]:
        if char.x0 - before.x1 > wide and is_ascii_word(before.text[-1]) and is_ascii_word(char.text[0]):
            parts.append(" ")
        parts.append(char.text)
        before = char
    return "".join(parts)


_BY_MIDDLE = attrgetter("cy", "x0")
_BY_LEFT = attrgetter("x0")
_BY_TOP = attrgetter("top")


def group_lines(chars: list[Char]) -> list[Line]:
    """Characters grouped into lines: a character joins the line whose vertical middle it shares.
    Marks that sit high or low in the line (quotes, commas) join the line they stand beside."""
    if not chars:
        return []
    typical = median([c.bottom - c.top for c in chars])
    low = 0.6 * typical
    small = []
    full = []
    for char in chars:
        tall = char.bottom - char.top
        if tall < low:
            small.append(char)
        elif tall >= low:  # neither, for a box that has no height (NaN): such a character is left out
            full.append(char)
    full.sort(key=_BY_MIDDLE)
    lines: list[Line] = []
    last: Line | None = None
    for char in full:
        if last is not None:
            top, bottom = last.top, last.bottom
            if abs(char.cy - (top + bottom) / 2) <= 0.35 * max(bottom - top, char.bottom - char.top):
                last.chars.append(char)
                if char.top < top:
                    last.top = char.top
                if char.bottom > bottom:
                    last.bottom = char.bottom
                continue
        last = Line([char])
        lines.append(last)
    margin = 0.3 * typical
    for char in small:
        beside = [line for line in lines if line.top - margin <= char.cy <= line.bottom + margin]
        if beside:
            min(beside, key=lambda line: abs(char.cy - (line.top + line.bottom) / 2)).add(char)
        else:
            lines.append(Line([char]))
    lines.sort(key=_BY_TOP)
    for line in lines:
        line.chars.sort(key=_BY_LEFT)
        line.changed()
    return lines


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines joined. A label that wraps, or is set one character per line,
    reads as one label."""
    if len(chars) == 1:  # a cell of one digit, the commonest: one line, unless its box has no height
        tall = chars[0].bottom - chars[0].top
        return chars[0].text.strip() if tall == tall else ""
    text = ""
    for line in group_lines(chars):
        piece = line.text.strip()
        if text and piece and is_ascii_word(text[-1]) and is_ascii_word(piece[0]):
            text += " "
        text += piece
    return text


def drop_overprints(chars: list[Char]) -> list[Char]:
    """Characters drawn twice at almost the same place (a bold face imitated by printing the text
    again a fraction of a point aside) are one character, not two.

    Each character kept is filed under its text and the square of its own size it stands in
    (column, then row); a character is a twin when one of the same text, filed in that square or
    one beside it, stands within 0.3 of its size."""
    seen: dict[str, dict[int, dict[int, list[Char]]]] = {}
    kept = []
    for char in chars:
        text, x0, top = char.text, char.x0, char.top
        size = max(char.bottom - top, char.x1 - x0, 1.0)
        column, row = int(x0 // size), int(top // size)
        columns = seen.get(text)
        if columns is None:
            columns = seen[text] = {}
        elif _has_twin(columns, x0, top, column, row, 0.3 * size):
            continue
        rows = columns.get(column)
        if rows is None:
            rows = columns[column] = {}
        rows.setdefault(row, []).append(char)
        kept.append(char)
    return kept


def _has_twin(columns: dict[int, dict[int, list[Char]]], x0: float, top: float, column: int, row: int,
              near: float) -> bool:
    for dx in (-1, 0, 1):
        rows = columns.get(column + dx)
        if rows is None:
            continue
        for dy in (-1, 0, 1):
            for other in rows.get(row + dy, ()):
                if abs(other.x0 - x0) < near and abs(other.top - top) < near:
                    return True
    return False
