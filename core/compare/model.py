"""What a comparison of two years' reports holds: aligned sections with matched paragraphs, every
table cell side by side, the cross-year links, the key figures and the year-over-year findings."""

from __future__ import annotations

import math
from dataclasses import dataclass
from dataclasses import field
from typing import Literal

from nianbao.model.findings import Finding

ParagraphStatus = Literal["unchanged", "changed", "moved", "added", "removed"]
RunKind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a changed paragraph: kept, inserted this year, or deleted from last year's."""

    kind: RunKind
    text: str


@dataclass(slots=True)
class ParagraphChange:
    """One paragraph of either year and what became of it. ``moved_from`` names the section a moved
    paragraph stood in last year when that was another section."""

    status: ParagraphStatus
    last: str | None = None
    this: str | None = None
    last_line: int | None = None
    this_line: int | None = None
    last_page: int | None = None
    this_page: int | None = None
    similarity: float = 1.0
    runs: list[Run] = field(default_factory=list)
    moved_from: str | None = None


@dataclass(slots=True)
class SectionComparison:
    """One section of the format (or a sub-heading inside it) in both years.

    ``carried`` is the share of this year's sentences found in last year's report, figures aside: the
    measure HIS004 uses, so that the sum over sections gives HIS004's figure."""

    key: str
    title: str
    last_heading: str | None
    this_heading: str | None
    paragraphs: list[ParagraphChange] = field(default_factory=list)
    sentences: int = 0
    carried_sentences: int = 0
    subsections: list[SectionComparison] = field(default_factory=list)

    @property
    def carried(self) -> float | None:
        return self.carried_sentences / self.sentences if self.sentences else None

    def counts(self) -> dict[str, int]:
        out = {status: 0 for status in ("unchanged", "changed", "moved", "added", "removed")}
        for change in self.all_paragraphs():
            out[change.status] += 1
        return out

    def all_paragraphs(self) -> list[ParagraphChange]:
        out = list(self.paragraphs)
        for sub in self.subsections:
            out.extend(sub.all_paragraphs())
        return out

    @property
    def change_score(self) -> float:
        """How much the section changed: the share of its paragraphs not carried over unchanged,
        changed ones counted by how much of them changed."""
        changes = self.all_paragraphs()
        if not changes:
            return 0.0
        weight = {"unchanged": 0.0, "moved": 0.0, "added": 1.0, "removed": 1.0}
        total = sum(weight.get(c.status, 1.0 - c.similarity) for c in changes)
        return total / len(changes)


@dataclass(slots=True)
class CellChange:
    """One cell of a template table in both years. ``change`` and ``relative`` are set when both
    years' values were read as numbers (a blank counts as 0, as reports use it for none).

    ``flags``: ``flip`` (zero in one year, not in the other), ``large`` (a relative change beyond the
    threshold), ``unread`` (a value of either year could not be read), ``only-last`` / ``only-this``
    (the cell exists in one year's edition only)."""

    table: str
    key: str
    label: str
    last: int | float | None
    this: int | float | None
    last_raw: str | None
    this_raw: str | None
    change: int | float | None = None
    relative: float | None = None
    flags: tuple[str, ...] = ()
    last_line: int | None = None
    this_line: int | None = None


@dataclass(slots=True)
class TableComparison:
    key: str
    number: str
    title: str
    last_edition: str | None
    this_edition: str | None
    cells: list[CellChange] = field(default_factory=list)
    note: str | None = None

    @property
    def changed(self) -> list[CellChange]:
        return [c for c in self.cells if c.change or "unread" in c.flags or c.flags]


@dataclass(slots=True)
class Link:
    """A figure of this year that follows from last year's report: 上年结转 from last year's 结转下年度,
    the documents in force from last year's count and this year's changes."""

    kind: str
    label: str
    this: int | float
    expected: int | float
    formula: str

    @property
    def holds(self) -> bool:
        return self.this == self.expected


@dataclass(slots=True)
class KeyFigure:
    key: str
    label: str
    last: int | float | None
    this: int | float | None
    unit: str = "件"

    @property
    def change(self) -> int | float | None:
        if self.last is None or self.this is None:
            return None
        return round(self.this - self.last, 4)

    @property
    def relative(self) -> float | None:
        if self.change is None or not self.last:
            return None
        return self.change / self.last


@dataclass(slots=True)
class ReportSide:
    """One year's report as the comparison names it."""

    path: str
    format: str
    agency: str | None
    year: int | None
    edition: str | None
    sha256: str


@dataclass(slots=True)
class Comparison:
    last: ReportSide
    this: ReportSide
    sections: list[SectionComparison] = field(default_factory=list)
    tables: list[TableComparison] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    forced: bool = False
    warnings: list[str] = field(default_factory=list)
    threshold: float = 0.5

    @property
    def sentences(self) -> int:
        return sum(s.sentences for s in self.sections)

    @property
    def carried_sentences(self) -> int:
        return sum(s.carried_sentences for s in self.sections)

    @property
    def carried(self) -> float | None:
        return self.carried_sentences / self.sentences if self.sentences else None

    def most_changed(self, count: int = 3) -> list[SectionComparison]:
        ranked = sorted((s for s in self.sections if s.all_paragraphs()), key=lambda s: -s.change_score)
        return [s for s in ranked if s.change_score > 0][:count]

    def largest_changes(self, count: int = 5) -> list[KeyFigure]:
        moved = [f for f in self.key_figures if f.change]
        return sorted(moved, key=lambda f: -abs(f.relative if f.relative is not None else math.inf))[:count]
