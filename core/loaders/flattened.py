"""Flattened text: a web page's text extracted into a few long lines, table cells glued together.

Such a page reads ``…联系。一、总体情况2021年，我区…（一）主动公开方面。…`` and
``一、本年新收政府信息公开申请数量640020470``. Headings are found only at the format's known section
titles (edition data) and at (一)(二)… markers that open a sentence, so ordinary text never becomes a
heading. Table rows are found at the template's row labels followed by a run of digits, inside the
sections that hold the tables; the runs go to :mod:`nianbao.reading.glued` through a ``glued`` RawTable.

An archive's crawler may put ``key: value`` lines above a ``==== 正文 ====`` line: they are not
part of the report, but the title and the publication date are kept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache

from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.format.editions import SectionSpec
from nianbao.format.editions import TableSpec
from nianbao.format.numerals import replace_each
from nianbao.model.document import Note
from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable
from nianbao.reading.metadata import iso_date
from nianbao.reading.sections import MARKS as _MARKS
from nianbao.reading.sections import REMARK as _REMARK
from nianbao.reading.sections import closest_prefix
from nianbao.reading.sections import place_title
from nianbao.reading.sections import section_specs

_CN = "一二三四五六七八九十"
_BODY_MARK = re.compile(r"^\s*=+\s*正文\s*=+\s*$")
_HEADER_LINE = re.compile(r"^\s*([^:：]{1,12})[:：]\s*(.*?)\s*$")
_BREADCRUMB = re.compile(r"^\s*当前位置[:：].{0,400}?(?:相关链接[:：]\s*(?:-->)?|-->)\s*", re.S)
_TRAILER = re.compile(r"\s*附件下载\s*$")
_SUB_MARK = re.compile(rf"[（(]\s*([{_CN}]+)\s*[)）]")
_SENTENCE_END = "。；：！？!?;:"
_SPACE = r"[ \t\u00a0\u3000]"
# A run of digits and spaces; a minus sign followed by a digit inside it starts a negative cell
# (本年增/减), which the splitter accepts only in a column the edition declares signed.
_RUN = re.compile(
    rf"{_SPACE}*([-−]?\d(?:[\d .\u00a0\u3000]|[-−](?=\d))*?){_SPACE}*(万元|元)?"
    r"(?=(?![-−]\d)[^\d .\u00a0\u3000]|$)"
)
# A number followed by one of these is a count in a sentence ("重复申请3件"), not a table cell.
_NARRATIVE_UNIT = "件条个项次人%％年月日万亿余多名家份篇期倍批户场"
_TITLE_MAX = 40
# Closing quotes that folding drops from a label (3.危及“三安全一稳定”) but that stand before its run.
_CLOSING = "”’」』\"'"
_SHORT_LABEL = 3
_FULLWIDTH = tuple(zip("０１２３４５６７８９．－", "0123456789.-", strict=True))


@dataclass(slots=True)
class FlattenedPage:
    """What a flattened page gives: blocks in reading order, the crawler's title and date, and
    notes on what was left unread."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    published_on: str | None = None
    notes: list[Note] = field(default_factory=list)


def crawler_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """The ``key: value`` lines above the ``==== 正文 ====`` line, and the index of the first body
    line (0 when there is no such line)."""
    for index, line in enumerate(lines):
        if _BODY_MARK.match(line):
            fields = {}
            for above in lines[:index]:
                match = _HEADER_LINE.match(above)
                if match:
                    fields[match.group(1).strip()] = match.group(2)
            return fields, index + 1
    return {}, 0



# --- folding with a map back to the source ----------------------------------------------------------


