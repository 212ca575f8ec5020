"""``--format text``: one line per finding, ``path:line: RULE [级别] message``, evidence indented
below; under each report a line saying what was checked (short by default, in full with ``-v``,
none with ``-q``); then the run's summary line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import TextIO

from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Finding
from nianbao.model.findings import Location
from nianbao.model.places import place_words
from nianbao.reporters.records import checked_brief
from nianbao.reporters.records import checked_text

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

LEVEL = {
    "zh": {"error": "错误", "warning": "警告", "note": "提示"},
    "en": {"error": "error", "warning": "warning", "note": "note"},
}


def structural_place(location: Location, lang: str = "zh") -> str:
    """The place in words where the source has no line that leads to it (a Word or PDF file, a page
    written on one line): table, row and column, or paragraph, with the heading it sits under;
    "" when a line is known or nothing is."""
    if location.line is not None:
        return ""
    where = place_words(None, location.page, location.locator, lang)
    if where and location.heading:
        where += f"（{location.heading}）" if lang == "zh" else f" (under “{location.heading}”)"
    return where


def position(finding: Finding, lang: str = "zh") -> str:
    """``path:line`` where a line leads to the place (editors follow it); otherwise ``path:`` and
    the place in words (:func:`structural_place`)."""
    loc = finding.location
    if loc.line is not None:
        return f"{finding.source}:{loc.line}"
    where = structural_place(loc, lang)
    return f"{finding.source}:{where}" if where else finding.source


def format_value(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def cell_place(cell: CellEvidence, lang: str) -> str:
    return place_words(cell.line, cell.page, cell.locator, lang)


def notification_text(message: str) -> str:
    """A tool notification in one line: an internal error carries a traceback, of which the
    last line (the exception) is what a reader of the report needs."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Traceback"):
        return lines[-1].strip()
    return " ".join(line.strip() for line in lines)


def finding_line(finding: Finding, lang: str) -> str:
    """``path:line: RULE [级别] message``, with the reason its level was lowered (unless the message
    says it already) and the reason where the finding was accepted."""
    line = f"{position(finding, lang)}: {finding.rule_id} [{LEVEL[lang][finding.severity]}] {finding.message}"
    if finding.severity_reason and finding.severity_reason not in finding.message:
        line += f"（{finding.severity_reason}）" if lang == "zh" else f" ({finding.severity_reason})"
    if finding.suppressed:
        line += f"  ({'已接受' if lang == 'zh' else 'accepted'}: {finding.suppressed})"
    return line


def summary_line(summary: Summary, lang: str) -> str:
    counts = summary.counts
    if lang == "en":
        text = (f"Checked {summary.files} file(s): {counts['error']} error(s), "
                f"{counts['warning']} warning(s), {counts['note']} note(s)")
        if summary.suppressed:
            text += f", {summary.suppressed} accepted"
        if summary.baselined:
            text += f", {summary.baselined} hidden by the baseline"
        return text
    text = (f"共检查 {summary.files} 个文件：错误 {counts['error']} 个，警告 {counts['warning']} 个，"
            f"提示 {counts['note']} 个")
    if summary.suppressed:
        text += f"，已接受 {summary.suppressed} 个"
    if summary.baselined:
        text += f"，基线中已有 {summary.baselined} 个未列出"
    return text


def pairing_lines(summary: Summary, lang: str, compared: bool = True) -> list[str]:
    """The files skipped, and (when ``compared``: a year-over-year rule ran) the pairs made and the
    reports left unpaired, with reasons."""
    en = lang == "en"
    lines = []
    if summary.skipped:
        lines.append(f"Skipped {len(summary.skipped)} file(s) that are not reports:" if en
                     else f"跳过 {len(summary.skipped)} 个不是报告的文件：")
        lines += [f"  {s.path} ({s.reason_en})" if en else f"  {s.path}（{s.reason}）"
                  for s in summary.skipped]
    origin = {"batch": ("", ""), "history": ("（历史库）", " (history store)"),
              "option": ("（--previous）", " (--previous)")}
    if summary.pairs and compared:
        lines.append(f"Compared with last year's report: {len(summary.pairs)}" if en
                     else f"与上年报告对比 {len(summary.pairs)} 份：")
        for pair in summary.pairs:
            zh, english = origin.get(pair.origin, ("", ""))
            lines.append(f"  {pair.path} <- {pair.previous}{english}" if en
                         else f"  {pair.path} ← {pair.previous}{zh}")
    if summary.unpaired and compared:
        lines.append(f"Not compared with last year's report: {len(summary.unpaired)}" if en
                     else f"未与上年报告对比 {len(summary.unpaired)} 份：")
        lines += [f"  {u.path}: {u.message_en}" if en else f"  {u.path}：{u.message}"
                  for u in summary.unpaired]
    return lines


class TextReporter:
    name: ClassVar[str] = "text"
    description: ClassVar[str] = "path:line: RULE message, for people and editors"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False,
                 verbose: bool = False, quiet: bool = False) -> None:
        self.stream = stream
        self.verbose = verbose
        self.quiet = quiet  # no line saying what was checked under each report
        self.lang = lang if lang in LEVEL else "zh"
        self.show_suppressed = show_suppressed
        self.compared = True

    def start(self, rules: Sequence[Rule]) -> None:
        self.compared = any(rule.needs_previous for rule in rules)

    def add(self, report: CheckedReport) -> None:
        for finding in report.findings:
            if finding.suppressed and not self.show_suppressed:
                continue
            self.write_finding(finding)
        for note in report.notifications:
            text = notification_text(note.message)
            self.stream.write(f"{report.display_path}: nianbao {note.level}: {text}\n")
        checked = (None if self.quiet else checked_text(report, self.lang) if self.verbose
                   else checked_brief(report, self.lang))
        if checked:
            self.stream.write(f"{report.display_path}: {checked}\n")

    def write_finding(self, finding: Finding) -> None:
        """The finding's line, then its evidence: the identity once and the cells that carry a
        figure (all of them with ``verbose``; the zeros and blanks only counted otherwise)."""
        self.stream.write(finding_line(finding, self.lang) + "\n")
        evidence = finding.evidence
        if evidence is None or not evidence.cells:
            return
        zh = self.lang == "zh"
        if len(evidence.cells) > 1 and evidence.identity:
            self.stream.write(f"    {'勾稽关系：' if zh else 'identity: '}{evidence.identity}\n")
        empty = "(空)" if zh else "(blank)"
        shown = [c for c in evidence.cells
                 if self.verbose or len(evidence.cells) == 1 or c.value not in (0, None)]
        for cell in shown:
            place = cell_place(cell, self.lang)
            self.stream.write(f"    {cell.label} = {format_value(cell.value) or empty}"
                              f"{f'  [{place}]' if place else ''}\n")
        hidden = len(evidence.cells) - len(shown)
        if hidden and not shown:  # every cell is 0 or blank (REC005's blank cells)
            self.stream.write(f"    （{hidden} 格均为 0 或空白；-v 逐格列出）\n" if zh
                              else f"    (all {hidden} cells are 0 or blank; -v lists each)\n")
        elif hidden:
            self.stream.write(f"    （另有 {hidden} 格为 0 或空白；-v 全部列出）\n" if zh
                              else f"    ({hidden} more cells are 0 or blank; -v lists them all)\n")

    def finish(self, summary: Summary) -> None:
        for line in pairing_lines(summary, self.lang, self.compared):
            self.stream.write(line + "\n")
        self.stream.write(summary_line(summary, self.lang) + "\n")
