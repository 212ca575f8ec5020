"""nianbao: a rules-as-code checker for 政府信息公开工作年度报告.

The public API: load and check reports, declare rules, write plugins.

Names are imported on first use, so that importing a light submodule (the pytest plugin, which
pytest loads in every run) does not load the engine, the schemas and the loaders.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING
from typing import Any

from nianbao._version import __version__

if TYPE_CHECKING:
    from nianbao.config.settings import Config
    from nianbao.engine.session import Session
    from nianbao.model.document import Document
    from nianbao.model.findings import CellEvidence
    from nianbao.model.findings import Derivation
    from nianbao.model.findings import Finding
    from nianbao.model.findings import Location
    from nianbao.model.findings import Violation
    from nianbao.model.results import CheckedReport
    from nianbao.model.rule import Context
    from nianbao.model.rule import Rule
    from nianbao.model.rule import Scope
    from nianbao.plugin.markers import hookimpl

_HOMES = {
    "CellEvidence": "nianbao.model.findings",
    "CheckedReport": "nianbao.model.results",
    "Config": "nianbao.config.settings",
    "Context": "nianbao.model.rule",
    "Derivation": "nianbao.model.findings",
    "Document": "nianbao.model.document",
    "Finding": "nianbao.model.findings",
    "Location": "nianbao.model.findings",
    "Rule": "nianbao.model.rule",
    "Scope": "nianbao.model.rule",
    "Session": "nianbao.engine.session",
    "Violation": "nianbao.model.findings",
    "hookimpl": "nianbao.plugin.markers",
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
    "Scope",
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
