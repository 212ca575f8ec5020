"""``--format sarif``: SARIF 2.1.0 for code-scanning services and editors.

``tool.driver.rules`` is generated from the rule registry. Results carry the report's path as a
percent-encoded URI relative to ``%SRCROOT%`` (the working directory), or, for a report outside it,
relative to ``FSROOT`` (the root of its file system), so every URI is relative and every base is
declared in ``originalUriBaseIds``; ``baselineState`` is ``new`` when a baseline was compared
against. They carry a region (the line) only where a line leads to the place, the table cell as
a logical location always (with the loader's locator beside it), the other cells and the sentence
as related locations, and the finding's fingerprint, which does not depend on line numbers or the
file format, so a re-published report keeps its alerts.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from pathlib import PurePath
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import TextIO
from urllib.parse import quote

from nianbao._version import __version__
from nianbao.explain import explain_text
from nianbao.model.findings import Finding
from nianbao.model.findings import Location
from nianbao.model.places import place_words

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Notification
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "nianbao/v1"
AUTOMATION_CATEGORY = "nianbao/check"
_LANGUAGE = {"zh": "zh-CN", "en": "en-US"}
_NOTIFICATION_LEVEL = {"error": "error", "warning": "warning", "note": "note", "info": "note"}


def artifact_location(path: str) -> dict[str, Any]:
    """A percent-encoded relative URI for ``path`` and its base: ``%SRCROOT%`` when the file lies
    below the working directory, otherwise the root of its file system (see :func:`root_base`)."""
    absolute = Path(path).resolve()
    try:
        pure = PurePath(os.path.relpath(absolute))
    except ValueError:  # another drive on Windows: no relative form exists
        pure = PurePath(absolute)
    if not pure.is_absolute() and ".." not in pure.parts:
        return {"uri": _quote(pure.as_posix()), "uriBaseId": SRCROOT}
    below = absolute.relative_to(absolute.anchor)
    return {"uri": _quote(PurePath(below).as_posix()), "uriBaseId": root_base(absolute)[0]}


def _quote(posix: str) -> str:
    """Percent-encode the path's bytes as the file system holds them: a name that is not UTF-8
    (GBK bytes) keeps its own bytes, %C4%EA, rather than failing to encode."""
    return quote(os.fsencode(posix), safe="/")


def root_base(path: Path) -> tuple[str, str]:
    """The base ID and URI of the root of ``path``'s file system (``FSROOT``, or ``FSROOT_C`` for
    drive C: on Windows)."""
    anchor = Path(path.anchor)
    drive = path.drive.rstrip(":").upper()
    name = f"FSROOT_{drive}" if drive.isalpha() else "FSROOT"
    return name, directory_uri(anchor)


def directory_uri(path: Path) -> str:
    uri = path.resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"


def rule_descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    family = rule.id.rstrip("0123456789")
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title_en if lang == "en" else rule.title},
        "fullDescription": {"text": rule.summary},
        "help": {"text": explain_text(rule, lang), "markdown": rule.doc_text(lang) or rule.doc_text("zh")},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {
            "editions": list(rule.editions),
            "source": rule.source,
            "origin": rule.origin,
            "tags": [family, rule.name],
        },
    }


def logical_locations(location: Location) -> list[dict[str, Any]]:
    """Always the place in the report's structure: the table cell, row or table, the section, or
    the whole document (the same in every format); then, where no line leads to it, the place in
    the file as the loader named it: a Word file's ``table[2]/row[27]/cell[4]`` or
    ``paragraph[12]`` (also a web page's, when it is written on one line), a PDF's ``page 3,
    table 1, row 27, cell 4``. A Word or PDF file has no lines and its characters are not a text
    artifact's, so that is where its position is given: a region (lines, or a character or byte
    offset) would point into the zip or the PDF's bytes."""
    if location.table:
        name = location.column or location.row or location.table
        kind = "element"
    elif location.section:
        name, kind = location.section, "module"
    else:
        name, kind = "document", "module"
    entry: dict[str, Any] = {"name": name, "fullyQualifiedName": location.logical, "kind": kind}
    if location.label:
        entry["decoratedName"] = location.label
    return [entry, *file_place(None if location.line is not None else location.locator)]


def file_place(locator: str | None) -> list[dict[str, Any]]:
    """The loader's locator as a logical location of kind ``element``, or nothing."""
    if not locator:
        return []
    return [{"name": locator.rsplit("/", 1)[-1], "fullyQualifiedName": locator, "kind": "element"}]


