"""Split a report's paragraphs into its numbered sections (一、… and their （一）… sub-sections), and
tell which section each raw table stands in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping

from nianbao.format.editions import Edition
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Section
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawTable

_CN = "一二三四五六七八九十"
_TOP = re.compile(rf"^\s*([{_CN}]+)\s*[、.．]\s*(.*)$", re.S)
_SUB = re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[)）]\s*(.*)$", re.S)
_TITLE_MAX = 40



def _heading(text: str, pattern: re.Pattern[str]) -> tuple[str, str, str] | None:
    """``(number, title, rest)`` when ``text`` starts with a heading marker and a short title."""
    match = pattern.match(text)
    if not match:
        return None
    number, body = match.group(1), match.group(2).strip()
    if not body:
        return None
    if len(body) <= _TITLE_MAX and not body.endswith(("。", "；", ";")):
        return number, body, ""
    for stop in ("。", "：", ":"):
        head, sep, rest = body.partition(stop)
        if sep and 0 < len(head) <= _TITLE_MAX:
            return number, head, rest.strip()
    return None


def split_sections(document: Document, blocks: list[Block], editions: Mapping[str, Edition]) -> None:
    specs = [s for e in editions.values() for s in e.sections]
    current: Section | None = None
    child: Section | None = None
    for block in blocks:
        if isinstance(block, RawTable):
            continue
        text = block.text.strip()
        if not text:
            continue
        top = _heading(text, _TOP)
        if top and _plausible_top(top, document, specs):
            number, title, rest = top
            current = Section(number=number, title=title, heading=text if not rest else f"{number}、{title}",
                              level=1, key=_section_key(number, title, specs), ref=block.ref)
            document.sections.append(current)
            child = None
            if rest:
                current.paragraphs.append(Paragraph(rest, block.ref))
            continue
        sub = _heading(text, _SUB) if current is not None else None
        if sub and current is not None:
            number, title, rest = sub
            child = Section(number=number, title=title, heading=text if not rest else f"（{number}）{title}",
                            level=2, ref=block.ref)
            current.children.append(child)
            if rest:
                child.paragraphs.append(Paragraph(rest, block.ref))
            continue
        target = child or current
        if target is None:
            document.preamble.append(Paragraph(text, block.ref))
        else:
            target.paragraphs.append(Paragraph(text, block.ref))


def _plausible_top(heading: tuple[str, str, str], document: Document, specs: list) -> bool:
    """A top-level marker opens a section when its title is a known section title, or when it is
    the next number in sequence; a numbered list item inside a section is neither."""
    number, title, _rest = heading
    if any(s.matches(title) for s in specs):
        return True
    if not document.sections:
        return number == "一"
    previous = document.sections[-1].number
    return _CN.find(number) == _CN.find(previous) + 1 if len(number) == 1 and len(previous) == 1 else False


def _section_key(number: str, title: str, specs: list) -> str | None:
    for spec in specs:
        if spec.matches(title):
            return spec.key
    for spec in specs:
        if spec.number == number:
            return spec.key
    return None


def tables_with_sections(
    blocks: list[Block], document: Document
) -> Iterable[tuple[RawTable, Section | None]]:
    """Pair each raw table with the top-level section it stands in (by reading order)."""
    section: Section | None = None
    headings = {id(s.ref): s for s in document.sections}
    for block in blocks:
        if isinstance(block, Paragraph):
            section = headings.get(id(block.ref), section)
        else:
            yield block, section
