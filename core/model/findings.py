"""What a check reports: a :class:`Finding` with its location, evidence and fingerprint.

Rules yield :class:`Violation` objects (a location relative to the document, message arguments and
evidence); the engine turns each into a :class:`Finding` by adding the rule's metadata, the
rendered message, the source path and the fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Literal

Severity = Literal["error", "warning", "note"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points: the physical place (line, page, locator) and the logical one
    (section, table, row, column keys with their labels). ``heading`` is the heading of the section
    the place sits under, as written in the report; the engine fills it in."""

    line: int | None = None
    page: int | None = None
    locator: str | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    label: str | None = None
    heading: str | None = None

    @property
    def pointer(self) -> str:
        """A JSON Pointer into the document as ``nianbao extract`` prints it."""
        if self.table and self.row and self.column:
            return f"/tables/{self.table}/values/{_escape_pointer(self.row + '.' + self.column)}"
        if self.table:
            return f"/tables/{self.table}"
        if self.section:
            return f"/sections/{_escape_pointer(self.section)}"
        return ""

    @property
    def logical(self) -> str:
        """The location without physical coordinates, e.g. ``applications/total/natural_person``.

        It names the same place in the HTML, DOCX and PDF versions of a report, so fingerprints
        built from it survive re-publication in another format.
        """
        if self.table:
            return "/".join(p for p in (self.table, self.row, self.column) if p)
        if self.section:
            return f"section/{self.section}"
        return "document"

    def under(self, heading: str) -> Location:
        """This place with the heading of the section it sits under (the engine fills it in for every
        finding: built directly, as ``dataclasses.replace`` would at twice the cost)."""
        return Location(self.line, self.page, self.locator, self.section, self.table, self.row, self.column,
                        self.label, heading)


@dataclass(frozen=True, slots=True)
class CellEvidence:
    """One cell used in a derivation: its key, the pointer, where it is, what was written, the value."""

    key: str
    label: str
    pointer: str
    line: int | None
    page: int | None
    raw: str
    value: int | float | None
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class Derivation:
    """How an arithmetic finding was reached: the identity, the cells, the expected and actual values."""

    identity: str
    cells: tuple[CellEvidence, ...] = ()
    expected: int | float | str | None = None
    actual: int | float | str | None = None


LogicalKey = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields. ``variant`` picks one of the rule's message templates and, where the rule
    declares it in ``Rule.lowered``, a lower severity. ``severity``, when given, must be the one the
    rule declares for the variant: a finding's level is never decided anywhere else.

    ``key`` tells this finding from the rule's other findings at the same logical location
    (``location.logical``): a 第二十条 block, a note's code, a sentence's place in its section
    (:mod:`nianbao.narrative.places`), a cell key. With the rule and the report's identity it makes
    the finding's fingerprint, so it names the place by the report's structure, never by a line,
    page, character offset or the message's wording. Two findings of one rule in one report must
    differ in location or key.
    """

    location: Location
    args: dict[str, Any] = field(default_factory=dict)
    evidence: Derivation | None = None
    variant: str = "default"
    severity: Severity | None = None
    key: LogicalKey = ()


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    args: dict[str, Any]
    location: Location
    evidence: Derivation | None
    source: str
    fingerprint: str
    suppressed: str | None = None
    severity_reason: str | None = None