def fold_map(text: str) -> tuple[str, list[int]]:
    """``labels.fold`` applied character by character, with the source index of each folded character."""
    fold = {char: labels.fold(char) for char in set(text)}  # a page has a few hundred distinct characters
    pieces = [fold[char] for char in text]
    position = text.find("、")
    while position >= 0:  # 、 after a number (what was folded last is a digit) is the number's dot
        before = position - 1
        while before >= 0 and not pieces[before]:
            before -= 1
        if before >= 0 and pieces[before][-1].isdigit():
            pieces[position] = "."
        position = text.find("、", position + 1)
    return "".join(pieces), [position for position, piece in enumerate(pieces) for _ in piece]


def _pattern(text: str) -> str:
    """A regex for ``text`` that allows whitespace between its characters."""
    return r"\s*".join(re.escape(ch) for ch in text if not ch.isspace())


# --- headings -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Heading:
    start: int
    end: int
    number: str
    section_key: str


def section_headings(text: str, editions: Mapping[str, Edition]) -> list[_Heading]:
    """Numbered section headings (``一、总体情况``) in ``text``, numbers rising.

    A known title (or variant) is found whatever mark its number carries (``一、``, ``一、、``,
    ``一.``, ``第一部分``, or none when the numeral is that section's own) and with a bracketed remark
    after it;
    a heading worded differently is found where its number is the next one expected and the words
    after the mark are close to that section's title.
    """
    specs = section_specs(editions)
    titles: dict[str, str] = {}
    for spec in specs:
        for title in (spec.title, *spec.variants):
            titles.setdefault(title, spec.key)
    pattern = _heading_pattern(tuple(titles))
    by_folded = {labels.fold(t): key for t, key in titles.items()}
    numbers = {spec.key: spec.number for spec in specs}
    exact: list[_Heading] = []
    last = -1
    for match in pattern.finditer(text):
        number = match.group("part") or match.group("marked") or match.group("bare")
        rank = _rank(number)
        if rank <= last:
            continue
        key = by_folded.get(labels.fold(match.group("title")))
        if key is None or (match.group("bare") and numbers[key] != number):
            continue  # a bare numeral must be the section's own: 统一主动公开政府信息 is no heading
        exact.append(_Heading(match.start(), match.end(), number, key))
        last = rank
    return _with_reworded(text, exact, specs)


