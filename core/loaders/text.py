"""Markdown and plain-text reports: headings found by their markers, tables from tab- or
pipe-separated lines. Flattened text (a web page's text with table cells glued together) is read
by :mod:`nianbao.loaders.flattened`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path

from nianbao.format.editions import Edition
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import decode_text
from nianbao.loaders.base import sha256
from nianbao.loaders.flattened import is_flattened
from nianbao.loaders.flattened import read_flattened
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.reading.assemble import Draft
from nianbao.reading.assemble import draft_document
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_NUMBER = re.compile(r"[+\-−]?\d+(?:\.\d+)?")


def _is_table_line(line: str) -> bool:
    return "\t" in line.strip("\n") or line.lstrip().startswith("|")


def _cells(line: str, number: int) -> list[RawCell]:
    text = line.rstrip("\n")
    if text.lstrip().startswith("|"):
        parts = text.strip().strip("|").split("|")
    else:
        parts = text.split("\t")
    cells = []
    for col, part in enumerate(parts, start=1):
        ref = SourceRef(line=number, locator=f"line {number}, cell {col}")
        tokens = part.split()
        # "0 0 0" in one cell is several numbers that lost their separators
        if len(tokens) > 1 and all(_NUMBER.fullmatch(t) for t in tokens):
            cells.extend(RawCell(t, ref) for t in tokens)
        else:
            cells.append(RawCell(part.strip(), ref))
    return cells


def read_blocks(text: str, markdown: bool) -> Iterator[Block]:
    """Paragraphs (one per non-empty line) and tables (runs of tab/pipe lines; a single blank line
    inside a run does not end the table)."""
    lines = text.splitlines()
    table: RawTable | None = None
    pending_blank = False
    for number, line in enumerate(lines, start=1):
        if _is_table_line(line) and not _PIPE_RULE.match(line):
            if table is None:
                table = RawTable(rows=[], ref=SourceRef(line=number), kind="text")
            table.rows.append(_cells(line, number))
            pending_blank = False
            continue
        if _PIPE_RULE.match(line) and table is not None:
            continue
        if not line.strip():
            if table is not None and pending_blank:
                yield table
                table = None
            pending_blank = table is not None
            continue
        if table is not None:
            yield table
            table = None
            pending_blank = False
        content = line
        # Plain-text copies of Markdown reports keep their heading marks, which are not content.
        content = _MD_HEADING.sub("", content)
        if markdown:
            content = _MD_LIST.sub("", content)
            content = _EMPHASIS.sub(r"\2", content)
        content = content.strip()
        if content:
            yield Paragraph(content, SourceRef(line=number))
    if table is not None:
        yield table


class _TextLike:
    name = "text"
    suffixes: tuple[str, ...] = (".txt",)
    markdown = False

    def sniff(self, head: bytes) -> bool:
        return False

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Draft:
        if not data.strip():
            raise LoadError("文件是空的", "the file is empty", reason="empty")
        decoded = decode_text(data)
        source = Source(path=str(path), format=self.name, sha256=sha256(data), encoding=decoded.encoding)
        if not self.markdown and is_flattened(decoded.text, editions):
            page = read_flattened(decoded.text, editions)
            draft = draft_document(source, page.blocks, editions, title_hint=page.title)
            meta = draft.document.meta
            meta.published_on = meta.published_on or page.published_on
            draft.notes_after.extend(page.notes)
            return draft
        blocks = list(read_blocks(decoded.text, self.markdown))
        title = None
        if self.markdown:
            for line in decoded.text.splitlines():
                if re.match(r"^\s{0,3}#\s+\S", line):
                    title = _MD_HEADING.sub("", line).strip()
                    break
        return draft_document(source, blocks, editions, title_hint=title)


class MarkdownLoader(_TextLike):
    name = "markdown"
    suffixes = (".md", ".markdown")
    markdown = True


class TextLoader(_TextLike):
    name = "text"
    suffixes = (".txt", ".text")

    def sniff(self, head: bytes) -> bool:
        # The fallback for files with an unknown suffix that are not HTML, PDF or DOCX.
        return True
