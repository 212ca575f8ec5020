"""The edition is decided once: ``--edition`` that the tables contradict is reported by FMT001
naming both editions, and the tables are still read and checked as what they are.

The inputs are corpus reports with one 表三 cell changed (予以公开 / 自然人 one higher), written to
a temporary folder, so that REC002/REC003 have something to find.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session

REC = ("REC001", "REC002", "REC003", "REC004")


def _changed(corpus: Path, tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (corpus / name).read_text(encoding="utf-8")
    at = text.index(old, text.index("（一）予以公开"))
    path = tmp_path / name
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return path


def _check(path: Path, edition: str) -> tuple[tuple[str | None, str | None], list[tuple]]:
    report = Session(Config(edition=edition, select=("FMT001", *REC))).check_file(path)
    assert report.document is not None
    meta = report.document.meta
    findings = [(f.rule_id, f.location.table, f.location.row, f.location.column,
                 f.evidence.expected if f.evidence else None,
                 f.evidence.actual if f.evidence else None, f.message)
                for f in report.findings]
    return (meta.edition, meta.edition_source), sorted(findings, key=str)


# the one changed cell breaks its row and its column: both findings point at it
REC_2021 = [
    ("REC002", "applications", "granted", "natural_person", 148, 147,
     "表三“（一）予以公开 / 自然人”为 34，很可能填错，应为 33（多 1）：改正这一格，"
     "“（七）总计 / 自然人”、“（一）予以公开 / 总计”的勾稽关系就都成立"),
    ("REC003", "applications", "granted", "natural_person", 34, 33,
     "表三“（一）予以公开 / 总计”为 33，与各类申请人之和 34 不符；这一格本身很可能没错，"
     "原因是“（一）予以公开 / 自然人”填错（见 REC002）"),
]
REC_2019 = [
    ("REC002", "applications", "total", "natural_person", 768, 767,
     "表三“（七）总计 / 自然人”为 767，应为（一）至（六）各项之和 768（少 1）"),
]


@pytest.fixture()
def report_2021(corpus: Path, tmp_path: Path) -> Path:
    return _changed(corpus, tmp_path, "030_pingtan-2025.html", ">33<", ">34<")


@pytest.fixture()
def report_2019(corpus: Path, tmp_path: Path) -> Path:
    return _changed(corpus, tmp_path, "002_shanghai-govoffice-2019.html", ">258<", ">259<")


def test_2021_tables_without_edition_option(report_2021: Path) -> None:
    assert _check(report_2021, "auto") == (("2021", "tables"), REC_2021)


def test_2019_forced_on_2021_tables_names_both_and_checks_the_tables(report_2021: Path) -> None:
    fmt001 = ("FMT001", "active_disclosure", None, None, None, None,
              "指定按2019版格式检查，但统计表是2021版的；统计表已按2021版检查")
    assert _check(report_2021, "2019") == (("2021", "tables"), sorted([fmt001, *REC_2021], key=str))


def test_2021_forced_on_2019_tables_names_both_and_checks_the_tables(report_2019: Path) -> None:
    fmt001 = ("FMT001", "active_disclosure", None, None, None, None,
              "指定按2021版格式检查，但统计表是2019版的；统计表已按2019版检查")
    assert _check(report_2019, "2021") == (("2019", "tables"), sorted([fmt001, *REC_2019], key=str))


def test_the_edition_the_tables_show_may_be_forced_without_a_finding(report_2019: Path) -> None:
    assert _check(report_2019, "2019") == (("2019", "option"), REC_2019)


def test_forced_edition_message_in_english(report_2021: Path) -> None:
    report = Session(Config(edition="2019", select=("FMT001",), lang="en")).check_file(report_2021)
    assert [f.message for f in report.findings] == [
        "the 2019 edition was asked for, but the tables follow the 2021 edition; they were checked as "
        "2021-edition tables",
    ]
