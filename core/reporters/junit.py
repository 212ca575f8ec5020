"""``--format junit``: JUnit XML for CI dashboards.

One ``testsuite`` per report and one ``testcase`` per rule that applied to it (its edition, year and
selection), exactly the items ``pytest --nianbao`` collects: a rule a gate rule stopped is a skipped
case with the reason. A rule with error or warning findings fails, and its ``failure`` lists them
one per line. Notes and accepted findings do not fail a rule; they are listed in the test case's
``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import TextIO

from nianbao.model.findings import Finding
from nianbao.reporters.text import LEVEL
from nianbao.reporters.text import finding_line

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

FAILING = ("error", "warning")
# XML 1.0 cannot hold these characters at all, not even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class JunitReporter:
    name: ClassVar[str] = "junit"
    description: ClassVar[str] = "JUnit XML: a test suite per report, a test case per rule"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = lang if lang in LEVEL else "zh"
        self.rules: Sequence[Rule] = ()
        self.names: dict[str, str] = {}
        self.root = ET.Element("testsuites", name="nianbao")

    def start(self, rules: Sequence[Rule]) -> None:
        self.rules = rules
        self.names = {rule.id: rule.name for rule in rules}

    def line(self, finding: Finding) -> str:
        return xml_text(finding_line(finding, self.lang))

    def add(self, report: CheckedReport) -> None:
        suite = ET.SubElement(self.root, "testsuite", name=xml_text(report.display_path))
        failures = skipped = 0
        for planned in report.plan:
            findings = [f for f in report.findings if f.rule_id == planned.rule_id]
            rule = self.names.get(planned.rule_id, "")
            case = ET.SubElement(suite, "testcase", name=f"{planned.rule_id} {rule}".strip(),
                                 classname=xml_text(report.display_path), file=xml_text(report.display_path))
            if planned.skipped:
                skipped += 1
                ET.SubElement(case, "skipped", message=planned.reason(self.lang) or "")
                continue
            failing = [f for f in findings if f.severity in FAILING and not f.suppressed]
            if failing:
                failures += 1
                worst = "error" if any(f.severity == "error" for f in failing) else "warning"
                failure = ET.SubElement(case, "failure", type=worst,
                                        message=xml_text(f"{planned.rule_id}: {failing[0].message}"))
                failure.text = "\n".join(self.line(f) for f in failing)
            quiet = [f for f in findings if f not in failing]
            if quiet:
                ET.SubElement(case, "system-out").text = "\n".join(self.line(f) for f in quiet)
        if report.notifications:
            ET.SubElement(suite, "system-err").text = xml_text(
                "\n".join(f"nianbao {n.level}: {n.message}" for n in report.notifications))
        errors = sum(1 for n in report.notifications if n.level == "error")
        suite.set("tests", str(len(report.plan)))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", str(skipped))

    def finish(self, summary: Summary) -> None:
        suites = list(self.root)
        for key in ("tests", "failures", "errors", "skipped"):
            self.root.set(key, str(sum(int(s.get(key, "0")) for s in suites)))
        self.root.set("time", f"{summary.seconds:.3f}")
        ET.indent(self.root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(self.root, encoding="unicode") + "\n")