@lru_cache(maxsize=16)
def _heading_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A numbered heading with one of ``titles``, built once per set of editions, not per line."""
    alternatives = "|".join(f"(?:{_pattern(t)})" for t in sorted(titles, key=len, reverse=True))
    return re.compile(
        rf"(?:第\s*(?P<part>[{_CN}]{{1,2}})\s*部分\s*[{_MARKS}]*|(?P<marked>[{_CN}]{{1,2}})\s*[{_MARKS}]+"
        rf"|(?P<bare>[{_CN}]{{1,2}}))\s*(?P<title>{alternatives})(?P<remark>{_REMARK})?"
    )


def _with_reworded(text: str, found: list[_Heading], specs: list[SectionSpec]) -> list[_Heading]:
    """Add headings worded differently from the format, looked for only between the headings
    already found and only for the numbers missing there."""
    out: list[_Heading] = []
    bounds = [*found, None]
    start, last = 0, 0
    for following in bounds:
        stop = following.start if following is not None else len(text)
        top = _rank(following.number) if following is not None else len(_CN) + 1
        for spec in specs:
            rank = _rank(spec.number)
            if not last < rank < top or any(h.number == spec.number for h in out):
                continue
            heading = _reworded(text, start, stop, spec, specs)
            if heading is not None:
                out.append(heading)
                start, last = heading.end, rank
        if following is not None:
            out.append(following)
            start, last = following.end, _rank(following.number)
    return out


def _reworded(
    text: str, start: int, stop: int, spec: SectionSpec, specs: list[SectionSpec]
) -> _Heading | None:
    for match in _marker(spec.number).finditer(text, start, stop):
        words = text[match.end(): min(stop, match.end() + _TITLE_MAX)]
        cut = re.search(rf"[{_SENTENCE_END}。，,\s\d]", words)
        title = words[: cut.start()] if cut else words
        # The title runs into what follows (a table's header, the first sentence): take the length
        # whose words come closest to the section's title.
        length = closest_prefix(title, spec)
        if length is not None and place_title(title[:length], spec.number, specs) is spec:
            return _Heading(match.start(), match.end() + length, spec.number, spec.key)
    return None


@lru_cache(maxsize=32)
def _marker(number: str) -> re.Pattern[str]:
    """The mark of section ``number`` (一、, 第一部分): compiled once, not at every search."""
    return re.compile(rf"(?:第\s*{number}\s*部分\s*[{_MARKS}]*|(?<![{_CN}]){number}\s*[{_MARKS}]+)\s*")


def _rank(number: str) -> int:
    if len(number) == 1:
        return _CN.find(number) + 1
    if number[0] == "十":
        return 10 + _CN.find(number[1]) + 1
    return 100


def sub_heading_starts(text: str) -> list[int]:
    """Where (一)(二)… markers open a sentence, numbered in sequence from (一)."""
    starts = []
    expected = 1
    for match in _SUB_MARK.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in _SENTENCE_END:
            continue
        if _rank(match.group(1)) != expected:
            continue
        starts.append(match.start())
        expected += 1
    return starts


# --- table rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Label:
    core: str
    enumerator: str | None


@dataclass(slots=True)
class _Row:
    start: int
    run_start: int
    run_end: int
    label: str = ""


def _row_labels(specs: list[TableSpec]) -> list[_Label]:
    found: dict[str, _Label] = {}
    for spec in specs:
        for row in (*spec.all_rows(), *spec.merged_rows):
            for text in (row.label, *row.variants):
                core = labels.core(text)
                if core and core not in found:
                    found[core] = _Label(core, labels.enumerator(text))
    return sorted(found.values(), key=lambda item: len(item.core), reverse=True)


def _enumerator_before(text: str, start: int, enumerator: str | None) -> int | None:
    """Where the label's own enumerator (``2.``, ``（二）``, ``一、``) begins just before ``start``."""
    if not enumerator:
        return None
    match = _enumerator_pattern(enumerator).search(text[:start])
    return match.start() if match else None


@lru_cache(maxsize=64)
def _enumerator_pattern(enumerator: str) -> re.Pattern[str]:
    """A label's own enumerator ending the text: compiled once per enumerator, not at every row."""
    number = re.escape(enumerator)
    if enumerator.isdigit():
        # No word boundary: the previous row's digits run straight into it (…00000002.其他…).
        return re.compile(rf"{number}\s*[.．、]\s*$")
    return re.compile(rf"(?:[（(]\s*{number}\s*[)）]|{number}\s*[、.．])\s*$")


def find_rows(text: str, specs: list[TableSpec]) -> list[_Row]:
    """Template row labels in ``text`` that are followed by a run of numbers, in reading order."""
    folded, index = fold_map(text)
    claimed = [False] * len(folded)
    rows: list[_Row] = []
    for label in _row_labels(specs):
        position = folded.find(label.core)
        while position >= 0:
            end = position + len(label.core)
            if not any(claimed[position:end]):
                row = _row_at(text, index[position], index[end - 1] + 1, label)
                if row is not None:
                    rows.append(row)
                    for i in range(position, end):
                        claimed[i] = True
            position = folded.find(label.core, position + 1)
    rows.sort(key=lambda r: r.start)
    for row, following in itertools.pairwise(rows):
        row.run_end = min(row.run_end, following.start)
    kept = []
    for row in rows:
        run = text[row.run_start:row.run_end].strip()
        if any(ch.isdigit() for ch in run):
            kept.append(row)
    return kept


def _row_at(text: str, start: int, end: int, label: _Label) -> _Row | None:
    enumerator_start = _enumerator_before(text, start, label.enumerator)
    if enumerator_start is None and label.enumerator and len(label.core) <= _SHORT_LABEL:
        return None  # "总计" or "其他" alone is a header word, not a row label
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    match = _RUN.match(text, end)
    if not match:
        return None
    after = text[match.end():match.end() + 1]
    if after and after in _NARRATIVE_UNIT:
        return None
    first = enumerator_start if enumerator_start is not None else start
    return _Row(start=first, run_start=match.start(1), run_end=match.end(), label=text[first:end])


