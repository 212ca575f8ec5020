"""The summaries a reviewer opens, over a folder of about 150 reports: the corpus copied under
distinct names ten times (HTML, PDF, text and Markdown), a PDF cut short, an empty DOCX and a
README. The CSV rows and the workbook's 问题 sheet are the JSON findings one for one, the
workbook's 报告 sheet and the HTML page name every report. The run is made once and its reports
are fed to each reporter, as the CLI does."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import html as lxml_html
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.places import place_words
from nianbao.model.results import CheckedReport
from nianbao.model.results import Summary
from nianbao.reporters.csv import CsvReporter
from nianbao.reporters.html import HtmlReporter
from nianbao.reporters.json import JsonReporter
from nianbao.reporters.rows import LEVEL
from nianbao.reporters.xlsx import XlsxReporter
from openpyxl import load_workbook

COPIES = 10
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def batch(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[CheckedReport]]:
    folder = tmp_path_factory.mktemp("batch")
    reports = sorted(p for p in corpus.iterdir() if p.name[:3].isdigit())
    for copy in range(COPIES):
        for path in reports:
            shutil.copyfile(path, folder / f"批次{copy:02d}-{path.name}")
    pdf = next(p for p in reports if p.suffix == ".pdf").read_bytes()
    (folder / "cut.pdf").write_bytes(pdf[: len(pdf) // 2])
    docx.Document().save(str(folder / "empty.docx"))
    (folder / "README.md").write_text("# 说明\n\n本文件夹存放待检查的年度报告。\n", encoding="utf-8")
    session = Session(Config())
    return folder, list(session.check_paths([folder]))


def run(reporter_class: type, reports: list[CheckedReport], binary: bool = False) -> bytes | str:
    stream: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO()
    session = Session(Config())
    reporter = reporter_class(stream, lang="zh")
    reporter.start(session.rules)
    summary = Summary()
    for report in reports:
        summary.add(report)
        reporter.add(report)
    reporter.finish(summary)
    return stream.getvalue()


def text(value: Any) -> str:
    """A cell as text; a number the same however the format stores it (32.0 in JSON, 32 in a sheet)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) or NUMBER.fullmatch(str(value)):
        return f"{float(value):g}"
    return str(value)


def json_findings(output: dict) -> list[tuple[str, ...]]:
    """Each finding of the JSON output as the columns the tables carry, in the order written."""
    rows = []
    for report in output["reports"]:
        meta = report["meta"] or {}
        for f in report["findings"]:
            evidence = f["evidence"] or {}
            expected = evidence.get("expected", f["args"].get("expected"))
            actual = evidence.get("actual", f["args"].get("actual"))
            loc = f["location"]
            rows.append((report["path"], text(meta.get("agency")), text(meta.get("report_year")),
                         text(meta.get("edition")), f["rule_id"], LEVEL["zh"][f["severity"]],
                         place_words(loc["line"], loc["page"], loc["locator"]), f["message"], text(expected),
                         text(actual), text(f["suppressed"]), f["fingerprint"]))
    return rows


def table_findings(rows: list[list[Any]]) -> list[tuple[str, ...]]:
    """The same columns from CSV or sheet rows; of the location, the place in the file it starts with."""
    out = []
    for row in rows:
        cells = [text(v) for v in row]
        place = cells[6].split(" ", 1)[0] if cells[6].startswith("第") else ""
        out.append((*cells[:6], place, *cells[7:]))
    return out


@pytest.fixture(scope="module")
def findings(batch: tuple[Path, list[CheckedReport]]) -> list[tuple[str, ...]]:
    return json_findings(json.loads(run(JsonReporter, batch[1])))


def test_the_batch_is_what_it_should_be(batch: tuple[Path, list[CheckedReport]],
                                        findings: list[tuple[str, ...]]) -> None:
    folder, reports = batch
    assert len(reports) >= 142
    assert "README.md" not in {Path(r.path).name for r in reports}  # not a report: skipped, not DOC001
    broken = {Path(r.path).name: [f.rule_id for f in r.findings] for r in reports
              if Path(r.path).name in ("cut.pdf", "empty.docx")}
    assert broken == {"cut.pdf": ["DOC001"], "empty.docx": ["DOC001"]}
    assert len(findings) > 400
    assert len({f[-1] for f in findings}) > 40  # fingerprints: the copies share theirs


def test_csv_rows_are_the_json_findings(batch: tuple[Path, list[CheckedReport]],
                                        findings: list[tuple[str, ...]]) -> None:
    written = run(CsvReporter, batch[1])
    assert written.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(written[1:], newline="")))
    assert table_findings(rows[1:]) == findings


def test_the_workbook_findings_are_the_json_findings(batch: tuple[Path, list[CheckedReport]],
                                                     findings: list[tuple[str, ...]], tmp_path: Path) -> None:
    (tmp_path / "review.xlsx").write_bytes(run(XlsxReporter, batch[1], binary=True))
    book = load_workbook(tmp_path / "review.xlsx", read_only=True)
    sheet_rows = [list(r) for r in book["问题"].iter_rows(min_row=2, values_only=True)]
    assert table_findings(sheet_rows) == findings
    files = [r[0] for r in book["报告"].iter_rows(min_row=2, values_only=True)]
    assert files == [r.display_path for r in batch[1]]


def test_the_page_names_every_report(batch: tuple[Path, list[CheckedReport]]) -> None:
    page = lxml_html.fromstring(run(HtmlReporter, batch[1]))
    listed = page.xpath("//table[@id='report-table']/tbody/tr/td[@class='file']/a/text()")
    assert listed == [r.display_path for r in batch[1]]
    detailed = page.xpath("//details[@class='report']/summary/span[@class='path']/text()")
    assert detailed == listed
    # each corpus report and its nine copies are one group of identical files
    groups = page.xpath("//ul[@class='dups']/li[starts-with(b, '文件完全相同')]")
    assert len(groups) == len([r for r in batch[1] if Path(r.path).name.startswith("批次00-")])
    assert {len(g.xpath(".//a")) for g in groups} == {COPIES}
    # the same report as a page and as the archive's flattened text: the same text, read apart
    same_text = page.xpath("//ul[@class='dups']/li[starts-with(b, '正文相同')]")
    assert sorted([Path(a).name for a in g.xpath(".//a/text()")] for g in same_text) == [
        ["批次00-026_pingtan-2022.txt", "批次00-042_pingtan-zone-2022.html"],
        ["批次00-029_pingtan-2025.txt", "批次00-030_pingtan-2025.html"],
    ]
