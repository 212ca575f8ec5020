"""Sections are found by what they are: real reports with their section headings mangled the ways
real reports type them (number without its 、 or with it doubled, 一. for 一、, 第一部分, a remark in
brackets after the title, a different wording) keep all six sections, their tables and values, and
get a SEC005 or SEC003 warning for each mangled heading and never a SEC001.

The mangling is done here, on the corpus text as read, into a temporary file; nothing is copied
into the project.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.format.editions import builtin_editions
from nianbao.model.results import CheckedReport

REPORTS = ("001_guancheng-district-2020.md", "002_shanghai-govoffice-2019.html", "023_pingtan-2019.txt",
           "025_pingtan-2021.txt", "026_pingtan-2022.txt", "027_pingtan-2023.txt", "028_pingtan-2024.txt",
           "029_pingtan-2025.txt", "030_pingtan-2025.html", "041_pingtan-jinjing-2021.html",
           "042_pingtan-zone-2022.html", "043_pingtan-czj-2023.html")


def _reworded(number: str, title: str) -> str:
    # 总体情况 → 总体工作情况, 其他需要报告的事项 → 其他需要报告的工作事项
    return f"{number}、{title[:-2]}工作{title[-2:]}"


# way -> (how a heading "N、TITLE" is rewritten, the rule that must warn about it)
WAYS: dict[str, tuple[Callable[[str, str], str], str]] = {
    "no-mark": (lambda n, t: f"{n}{t}", "SEC005"),
    "doubled-mark": (lambda n, t: f"{n}、、{t}", "SEC005"),
    "full-stop-mark": (lambda n, t: f"{n}.{t}", "SEC005"),
    "part-prefix": (lambda n, t: f"第{n}部分 {t}", "SEC005"),
    "remark-suffix": (lambda n, t: f"{n}、{t}（有关情况附表）", "SEC003"),
    "reworded": (_reworded, "SEC003"),
}


def _titles() -> dict[str, tuple[str, list[str]]]:
    """Section number -> (key, the titles and variants the editions know, longest first)."""
    out: dict[str, tuple[str, set[str]]] = {}
    for edition in builtin_editions().values():
        for spec in edition.sections:
            out.setdefault(spec.number, (spec.key, set()))[1].update((spec.title, *spec.variants))
    return {n: (key, sorted(titles, key=len, reverse=True)) for n, (key, titles) in out.items()}


def mangle(
    text: str, rewrite: Callable[[str, str], str], only: set[str] | None = None
) -> tuple[str, set[str]]:
    """``text`` with each numbered section heading rewritten; the keys of the sections rewritten."""
    changed: set[str] = set()
    for number, (key, titles) in _titles().items():
        if only is not None and key not in only:
            continue
        for title in titles:
            text, count = re.subn(re.escape(f"{number}、{title}"),
                                  lambda _m, n=number, t=title: rewrite(n, t), text)
            if count:
                changed.add(key)
                break
    return text, changed


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config(select=("SEC", "REC", "ART", "DOC", "FMT")))


@pytest.fixture(scope="module")
def originals(session: Session, corpus: Path) -> dict[str, CheckedReport]:
    return {name: session.check_file(corpus / name) for name in REPORTS}


def _values(report: CheckedReport) -> dict[str, object]:
    assert report.document is not None
    return {f"{key}.{cell}": value.value for key, table in report.document.tables.items()
            for cell, value in table.values.items()}


def _marked(report: CheckedReport) -> set[tuple[str, str | None]]:
    """(rule, section) for each heading SEC003 or SEC005 names: one SEC003 may name several headings
    that deviate the same way."""
    marked = set()
    for f in report.findings:
        if f.rule_id in ("SEC003", "SEC005"):
            marked |= {(f.rule_id, key) for key in f.args.get("sections", [f.location.section])}
    return marked


def _keys(report: CheckedReport) -> list[str | None]:
    assert report.document is not None
    return [s.key for s in report.document.sections if s.level == 1]


@pytest.mark.parametrize("way", sorted(WAYS))
@pytest.mark.parametrize("name", REPORTS)
def test_a_mangled_heading_is_still_its_section(
        session: Session, originals: dict[str, CheckedReport], corpus: Path, tmp_path: Path, name: str,
        way: str,
) -> None:
    rewrite, warning = WAYS[way]
    text, changed = mangle((corpus / name).read_text(encoding="utf-8"), rewrite)
    assert changed, "the report has no heading written the official way"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = session.check_file(path)
    original = originals[name]
    assert [f.rule_id for f in report.findings if f.rule_id in ("SEC001", "DOC001")] == []
    assert _keys(report) == _keys(original)
    assert _values(report) == _values(original)
    before, after = _marked(original), _marked(report)
    assert after - before == {(warning, key) for key in changed} - before


@pytest.mark.parametrize("name", REPORTS)
def test_an_unmarked_first_heading_before_remarked_ones(
        session: Session, originals: dict[str, CheckedReport], corpus: Path, tmp_path: Path, name: str,
) -> None:
    """The real case: "一总体情况" first, then "二、主动公开政府信息情况（有关情况附表）" and so on."""
    text = (corpus / name).read_text(encoding="utf-8")
    text, first = mangle(text, WAYS["no-mark"][0], only={"overview"})
    text, rest = mangle(text, WAYS["remark-suffix"][0], only={"active_disclosure", "applications", "reviews"})
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = session.check_file(path)
    assert [f.rule_id for f in report.findings if f.rule_id in ("SEC001", "DOC001")] == []
    assert _keys(report) == _keys(originals[name])
    assert _values(report) == _values(originals[name])
    assert {("SEC005", k) for k in first} | {("SEC003", k) for k in rest} <= _marked(report)


def test_the_mark_warning_names_the_heading(
        session: Session, corpus: Path, tmp_path: Path) -> None:
    text, _ = mangle((corpus / "001_guancheng-district-2020.md").read_text(encoding="utf-8"),
                     WAYS["no-mark"][0], only={"overview"})
    path = tmp_path / "001.md"
    path.write_text(text, encoding="utf-8")
    report = session.check_file(path)
    assert [(f.rule_id, f.severity, f.location.line, f.message) for f in report.findings
            if f.rule_id == "SEC005"] == [
        ("SEC005", "warning", 5, "“一总体情况”的编号写作“一”，格式规定写作“一、”")]
