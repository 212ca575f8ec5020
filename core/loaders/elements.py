"""HTML element trees walked within bounds: XPath locators computed once per parent, the nesting
depth checked before reading recurses into it, and an element's text split into lines."""

from __future__ import annotations

import functools
import re

import lxml.etree
from nianbao.model.document import SourceRef
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import active_limits

# Elements whose text is never the report's; elements that start a line of their own.
SKIP = {
    "script", "style", "noscript", "template", "head", "select", "button", "iframe", "object", "svg", "xml",
}
BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "pre", "blockquote",
    "section", "article", "main", "body", "html", "center", "address", "figure", "figcaption", "caption",
    "tr", "hr", "fieldset", "legend",
}
BREAKING = BLOCK | {"table", "br"}
_NUMBER_PART = re.compile(r"^[+\-−－]?[\d,]+(?:\.\d+)?$")
# An element's texts and its descendants' in document order, its own tail left out, comments' and
# processing instructions' too: ``"".join(element.itertext())``, joined by libxml2 in one call.
text_content = functools.partial(lxml.etree.tostring, method="text", encoding=str, with_tail=False)


class ElementPaths:
    """XPath locators like ``tree.getpath`` gives (``/html/body/table/tr[2]/td[3]``), computed once
    per parent for all its children: ``getpath`` counts an element's siblings on every call, which
    is quadratic over a table of many rows.

    Deferred, :meth:`ref` leaves the locator out until :meth:`resolve`, which gives one only to
    references still without a locator then: where a page's lines do not locate its elements,
    positions have given them their places in reading order, and no XPath is computed at all."""

    def __init__(self, *, deferred: bool = False) -> None:
        self._paths: dict[lxml.etree._Element, str] = {}
        self._pending: list[tuple[SourceRef, lxml.etree._Element]] | None = [] if deferred else None

    def ref(self, element: lxml.etree._Element) -> SourceRef:
        """A reference to ``element``: its line and its XPath (now, or at :meth:`resolve`)."""
        if self._pending is None:
            return SourceRef(line=element.sourceline, locator=self.of(element))
        ref = SourceRef(element.sourceline)
        self._pending.append((ref, element))
        return ref

    def deferred(self) -> list[tuple[SourceRef, lxml.etree._Element]] | None:
        """Where :meth:`ref` keeps the references it defers (None when it does not): a table's grid
        adds its cells' there itself, a call fewer for each of the hundreds of cells a report has."""
        return self._pending

    def resolve(self) -> None:
        """Give the deferred references that still have no locator their XPath."""
        for ref, element in self._pending or ():
            if ref.locator is None:
                ref.locator = self.of(element)
        self._pending = []

    def of(self, element: lxml.etree._Element) -> str:
        known = self._paths.get(element)
        if known is not None:
            return known
        parent = element.getparent()
        if parent is None:
            path = element.getroottree().getpath(element)
            self._paths[element] = path
            return path
        base = self.of(parent)
        # the children walked once, each with its tag and number among its namesakes (a second walk
        # over lxml's children would make a Python object for each again)
        counts: dict[str, int] = {}
        children: list[tuple[lxml.etree._Element, str, int]] = []
        for child in parent[:]:  # a slice: lxml's own iterator costs several times as much per child
            tag = child.tag
            if isinstance(tag, str):
                number = counts[tag] = counts.get(tag, 0) + 1
                children.append((child, tag, number))
        paths = self._paths
        for child, tag, number in children:
            paths[child] = f"{base}/{tag}" if counts[tag] == 1 else f"{base}/{tag}[{number}]"
        return paths.get(element) or element.getroottree().getpath(element)


def check_nesting(root: lxml.etree._Element) -> None:
    """Refuse a page nested deeper than ``max-nesting``: reading it recurses once per level."""
    cap = int(active_limits()["max-nesting"])
    if _nested_below(cap)(root):
        raise LimitExceeded("max-nesting", f"> {cap}")


@functools.lru_cache(maxsize=8)
def _nested_below(cap: int) -> lxml.etree.XPath:
    """Whether an element stands ``cap`` levels below the one given: one step per level, evaluated
    in libxml2 (each step's node set is the elements one level down); compiled once per depth, which
    took a third of the time of evaluating it."""
    return lxml.etree.XPath("boolean(" + "/".join(["."] + ["*"] * cap) + ")")


