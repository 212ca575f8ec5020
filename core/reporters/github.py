"""``--format github``: GitHub Actions workflow commands, shown as annotations on the report files.

Each finding becomes ``::error file=…,line=…,title=…::message``. Values are escaped as the
workflow-command format requires: ``%``, CR and LF in the message; also ``:`` and ``,`` in the
properties, where they would end a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import TextIO

from nianbao.model.findings import Finding
from nianbao.reporters.text import notification_text
from nianbao.reporters.text import structural_place
from nianbao.reporters.text import summary_line

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

_COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


class GithubReporter:
    name: ClassVar[str] = "github"
    description: ClassVar[str] = "GitHub Actions annotations (workflow commands)"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = lang

    def start(self, rules: Sequence[Rule]) -> None:
        return None

    def add(self, report: CheckedReport) -> None:
        file = PurePath(report.display_path).as_posix()
        for finding in report.findings:
            if finding.suppressed:
                continue
            self.stream.write(self.annotation(finding, file) + "\n")
        for note in report.notifications:
            kind = "error" if note.level == "error" else "warning"
            self.stream.write(command(kind, f"nianbao: {notification_text(note.message)}", file=file,
                                      title="nianbao") + "\n")

    def annotation(self, finding: Finding, file: str) -> str:
        """Where no line leads to the place (Word, PDF, a page on one line), the message starts
        with the place in words and the heading it sits under."""
        loc = finding.location
        message = finding.message
        if loc.line is None:
            words = structural_place(loc, self.lang)
            if words:
                message = f"{words}：{message}" if self.lang == "zh" else f"{words}: {message}"
        return command(_COMMAND[finding.severity], message, file=file, line=loc.line,
                       title=f"{finding.rule_id} {finding.rule_name}")

    def finish(self, summary: Summary) -> None:
        self.stream.write(summary_line(summary, self.lang) + "\n")
