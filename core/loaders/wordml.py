"""WordprocessingML names as lxml writes them, and the lookups the Word loader makes on elements
without lxml's path search (``find`` parses its path in Python on every call)."""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def w(name: str) -> str:
    """A WordprocessingML name as lxml writes it: ``p`` is ``{namespace}p``."""
    return W + name


VAL = w("val")


def int_val(element: etree._Element | None, default: int) -> int:
    """An element's ``w:val`` as a whole number; ``default`` when the element or the attribute is
    missing or the value is not a number."""
    if element is None:
        return default
    try:
        return int(element.get(VAL, default))
    except ValueError:
        return default


def first_child(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag``, as ``find`` gives it."""
    return next(element.iterchildren(tag), None)


def properties_of(element: etree._Element, tag: str) -> etree._Element | None:
    """The properties child (``w:trPr``, ``w:tcPr``, ``w:pPr``) of ``element``: looked for first where
    the schema puts it, at the start, before searching the rest."""
    if len(element) and element[0].tag == tag:
        return element[0]
    return first_child(element, tag)
