"""The PDF report of the corpus (a WPS export, 5 pages, 2021 edition) loads with each value of
表二, 表三 and 表四 at its row and column, whether its tables are read from their rulings or,
with the rulings ignored, from the columns their lines leave.

The expected values in tests/corpus_expected/011_hongze-district-2024.json were typed by hand from
``pdftotext -layout`` of the source and checked against the rendered pages; the reconciliations
(一+二 = 95 = （七）总计 + 四; 表四 2/1/3) hold in them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nianbao.engine.session import Session
from nianbao.format.editions import builtin_editions
from nianbao.loaders.pdf import label_test
from nianbao.loaders.pdf import read_pdf
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.reading.assemble import draft_document
from nianbao.reading.blocks import RawTable

EXPECTED = Path(__file__).parent / "corpus_expected"
STEM = "011_hongze-district-2024"


def expected() -> dict:
    return json.loads((EXPECTED / f"{STEM}.json").read_text(encoding="utf-8"))


def values(document: Document) -> dict[str, dict[str, int | float | None]]:
    return {key: {cell: (None if value.blank else value.value) for cell, value in table.values.items()}
            for key, table in document.tables.items()}


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


@pytest.fixture(scope="module")
def path(corpus: Path) -> Path:
    return corpus / expected()["file"]


@pytest.fixture(scope="module")
def loaded(session: Session, path: Path) -> Document:
    return session.load(path)


def test_every_value_cell_at_its_row_and_column(loaded: Document) -> None:
    want = expected()
    assert loaded.source.format == "pdf"
    assert values(loaded) == want["tables"]
    blank = sorted(f"{k}.{c}" for k, t in loaded.tables.items() for c, v in t.values.items() if v.blank)
    assert blank == sorted(want["blank"])
    unread = sorted(f"{n.table}.{n.row}" for n in loaded.notes if n.table and n.row)
    assert unread == sorted(want["unread"])


def test_edition_year_agency_and_sections(loaded: Document) -> None:
    want = expected()
    meta = loaded.meta
    assert (meta.edition, meta.table_edition, meta.report_year, meta.agency) == (
        want["edition"], want["edition"], want["report_year"], want["agency"])
    assert meta.title == "淮安市洪泽区人民政府2024年政府信息公开工作年度报告"
    assert [s.key for s in loaded.sections] == ["overview", "active_disclosure", "applications", "reviews",
                                                 "problems", "other"]
    assert {s.key: s.tables for s in loaded.sections if s.tables} == {
        "active_disclosure": ["active_disclosure"], "applications": ["applications"], "reviews": ["reviews"]}


def test_known_figures(loaded: Document) -> None:
    applications = loaded.tables["applications"]
    assert applications.row("withheld_prohibited").label == "2.其他法律行政止公开"
    assert applications.values["received.total"].value == applications.values["total.total"].value == 95
    fee = loaded.tables["active_disclosure"].values["fees.amount"]
    assert (fee.raw, fee.value) == ("7545", 7545)


def test_cells_carry_page_table_row_and_column(loaded: Document) -> None:
    cells = loaded.tables["applications"].values
    # 表三 starts on page 3 and runs on to page 4; the footer "-3-" between them is neither a row
    # nor a value, and the rows after it keep counting within the same table.
    first = cells["received.natural_person"]
    assert (first.ref.page, first.ref.locator) == (3, "page 3, table 2, row 4, cell 4")
    last_on_3 = cells["unavailable_not_held.total"]
    assert (last_on_3.raw, last_on_3.ref.page, last_on_3.ref.locator) == (
        "31", 3, "page 3, table 2, row 16, cell 10")
    first_on_4 = cells["unavailable_needs_creation.natural_person"]
    assert (first_on_4.raw, first_on_4.ref.page, first_on_4.ref.locator) == (
        "1", 4, "page 4, table 2, row 17, cell 4")
    review = loaded.tables["reviews"].values["cases.after_review_total"]
    assert (review.raw, review.ref.page, review.ref.locator) == ("3", 4, "page 4, table 3, row 4, cell 15")
    fee = loaded.tables["active_disclosure"].values["fees.amount"]
    assert (fee.ref.page, fee.ref.locator) == (3, "page 3, table 1, row 14, cell 2")


def test_labels_set_down_a_column_and_wrapped_read_whole(path: Path) -> None:
    blocks, title, notes = read_pdf(path.read_bytes())
    table = [b for b in blocks if isinstance(b, RawTable)][1]
    texts = {c.text for row in table.rows for c in row if c.origin}
    assert {"三、本年度办理结果", "（三）不予公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "5.要求行政机关确认或重新出具已获取信息", "社会公益组织", "法律服务机构"} <= texts
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert not any(text.strip("-－ ").isdigit() for text in paragraphs)  # page footers are dropped
    assert notes == []


def test_tables_without_rulings_read_from_their_columns(path: Path) -> None:
    editions = builtin_editions()
    blocks, title, notes = read_pdf(path.read_bytes(), label_test(editions), rulings=False)
    assert all(b.kind == "text" for b in blocks if isinstance(b, RawTable))
    source = Source(path=str(path), format="pdf", sha256="")
    draft = draft_document(source, blocks, editions, title_hint=title)
    document = draft.read_tables(editions[draft.document.meta.table_edition or ""])
    assert values(document) == expected()["tables"]
    # 011 prints （六）其他处理 as one row, the 2019 shape, where the 2021 table has three sub-rows: it is
    # read as the merged row the 2021 template declares, apart from the template's own cells
    assert document.notes == []
    table = document.tables["applications"]
    assert [(r.key, r.label) for r in table.merged_rows] == [("other_handling", "（六）其他处理")]
    assert {k: v.value for k, v in table.merged_values.items()} == {
        f"other_handling.{c}": 0
        for c in ("natural_person", "business", "research", "public_interest", "legal_services", "other",
                  "total")}


def test_single_other_handling_row_is_reported_and_counted(session: Session, path: Path) -> None:
    report = session.check_file(path)
    found = [(f.rule_id, f.severity, f.location.page, f.location.table, f.location.row, f.message)
             for f in report.findings if f.rule_id in ("DOC002", "REC006")]
    assert found == [("REC006", "warning", 4, "applications", "other_handling",
                      "表三把“（六）其他处理”写成一行（2021版格式分为“1.申请人无正当理由…”、“2.申请人逾期未按收…”、"
                      "“3.其他”），该行数值按这几行之和参与勾稽关系的核对，各分项无法核对")]


def test_truncated_copy_is_doc001(session: Session, path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) * 2 // 3])
    report = session.check_file(cut)
    assert [(f.rule_id, f.message) for f in report.findings] == [
        ("DOC001",
         "无法检查此文件：PDF 文件已损坏，无法解析（Failed to load document (PDFium: Data format error).）")]
    assert report.notifications == []


def test_no_rec_error(session: Session, path: Path) -> None:
    report = session.check_file(path)
    rec = [(f.rule_id, f.location.logical) for f in report.findings
           if f.rule_id.startswith("REC") and f.severity == "error"]
    assert rec == []
    assert report.notifications == []
