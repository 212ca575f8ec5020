"""``--format html``: one self-contained page for reviewers.

The page holds a sortable, filterable table of every report, a body × year matrix (which years
each body has a report for, which are missing, which were paired with last year's report and how
many year-over-year findings they have), the reports that are duplicates of each other, and for
each report its findings with their evidence and the tables they point into, drawn as the format
lays them out with the failing cells marked. Style and script are inline and the page loads
nothing from the network (its Content-Security-Policy forbids it), so it can be mailed or opened
from a shared drive.

The page is rendered from Jinja templates in ``templates/``: ``base.html.j2`` (the shell, with
``page.css`` and ``page.js``) and ``macros.html.j2`` (badges, a drawn table, a list of findings)
are meant to be extended by any other page nianbao writes, so its pages look alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import TextIO

from nianbao._version import __version__
from nianbao.reporters.overview import ReportView
from nianbao.reporters.overview import body_year_matrix
from nianbao.reporters.overview import duplicate_groups
from nianbao.reporters.overview import report_view
from nianbao.reporters.rows import STATUS
from nianbao.reporters.rows import language
from nianbao.reporters.rows import run_pairing

if TYPE_CHECKING:
    import jinja2
    from nianbao.model.results import CheckedReport
    from nianbao.model.results import Summary
    from nianbao.model.rule import Rule

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATUS_ORDER = {"unreadable": 0, "error": 1, "warning": 2, "pass": 3}

TEXT: dict[str, dict[str, Any]] = {
    "zh": {
        "title": "政府信息公开工作年度报告检查结果",
        "subtitle": "共 {files} 份报告",
        "reports": "报告一览",
        "matrix": "机关 × 年度",
        "duplicates": "重复报告",
        "details": "各报告问题",
        "files": "报告",
        "errors": "错误",
        "warnings": "警告",
        "notes": "提示",
        "unreadable": "无法读取",
        "paired": "已与上年配对",
        "accepted": "已接受",
        "search": "筛选：文件、机关、年度……",
        "all_statuses": "全部状态",
        "all_editions": "全部版本",
        "shown_before": "显示 ",
        "shown_after": " / {total} 份",
        "col_file": "文件",
        "col_agency": "机关",
        "col_year": "年度",
        "col_edition": "版本",
        "col_format": "格式",
        "col_status": "状态",
        "col_previous": "上年报告",
        "col_title": "标题",
        "col_severity": "级别",
        "col_rule": "规则",
        "col_location": "位置",
        "col_message": "说明",
        "col_expected": "应为",
        "col_actual": "实为",
        "status": STATUS["zh"],
        "matrix_help": "每行一个机关（按规范化的名称归并），每列一个年度；"
            "格子中为该年度报告的格式，点击查看。",
        "missing": "缺",
        "paired_legend": "已与上年报告配对核对",
        "his_legend": "跨年度核对发现的问题数",
        "matrix_empty": "没有能确定机关和年度的报告。",
        "undated": "未能放入矩阵的报告",
        "no_agency": "未识别机关",
        "no_year": "未识别年度",
        "dup_kind": {"file": "文件完全相同", "text": "正文相同（格式或文件名不同）"},
        "no_duplicates": "没有发现重复的报告。",
        "pairing": "年度配对",
        "pairs_made": "已与上年报告配对 {n} 份",
        "left_unpaired": "未配对 {n} 份",
        "col_origin": "来源",
        "col_reason": "原因",
        "no_pairs": "没有与上年报告配对的报告。",
        "skipped": "跳过的文件（不是年度报告）{n} 个",
        "dup_count": "{n} 份，{first} 等",
        "several": "{n} 份",
        "open_all": "全部展开",
        "close_all": "全部收起",
        "unknown": "未识别",
        "not_paired": "未配对",
        "comparison": "对比",
        "no_findings": "未发现问题。",
        "blank": "(空)",
        "unmatched": "未能对应到格式的行：",
        "cell_marks": {"bad": "问题所在的单元格", "used": "参与计算的单元格"},
        "more_cells": "另有 {n} 个单元格",
        "footer": "由 nianbao {version} 生成，用时 {seconds:.1f} 秒。"
            "点击一条问题，可在下方表格中突出显示相关单元格。",
    },
    "en": {
        "title": "Government information disclosure annual reports: check results",
        "subtitle": "{files} report(s)",
        "reports": "Reports",
        "matrix": "Body × year",
        "duplicates": "Duplicates",
        "details": "Findings by report",
        "files": "Reports",
        "errors": "Errors",
        "warnings": "Warnings",
        "notes": "Notes",
        "unreadable": "Unreadable",
        "paired": "Paired with last year",
        "accepted": "Accepted",
        "search": "Filter: file, agency, year…",
        "all_statuses": "All statuses",
        "all_editions": "All editions",
        "shown_before": "Showing ",
        "shown_after": " of {total}",
        "col_file": "File",
        "col_agency": "Agency",
        "col_year": "Year",
        "col_edition": "Edition",
        "col_format": "Format",
        "col_status": "Status",
        "col_previous": "Last year's report",
        "col_title": "Title",
        "col_severity": "Severity",
        "col_rule": "Rule",
        "col_location": "Location",
        "col_message": "Message",
        "col_expected": "Expected",
        "col_actual": "Actual",
        "status": STATUS["en"],
        "matrix_help": "One row per body (names compared after normalisation), one column per year;"
            " a cell shows the format of that year's report; click it to open the report.",
        "missing": "none",
        "paired_legend": "paired with last year's report",
        "his_legend": "year-over-year findings",
        "matrix_empty": "No report has both an agency and a year.",
        "undated": "Reports not placed in the matrix",
        "no_agency": "no agency found",
        "no_year": "no year found",
        "dup_kind": {"file": "identical files", "text": "same text (another format or name)"},
        "no_duplicates": "No duplicate reports.",
        "pairing": "Year-over-year pairs",
        "pairs_made": "Paired with last year's report: {n}",
        "left_unpaired": "Not paired: {n}",
        "col_origin": "From",
        "col_reason": "Reason",
        "no_pairs": "No report was paired with last year's.",
        "skipped": "Files skipped as not reports: {n}",
        "dup_count": "{n} files: {first} and others",
        "several": "{n} reports",
        "open_all": "Open all",
        "close_all": "Close all",
        "unknown": "unknown",
        "not_paired": "not paired",
        "comparison": "comparison",
        "no_findings": "No findings.",
        "blank": "(blank)",
        "unmatched": "Rows matching no row of the format: ",
        "cell_marks": {"bad": "the cell the finding is about", "used": "a cell used in the computation"},
        "more_cells": "{n} more cells",
        "footer": "Written by nianbao {version} in {seconds:.1f} s. Cl"
            "ick a finding to mark its cells in the table below.",
    },
}


def environment() -> jinja2.Environment:
    """The template environment of nianbao's pages (autoescaped; a missing variable is an error)."""
    import jinja2  # when a page is written, not whenever the reporters are registered

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


