"""What a narrative finding shows the reader: the sentence quoted and the table cells with their values."""

from __future__ import annotations

from nianbao.format.editions import Edition
from nianbao.format.editions import cell_label
from nianbao.model.document import SourceRef
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Location
from nianbao.model.places import place_words
from nianbao.narrative.metrics import Reading

QUOTE_WIDTH = 60
STATEMENT_WIDTH = 24  # a statement in evidence: enough words to find it in its sentence


def quote(sentence: str, start: int = 0, end: int | None = None, width: int = QUOTE_WIDTH) -> str:
    """The sentence, or a window of it around ``start:end`` when it is longer than ``width``."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= width:
        return sentence
    end = start if end is None else end
    left = max(0, min(start - width // 2, len(sentence) - width))
    right = min(len(sentence), max(end, left + width))
    text = sentence[left:right]
    return ("…" if left > 0 else "") + text + ("…" if right < len(sentence) else "")


def locatable(ref: SourceRef) -> bool:
    """A person can find the place: it has a line, a page or a locator."""
    return ref.line is not None or ref.page is not None or bool(ref.locator)


def table_number(edition: Edition | None, table: str) -> str:
    if edition is None:
        return ""
    try:
        return edition.table(table).number
    except KeyError:
        return ""


def reading_label(reading: Reading, edition: Edition | None) -> str:
    """The cell's official label (``一、本年新收政府信息公开申请数量 / 总计``), or the metric's label
    for a group of cells."""
    key = reading.single_cell
    if key is not None and edition is not None:
        try:
            return cell_label(edition.table(reading.metric.table), key)
        except KeyError:
            pass
    return reading.metric.label


def reading_cells(reading: Reading, edition: Edition | None) -> tuple[CellEvidence, ...]:
    cells = []
    for key, value in reading.shown:
        label = key
        if edition is not None:
            try:
                label = cell_label(edition.table(reading.metric.table), key)
            except KeyError:
                pass
        pointer = f"/tables/{reading.metric.table}/values/{key}"
        cells.append(CellEvidence(key=key, label=label, pointer=pointer, line=value.ref.line,
                                  page=value.ref.page, raw=value.raw, value=value.value,
                                  locator=value.ref.locator))
    return tuple(cells)


def statement_evidence(sentence: str, ref: SourceRef, value: int | float, start: int = 0,
                       end: int | None = None) -> CellEvidence:
    """A figure the narrative states, shown beside table cells in a finding's evidence (and as a
    related location in SARIF): the words around it quoted, where the sentence stands, the value."""
    return CellEvidence(key="narrative", label=f"叙述“{quote(sentence, start, end, STATEMENT_WIDTH)}”",
                        pointer="", line=ref.line, page=ref.page, raw=sentence[start:end], value=value,
                        locator=ref.locator)


def cells_shown(reading: Reading) -> bool:
    """Every cell of the reading can be found in the source: it has a place, and its text was kept."""
    return all(locatable(value.ref) for _, value in reading.cells)


def narrative_location(ref: SourceRef, reading: Reading | None = None, edition: Edition | None = None,
                       cell: str | None = None, table: str | None = None) -> Location:
    """The sentence's place in the source, with the table cell it is checked against."""
    key = cell or (reading.single_cell if reading is not None else None)
    table = table or (reading.metric.table if reading is not None else None)
    row, column = key.split(".", 1) if key else (None, None)
    label = reading_label(reading, edition) if reading is not None else None
    if label is None and key and table and edition is not None:
        try:
            label = cell_label(edition.table(table), key)
        except KeyError:
            label = None
    return Location(line=ref.line, page=ref.page, locator=ref.locator, table=table, row=row, column=column,
                    label=label)


def same_number(a: int | float, b: int | float) -> bool:
    return abs(a - b) < 1e-6


def place(ref: SourceRef) -> str:
    """``第 7 行`` or ``第 3 页``: where a person finds the sentence, in the words of a message."""
    if ref.line is not None:
        return f"第 {ref.line} 行"
    if ref.page is not None:
        return f"第 {ref.page} 页"
    return place_words(None, None, ref.locator) or ref.locator or "原文某处"


def place_en(ref: SourceRef) -> str:
    if ref.line is not None:
        return f"line {ref.line}"
    if ref.page is not None:
        return f"page {ref.page}"
    return place_words(None, None, ref.locator, "en") or ref.locator or "somewhere in the source"
