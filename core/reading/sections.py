"""Split a report's paragraphs into its numbered sections (一、… and their （一）… sub-sections), and
tell which section each raw table stands in.

A section is found by what it is, not by how exactly its heading is typed: the number may lack or
double its mark (``一总体情况``, ``一、、总体情况``, ``一.总体情况``), be written ``第一部分``, and the
title may carry a remark (``二、主动公开政府信息情况（有关情况附表）``) or deviate in wording from the
format. The rules SEC003 and SEC005 report such deviations; here they only must not hide a section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher

from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.format.editions import SectionSpec
from nianbao.memo import keep
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Section
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawTable

_CN = "一二三四五六七八九十"
MARKS = "、.．,，:："
"""Marks that may follow a section number (the format writes 、)."""
# 第一部分 / 一、 / 一、、 / 一. / 一 (no mark): the number, then the title.
_TOP = re.compile(
    rf"^\s*(?:第\s*(?P<part>[{_CN}]{{1,3}})\s*部分|(?P<number>[{_CN}]{{1,3}}))"
    rf"\s*(?P<marks>[{MARKS}]*)\s*(?P<body>.*)$",
    re.S,
)
_SUB = re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[)）]\s*(.*)$", re.S)
REMARK = rf"\s*[（(](?![{_CN}]+[)）])[^（()）]{{1,30}}[)）]"
"""A remark in brackets after a title: （有关情况附表）."""
_REMARK_AT_END = re.compile(REMARK + r"\s*$")
_TITLE_MAX = 40
# How close a title's wording must be to the format's title to count as that section when its
# number agrees (总体工作情况 against 总体情况 is 0.8).
_WORDING = 0.75


@dataclass(frozen=True, slots=True)
class TopHeading:
    """A top-level heading as written: ``marker`` is what stands before the title (``一、``,
    ``第一部分 ``, ``一``), ``marked`` whether the number carries a mark or a 第…部分."""

    number: str
    marker: str
    title: str
    rest: str
    marked: bool


def section_specs(editions: Mapping[str, Edition]) -> list[SectionSpec]:
    return [s for e in editions.values() for s in e.sections]


_MARKS = re.compile(r"[()（）、.．\-—]")


def _words(text: str) -> str:
    return _MARKS.sub("", labels.core(text))


def place_title(title: str, number: str | None, specs: Iterable[SectionSpec]) -> SectionSpec | None:
    """The template section a heading's title names: its title or a known variant, the same with a
    remark in brackets after it, or (when the number agrees) a close wording."""
    specs = list(specs)
    return named_section(title, specs) or reworded_section(title, number, specs)


def named_section(title: str, specs: Iterable[SectionSpec]) -> SectionSpec | None:
    """The template section whose title or known variant ``title`` is, with or without a remark in
    brackets after it."""
    specs = list(specs)
    for spec in specs:
        if spec.matches(title):
            return spec
    bare = _REMARK_AT_END.sub("", title)
    if bare != title and bare:
        for spec in specs:
            if spec.matches(bare):
                return spec
    return None


def reworded_section(title: str, number: str | None, specs: Iterable[SectionSpec]) -> SectionSpec | None:
    """The template section numbered ``number`` whose title ``title`` comes close to in wording."""
    if number is None:
        return None
    bare = _REMARK_AT_END.sub("", title)
    best: tuple[float, SectionSpec | None] = (0.0, None)
    for spec in specs:
        if spec.number != number:
            continue
        ratio = title_likeness(bare or title, spec) or 0.0
        if ratio > best[0]:
            best = (ratio, spec)
    return best[1] if best[0] >= _WORDING else None


def title_likeness(title: str, spec: SectionSpec) -> float | None:
    """How close the words of ``title`` are to the section's title or a variant (0 to 1)."""
    wanted = _words(title)
    if not wanted:
        return None
    return max(_likeness(wanted, text) for text in (spec.title, *spec.variants))