class SarifReporter:
    name: ClassVar[str] = "sarif"
    description: ClassVar[str] = "SARIF 2.1.0, for code scanning and editors"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = lang
        self.rules: list[dict[str, Any]] = []
        self.rule_index: dict[str, int] = {}
        self.artifacts: list[dict[str, Any]] = []
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []
        self.bases: dict[str, str] = {}

    def start(self, rules: Sequence[Rule]) -> None:
        self.rules = [rule_descriptor(rule, self.lang) for rule in rules]
        self.rule_index = {rule.id: index for index, rule in enumerate(rules)}

    def add(self, report: CheckedReport) -> None:
        location = artifact_location(report.path)
        if location["uriBaseId"] != SRCROOT:
            name, uri = root_base(Path(report.path).resolve())
            self.bases[name] = uri
        artifact: dict[str, Any] = {"location": dict(location)}
        if report.document is not None:
            artifact["hashes"] = {"sha-256": report.document.source.sha256}
        location["index"] = len(self.artifacts)
        self.artifacts.append(artifact)
        for finding in report.findings:
            result = self.result(finding, location)
            if report.compared_to_baseline:
                result["baselineState"] = "new"
            self.results.append(result)
        for note in report.notifications:
            self.notifications.append(self.notification(note, location))

    def result(self, finding: Finding, artifact: dict[str, Any]) -> dict[str, Any]:
        loc = finding.location
        physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
        if loc.line is not None:
            physical["region"] = {"startLine": loc.line}
        place: dict[str, Any] = {"physicalLocation": physical, "logicalLocations": logical_locations(loc)}
        words = place_words(loc.line, loc.page, loc.locator, self.lang)
        if loc.heading:
            words = f"{words}（{loc.heading}）" if self.lang == "zh" else f"{words} (under “{loc.heading}”)"
        if words:
            place["message"] = {"text": words.strip()}
        result: dict[str, Any] = {"ruleId": finding.rule_id}
        if finding.rule_id in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding.rule_id]
        result.update({
            "level": finding.severity,
            "message": {"text": finding.message},
            "locations": [place],
            "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        })
        related = self.related(finding, artifact, self.lang)
        if related:
            result["relatedLocations"] = related
        properties: dict[str, Any] = {"pointer": loc.pointer}
        if loc.page is not None:
            properties["page"] = loc.page
        if finding.evidence is not None:
            properties["expected"] = finding.evidence.expected
            properties["actual"] = finding.evidence.actual
            properties["identity"] = finding.evidence.identity
        result["properties"] = properties
        if finding.suppressed:
            result["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": finding.suppressed}]
        return result

    @staticmethod
    def related(finding: Finding, artifact: dict[str, Any], lang: str = "zh") -> list[dict[str, Any]]:
        """The cells of the derivation, each where it stands in the file, named with its place."""
        if finding.evidence is None:
            return []
        places = []
        for number, cell in enumerate(finding.evidence.cells):
            physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
            if cell.line is not None:
                physical["region"] = {"startLine": cell.line}
            value = "" if cell.value is None else cell.value
            words = place_words(cell.line, cell.page, cell.locator, lang)
            if cell.pointer.startswith("/tables/"):  # a table cell, named by its keys
                logical = cell.pointer.removeprefix("/tables/").replace("/values/", "/").replace(".", "/", 1)
                name, kind = cell.key.rsplit(".", 1)[-1], "element"
            else:  # a statement of the narrative
                logical, name, kind = cell.key, cell.key, "text"
            places.append({"id": number, "physicalLocation": physical,
                           "logicalLocations": [{"name": name, "fullyQualifiedName": logical, "kind": kind,
                                                 "decoratedName": cell.label},
                                                *file_place(None if cell.line is not None else cell.locator)],
                           "message": {"text": f"{cell.label} = {value}" + (f" [{words}]" if words else "")}})
        return places

    @staticmethod
    def notification(note: Notification, artifact: dict[str, Any]) -> dict[str, Any]:
        return {
            "level": _NOTIFICATION_LEVEL.get(note.level, "note"),
            "message": {"text": note.message},
            "locations": [{"physicalLocation": {"artifactLocation": dict(artifact)}}],
        }

    def finish(self, summary: Summary) -> None:
        inputs = "\n".join(sorted(a["location"]["uri"] for a in self.artifacts))
        run_id = hashlib.sha256(inputs.encode("utf-8")).hexdigest()[:16]
        run: dict[str, Any] = {
            "tool": {"driver": {
                "name": "nianbao",
                "version": __version__,
                "semanticVersion": __version__,
                "language": _LANGUAGE.get(self.lang, "zh-CN"),
                "rules": self.rules,
            }},
            "automationDetails": {"id": f"{AUTOMATION_CATEGORY}/{run_id}"},
            "originalUriBaseIds": {SRCROOT: {"uri": directory_uri(Path.cwd())},
                                   **{name: {"uri": uri} for name, uri in sorted(self.bases.items())}},
            "invocations": [{
                "executionSuccessful": summary.internal_errors == 0,
                "toolExecutionNotifications": self.notifications,
            }],
            "artifacts": self.artifacts,
            "language": _LANGUAGE.get(self.lang, "zh-CN"),
            "columnKind": "unicodeCodePoints",
            "results": self.results,
        }
        log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        self.stream.write(json.dumps(log, ensure_ascii=False, indent=2, default=str) + "\n")
