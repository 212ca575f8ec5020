"""Fingerprints that identify a finding across runs and across re-publication.

Built from the rule, the report's identity and the logical location, never from line numbers, the
file name or the file format, so that a finding keeps its fingerprint when the same report is
published again as HTML, PDF, DOCX or text.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import LogicalKey

# Enough of the report's own words to tell two reports apart; short enough that a page footer or a
# correction further down does not change who the report is.
OPENING_CHARS = 300
MIN_OPENING_CHARS = 20
_NOT_WORD = re.compile(r"[\W_]+")


def opening_words(document: Document) -> str:
    """The start of 一、总体情况 with spaces, punctuation and markup left out: the same characters
    whichever format the report was read from."""
    overview = document.section("overview")
    if overview is None:
        return ""
    # paragraph by paragraph until there are enough: the words of the section's text (its
    # paragraphs and sub-headings in order) without reading the whole of a long overview. A
    # paragraph is read a piece at a time, each as long as the words still wanted (it cannot give
    # more), so that the rest of a long one is not searched; taking the marks out of the pieces
    # one by one leaves what taking them out of the whole would.
    words = ""
    for paragraph in overview.all_paragraphs():
        text, start = paragraph.text, 0
        while start < len(text):
            end = start + OPENING_CHARS - len(words)
            words += _NOT_WORD.sub("", text[start:end])
            if len(words) >= OPENING_CHARS:
                return words
            start = end
    return words


def report_identity(document: Document | None, path: str) -> str:
    """Who the report is: its year and the opening of its overview when it has one (every format
    yields the same text), else its agency and year, else the file's stem."""
    identity = document.derived(_document_identity) if document is not None else None
    return identity or Path(path).stem


def _document_identity(document: Document) -> str | None:
    """:func:`report_identity` from the document alone (worked out once per report: every finding
    asks), or None when only the file's name tells the report."""
    words = opening_words(document)
    if len(words) >= MIN_OPENING_CHARS:
        digest = hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]
        return f"{document.meta.report_year or ''}/{digest}"
    if document.meta.agency and document.meta.report_year:
        return f"{document.meta.agency}/{document.meta.report_year}"
    return None


def fingerprint(rule_id: str, identity: str, location: Location, key: LogicalKey = ()) -> str:
    """The finding's identity: the rule, the report's identity, the logical location and the
    violation's logical key (never a line, page, offset or message text)."""
    # An empty key hashes as an empty part, as findings without one always have: their fingerprints
    # (and the baselines that hold them) stay as they were before findings carried keys.
    text = "\x1f".join((rule_id, identity, location.logical, *(str(part) for part in key or ("",))))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