def closest_prefix(title: str, spec: SectionSpec, shortest: int = 2) -> int | None:
    """The length (from ``shortest`` on) of the start of ``title`` whose words come closest to the
    section's title or a variant, the shortest of equals; None when no start has words. What
    :func:`title_likeness` gives for each length, without working out the lengths that cannot come
    closer: a matcher's quick ratio bounds its ratio from above."""
    texts = (spec.title, *spec.variants)
    best: tuple[float, int] | None = None
    for length in range(shortest, len(title) + 1):
        wanted = _words(title[:length])
        if not wanted:
            continue
        score = -1.0
        for text in texts:
            matcher = _matcher(text)
            matcher.set_seq1(wanted)
            if best is not None and (matcher.real_quick_ratio() <= (bar := max(score, best[0]))
                                     or matcher.quick_ratio() <= bar):
                continue  # it cannot raise the score above the best so far
            score = max(score, matcher.ratio())
        if best is None or score > best[0]:
            best = (score, length)
    return best[1] if best is not None else None


# One matcher per title of the format: a matcher indexes its second text when it is set, and a
# heading worded differently is compared with each title many times (every length it may have).
_MATCHERS: dict[str, SequenceMatcher[str]] = {}
_MATCHERS_SIZE = 1024


def _likeness(wanted: str, title: str) -> float:
    matcher = _matcher(title)
    matcher.set_seq1(wanted)
    return matcher.ratio()


def _matcher(title: str) -> SequenceMatcher[str]:
    matcher = _MATCHERS.get(title)
    if matcher is None:
        matcher = keep(_MATCHERS, title, SequenceMatcher(None, "", _words(title)), _MATCHERS_SIZE)
    return matcher


def top_heading(text: str) -> TopHeading | None:
    """The heading at the start of ``text`` when it starts with a section number and a short title."""
    match = _TOP.match(text)
    if not match:
        return None
    number = match.group("part") or match.group("number")
    body = match.group("body").strip()
    split = _title_and_rest(body)
    if split is None:
        return None
    title, rest = split
    marker = text[: match.start("body")].strip()
    marked = bool(match.group("marks")) or match.group("part") is not None
    return TopHeading(number, marker, title, rest, marked)


def _title_and_rest(body: str) -> tuple[str, str] | None:
    if not body:
        return None
    if len(body) <= _TITLE_MAX and not body.endswith(("。", "；", ";")):
        return body, ""
    for stop in ("。", "：", ":"):
        head, sep, rest = body.partition(stop)
        if sep and 0 < len(head) <= _TITLE_MAX:
            return head, rest.strip()
    return None


def _sub_heading(text: str) -> tuple[str, str, str] | None:
    match = _SUB.match(text)
    if not match:
        return None
    split = _title_and_rest(match.group(2).strip())
    if split is None:
        return None
    return match.group(1), split[0], split[1]


def split_sections(document: Document, blocks: list[Block], editions: Mapping[str, Edition]) -> None:
    specs = section_specs(editions)
    current: Section | None = None
    child: Section | None = None
    for block in blocks:
        if isinstance(block, RawTable):
            continue
        text = block.text.strip()
        if not text:
            continue
        top = top_heading(text)
        spec = _opens_section(top, document, specs) if top is not None else None
        if top is not None and spec is not False:
            heading = text if not top.rest else f"{top.marker}{top.title}"
            key = spec.key if isinstance(spec, SectionSpec) else _key_by_number(top.number, specs)
            current = Section(number=top.number, title=top.title, heading=heading, level=1, key=key,
                              ref=block.ref)
            document.sections.append(current)
            child = None
            if top.rest:
                current.paragraphs.append(Paragraph(top.rest, block.ref))
            continue
        sub = _sub_heading(text) if current is not None else None
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


def _opens_section(heading: TopHeading, document: Document, specs: list[SectionSpec]) -> SectionSpec | bool:
    """The template section a heading opens; True for a marked heading that names none but is the
    next number in sequence; False for neither (a numbered list item inside a section, or a
    sentence that merely starts with a numeral).

    A title the format names opens its section wherever it stands. A title only worded like one
    opens it when its number is also the next in sequence, so that a sub-topic numbered 三、 inside
    总体情况 (三、依申请公开情况) is not taken for the third part.
    """
    spec = named_section(heading.title, specs)
    if spec is not None:
        return spec
    in_sequence = _next_in_sequence(heading.number, document)
    spec = reworded_section(heading.title, heading.number, specs)
    if spec is not None and in_sequence:
        return spec
    return heading.marked and in_sequence


def _next_in_sequence(number: str, document: Document) -> bool:
    if not document.sections:
        return number == "一"
    previous = document.sections[-1].number
    if len(number) == 1 and len(previous) == 1:
        return _CN.find(number) == _CN.find(previous) + 1
    return False


def _key_by_number(number: str, specs: list[SectionSpec]) -> str | None:
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