def find_header_run(text: str, spec: TableSpec) -> tuple[int, int, int] | None:
    """For a single-row table without a row label (表四): the header start and the run that follows
    a header naming all the table's column groups and columns."""
    wanted = {labels.core(g) for c in spec.columns if c.group for g in c.group.split()}
    wanted |= {labels.core(c.label) for c in spec.columns}
    for match in re.finditer(r"\d[\d \u00a0\u3000]*", text):
        head_start = max(text.rfind(ch, 0, match.start()) for ch in "。；") + 1
        header = labels.fold(text[head_start:match.start()])
        if all(w in header for w in wanted):
            return head_start, match.start(), match.start() + len(match.group(0).rstrip())
    return None


# --- the page ---------------------------------------------------------------------------------------


def is_flattened(text: str, editions: Mapping[str, Edition]) -> bool:
    """True for an archive page with a ``==== 正文 ====`` line, or a line holding two or more
    numbered section headings."""
    lines = text.splitlines()
    if any(_BODY_MARK.match(line) for line in lines):
        return True
    return any(len(line) > 200 and len(section_headings(line, editions)) >= 2 for line in lines)


def read_flattened(text: str, editions: Mapping[str, Edition]) -> FlattenedPage:
    # A glued run is split character by character, so every digit must be one the splitter knows;
    # the mapping is one character for one, so every position stays where the source has it.
    text = replace_each(text, _FULLWIDTH)
    lines = text.splitlines()
    header, first = crawler_header(lines)
    page = FlattenedPage(title=header.get("标题") or None,
                         published_on=iso_date(header.get("发布时间", "")))
    body = [(number, line) for number, line in enumerate(lines[first:], start=first + 1) if line.strip()]
    if body:
        number, line = body[0]
        body[0] = (number, _BREADCRUMB.sub("", line, count=1))
        number, line = body[-1]
        body[-1] = (number, _TRAILER.sub("", line))
    table_sections = {t.section for e in editions.values() for t in e.tables}
    specs_by_section: dict[str, list[TableSpec]] = {}
    for edition in editions.values():
        for spec in edition.tables:
            specs_by_section.setdefault(spec.section, []).append(spec)
    section_key: str | None = None
    last_rank = 0
    for number, line in body:
        headings = [h for h in section_headings(line, editions) if _rank(h.number) > last_rank]
        cursor = 0
        for heading in headings:
            page.blocks.extend(_section_blocks(line[cursor:heading.start], cursor, number, section_key,
                                               table_sections, specs_by_section, first_text=not page.blocks))
            heading_text = line[heading.start:heading.end].strip()
            page.blocks.append(Paragraph(heading_text, _ref(number, heading.start)))
            section_key = heading.section_key
            last_rank = _rank(heading.number)
            cursor = heading.end
        page.blocks.extend(_section_blocks(line[cursor:], cursor, number, section_key,
                                           table_sections, specs_by_section, first_text=not page.blocks))
    _drop_cut_row(page, [spec for specs in specs_by_section.values() for spec in specs])
    return page


def _drop_cut_row(page: FlattenedPage, specs: list[TableSpec]) -> None:
    """A table that ends the page may have been cut short with the file: its last run is not read.
    (Text after a table always becomes a paragraph, so a table as the last block ends the page.)"""
    table = page.blocks[-1] if page.blocks else None
    if not isinstance(table, RawTable) or not table.rows:
        return
    label, run = table.rows.pop()
    if not table.rows:
        page.blocks.pop()
    placed = next(((spec, row) for spec in specs if (row := spec.match_row(label.text)) is not None), None)
    page.notes.append(Note(
        code="row-unreadable",
        message=f"“{label.text}”行的数字“{run.text}”在文件末尾，文件可能不完整，未读取该行",
        message_en=f"the digits “{run.text}” of row “{label.text}” end the file, which may be cut short; "
                   "the row was not read",
        ref=run.ref, table=placed[0].key if placed else None, row=placed[1].key if placed else None,
    ))


