"""Fingerprints that identify a finding across runs and across re-publication.

Built from the rule, the report's identity (agency and year when known, else the file stem) and
the logical location, never from line numbers or the file format.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from nianbao.document import Document
from nianbao.findings import Location


def report_identity(document: Document | None, path: str) -> str:
    if document is not None and document.meta.agency and document.meta.report_year:
        return f"{document.meta.agency}/{document.meta.report_year}"
    return Path(path).stem


def fingerprint(rule_id: str, identity: str, location: Location, discriminator: str = "") -> str:
    text = "\x1f".join((rule_id, identity, location.logical, discriminator))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
