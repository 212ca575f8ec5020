"""nianbao: a rules-as-code checker for 政府信息公开工作年度报告.

The public API: load and check reports, declare rules, write plugins.
"""

from __future__ import annotations

from nianbao.config import Config
from nianbao.document import Document
from nianbao.engine import CheckedReport
from nianbao.engine import Session
from nianbao.findings import CellEvidence
from nianbao.findings import Derivation
from nianbao.findings import Finding
from nianbao.findings import Location
from nianbao.findings import Violation
from nianbao.hookspecs import hookimpl
from nianbao.rule import Context
from nianbao.rule import Rule

__version__ = "0.1.0"

__all__ = [
    "CellEvidence",
    "CheckedReport",
    "Config",
    "Context",
    "Derivation",
    "Document",
    "Finding",
    "Location",
    "Rule",
    "Session",
    "Violation",
    "__version__",
    "hookimpl",
]
