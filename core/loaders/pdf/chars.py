"""Characters and the lines they make: a character's box, lines grouped by their vertical middles,
a cell's text from its lines, and overprinted (imitation bold) characters dropped."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median


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
        return join_chars(self.chars)


def is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def join_chars(chars: list[Char]) -> str:
    """Characters of one line in order. A wide gap between two Latin letters or digits is a word
    space; between Chinese characters it is only justification."""
    if not chars:
        return ""
    height = median(c.bottom - c.top for c in chars)
    parts = [chars[0].text]
    for before, char in zip(chars, chars[1:], strict=False):
        between_words = is_ascii_word(before.text[-1]) and is_ascii_word(char.text[0])
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


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines joined. A label that wraps, or is set one character per line,
    reads as one label."""
    text = ""
    for line in group_lines(chars):
        piece = line.text.strip()
        if text and piece and is_ascii_word(text[-1]) and is_ascii_word(piece[0]):
            text += " "
        text += piece
    return text


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
