"""The :class:`Reporter` interface: one class per output format, fed one report at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import Protocol
from typing import TextIO

if TYPE_CHECKING:
    from nianbao.engine import CheckedReport
    from nianbao.engine import Summary
    from nianbao.rule import Rule


class Reporter(Protocol):
    """Streams findings to ``stream``. The CLI calls ``start`` once, ``add`` for each report in
    order, then ``finish``. A reporter keeps no more state than its format needs."""

    name: ClassVar[str]
    description: ClassVar[str]

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None: ...

    def start(self, rules: Sequence[Rule]) -> None: ...

    def add(self, report: CheckedReport) -> None: ...

    def finish(self, summary: Summary) -> None: ...
