"""nianbao: a rules-as-code checker for 政府信息公开工作年度报告.

The public API: load and check reports, declare rules, write plugins.

Names are imported on first use, so that importing a light submodule (the pytest plugin, which
pytest loads in every run) does not load the engine, the schemas and the loaders.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
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

_HOMES = {
    "CellEvidence": "nianbao.findings",
    "CheckedReport": "nianbao.engine",
    "Config": "nianbao.config",
    "Context": "nianbao.rule",
    "Derivation": "nianbao.findings",
    "Document": "nianbao.document",
    "Finding": "nianbao.findings",
    "Location": "nianbao.findings",
    "Rule": "nianbao.rule",
    "Session": "nianbao.engine",
    "Violation": "nianbao.findings",
    "hookimpl": "nianbao.hookspecs",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'nianbao' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
