"""``--format json``: one JSON document for the run, valid against ``schemas/findings.schema.json``.

The document is streamed: the header and rules on ``start``, one entry of ``reports`` per
``add``, the summary on ``finish``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import TextIO

from nianbao._version import __version__
from nianbao.reporters.records import checked_record
from nianbao.reporters.records import finding_record
from nianbao.reporters.records import meta_record
from nianbao.reporters.records import summary_record

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

FORMAT_VERSION = 1


def dumps(data: object, indent: int) -> str:
    """``data`` as indented JSON whose lines after the first are shifted right by ``indent``."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    return text.replace("\n", "\n" + " " * indent)


class JsonReporter:
    name: ClassVar[str] = "json"
    description: ClassVar[str] = "one JSON document with every finding, its location and evidence"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = lang
        self.reports = 0

    def start(self, rules: Sequence[Rule]) -> None:
        tool = {"name": "nianbao", "version": __version__}
        catalogue = [{"id": r.id, "name": r.name, "severity": r.severity} for r in rules]
        self.stream.write("{\n")
        self.stream.write(f'  "format_version": {FORMAT_VERSION},\n')
        self.stream.write(f'  "tool": {dumps(tool, 2)},\n')
        self.stream.write(f'  "lang": {json.dumps(self.lang)},\n')
        self.stream.write(f'  "rules": {dumps(catalogue, 2)},\n')
        self.stream.write('  "reports": [')

    def add(self, report: CheckedReport) -> None:
        record = {
            "path": report.display_path,
            "meta": meta_record(report),
            "checked": checked_record(report),
            "findings": [finding_record(f, self.lang) for f in report.findings],
            "notifications": [{"level": n.level, "message": n.message} for n in report.notifications],
        }
        self.stream.write(("," if self.reports else "") + "\n    " + dumps(record, 4))
        self.reports += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write(("\n  " if self.reports else "") + "],\n")
        self.stream.write(f'  "summary": {dumps(summary_record(summary), 2)}\n')
        self.stream.write("}\n")
