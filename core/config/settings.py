"""The effective configuration of a run: which rules, at what severity, in which language."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from nianbao.model.findings import Severity
from nianbao.model.limits import Limits


@dataclass(frozen=True, slots=True)
class Override:
    """Settings for the reports whose path matches one of ``paths`` (globs relative to the config
    file's folder): ``select`` replaces the selection, ``ignore`` and ``severity`` add to the
    top-level ones, ``packs`` turns on packs that are otherwise limited to the paths naming them."""

    paths: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    packs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Acceptance:
    """A finding accepted by the people responsible for a report, with the reason shown in the
    output. It matches by ``fingerprint``, or by ``rule`` (ID or prefix) on reports matching ``paths``."""

    reason: str
    rule: str | None = None
    paths: tuple[str, ...] = ()
    fingerprint: str | None = None

    def matches(self, rule_id: str, fingerprint: str, path: str, root: Path | None) -> bool:
        if self.fingerprint is not None:
            return fingerprint == self.fingerprint
        if self.rule is not None and not (self.rule == "ALL" or rule_id.startswith(self.rule)):
            return False
        return not self.paths or path_matches(path, self.paths, root)


def path_matches(path: str, globs: Iterable[str], root: Path | None) -> bool:
    """True when ``path`` matches a glob, taken relative to ``root`` (the config file's folder)
    when the report lies below it; a glob without ``/`` also matches the bare file name."""
    candidates = [Path(path).as_posix()]
    absolute = Path(path).resolve()
    if root is not None:
        try:
            candidates.append(absolute.relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    for glob in globs:
        pattern = glob.replace(os.sep, "/")
        if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
            return True
        if "/" not in pattern and fnmatch.fnmatchcase(absolute.name, pattern):
            return True
    return False


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
    rule_files: tuple[Path, ...] = ()
    overrides: tuple[Override, ...] = ()
    accept: tuple[Acceptance, ...] = ()
    no_suppress: bool = False
    packs: tuple[str, ...] = ()
    allow_broken_packs: bool = False
    limits: Limits = field(default_factory=Limits)
    untrusted_plugin_files: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int | None = None

    @property
    def root(self) -> Path | None:
        """The folder path globs are relative to: the config file's folder."""
        return self.path.parent if self.path is not None else None

    @property
    def scoped_packs(self) -> frozenset[str]:
        """Packs named in an override: they run only on the reports their overrides match."""
        return frozenset(p for o in self.overrides for p in o.packs)

    def for_path(self, path: str) -> Config:
        """The configuration for one report: the overrides whose globs match it, applied in order."""
        return self.with_overrides([o for o in self.overrides if path_matches(path, o.paths, self.root)])

    def with_overrides(self, overrides: Iterable[Override]) -> Config:
        overrides = list(overrides)
        if not overrides:
            return self
        select, ignore, severity, packs = self.select, self.ignore, dict(self.severity), self.packs
        for override in overrides:
            select = override.select if override.select is not None else select
            ignore = ignore + override.ignore
            severity.update(override.severity)
            packs = packs + override.packs
        return dataclasses.replace(self, select=select, ignore=ignore, severity=severity, packs=packs)

    def variants(self) -> list[Config]:
        """This configuration and each override applied to it: every rule some report may run is
        selected by one of them (reporters list those rules up front)."""
        return [self, *(self.with_overrides([o]) for o in self.overrides)]

    def pack_enabled(self, names: Iterable[str]) -> bool:
        """False for a rule from a pack (known by any of ``names``) limited by overrides to other paths."""
        scoped = self.scoped_packs
        names = set(names)
        return not (names & scoped) or bool(names & set(self.packs))

    def acceptance(self, rule_id: str, fingerprint: str, path: str) -> Acceptance | None:
        if self.no_suppress:
            return None
        return next((a for a in self.accept if a.matches(rule_id, fingerprint, path, self.root)), None)

    def is_selected(self, rule_id: str) -> bool:
        """A rule runs when a selector matches it (or none is given) and no ignore matches it.

        Selectors are rule IDs or their prefixes: ``REC`` selects REC001–REC005, ``ALL`` selects all.
        """
        def matches(patterns: Iterable[str]) -> bool:
            return any(p == "ALL" or rule_id.startswith(p) for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore)
