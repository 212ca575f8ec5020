"""The :class:`Reporter` interface that output formats implement: one class per format, fed one report
at a time. It is declared here, beside the hook that registers reporters, so that the hook
specifications never import the reporters themselves."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import Protocol
from typing import TextIO

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule


class Reporter(Protocol):
    """Streams findings to ``stream``. The CLI calls ``start`` once, ``add`` for each report in
    order, then ``finish``. A reporter keeps no more state than its format needs: the text and
    GitHub formats write as they go, the JSON format streams one report at a time, SARIF and
    JUnit hold the run until ``finish`` because their headers carry totals.

    ``name`` is the ``--format`` value and ``description`` one line for ``--help``. ``lang`` is
    ``zh`` or ``en`` (messages are already rendered in it; a reporter translates only its own
    words). Findings accepted in the configuration carry their reason in ``Finding.suppressed``:
    the text formats hide them unless ``show_suppressed``; machine-readable formats keep them,
    marked.

    A reporter of a binary format (a workbook) sets ``binary = True`` and is given a byte stream;
    the CLI writes it only to a file or a pipe, never to a terminal.
    """

    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None: ...

    def start(self, rules: Sequence[Rule]) -> None:
        """Called once before any report, with the rules selected for the run in catalogue order."""

    def add(self, report: CheckedReport) -> None:
        """Called once per checked file, in order, with its findings and tool notifications."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last report with the run's counts; write whatever is left."""


class DeferredReporter:
    """A reporter class registered by its ``--format`` name and the place it is defined
    (``"module:Class"``), imported when its format is chosen. The built-in formats register so:
    writing text imports neither the XML nor the workbook library, nor the templates."""

    __slots__ = ("home", "name")

    def __init__(self, name: str, home: str) -> None:
        self.name = name
        self.home = home

    def load(self) -> type[Reporter]:
        module, _, cls = self.home.partition(":")
        return getattr(import_module(module), cls)

    def __repr__(self) -> str:
        return f"DeferredReporter({self.name!r}, {self.home!r})"


class ReporterTable(Mapping[str, "type[Reporter]"]):
    """The registered reporter classes by ``--format`` name; a deferred one is imported when it is
    first looked up."""

    def __init__(self, entries: Iterable[type[Reporter] | DeferredReporter]) -> None:
        self._entries: dict[str, type[Reporter] | DeferredReporter] = {e.name: e for e in entries}

    def __getitem__(self, name: str) -> type[Reporter]:
        entry = self._entries[name]
        if isinstance(entry, DeferredReporter):
            entry = self._entries[name] = entry.load()
        return entry

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
