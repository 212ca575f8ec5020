"""What the reviewer's page shows of a batch, as plain data: each report with its findings and the
tables they point into, the body × year matrix and the groups of duplicate reports.

A :class:`ReportView` keeps only what the page draws (no document), so a large batch holds a few
kilobytes per report until the page is written.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from nianbao.format.editions import TableSpec
from nianbao.format.editions import builtin_editions
from nianbao.model.document import Document
from nianbao.model.document import Table
from nianbao.model.findings import Finding
from nianbao.model.places import place_words
from nianbao.model.results import CheckedReport
from nianbao.reporters.rows import LEVEL
from nianbao.reporters.rows import ReportFacts
from nianbao.reporters.rows import expected_actual
from nianbao.reporters.rows import location_text
from nianbao.reporters.rows import place
from nianbao.reporters.text import notification_text

_VALUES = "/values/"


def _cell_of(pointer: str) -> tuple[str, str] | None:
    """``(table, "row.column")`` of a pointer ``/tables/<table>/values/<row.column>``."""
    if not pointer.startswith("/tables/") or _VALUES not in pointer:
        return None
    table, key = pointer[len("/tables/"):].split(_VALUES, 1)
    return table, key.replace("~1", "/").replace("~0", "~")


MIN_TEXT = 200  # characters of narrative below which two reports are not called the same


def content_hash(document: Document) -> str | None:
    """A hash of what the report says, blind to file format and layout: its narrative text with
    widths normalised and all spacing and paragraph breaks removed (a page saved as text breaks
    paragraphs and reads glued tables differently, so the tables are left out). The same report
    published as HTML and as text under another name has the same hash; ``None`` for a document
    with too little text to tell."""
    text = "".join("".join(unicodedata.normalize("NFKC", p.text).split()) for p in document.paragraphs())
    if len(text) < MIN_TEXT:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def body_key(agency: str | None) -> str | None:
    """The agency name compared across reports: full and half width and spacing made alike."""
    if not agency:
        return None
    return "".join(unicodedata.normalize("NFKC", agency).split())


@dataclass(slots=True)
class GridCell:
    text: str
    key: str | None = None
    marks: str = ""  # "bad" for the cell a finding is about, "used" for a cell of its derivation
    findings: list[int] = field(default_factory=list)


@dataclass(slots=True)
class GridBlock:
    """One block of a drawn table: column headers (with their groups) and rows of cells."""

    label: str
    groups: list[tuple[str, int]]
    columns: list[str]
    rows: list[tuple[str, str | None, list[GridCell]]]  # (label, group heading before it, cells)


@dataclass(slots=True)
class GridView:
    number: str
    title: str
    blocks: list[GridBlock]
    unmatched: list[str]


@dataclass(slots=True)
class FindingView:
    index: int
    rule_id: str
    rule_name: str
    severity: str
    level: str
    message: str
    location: str
    expected: Any
    actual: Any
    identity: str | None
    cells: list[dict[str, Any]]
    suppressed: str | None


@dataclass(slots=True)
class ReportView:
    index: int
    facts: ReportFacts
    title: str | None
    body: str | None
    sha256: str | None
    text_hash: str | None
    history_findings: int
    findings: list[FindingView]
    grids: list[GridView]
    notes: list[str]


Marks = dict[tuple[str, str], tuple[str, list[int]]]


def _marks(findings: Sequence[Finding], history_rules: frozenset[str]) -> Marks:
    """For each (table, cell) a finding touches: ``bad`` where it is the finding's own cell,
    ``used`` where it only feeds the derivation, and the findings that touch it. The derivation of
    a year-over-year finding also holds last year's cells, which are not this report's: only its
    own cell is marked."""
    marks: Marks = {}

    def mark(where: tuple[str, str], kind: str, index: int) -> None:
        old_kind, indexes = marks.get(where, ("used", []))
        marks[where] = ("bad" if "bad" in (kind, old_kind) else "used", [*indexes, index])

    for index, finding in enumerate(findings):
        if finding.suppressed:
            continue  # accepted: listed, but its cells are not marked as failing
        loc = finding.location
        if loc.table and loc.row and loc.column:
            mark((loc.table, f"{loc.row}.{loc.column}"), "bad", index)
        elif loc.table and loc.row:
            mark((loc.table, f"{loc.row}.*"), "bad", index)
        if finding.evidence is not None and finding.rule_id not in history_rules:
            for cell in finding.evidence.cells:
                where = _cell_of(cell.pointer)
                if where is not None and where != (loc.table, f"{loc.row}.{loc.column}"):
                    mark(where, "used", index)
    return marks


def _spec(edition: str | None, key: str) -> TableSpec | None:
    spec_edition = builtin_editions().get(edition or "")
    if spec_edition is None:
        return None
    for spec in spec_edition.tables:
        if spec.key == key:
            return spec
    return None


def _cell_text(table: Table, key: str, blank: str) -> str:
    value = table.values.get(key)
    if value is None:
        return "?"
    return blank if value.blank else value.raw


def draw_table(table: Table, marks: Marks, lang: str) -> GridView:
    """The table as the format lays it out, with each cell's value as written, ``?`` where no
    value was read, and the marks of the findings that point into it."""
    blank = "(空)" if lang == "zh" else "(blank)"
    spec = _spec(table.edition, table.key)
    if spec is not None:
        parts = [(b.label, b.columns, b.rows) for b in spec.blocks] or [("", spec.columns, spec.rows)]
        shapes = [(label, [(c.key, c.label, c.group) for c in columns],
                   [(r.key, r.label, r.group) for r in rows]) for label, columns, rows in parts]
        number, title = spec.number, spec.title
    else:  # an edition a plugin added: the rows as read, the columns in the order of their keys
        column_keys = list(dict.fromkeys(k.split(".", 1)[1] for k in table.values if "." in k))
        shapes = [("", [(c, c, None) for c in column_keys], [(r.key, r.label, None) for r in table.rows])]
        number, title = table.key, ""
    blocks = []
    for label, columns, rows in shapes:
        groups: list[tuple[str, int]] = []
        for _key, _label, group in columns:
            if groups and groups[-1][0] == (group or ""):
                groups[-1] = (groups[-1][0], groups[-1][1] + 1)
            else:
                groups.append((group or "", 1))
        drawn_rows = []
        shown_groups: set[str] = set()
        for row_key, row_label, row_group in rows:
            # a group's heading once, before its first row (a nested group comes back to its parent)
            heading = row_group if row_group and row_group not in shown_groups else None
            if row_group:
                shown_groups.add(row_group)
            row_mark = marks.get((table.key, f"{row_key}.*"))
            cells = [GridCell(row_label, marks=row_mark[0] if row_mark else "",
                              findings=row_mark[1] if row_mark else [])]
            for column_key, _label, _group in columns:
                key = f"{row_key}.{column_key}"
                kind, indexes = marks.get((table.key, key), ("", []))
                cells.append(GridCell(_cell_text(table, key, blank), key, kind, indexes))
            drawn_rows.append((row_label, heading, cells))
        blocks.append(GridBlock(label, groups if any(g for g, _ in groups) else [], [c[1] for c in columns],
                                drawn_rows))
    return GridView(number, title, blocks, list(table.unmatched))


def _finding_view(index: int, finding: Finding, facts: ReportFacts, lang: str) -> FindingView:
    expected, actual = expected_actual(finding)
    cells = []
    evidence = finding.evidence
    if evidence is not None:
        for cell in evidence.cells:
            where = _cell_of(cell.pointer)
            cells.append({"label": cell.label, "raw": cell.raw, "value": cell.value,
                          "place": place_words(cell.line, cell.page, cell.locator, lang),
                          "key": where[1] if where else None})
    return FindingView(
        index=index, rule_id=finding.rule_id, rule_name=finding.rule_name, severity=finding.severity,
        level=LEVEL[lang][finding.severity], message=finding.message,
        location=location_text(finding, facts.edition, lang) or place(finding, lang), expected=expected,
        actual=actual, identity=evidence.identity if evidence is not None else None, cells=cells,
        suppressed=finding.suppressed,
    )


def report_view(index: int, report: CheckedReport, lang: str, history_rules: frozenset[str]) -> ReportView:
    facts = ReportFacts.of(report)
    document = report.document
    findings = report.findings
    grids = []
    if document is not None:
        marks = _marks(findings, history_rules)
        touched = {table for table, _key in marks}
        grids = [draw_table(document.tables[key], marks, lang) for key in document.tables if key in touched]
    return ReportView(
        index=index,
        facts=facts,
        title=document.meta.title if document is not None else None,
        body=body_key(facts.agency),
        sha256=document.source.sha256 if document is not None and document.source.sha256 else None,
        text_hash=content_hash(document) if document is not None else None,
        history_findings=sum(1 for f in findings if f.rule_id in history_rules and not f.suppressed),
        findings=[_finding_view(i, f, facts, lang) for i, f in enumerate(findings)],
        grids=grids,
        notes=[notification_text(n.message) for n in report.notifications],
    )


@dataclass(slots=True)
class MatrixCell:
    reports: list[ReportView]
    paired_files: set[str] = field(default_factory=set)

    @property
    def present(self) -> bool:
        return bool(self.reports)

    @property
    def paired(self) -> bool:
        return any(r.facts.file in self.paired_files for r in self.reports)

    @property
    def history_findings(self) -> int:
        return sum(r.history_findings for r in self.reports)

    @property
    def formats(self) -> list[tuple[str, int]]:
        """The input formats of the cell's reports with their counts, most frequent first."""
        return Counter(r.facts.input_format or "?" for r in self.reports).most_common()

    @property
    def worst(self) -> str:
        order = ("unreadable", "error", "warning", "pass")
        statuses = [r.facts.status for r in self.reports]
        return next((s for s in order if s in statuses), "")


