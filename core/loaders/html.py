"""HTML reports: whole pages or article fragments from government CMSs (TRS, UEditor, Word pastes).

The encoding is decided by :mod:`nianbao.loaders.htmlencoding`, never by lxml. Tables become
grids with every row/col span expanded (the copies marked ``origin=False``); everything else becomes one
paragraph per block-level element, in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import lxml.etree
from nianbao.format.editions import Edition
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import sha256
from nianbao.loaders.elements import BLOCK
from nianbao.loaders.elements import BREAKING
from nianbao.loaders.elements import SKIP
from nianbao.loaders.elements import ElementPaths
from nianbao.loaders.elements import cell_text
from nianbao.loaders.elements import check_nesting
from nianbao.loaders.elements import collapse
from nianbao.loaders.elements import flat_text
from nianbao.loaders.elements import holds
from nianbao.loaders.elements import inline_text
from nianbao.loaders.elements import lines_of
from nianbao.loaders.elements import tag_of
from nianbao.loaders.htmlencoding import decode_html_utf8
from nianbao.loaders.htmlmeta import published_on
from nianbao.loaders.htmlmeta import title_hint
from nianbao.model.document import Note
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import active_limits
from nianbao.reading.assemble import Draft
from nianbao.reading.assemble import draft_document
from nianbao.reading.blocks import Block
from nianbao.reading.blocks import RawCell
from nianbao.reading.blocks import RawTable
from nianbao.reading.positions import locate_by_structure

_SNIFF = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|span|article|section|h[1-6])[\s>/]",
    re.I | re.S,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)

_CHROME_TAGS = {"nav", "header", "footer", "aside", "form"}
_CHROME_NAME = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|breadcrumbs?|crumbs?|footer|header|share|toolbar|sidebar)(?:$|[\s_-])", re.I
)
_ARTICLE_CLASS = re.compile(r"\bTRS_Editor\b", re.I)
# XPath compiled once; the article is looked for by class in Python, lower-casing ASCII as
# XPath's translate() would: evaluating translate() on every element took a millisecond a page.
# The class names are fetched as attributes, not as elements with a predicate: libxml2 runs a
# predicate's evaluation for every element, which costs several times the walk itself.
_ROWS = lxml.etree.XPath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
_LAYOUT_CELLS = lxml.etree.XPath("./tr/td | ./tr/th | ./*/tr/td | ./*/tr/th")
_CLASSES_AND_ARTICLES = lxml.etree.XPath("descendant::*/@class | descendant::article")  # smart strings
# Without an <article>, the class names alone, the element's own among them: libxml2 answers this
# path in two thirds of the time of the one above, whose step into each element's attributes and
# union cost more than the walk.
_CLASSES = lxml.etree.XPath(".//@class")
_CLASSES_BEFORE = lxml.etree.XPath("ancestor::*/@class | preceding::*/@class")  # in document order
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SPAN_LIMIT = 1000
_SPAN = re.compile(r"\s*(\d+)")
# "<table" in any ASCII case (all that lower() could turn into it), found without lower-casing the
# page's end, which costs ten times as much where it holds Chinese text
_TABLE_OPENS = re.compile(r"<[tT][aA][bB][lL][eE]")


# --- tables --------------------------------------------------------------------------------------


def _span(given: str | None) -> int:
    """A ``rowspan``/``colspan`` value: its leading digits, at least 1 and at most the limit."""
    if not given or given == "1":
        return 1
    if given.isdecimal():  # digits only (most): what the pattern would take, without matching it
        value = int(given)
    else:
        match = _SPAN.match(given)
        value = int(match.group(1)) if match else 1
    return min(max(value, 1), _SPAN_LIMIT)


def _rows_of(table: lxml.etree._Element) -> list[lxml.etree._Element]:
    return _ROWS(table)


def read_grid(table: lxml.etree._Element, paths: ElementPaths | None = None) -> RawTable:
    """The table as a grid: a cell spanning several rows or columns fills every slot it covers;
    the slots after its first are copies (``origin=False``) with the same text and source.

    A table with more rows, or more slots after its spans are expanded, than the limits allow
    is refused (:class:`LimitExceeded`) before the grid is built."""
    paths = paths or ElementPaths()
    limits = active_limits()
    rows = _rows_of(table)
    height = len(rows)
    if height > limits["max-table-rows"]:
        raise LimitExceeded("max-table-rows", height)
    max_cells = limits["max-table-cells"]
    cells = 0
    holes = False  # a slot no cell fills, left None until the end
    grid: list[list[RawCell | None]] = [[] for _ in rows]
    ref_of = paths.ref
    pending = paths.deferred()
    defer = pending.append if pending is not None else None  # paths.ref's work, inline
    for r, tr in enumerate(rows):
        col = 0
        here = grid[r]
        for td in tr[:]:  # a slice: lxml's own iterator costs several times as much per child
            tag = td.tag
            if tag != "td" and tag != "th" and tag_of(td) not in ("td", "th"):
                continue
            rowspan, colspan = td.get("rowspan"), td.get("colspan")
            if defer is not None:
                ref = SourceRef(td.sourceline)
                defer((ref, td))
            else:
                ref = ref_of(td)
            while col < len(here) and here[col] is not None:  # slots a cell above spans into
                col += 1
            if not rowspan and not colspan and col == len(here):  # most cells: the next slot
                cells += 1
                if cells > max_cells:
                    raise LimitExceeded("max-table-cells", f"> {max_cells}")
                here.append(RawCell(cell_text(td), ref))
                col += 1
                continue
            down, across = min(_span(rowspan), height - r), _span(colspan)
            cells += down * across
            if cells > max_cells:
                raise LimitExceeded("max-table-cells", f"> {max_cells}")
            text = cell_text(td)
            end = col + across
            for line in grid[r:r + down]:
                if len(line) < end:
                    if len(line) < col:
                        holes = True
                    line.extend([None] * (end - len(line)))
                for slot in range(col + (line is here), end):  # its own row's first slot: the cell
                    line[slot] = RawCell(text, ref, False)
            here[col] = RawCell(text, ref)  # the cell itself, where the span starts
            col = end
    if holes:
        grid = [[cell if cell is not None else RawCell("", SourceRef(line=tr.sourceline), origin=False)
                 for cell in line] for line, tr in zip(grid, rows, strict=True)]
    return RawTable(rows=[line for line in grid if line], ref=paths.ref(table), kind="grid")


# --- reading order -------------------------------------------------------------------------------


def _is_chrome(element: lxml.etree._Element, tag: str) -> bool:
    if tag in _CHROME_TAGS:
        return True
    names, name = element.get("class"), element.get("id")
    if not names and not name:  # most elements
        return False
    names = f"{names or ''} {name or ''}"
    return bool(names.strip()) and bool(_CHROME_NAME.search(names))


def _walk(element: lxml.etree._Element, blocks: list[Block], inline: list[tuple[str, int | None]],
          paths: ElementPaths) -> None:
    """Collect blocks below ``element``. A run of inline content between block elements is one
    paragraph; it gathers in ``inline`` until the next block boundary."""
    if element.text:
        inline.append((element.text, element.sourceline))
    for child in element[:]:  # a slice: lxml's own iterator costs several times as much per child
        tag = tag_of(child)
        if not tag or tag in SKIP or _is_chrome(child, tag):
            pass
        elif tag == "table" and holds(child, "table"):
            # a page laid out with a table: its cells hold the article, and the report's tables
            _flush(inline, blocks)
            for cell in _LAYOUT_CELLS(child):
                _walk(cell, blocks, inline, paths)
                _flush(inline, blocks)
        elif tag == "table":
            _flush(inline, blocks)
            blocks.append(read_grid(child, paths))
        elif tag == "br":
            _flush(inline, blocks)
        elif tag in BLOCK:
            _flush(inline, blocks)
            # most blocks hold inline content only: their one line read in the walk that finds out
            # (looking for blocks inside, then reading the lines, walked the element twice)
            text = inline_text(child)
            if text is not None:
                text = collapse(text)
                if text:
                    blocks.append(Paragraph(text, paths.ref(child)))
            elif _holds_blocks(child):
                _walk(child, blocks, inline, paths)
                _flush(inline, blocks)
            else:
                _paragraph(child, blocks, paths)
        elif (text := inline_text(child)) is not None:  # flat_text's answer, in one walk
            inline.append((text, child.sourceline))
        elif _holds_blocks(child):
            # Word pastes wrap paragraphs in spans: the blocks inside still break the run
            _walk(child, blocks, inline, paths)
        else:
            inline.append((flat_text(child), child.sourceline))
        if child.tail:
            inline.append((child.tail, child.sourceline))


def _holds_blocks(element: lxml.etree._Element) -> bool:
    """Whether something inside breaks the line: a block, a table or a ``<br>``. (A loop here:
    lxml's walk by tag names sets up a matcher for the 33 names on every call, which costs more.)"""
    for child in element.iterdescendants():
        tag = child.tag
        if isinstance(tag, str) and tag.lower() in BREAKING:
            return True
    return False


def _flush(inline: list[tuple[str, int | None]], blocks: list[Block]) -> None:
    if not inline:  # most block boundaries follow another
        return
    text = collapse("".join(t for t, _ in inline))
    line = next((n for t, n in inline if t.strip() and n), None)
    inline.clear()
    if text:
        blocks.append(Paragraph(text, SourceRef(line=line)))


def _paragraph(element: lxml.etree._Element, blocks: list[Block], paths: ElementPaths) -> None:
    """A block element with no blocks inside: one paragraph per line (``<br>`` separates lines)."""
    for text in lines_of(element):
        blocks.append(Paragraph(text, paths.ref(element)))


def _article_root(body: lxml.etree._Element) -> lxml.etree._Element:
    """The article body when the page marks it (TRS ``TRS_Editor``, ``<article>``) and it holds
    the tables; otherwise the whole body, site chrome excluded by :func:`_is_chrome`."""
    if holds(body, "article"):
        found = _first_marked(_CLASSES_AND_ARTICLES(body), body)
        return found if found is not None else body
    # Most pages mark a <div>: the divs alone are walked for the first that would do, then only the
    # class names before it are read, for an element of another name marked so earlier (reading
    # every element's class names took most of this function's time).
    for div in body.iter("div"):
        names = div.get("class")
        if names and div is not body and _marks_article(names) and _holds_article(div, body):
            earlier = _first_marked(_CLASSES_BEFORE(div), body)
            return earlier if earlier is not None else div
    found = _first_marked(_CLASSES(body), body)
    return found if found is not None else body


def _first_marked(found: list[str | lxml.etree._Element], body: lxml.etree._Element,
                  ) -> lxml.etree._Element | None:
    """The first element in ``found`` (class names and ``<article>`` elements in document order)
    that marks the article inside ``body`` and holds the tables."""
    for item in found:
        if isinstance(item, str):
            if not _marks_article(item):
                continue
            candidate = item.getparent()
            if candidate is body or tag_of(candidate) == "article":
                continue  # the body itself, or an article met already (its class after it)
            if not any(above is body for above in candidate.iterancestors()):
                continue  # before the body: in its <head>, or the <html> around it
        else:
            candidate = item
        if _holds_article(candidate, body):
            return candidate
    return None


def _marks_article(names: str) -> bool:
    # lower-cased as ASCII first: the substring rules out most class names before the pattern runs
    return "trs_editor" in names.translate(_ASCII_LOWER) and bool(_ARTICLE_CLASS.search(names))


def _holds_article(candidate: lxml.etree._Element, body: lxml.etree._Element) -> bool:
    """Whether the marked element holds the tables, or the page has none."""
    return holds(candidate, "table") or not holds(body, "table")


# --- the loader ----------------------------------------------------------------------------------


def parse_html(text: str, utf8: bytes | None = None) -> lxml.etree._Element:
    """The page's tree, parsed from ``text``, or from ``utf8`` when given: the same page as UTF-8
    bytes, which libxml2 reads as they are (a Python string reaches it as UTF-16, converted first)."""
    if _XML_DECLARATION.match(text):
        text, utf8 = _XML_DECLARATION.sub("", text, count=1), None
    # lxml.etree's parser, not lxml.html's: the same tree, without a Python call to choose each
    # element's class whenever reading touches one; the encoding given, a <meta> charset is not read.
    # No table of id attributes: nothing looks an element up by its id.
    parser = lxml.etree.HTMLParser(remove_comments=False, remove_pis=True, collect_ids=False,
                                   encoding="utf-8" if utf8 is not None else None)
    try:
        root = lxml.etree.fromstring(text if utf8 is None else utf8, parser)
        if root is None:
            raise lxml.etree.ParserError("Document is empty")
    except lxml.etree.ParserError as exc:
        # libxml2 gives up only on a document with no element at all
        raise LoadError("网页中没有可读的正文", "the page holds no readable text", reason="empty") from exc
    except ValueError as exc:
        raise LoadError(f"无法解析网页：{exc}", f"cannot parse the page: {exc}", reason="unreadable") from exc
    return root


def read_blocks(root: lxml.etree._Element, paths: ElementPaths | None = None,
                ) -> tuple[list[Block], lxml.etree._Element]:
    body = root.find("body")
    if body is None:
        body = root
    article = _article_root(body)
    blocks: list[Block] = []
    inline: list[tuple[str, int | None]] = []
    check_nesting(root)
    _walk(article, blocks, inline, paths or ElementPaths())
    _flush(inline, blocks)
    return blocks, article


class HtmlLoader:
    name = "html"
    suffixes = (".html", ".htm", ".shtml", ".xhtml")

    def sniff(self, head: bytes) -> bool:
        return bool(_SNIFF.match(head))

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Draft:
        if not data or data.isspace():  # (strip would copy the page)
            raise LoadError("文件是空的", "the file is empty", reason="empty")
        decoded, whole_utf8 = decode_html_utf8(data)
        digest = sha256(data)  # while the bytes decoding read are still in the cache
        root = parse_html(decoded.text, data if whole_utf8 else None)
        paths = ElementPaths(deferred=True)
        blocks, article = read_blocks(root, paths)
        if not any(isinstance(b, Paragraph) or any(c.text for row in b.rows for c in row) for b in blocks):
            raise LoadError("网页中没有可读的正文", "the page holds no readable text", reason="empty")
        cut = _cut_off_table(decoded.text, blocks) or _cut_off(decoded.text, blocks)
        if locate_by_structure(blocks):  # else every reference has its place already
            paths.resolve()
        source = Source(path=str(path), format=self.name, sha256=digest, encoding=decoded.encoding)
        draft = draft_document(source, blocks, editions, title_hint=title_hint(root, article))
        draft.document.meta.published_on = published_on(root, draft.document)
        if cut is not None:
            draft.notes_after.append(cut)
        return draft


def _cut_off_table(text: str, blocks: list[Block]) -> Note | None:
    """A file that ends inside a table (a download cut short) is read up to its last whole row:
    the row being written when the file ended may have lost cells or digits, so it is dropped."""
    tables = [b for b in blocks if isinstance(b, RawTable)]
    if not tables or _last_table_closed(text):
        return None
    lowered = _lowered_end(text)
    opened = lowered.rfind("<table")
    if opened <= lowered.rfind("</table") or "</body" in lowered[opened:] or "</html" in lowered[opened:]:
        return None  # every table closed, or the page ends properly after an unclosed one
    table = tables[-1]
    tail = lowered[lowered.rfind("<tr"):] if "<tr" in lowered else ""
    dropped = ""
    if tail and "</tr" not in tail and table.rows:
        row = table.rows.pop()
        # quoted on one line: a label's wrapped lines joined, the cells apart (3 3 0, not 330)
        written = " ".join(c.text.replace("\n", "") for c in row if c.origin and c.text)[:40]
        dropped = f"；最后一行（{written}）可能不完整，未读取" if written else "；最后一行可能不完整，未读取"
    return Note(
        code="file-cut-off",
        message=f"文件在表格中途结束，可能没有下载或保存完整{dropped}",
        message_en="the file ends inside a table and may be incomplete"
                   + ("; its last row may be partial and was not read" if dropped else ""),
        ref=table.ref,
    )


def _cut_off(text: str, blocks: list[Block]) -> Note | None:
    """A file that ends inside a tag or in the middle of text (a download cut short anywhere but in
    a table): what follows the cut is missing, so the findings of missing parts may only mean that.
    A page, whole or an article's fragment, ends with a closing tag."""
    if not blocks:
        return None
    end = text[-4096:].rstrip()  # not a copy of the whole page, unless its end is all spaces
    if len(end) < 40 < len(text):
        end = text.rstrip()
    if not end or end.endswith(">"):
        return None
    last = end[-40:].rsplit(">", 1)[-1]
    return Note(
        code="file-cut-off",
        message=f"文件在中途结束（最后是“{last}”），可能没有下载或保存完整；其后的内容没有读到，"
                "缺少某部分或某张表的发现可能只是因此",
        message_en=f"the file ends midway (its last characters: “{last}”) and may be incomplete; "
                   "nothing after that was read, so findings of missing parts may come from that alone",
        ref=blocks[-1].ref,
    )


def _last_table_closed(text: str) -> bool:
    """Whether a ``</table`` written in lower or upper case has no ``<table`` (in any case) after it:
    then no table is left open (most pages), known by looking only at what follows it."""
    for closing in ("</table", "</TABLE"):
        at = text.rfind(closing)
        if at >= 0 and not _TABLE_OPENS.search(text, at):
            return True
    return False


def _lowered_end(text: str) -> str:
    """The end of ``text`` in lower case, from far enough back to hold its last ``<table`` and a
    ``<tr`` (all that :func:`_cut_off_table` looks at), or the whole text when it holds neither;
    lower-casing a whole page took most of the time of that look."""
    size = 8192
    while size < len(text):
        lowered = text[-size:].lower()
        if "<table" in lowered and "<tr" in lowered[lowered.rfind("<table"):]:
            return lowered
        size *= 8
    return text.lower()
