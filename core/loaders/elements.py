"""HTML element trees walked within bounds: XPath locators computed once per parent, and the
nesting depth checked before reading recurses into it."""

from __future__ import annotations

import lxml.etree
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import active_limits


class ElementPaths:
    """XPath locators like ``tree.getpath`` gives (``/html/body/table/tr[2]/td[3]``), computed once
    per parent for all its children: ``getpath`` counts an element's siblings on every call, which
    is quadratic over a table of many rows."""

    def __init__(self) -> None:
        self._paths: dict[lxml.etree._Element, str] = {}

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
        counts: dict[str, int] = {}
        for child in parent:
            if isinstance(child.tag, str):
                counts[child.tag] = counts.get(child.tag, 0) + 1
        seen: dict[str, int] = {}
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            seen[child.tag] = seen.get(child.tag, 0) + 1
            step = child.tag if counts[child.tag] == 1 else f"{child.tag}[{seen[child.tag]}]"
            self._paths[child] = f"{base}/{step}"
        return self._paths.get(element) or element.getroottree().getpath(element)


def check_nesting(root: lxml.etree._Element) -> None:
    """Refuse a page nested deeper than ``max-nesting``: reading it recurses once per level."""
    cap = int(active_limits()["max-nesting"])
    # one step per level, evaluated in libxml2: each step's node set is the elements one level down
    if root.xpath("boolean(" + "/".join(["."] + ["*"] * cap) + ")"):
        raise LimitExceeded("max-nesting", f"> {cap}")
