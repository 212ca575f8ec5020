"""The installed entry points of one group, read from the distributions' metadata folders.

``importlib.metadata.entry_points(group=...)`` finds the same ones, but importing it (it brings the
email, zipfile and csv packages) costs more than reading the files. This reads them as it does in the
usual case, a ``sys.path`` of folders: each folder's ``*.dist-info`` and ``*.egg-info`` in listing
order, a distribution found earlier on the path shadowing a later one of the same name, and the
``[group]`` lines of its ``entry_points.txt``. Anything less usual (a zip archive or an ``.egg`` on
the path, a finder that supplies distributions of its own, a line it cannot read) is left to
importlib.metadata, so that the answer is always the one it would give.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from importlib import import_module
from importlib.machinery import PathFinder
from typing import Any


def _target(value: str) -> tuple[str, list[str]] | None:
    """The module and the attribute path named by ``module:attr.path [extras]``; None when the value
    names neither."""
    module, colon, attr = value.split("[", 1)[0].partition(":")
    module, attr = module.strip(), attr.strip()
    path = attr.split(".") if colon else []
    if not all(part.isidentifier() for part in (*module.split("."), *path)):
        return None
    return module, path


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """An entry point: ``name = module:attr`` in ``[group]``."""

    name: str
    value: str
    group: str

    @property
    def module(self) -> str:
        target = _target(self.value)
        return target[0] if target else self.value

    def load(self) -> Any:
        """The module, or the object it names, imported."""
        target = _target(self.value)
        if target is None:
            raise ValueError(f"not an entry point: {self.value!r}")
        module, path = target
        return reduce(getattr, path, import_module(module))


class _Unusual(Exception):
    """Something only importlib.metadata reads as it should."""


def entry_points(group: str) -> Sequence[Any]:
    """Every installed entry point of ``group``, in importlib.metadata's order."""
    try:
        return _read(group)
    except _Unusual:
        from importlib import metadata

        return list(metadata.entry_points(group=group))


def _read(group: str) -> list[EntryPoint]:
    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        raise _Unusual  # a finder that supplies distributions from elsewhere
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for entry in sys.path:
        for folder in _distributions(entry):
            name = _normalise(folder.rpartition(".")[0].partition("-")[0])
            if name in seen:
                continue
            seen.add(name)
            found.extend(_group(os.path.join(entry, folder), group))
    return found


def _distributions(entry: str) -> list[str]:
    """The metadata folders in one ``sys.path`` entry: ``.dist-info`` and ``.egg-info``, each name's
    in listing order, the names in the order they first appear."""
    if os.path.basename(entry).lower().endswith(".egg"):
        raise _Unusual
    try:
        children = os.listdir(entry or ".")
    except OSError:
        if os.path.isfile(entry):
            raise _Unusual from None  # a zip archive
        return []
    by_name: dict[str, list[str]] = {}
    for child in children:
        low = child.lower()
        if low.endswith((".dist-info", ".egg-info")):
            by_name.setdefault(_normalise(low.rpartition(".")[0].partition("-")[0]), []).append(child)
    return [child for children_of_name in by_name.values() for child in children_of_name]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _group(folder: str, group: str) -> list[EntryPoint]:
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as handle:
            text = handle.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return []
    found = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        if "=" not in line:
            raise _Unusual
        name, value = line.split("=", 1)
        if section == group:
            found.append(EntryPoint(name.strip(), value.strip(), section))
    return found
