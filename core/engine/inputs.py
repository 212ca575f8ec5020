"""What to check: the files, folders, ``@list`` files and web addresses named on the command line.

A file named by the user is always checked: one that is not a report becomes DOC001. In a folder,
files that are plainly not reports (README, LICENSE, images, archives, spreadsheets …) are left out
and listed as skipped; the checker's own files (configuration, rule files, JSON results, a history
store) are left out quietly; ``--exclude`` globs leave out whatever else the user names. A list file
(``@reports.txt``) holds one path or http(s) address a line; ``#`` starts a comment and blank lines
are ignored. Relative paths in a list are taken from the current directory, as ``find`` writes them.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from nianbao.model.results import Skipped
from nianbao.model.results import display_path

_URL = re.compile(r"^https?://", re.I)

# Files of a project or a download folder that are never reports, whatever their suffix.
NOT_REPORT_NAMES = frozenset({
    "readme", "license", "licence", "copying", "notice", "changelog", "changes", "history", "news",
    "authors", "contributors", "contributing", "install", "todo", "maintainers", "code_of_conduct",
    "security", "manifest",
})
# The checker's own files beside the reports (configuration, rule files, results, a history store):
# left out without a word.
TOOL_SUFFIXES = frozenset({".yaml", ".yml", ".toml", ".json", ".py", ".cfg", ".ini", ".sqlite", ".db",
                           ".sarif", ".xml"})
_KINDS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("图片", "an image", frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg",
                                    ".ico", ".heic"})),
    ("压缩包", "an archive", frozenset({".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz",
                                      ".zst"})),
    ("电子表格", "a spreadsheet", frozenset({".xls", ".xlsx", ".xlsm", ".et", ".ods", ".csv", ".tsv"})),
    ("演示文稿", "a presentation", frozenset({".ppt", ".pptx", ".dps", ".odp", ".key"})),
    ("音视频", "audio or video", frozenset({".mp3", ".mp4", ".wav", ".avi", ".mov", ".flv", ".wmv", ".m4a"})),
)


@dataclass(frozen=True, slots=True)
class Input:
    """One report to check: a file (``path``) or a published page (``url``). ``name`` is how it is
    shown in the output: the path as the user would type it, or the address."""

    name: str
    path: Path | None = None
    url: str | None = None


@dataclass(slots=True)
class Inputs:
    """The reports to check in input order, the files skipped in folders, and the names given that
    do not exist (a usage error the CLI reports)."""

    items: list[Input] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [item.path for item in self.items if item.path is not None]


Add = Callable[[Input], None]


def is_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def not_a_report(path: Path) -> tuple[str, str] | None:
    """Why a file found in a folder is plainly not a report, or None when it may be one."""
    stem = path.name.split(".", 1)[0].lower()
    if stem in NOT_REPORT_NAMES:
        return "项目说明文件", "a project file"
    suffix = path.suffix.lower()
    for zh, en, suffixes in _KINDS:
        if suffix in suffixes:
            return zh, en
    return None


def excluded(path: Path, top: Path, globs: Sequence[str]) -> bool:
    """True when a glob matches the file's path as found, its path below the folder given, its name,
    or (for a glob without ``/``) the name of a folder it lies in."""
    if not globs:
        return False
    relative = path.relative_to(top)
    candidates = [path.as_posix(), relative.as_posix(), path.name]
    for glob in globs:
        pattern = glob.replace(os.sep, "/").rstrip("/")
        if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
            return True
        if "/" not in pattern and any(fnmatch.fnmatchcase(part, pattern) for part in relative.parts[:-1]):
            return True
    return False


def collect(names: Iterable[str], suffixes: Sequence[str], exclude: Sequence[str] = ()) -> Inputs:
    """The inputs named by ``names`` (paths, folders, ``@list`` files, http(s) addresses), in order.

    ``suffixes`` are the report suffixes the loaders read; a file of another suffix in a folder is
    skipped, named explicitly it is checked (and is DOC001 when it cannot be read).
    """
    inputs = Inputs()
    seen: set[str] = set()

    def add(item: Input) -> None:
        key = item.url or str(item.path.resolve() if item.path else item.name)
        if key not in seen:
            seen.add(key)
            inputs.items.append(item)

    for name in names:
        if name.startswith("@") and len(name) > 1:
            _from_list(Path(name[1:]), inputs, add, suffixes, exclude)
        else:
            _named(name, inputs, add, suffixes, exclude)
    return inputs


def _named(name: str, inputs: Inputs, add: Add, suffixes: Sequence[str], exclude: Sequence[str]) -> None:
    if is_url(name):
        add(Input(name=name.strip(), url=name.strip()))
        return
    path = Path(name)
    if path.is_dir():
        _walk(path, inputs, add, suffixes, exclude)
    elif path.exists() or path.is_symlink():
        add(Input(name=display_path(path), path=path))
    else:
        inputs.missing.append(name)


def _from_list(list_file: Path, inputs: Inputs, add: Add, suffixes: Sequence[str],
               exclude: Sequence[str]) -> None:
    try:
        with list_file.open(encoding="utf-8-sig") as handle:
            lines = [line.strip() for line in handle]
    except (OSError, UnicodeDecodeError):
        inputs.missing.append(f"@{list_file}")
        return
    for line in lines:
        if line and not line.startswith("#"):
            _named(line, inputs, add, suffixes, exclude)


def _walk(top: Path, inputs: Inputs, add: Add, suffixes: Sequence[str], exclude: Sequence[str]) -> None:
    for child in sorted(top.rglob("*")):
        relative = child.relative_to(top)
        if any(part.startswith(".") for part in relative.parts) or not child.is_file():
            continue
        if excluded(child, top, exclude):
            continue
        why = not_a_report(child)
        if why is None and child.suffix.lower() in TOOL_SUFFIXES:
            continue
        if why is None and child.suffix.lower() not in suffixes:
            why = ("不是报告的文件格式", "not a report format")
        if why is not None:
            inputs.skipped.append(Skipped(display_path(child), why[0], why[1]))
            continue
        add(Input(name=display_path(child), path=child))
