"""Cutting a run of glued digits (``640020470``) into a given number of numbers: every way to do it.

:mod:`nianbao.reading.glued` keeps the cuts that are certain; this module only lists them, within
bounds whatever the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Sequence

Split = tuple[str, ...]

# A cell is 0 or a number without a leading zero, with an optional sign and decimals.
_PART = re.compile(r"[-−]?(?:0|[1-9]\d*)(?:\.\d+)?")
_UNIT = re.compile(r"(万元|元)$")
MAX_SPLITS = 100_000


def run_parts(text: str) -> tuple[list[str], str | None]:
    """The whitespace-separated chunks of a run, and the unit written after it (``元``)."""
    stripped = text.strip()
    unit = None
    match = _UNIT.search(stripped)
    if match:
        unit = match.group(1)
        stripped = stripped[: match.start()].rstrip()
    return stripped.split(), unit


def splits(
    text: str, count: int, limit: int = MAX_SPLITS, signed: Sequence[bool] | None = None
) -> list[Split] | None:
    """Every way to cut ``text`` into ``count`` numbers, or None when there are more than ``limit``.

    Whitespace always separates cells (some extractions keep a few spaces); within a chunk any cut
    is possible, but no number has a leading zero except a lone ``0``. A minus sign can only start
    a cell, and only in a column that ``signed`` marks (all columns when ``signed`` is None). The
    splits are counted before they are listed, so a long run costs no more than a short one.
    """
    chunks, _unit = run_parts(text)
    if not chunks or count < len(chunks):
        return []
    may_sign = tuple(signed) if signed is not None else (True,) * count
    if (len(chunks) == 1 and len(may_sign) >= count and len(chunks[0]) <= _SHORT_RUN
            and chunks[0].isascii() and chunks[0].isdigit()):
        few = _digit_splits(chunks[0], count, _FEW_SPLITS)
        if few is not None:
            return None if len(few) > limit else few
    ends = [_number_ends(chunk) for chunk in chunks]
    counters = [_counter(chunk, chunk_ends, may_sign) for chunk, chunk_ends in zip(chunks, ends, strict=True)]

    totals: dict[tuple[int, int], int] = {}

    def total(index: int, remaining: int) -> int:
        if index == len(chunks):
            return 1 if remaining == 0 else 0
        found = totals.get((index, remaining))
        if found is None:
            column = count - remaining
            found = 0
            for pieces in range(1, min(remaining, len(chunks[index])) + 1):
                after = total(index + 1, remaining - pieces)  # the cheaper test first
                if after:
                    found += counters[index](0, pieces, column) * after
            totals[index, remaining] = found
        return found

    if total(0, count) > limit:
        return None

    listed: dict[tuple[int, int, int, int], list[Split]] = {}

    def pieces_of(index: int, position: int, pieces: int, column: int) -> list[Split]:
        """The cuts of ``chunks[index][position:]`` into ``pieces`` numbers, the first in ``column``
        (called only where there is at least one). Each list is made once and shared."""
        found = listed.get((index, position, pieces, column))
        if found is not None:
            return found
        chunk, counter = chunks[index], counters[index]
        if pieces == 1:
            found = [(chunk[position:],)]
        elif not _sign_fits(chunk, position, column, may_sign):
            found = []
        else:
            length = len(chunk)
            found = [(chunk[position:end], *rest)
                     for end in ends[index][position] if end < length and counter(end, pieces - 1, column + 1)
                     for rest in pieces_of(index, end, pieces - 1, column + 1)]
        listed[index, position, pieces, column] = found
        return found

    walked: dict[tuple[int, int], list[Split]] = {}

    def walk(index: int, remaining: int) -> list[Split]:
        if index == len(chunks):
            return [()]
        found = walked.get((index, remaining))
        if found is None:
            column = count - remaining
            found = walked[index, remaining] = [
                head + rest
                for pieces in range(1, min(remaining, len(chunks[index])) + 1)
                if total(index + 1, remaining - pieces) and counters[index](0, pieces, column)
                for head in pieces_of(index, 0, pieces, column)
                for rest in walk(index + 1, remaining - pieces)]
        return found

    return walk(0, count)


# A short run of digits alone (most glued rows) is first cut directly, giving up past a few splits:
# every step of the walk leads to a split, so it costs at most that many splits × columns × digits.
_FEW_SPLITS = 64
_SHORT_RUN = 32


class _TooMany(Exception):
    pass


def _digit_splits(digits: str, count: int, most: int) -> list[Split] | None:
    """The cuts of a run of digits alone into ``count`` numbers, in the order :func:`splits` lists
    them; None when there are more than ``most``. From a start, ``pieces`` numbers can be cut when
    there are as many digits left and at least as many as the fewest pieces: each 0 that starts a
    number is a number of its own, and what follows a nonzero digit may be one number."""
    length = len(digits)
    fewest = [0] * (length + 1)
    for position in range(length - 1, -1, -1):
        fewest[position] = fewest[position + 1] + 1 if digits[position] == "0" else 1
    found: list[Split] = []
    path: list[str] = []

    def cut(position: int, pieces: int) -> None:
        if pieces == 1:
            if len(found) == most:
                raise _TooMany
            found.append((*path, digits[position:]))
            return
        last = position + 1 if digits[position] == "0" else length - pieces + 1
        for end in range(position + 1, last + 1):
            if fewest[end] <= pieces - 1:
                path.append(digits[position:end])
                cut(end, pieces - 1)
                path.pop()

    if not fewest[0] <= count <= length:
        return []
    try:
        cut(0, count)
    except _TooMany:
        return None
    return found


def _number_ends(chunk: str) -> list[tuple[int, ...]]:
    """For each position of ``chunk``, every end at which a number starting there may stop: worked
    out once per chunk, where each count and each split would otherwise match it again."""
    if chunk.isascii() and chunk.isdigit():
        # digits only: a number is a lone 0, or runs from a digit 1–9 to any end
        return [(position + 1,) if digit == "0" else tuple(range(position + 1, len(chunk) + 1))
                for position, digit in enumerate(chunk)]
    return [tuple(end for end in range(position + 1, len(chunk) + 1)
                  if _PART.fullmatch(chunk, position, end)) for position in range(len(chunk))]


def _sign_fits(chunk: str, position: int, column: int, may_sign: tuple[bool, ...]) -> bool:
    """A number starting at ``position`` may be negative only in a column marked signed."""
    return chunk[position] not in "-−" or (column < len(may_sign) and may_sign[column])


def _counter(chunk: str, ends: list[tuple[int, ...]],
             may_sign: tuple[bool, ...]) -> Callable[[int, int, int], int]:
    """``count(position, pieces, column)``: the ways to cut ``chunk[position:]`` into ``pieces``
    numbers, the first of them in ``column``. Worked out only for what a split asks (each number
    takes at least one character, which leaves few starts for a given number of pieces)."""

    length = len(chunk)
    signs = "-" in chunk or "−" in chunk
    # Without a sign every column fits, so the count does not depend on the column.
    most = None if signs else len(may_sign)
    counts: dict[tuple[int, int, int], int] = {}

    def count(position: int, pieces: int, column: int) -> int:
        if pieces > length - position or (most is not None and pieces > most):
            return 0
        key = (position, pieces, column if signs else 0)
        found = counts.get(key)
        if found is None:
            if signs and not _sign_fits(chunk, position, column, may_sign):
                found = 0
            elif pieces == 1:
                found = 1 if length in ends[position] else 0
            else:
                last = length - pieces + 1  # the rest needs a character per number
                found = sum([count(end, pieces - 1, column + 1) for end in ends[position] if end <= last])
            counts[key] = found
        return found

    return count
