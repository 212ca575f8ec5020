"""The Markdown seed and the archive's flattened-text reports load with every certain value at its
row and column, leave the rest unread with a note, and check clean.

The expected values in tests/corpus_expected/<stem>.json were read by hand from the sources: for the
flattened reports, each glued run was split by hand and the split confirmed with the reconciliation
identities (R1-R4); rows whose split the identities do not settle are listed under ``unread``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.rules.fmt004_older_format import RULE as FMT004

EXPECTED = Path(__file__).parent / "corpus_expected"
SEED = "001_guancheng-district-2020"
FLATTENED = ("023_pingtan-2019", "025_pingtan-2021", "026_pingtan-2022", "027_pingtan-2023",
             "028_pingtan-2024", "029_pingtan-2025")
OLDER = "022_pingtan-2018-older"
SECTION_KEYS = ["overview", "active_disclosure", "applications", "reviews", "problems", "other"]
FORMAT_FAMILIES = ("SEC", "ART", "REC", "FMT")


def expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


@pytest.fixture(scope="module")
def loaded(session: Session, corpus: Path) -> dict[str, Document]:
    return {stem: session.load(corpus / expected(stem)["file"]) for stem in (SEED, *FLATTENED, OLDER)}


@pytest.mark.parametrize("stem", (SEED, *FLATTENED))
def test_every_certain_value_at_its_row_and_column(loaded: dict[str, Document], stem: str) -> None:
    want = expected(stem)
    document = loaded[stem]
    assert sorted(document.tables) == sorted(want["tables"])
    for key, cells in want["tables"].items():
        values = document.tables[key].values.items()
        got = {cell_key: (None if value.blank else value.value) for cell_key, value in values}
        assert got == cells, key
    blank = sorted(f"{key}.{cell_key}" for key, table in document.tables.items()
                   for cell_key, value in table.values.items() if value.blank)
    assert blank == sorted(want["blank"])


@pytest.mark.parametrize("stem", (SEED, *FLATTENED))
def test_uncertain_rows_are_unread_with_a_note(loaded: dict[str, Document], stem: str) -> None:
    want = expected(stem)
    document = loaded[stem]
    unread = sorted(f"{n.table}.{n.row}" for n in document.notes if n.code == "row-unreadable")
    assert unread == sorted(want["unread"])
    for name in want["unread"]:
        table, row = name.split(".")
        assert document.tables[table].row(row) is not None, name
        assert not any(k.startswith(f"{row}.") for k in document.tables[table].values), name


def test_unread_notes_say_which_digits_and_how_many_splits(loaded: dict[str, Document]) -> None:
    notes = [(n.code, n.table, n.row, n.message) for n in loaded["025_pingtan-2021"].notes]
    assert notes == [(
        "row-unreadable", "active_disclosure", "normative_documents",
        "表二“行政规范性文件”行的数字“693665”粘连在一起，需拆成3列，有10种可能的拆分，且没有勾稽关系可用来判断，"
        "无法确定各列数值，未读取该行",
    )]
    assert [n.message_en for n in loaded["025_pingtan-2021"].notes] == [
        "表二 row “行政规范性文件”: the digits “693665” are run together and must be cut into 3 columns, "
        "but there are 10 possible splits and no reconciliation identity to choose one; the row was not read"]
    fees = [n.message for n in loaded["023_pingtan-2019"].notes if n.row == "fees"]
    assert fees == ["表二“行政事业性收费”行的数字“350”粘连在一起，需拆成2列，"
                    "有2种可能的拆分，且没有勾稽关系可用来判断，无法确定各列数值，未读取该行"]


def test_the_seed_keeps_its_one_note(loaded: dict[str, Document]) -> None:
    notes = [(n.code, n.table, n.row) for n in loaded[SEED].notes]
    assert notes == [("row-extra-cells", "applications", "other_handling")]


@pytest.mark.parametrize("stem", (SEED, *FLATTENED, OLDER))
def test_edition_year_agency_and_publication_date(loaded: dict[str, Document], stem: str) -> None:
    want = expected(stem)
    meta = loaded[stem].meta
    edition = None if want["edition"] == "older" else want["edition"]
    assert (meta.edition, meta.table_edition, meta.report_year, meta.agency, meta.published_on) == (
        edition, edition, want["report_year"], want["agency"], want["published_on"])


@pytest.mark.parametrize("stem", FLATTENED)
def test_six_sections_split_out_of_one_line(loaded: dict[str, Document], stem: str) -> None:
    document = loaded[stem]
    assert [s.key for s in document.sections] == SECTION_KEYS
    assert [(s.key, s.tables) for s in document.sections if s.tables] == [
        ("active_disclosure", ["active_disclosure"]), ("applications", ["applications"]),
        ("reviews", ["reviews"])]
    assert all(s.ref.line == 10 for s in document.sections)


def test_crawler_lines_and_page_chrome_are_not_content(loaded: dict[str, Document]) -> None:
    document = loaded["025_pingtan-2021"]
    text = "\n".join(p.text for p in document.paragraphs())
    for chrome in ("原文链接", "当前位置", "QQ空间", "相关链接", "附件下载"):
        assert chrome not in text
    assert document.preamble[0].text.startswith("根据《中华人民共和国政府信息公开条例》")
    other = document.section("other")
    assert other is not None and [p.text for p in other.paragraphs] == ["2021年，无收取信息处理费情况。"]


def test_sub_headings_inside_long_lines(loaded: dict[str, Document]) -> None:
    overview = loaded["025_pingtan-2021"].section("overview")
    assert overview is not None
    assert [c.title for c in overview.children] == [
        "主动公开方面", "依申请公开方面", "政府信息管理方面", "平台载体建设方面", "监督保障方面"]
    problems = loaded["023_pingtan-2019"].section("problems")
    assert problems is not None
    assert [c.title for c in problems.children] == [
        "继续强化信息公开责任", "继续完善信息公开机制", "继续加强督导协调工作"]


def _errors(output: str, families: tuple[str, ...]) -> list[str]:
    return [line for line in output.splitlines()
            if re.search(r"\b(" + "|".join(families) + r")\d{3} \[错误\]", line)]


@pytest.mark.parametrize("stem", (SEED, *FLATTENED))
def test_check_gives_no_format_error(corpus: Path, stem: str) -> None:
    result = CliRunner().invoke(main, ["check", str(corpus / expected(stem)["file"])])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "共检查 1 个文件" in result.output
    assert _errors(result.output, FORMAT_FAMILIES) == []


def test_the_older_report_is_noted_once_and_not_checked_against_the_format(
        session: Session, corpus: Path) -> None:
    report = session.check_file(corpus / expected(OLDER)["file"])
    assert report.document is not None and report.document.tables == {}
    found = [(f.rule_id, f.severity, f.message) for f in report.findings
             if f.rule_id.startswith(FORMAT_FAMILIES)]
    assert found == [("FMT004", "note",
                      "报告采用2019年以前的旧版格式（报告年度2018年早于2019年），不按现行格式检查")]


def _always(rule_id: str) -> Rule:
    rule = Rule(id=rule_id, name="always-found", title="t", title_en="t", severity="error", source="s",
                message={"zh": "发现", "en": "found"}, doc="")

    @rule.check
    def check(document: Document, context: Context) -> Iterator[Violation]:
        yield Violation(Location())

    return rule


def test_a_gate_note_stops_only_the_families_it_names(session: Session, corpus: Path) -> None:
    document = session.load(corpus / expected(OLDER)["file"])
    rules = [FMT004, _always("SEC901"), _always("REC901"), _always("HIS901")]
    checker = Session(Config(select=("FMT004", "SEC", "REC", "HIS")))
    checker.all_rules = checker.rules = rules  # built-in families: no pack may register these IDs
    assert [(f.rule_id, f.severity) for f in checker.run_rules(document, "022.txt")] == [
        ("FMT004", "note"), ("HIS901", "error")]
    current = session.load(corpus / expected("029_pingtan-2025")["file"])
    assert [f.rule_id for f in checker.run_rules(current, "029.txt")] == ["SEC901", "REC901", "HIS901"]


def test_text_and_html_of_one_report_never_disagree(
        session: Session, loaded: dict[str, Document], corpus: Path) -> None:
    if not any(".html" in loader.suffixes for loader in session.loaders):
        pytest.skip("no HTML loader is registered")
    text = loaded["029_pingtan-2025"]
    html = session.load(corpus / "030_pingtan-2025.html")
    for key, table in text.tables.items():
        for cell_key, value in table.values.items():
            assert html.tables[key].values[cell_key].value == value.value, f"{key}.{cell_key}"
    missing = sorted(f"{key}.{cell_key.split('.')[0]}" for key, table in html.tables.items()
                     for cell_key in table.values if cell_key not in text.tables[key].values)
    assert sorted(set(missing)) == sorted(expected("029_pingtan-2025")["unread"])
