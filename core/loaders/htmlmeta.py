"""What an HTML page says of itself beside the report's text: its title (a heading, a centred or bold
first paragraph, the page ``<title>``, a comment on the first line) and the date it was published."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

import lxml.etree
from nianbao.loaders.elements import holds
from nianbao.loaders.elements import text_content
from nianbao.model.document import Document
from nianbao.reading.metadata import iso_date

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜| - | — | -- )\s*")
_TITLE_SEARCH = 3  # a title stands among the first paragraphs of the article
_DATE_META = {"pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date.issued"}
_DATE_LINE = re.compile(r"^\s*(?:发布日期|发布时间)\s*[:：]")


# --- title ---------------------------------------------------------------------------------------


def _clean_title(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    if not text:
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(text) if p]
    for part in parts:
        if "报告" in part or "年报" in part:
            return part.strip()
    return parts[0].strip() if parts else None


def _emphasised(element: lxml.etree._Element, text: str) -> bool:
    """Whether a paragraph (``text`` its text) is centred or bold, by its style or all in ``<b>``."""
    style = (element.get("style") or "").replace(" ", "").lower()
    if "text-align:center" in style or (element.get("align") or "").lower() == "center":
        return True
    if "font-weight:bold" in style or "font-weight:700" in style:
        return True
    text = text.strip()
    strong = "".join(text_content(b) for b in element.iter("b", "strong")).strip()
    return bool(text) and strong == text


def _leading_paragraphs(article: lxml.etree._Element) -> Iterator[tuple[lxml.etree._Element, str]]:
    """The paragraphs with text at the head of the article, each with its text."""
    for element in article.iter("p", "div", "center"):
        if not holds(element, "table", "p", "div"):
            text = text_content(element)
            if text.strip():
                yield element, text


def title_hint(root: lxml.etree._Element, article: lxml.etree._Element) -> str | None:
    """The report's title: a heading, the first centred or bold paragraph, the page ``<title>``,
    or a comment on the first line (archived fragments keep the page title there)."""
    candidates: list[str] = [text_content(heading) for heading in article.iter("h1", "h2", "h3")]
    for element, text in islice(_leading_paragraphs(article), _TITLE_SEARCH):
        if _emphasised(element, text):
            candidates.append(text)
            break
    for element in root.iter("title"):
        candidates.append(text_content(element))
    # a comment before <html> is not inside the tree: it is a sibling of the root
    comments = [*root.itersiblings(lxml.etree.Comment, preceding=True), *root.iter(lxml.etree.Comment)]
    for comment in comments:
        if comment.sourceline == 1 and comment.text:
            candidates.append(comment.text)
    cleaned = [c for c in map(_clean_title, candidates) if c]
    for text in cleaned:
        if "报告" in text or "年报" in text:
            return text
    return cleaned[0] if cleaned else None


# --- publication date ----------------------------------------------------------------------------



def published_on(root: lxml.etree._Element, document: Document) -> str | None:
    """The date the page says it was published: a CMS ``<meta>`` (PubDate and the like) or a
    发布日期/发布时间 line at the head of the article."""
    for meta in root.iter("meta"):
        if (meta.get("name") or meta.get("property") or "").strip().lower() in _DATE_META:
            date = iso_date(meta.get("content") or "")
            if date:
                return date
    for paragraph in document.preamble[:_TITLE_SEARCH + 2]:
        if _DATE_LINE.match(paragraph.text):
            return iso_date(paragraph.text)
    return None