class HtmlReporter:
    name: ClassVar[str] = "html"
    description: ClassVar[str] = "a self-contained page for reviewers: reports, body × year matrix, findings"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.lang = language(lang)
        self.reports: list[ReportView] = []
        self.history_rules: frozenset[str] = frozenset()

    def start(self, rules: Sequence[Rule]) -> None:
        self.history_rules = frozenset(r.id for r in rules if r.needs_previous)

    def add(self, report: CheckedReport) -> None:
        self.reports.append(report_view(len(self.reports), report, self.lang, self.history_rules))

    def finish(self, summary: Summary) -> None:
        template = environment().get_template("review.html.j2")
        statuses = Counter(r.facts.status for r in self.reports)
        carried = {r.facts.file: r.facts.previous for r in self.reports if r.facts.previous}
        pairing = run_pairing(summary, carried, self.lang)
        page = template.render(
            t=TEXT[self.lang], html_lang="zh-CN" if self.lang == "zh" else "en", version=__version__,
            summary=summary, reports=self.reports, statuses=statuses, status_order=STATUS_ORDER,
            pairing=pairing, editions=sorted({r.facts.edition for r in self.reports if r.facts.edition}),
            matrix=body_year_matrix(self.reports, pairing.paired), duplicates=duplicate_groups(self.reports),
        )
        self.stream.write(page)
