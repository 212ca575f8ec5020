"""What a loader hands to reading: paragraphs and raw tables (rows of raw cells), in reading order."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef


@dataclass(slots=True)
class RawCell:
    """One cell as read. ``origin`` is False for the copies a row/col span leaves in the grid."""

    text: str
    ref: SourceRef = field(default_factory=SourceRef)
    origin: bool = True


@dataclass(slots=True)
class RawTable:
    """A table as read, before it is matched to a template.

    ``kind`` is ``grid`` when the source has real cells (HTML, DOCX, ruled PDF tables), so an
    empty cell is a blank value, or ``text`` when cells come from splitting lines, so empty cells
    may be leftovers of flattened merged cells and are ignored, or ``glued`` when each row is
    ``[label, run]`` and the run holds the row's numbers with their separators lost
    (:mod:`nianbao.reading.glued` splits it where the split is certain).
    """

    rows: list[list[RawCell]]
    ref: SourceRef = field(default_factory=SourceRef)
    kind: str = "grid"


Block = Paragraph | RawTable