@dataclass(slots=True)
class Matrix:
    years: list[int]
    rows: list[tuple[str, list[MatrixCell]]]
    undated: list[ReportView]


def body_year_matrix(reports: Iterable[ReportView], paired: set[str]) -> Matrix:
    """One row per body (by normalised agency name), one column per year from the batch's first
    to its last: which years each body has a report for, which are missing, which reports were
    paired with last year's and how many year-over-year findings they have. Reports without an
    agency or a year cannot be placed and are listed apart."""
    by_body: dict[str, dict[int, list[ReportView]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, str] = {}
    undated = []
    for report in reports:
        if report.body is None or report.facts.year is None:
            undated.append(report)
            continue
        by_body[report.body][report.facts.year].append(report)
        names.setdefault(report.body, report.facts.agency or report.body)
    years_seen = {year for years in by_body.values() for year in years}
    years = list(range(min(years_seen), max(years_seen) + 1)) if years_seen else []
    rows = [(names[body], [MatrixCell(by_body[body].get(year, []), paired) for year in years])
            for body in sorted(by_body, key=lambda b: names[b])]
    return Matrix(years, rows, undated)


@dataclass(slots=True)
class DuplicateGroup:
    kind: str  # "file": byte-identical files; "text": the same narrative text in another form
    reports: list[ReportView]


def duplicate_groups(reports: Sequence[ReportView]) -> list[DuplicateGroup]:
    """Reports that are the same under different names: identical files first, then files that
    differ but say the same (the same report saved in another format), each group once."""
    groups: list[DuplicateGroup] = []
    by_file: dict[str, list[ReportView]] = defaultdict(list)
    for report in reports:
        if report.sha256:
            by_file[report.sha256].append(report)
    for members in by_file.values():
        if len(members) > 1:
            groups.append(DuplicateGroup("file", members))
    by_text: dict[str, list[ReportView]] = defaultdict(list)
    for members in by_file.values():
        head = members[0]  # byte-identical files say the same: one stands for them all
        if head.text_hash:
            by_text[head.text_hash].append(head)
    for report in reports:
        if not report.sha256 and report.text_hash:
            by_text[report.text_hash].append(report)
    for members in by_text.values():
        if len(members) > 1:
            groups.append(DuplicateGroup("text", members))
    return groups