def tag_of(element: lxml.etree._Element) -> str:
    """The element's tag in lower case; "" for a comment or processing instruction."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def holds(element: lxml.etree._Element, *tags: str) -> bool:
    """Whether an element named one of ``tags`` stands anywhere below ``element`` (lxml's walk
    stops at the first; an XPath union would walk the whole subtree once per name)."""
    return next(element.iterdescendants(*tags), None) is not None


def _gather(element: lxml.etree._Element, lines: list[list[str]]) -> None:
    """The text of ``element`` in order, appended to ``lines[-1]``; a line break (``<br>`` or a
    block boundary) starts a new line."""
    line = lines[-1]
    text = element.text
    if text:
        line.append(text)
    for child in element[:]:  # a slice: lxml's own iterator costs several times as much per child
        tag = child.tag
        if isinstance(tag, str):
            tag = tag.lower()
            if tag == "br":
                line = []
                lines.append(line)
            elif tag in BLOCK:
                if len(child):
                    lines.append([])
                    _gather(child, lines)
                else:  # a leaf (most are): its text without a call
                    lines.append([child.text] if child.text else [])
                line = []
                lines.append(line)
            elif tag not in SKIP:
                if len(child):
                    _gather(child, lines)
                    line = lines[-1]
                elif child.text:
                    line.append(child.text)
        tail = child.tail
        if tail:
            line.append(tail)


def inline_text(element: lxml.etree._Element) -> str | None:
    """The text of an element holding only inline elements that break no line and hide no text
    (``<span><span>1</span></span>``, ``<o:p></o:p>``): its one line, uncollapsed. None for any
    other content."""
    text = element.text or ""
    size = len(element)
    if not size:
        return text
    # element[0] for the one child most hold: lxml builds an iterator object for every loop
    # (a slice for several: lxml's own iterator costs several times as much per child)
    for child in (element[0],) if size == 1 else element[:]:
        tag = child.tag
        if not isinstance(tag, str):
            return None
        tag = tag.lower()
        if tag in BREAKING or tag in SKIP:
            return None
        inner = inline_text(child) if len(child) else child.text or ""
        if inner is None:
            return None
        text = f"{text}{inner}{child.tail or ''}"
    return text


def _one_line(element: lxml.etree._Element) -> str | None:
    """The element's text when its shape shows it is one line, without gathering: a leaf, inline
    leaves, or one block or inline child holding them with nothing but spaces around it (most
    table cells are ``<td><p><span>…</span></p></td>``). None when it may hold line breaks."""
    if len(element) == 1:
        child = element[0]
        tag = child.tag
        if not isinstance(tag, str):
            return None
        tag = tag.lower()
        if tag in SKIP or tag == "br":
            return None
        before, after = element.text, child.tail
        if (before and not before.isspace()) or (after and not after.isspace()):
            return inline_text(element)
        if not len(child):  # a leaf (most cells' one paragraph): its text without a call
            return child.text or ""
        return inline_text(child)
    return inline_text(element)


def collapse(text: str) -> str:
    """The text with its runs of spaces (``&nbsp;`` and the full-width space too: ``str.split``
    splits at every character ``str.isspace`` calls a space) as one space; split and join is
    several times quicker than a regular expression."""
    return " ".join(text.split())


def lines_of(element: lxml.etree._Element) -> list[str]:
    """The element's text split at line breaks, each line with its spaces collapsed."""
    text = _one_line(element)
    if text is not None:
        line = collapse(text)
        return [line] if line else []
    return _gathered_lines(element)


def _gathered_lines(element: lxml.etree._Element) -> list[str]:
    """:func:`lines_of` for an element whose shape does not show it is one line."""
    lines: list[list[str]] = [[]]
    _gather(element, lines)
    out = []
    for parts in lines:
        if parts:
            line = " ".join((parts[0] if len(parts) == 1 else "".join(parts)).split())
            if line:
                out.append(line)
    return out


def flat_text(element: lxml.etree._Element) -> str:
    """An inline element's text, the tail excluded, with its line breaks as spaces."""
    lines: list[list[str]] = [[]]
    _gather(element, lines)
    return " ".join("".join(parts) for parts in lines)


def cell_text(element: lxml.etree._Element) -> str:
    """A cell's text: its lines joined by newlines (labels fold whitespace away).

    Two numbers in one cell, on two lines or apart on one, are two values, not one number cut in
    two: they are joined with `` / `` so that the cell does not read as a single number.
    """
    text = _one_line(element)
    if text is not None:  # most cells: split once, for the line and its tokens
        tokens = text.split()
        if len(tokens) < 2:
            return tokens[0] if tokens else ""
        lines = [" ".join(tokens)]
    else:
        lines = _gathered_lines(element)
        if len(lines) == 1 and " " not in lines[0]:  # one token at most (lines are collapsed)
            return lines[0]
        tokens = [token for line in lines for token in line.split()]
    if sum(1 for token in tokens if _NUMBER_PART.match(token)) > 1:
        return " / ".join(tokens)
    return "\n".join(lines)