def _ref(line: int, column: int) -> SourceRef:
    return SourceRef(line=line, locator=f"line {line}, column {column + 1}")


def _section_blocks(
    text: str, offset: int, line: int, section_key: str | None, table_sections: set[str],
    specs_by_section: dict[str, list[TableSpec]], first_text: bool,
) -> Iterator[Block]:
    if not text.strip():
        return
    if section_key in table_sections:
        found = _table_in(text, specs_by_section[section_key or ""])
        if found is not None:
            start, end, rows = found
            yield from _narrative(text[:start], offset, line)
            table = RawTable(rows=[], ref=_ref(line, offset + start), kind="glued")
            for label_start, label, run_start, run in rows:
                table.rows.append([
                    RawCell(label, _ref(line, offset + label_start)),
                    RawCell(run, _ref(line, offset + run_start)),
                ])
            yield table
            yield from _narrative(text[end:], offset + end, line)
            return
    if first_text:
        yield from _title_and_rest(text, offset, line)
        return
    yield from _narrative(text, offset, line)


def _table_in(text: str, specs: list[TableSpec]) -> tuple[int, int, list[tuple[int, str, int, str]]] | None:
    """The span of the table text in a section body and its ``(label, run)`` rows."""
    rows = [(r.start, r.label, r.run_start, text[r.run_start:r.run_end].strip(), r.run_end)
            for r in find_rows(text, specs)]
    for spec in specs:
        if len(spec.all_rows()) != 1:
            continue
        if any(spec.match_row(label) is not None for _s, label, *_rest in rows):
            continue
        found = find_header_run(text, spec)
        if found is not None:
            head_start, run_start, run_end = found
            header = text[head_start:run_start].strip()
            rows.append((head_start, header, run_start, text[run_start:run_end], run_end))
            break
    if not rows:
        return None
    rows.sort()
    first = rows[0][0]
    start = max(text.rfind(ch, 0, first) for ch in "。；") + 1
    end = max(r[4] for r in rows)
    return start, end, [(s, label, rs, run) for s, label, rs, run, _e in rows]


def _title_and_rest(text: str, offset: int, line: int) -> Iterator[Paragraph]:
    """A page often starts with the report's title followed by a space and the first sentence."""
    stripped = text.lstrip()
    lead = len(text) - len(stripped)
    head, space, _rest = stripped.partition(" ")
    if space and len(head) <= 80 and head.endswith("报告"):
        yield Paragraph(head, _ref(line, offset + lead))
        yield from _narrative(text[lead + len(head):], offset + lead + len(head), line)
        return
    yield from _narrative(text, offset, line)


def _narrative(text: str, offset: int, line: int) -> Iterator[Paragraph]:
    """Paragraphs of a narrative stretch, split where a (一)(二)… sub-heading opens a sentence; a
    sub-heading's title ends at its first full stop or, in extracted text, at its first space."""
    if not text.strip():
        return
    cuts = [0, *sub_heading_starts(text), len(text)]
    for start, end in itertools.pairwise(cuts):
        piece = text[start:end]
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        at = offset + start + lead
        marker = _SUB_MARK.match(piece)
        if marker:
            rest = piece[marker.end():]
            title, space, body = rest.partition(" ")
            if space and 0 < len(title) <= _TITLE_MAX and not any(ch in _SENTENCE_END for ch in title):
                yield Paragraph(piece[: marker.end()] + title, _ref(line, at))
                yield Paragraph(body.strip(), _ref(line, at + marker.end() + len(title) + 1))
                continue
        yield Paragraph(piece, _ref(line, at))
