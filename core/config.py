"""The effective configuration of a run: which rules, at what severity, in which language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from nianbao.findings import Severity


@dataclass(slots=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    edition: str = "auto"
    lang: str = "zh"
    plugins: tuple[str, ...] = ()
    plugin_files: tuple[Path, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def is_selected(self, rule_id: str) -> bool:
        """A rule runs when a selector matches it (or none is given) and no ignore matches it.

        Selectors are rule IDs or their prefixes: ``REC`` selects REC001–REC005, ``ALL`` selects all.
        """
        def matches(patterns: Iterable[str]) -> bool:
            return any(p == "ALL" or rule_id.startswith(p) for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)
