"""PDF reports: a report printed to PDF by LibreOffice from a DOCX with real figures and one wrong
figure, so that REC names the very cell and page; rulings and merged cells; lines and the marks
that sit high in them; files that cannot be read."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from nianbao.engine.session import Session
from nianbao.loaders.pdf import Char
from nianbao.loaders.pdf import Edge
from nianbao.loaders.pdf import PageFrame
from nianbao.loaders.pdf import drop_overprints
from nianbao.loaders.pdf import find_grids
from nianbao.loaders.pdf import group_lines
from nianbao.loaders.pdf import read_pdf
from nianbao.loaders.pdf import unreadable_text
from nianbao.model.document import Document
from nianbao.model.results import CheckedReport
from nianbao.reading.blocks import RawTable
from test_docx_loader import EXPECTED
from test_docx_loader import HTML_STEMS
from test_docx_loader import convert
from test_docx_loader import office_copies  # noqa: F401 (a fixture, used by name)
from test_docx_loader import real_figures
from test_docx_loader import write_report_docx


def table_values(document: Document) -> dict[str, dict[str, object]]:
    return {key: {cell: value.value for cell, value in table.values.items()}
            for key, table in document.tables.items()}


def can_print() -> None:
    """Printing a Chinese report to PDF needs LibreOffice and a font with Chinese characters."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice (soffice) is not installed: Debian package libreoffice-writer-nogui")
    fonts = ""
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                               check=False).stdout
    if not fonts.strip():
        pytest.skip("no font with Chinese characters for LibreOffice to print with: "
                    "Debian package fonts-wqy-microhei")


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


@pytest.fixture(scope="module")
def wrong_figures() -> dict[str, dict[str, int | float]]:
    figures = real_figures()
    # 1.本机关不掌握相关政府信息 / 自然人: 31 in the source, written 30 here, its row total left 31
    figures["applications"]["unavailable_not_held.natural_person"] = 30
    return figures


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory, wrong_figures: dict) -> Path:
    can_print()
    workdir = tmp_path_factory.mktemp("printed")
    source = write_report_docx(workdir / "wrong.docx", wrong_figures, page_breaks=True)
    return convert(source, "pdf", workdir)


@pytest.fixture(scope="module")
def printed_report(session: Session, printed: Path) -> tuple[Document, CheckedReport]:
    return session.load(printed), session.check_file(printed)


def test_printed_report_loads_to_the_figures_it_was_made_from(
        printed_report: tuple, wrong_figures: dict) -> None:
    document, _ = printed_report
    assert document.source.format == "pdf"
    got = table_values(document)
    assert got == wrong_figures
    assert document.notes == []


def test_rec_names_the_wrong_cell_and_its_page(printed_report: tuple) -> None:
    _, report = printed_report
    found = [(f.rule_id, f.location.logical, f.location.page, f.location.locator,
              f.evidence.expected, f.evidence.actual, f.message)
             for f in report.findings if f.rule_id.startswith("REC")]
    # 1.本机关不掌握相关政府信息 / 自然人 reads 30 where 31 makes both its row and its column
    # add up: both findings point at it; neither asks to change the totals, which are right
    cell = "applications/unavailable_not_held/natural_person"
    assert found == [
        ("REC002", cell, 2, "page 2, table 2, row 16, cell 4", 94, 95,
         "表三“1.本机关不掌握相关政府信息 / 自然人”为 30，很可能填错，应为 31（少 1）：改正这一格，"
         "“（七）总计 / 自然人”、“1.本机关不掌握相关政府信息 / 总计”的勾稽关系就都成立"),
        ("REC003", cell, 2, "page 2, table 2, row 16, cell 4", 30, 31,
         "表三“1.本机关不掌握相关政府信息 / 总计”为 31，与各类申请人之和 30 不符；这一格本身很可能没错，"
         "原因是“1.本机关不掌握相关政府信息 / 自然人”填错（见 REC002）"),
    ]


def _stored_turned(source: Path, target: Path) -> Path:
    """The same pages stored the way some printers store them: drawn turned a quarter inside a
    form XObject on a landscape page, and shown upright through the page's /Rotate 90."""
    original = pypdfium2.PdfDocument(source)
    turned = pypdfium2.PdfDocument.new()
    for index in range(len(original)):
        width, height = original[index].get_size()
        form = original.page_as_xobject(index, turned).as_pageobject()
        form.transform(pypdfium2.PdfMatrix(0, 1, -1, 0, height, 0))
        page = turned.new_page(height, width)
        page.insert_obj(form)
        page.gen_content()
        page.set_rotation(90)
    turned.save(str(target))
    return target


def test_rotated_pages_and_form_xobjects_read_as_shown(session: Session, printed: Path, printed_report: tuple,
                                                       wrong_figures: dict, tmp_path: Path) -> None:
    turned = _stored_turned(printed, tmp_path / "turned.pdf")
    document = session.load(turned)
    got = table_values(document)
    assert got == wrong_figures
    found = [(f.rule_id, f.location.page, f.location.locator) for f in session.check_file(turned).findings
             if f.rule_id.startswith("REC")]
    assert found == [("REC002", 2, "page 2, table 2, row 16, cell 4"),
                     ("REC003", 2, "page 2, table 2, row 16, cell 4")]


@pytest.mark.parametrize(("rotation", "shown"), [
    (0, (10.0, 780.0, 30.0, 790.0)), (90, (2.0, 10.0, 12.0, 30.0)),
    (180, (570.0, 2.0, 590.0, 12.0)), (270, (780.0, 570.0, 790.0, 590.0)),
])
def test_page_frame_turns_user_space_as_shown(rotation: int, shown: tuple) -> None:
    # user space 600 x 792 (portrait, before /Rotate); a box 20 wide and 10 high near its bottom left
    width, height = (600.0, 792.0)
    frame = PageFrame(rotation, width, height)
    assert frame.box(10.0, 2.0, 30.0, 12.0) == shown


def test_row_cut_by_the_page_end_is_joined_back(printed_report: tuple) -> None:
    document, _ = printed_report
    table = document.tables["applications"]
    # LibreOffice lets 1.信访举报投诉类申请 break over pages 2 and 3: its label's last characters
    # stand alone at the top of page 3.
    assert table.row("rejected_petition").label == "1.信访举报投诉类申请"
    cell = table.values["rejected_petition.natural_person"]
    assert (cell.value, cell.ref.page, cell.ref.locator) == (1, 2, "page 2, table 2, row 19, cell 4")
    after = table.values["rejected_repeat.natural_person"]
    assert (after.ref.page, after.ref.locator) == (3, "page 3, table 2, row 20, cell 4")


def test_printed_tables_without_borders_read_from_their_columns(
        session: Session, tmp_path_factory: pytest.TempPathFactory) -> None:
    can_print()
    workdir = tmp_path_factory.mktemp("borderless")
    source = write_report_docx(workdir / "plain.docx", real_figures(), page_breaks=True, ruled=False)
    printed = convert(source, "pdf", workdir)
    blocks, _, _ = read_pdf(printed.read_bytes())
    assert [b.kind for b in blocks if isinstance(b, RawTable)] == ["text", "text", "text"]
    document = session.load(printed)
    got = table_values(document)
    assert got == real_figures()
    assert document.notes == []
    # 7.属于行政执法案卷 wraps over the end of page 2: its numbers stay on page 2, and the row
    # after it, on page 3, is still the same table
    cells = document.tables["applications"].values
    assert cells["withheld_enforcement_file.natural_person"].ref.page == 2
    assert cells["withheld_query.natural_person"].ref.page == 3
    assert document.tables["applications"].row("withheld_prohibited").label == "2.其他法律行政法规禁止公开"


@pytest.fixture(scope="module")
def office_prints(office_copies: dict[str, Path],  # noqa: F811 (the imported fixture, by name)
                  tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The DOCX copies of the corpus pages, printed to PDF by LibreOffice."""
    can_print()
    workdir = tmp_path_factory.mktemp("prints")
    return {path.stem: path for path in convert(list(office_copies.values()), "pdf", workdir)}


# LibreOffice lays 002's tables out wider than the page, so part of each row is cut off in the
# PDF itself: there the test asks only that nothing be read wrong and that every row left
# unread be noted.
CUT_OFF = {"002_shanghai-govoffice-2019"}


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_printed_corpus_pages_load_to_their_verified_values(
        session: Session, office_prints: dict[str, Path], stem: str) -> None:
    want = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    document = session.load(office_prints[stem])
    got = {key: {cell: (None if value.blank else value.value) for cell, value in table.values.items()}
           for key, table in document.tables.items()}
    if stem not in CUT_OFF:
        assert got == want["tables"]
        unread = sorted(f"{n.table}.{n.row}" for n in document.notes if n.table and n.row)
        assert unread == sorted(want["unread"])
        return
    wrong = [(f"{key}.{cell}", value, want["tables"][key][cell])
             for key, cells in got.items() for cell, value in cells.items()
             if value is not None and value != want["tables"][key][cell]]
    assert wrong == []
    # rows whose label was cut off are noted with their values, not dropped in silence
    assert [n.message for n in document.notes if n.code == "row-label-unreadable"] == [
        "第4页表格中数值为“821 35”的一行，其行标签“信息公开申请数量”不是格式中的行名，未读取该行",
        "第4页表格中数值为“18”的一行，其行标签“信息公开申请数量”不是格式中的行名，未读取该行",
        "第5页表格中数值为“72”的一行，其行标签“续办理”不是格式中的行名，未读取该行",
    ]


def test_blank_cell_is_blank_when_ruled_and_never_shifts_a_row_when_not(
        session: Session, tmp_path_factory: pytest.TempPathFactory) -> None:
    can_print()
    workdir = tmp_path_factory.mktemp("blank")
    figures = real_figures()
    figures["applications"]["withheld_third_party.business"] = ""  # left empty, as 002 leaves cells
    sources = [write_report_docx(workdir / "ruled.docx", figures, page_breaks=True),
               write_report_docx(workdir / "plain.docx", figures, page_breaks=True, ruled=False)]
    ruled, plain = convert(sources, "pdf", workdir)
    cell = session.load(ruled).tables["applications"].values["withheld_third_party.business"]
    assert (cell.raw, cell.value, cell.blank) == ("", None, True)
    # without rulings an empty cell leaves no trace: the row has six numbers for seven columns,
    # so it is left unread and noted rather than read shifted
    document = session.load(plain)
    assert not any(key.startswith("withheld_third_party.") for key in document.tables["applications"].values)
    assert [(n.code, n.table, n.row) for n in document.notes] == [
        ("row-unreadable", "applications", "withheld_third_party")]


def _blank_pdf() -> bytes:
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_pdf_without_text_layer_is_doc001(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf())
    report = session.check_file(path)
    assert [f.rule_id for f in report.findings] == ["DOC001"]
    assert "PDF 没有文本层（可能是扫描件或图片），本工具不做文字识别" in report.findings[0].message
    assert report.notifications == []


@pytest.mark.parametrize(("content", "words"), [
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage\n", "PDF 文件已损坏，无法解析"),
    (b"this is no pdf at all\n" * 10, "文件不是 PDF"),
])
def test_damaged_or_false_pdf_is_doc001(session: Session, tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    report = session.check_file(path)
    assert [f.rule_id for f in report.findings] == ["DOC001"]
    assert words in report.findings[0].message
    assert report.notifications == []


def _char(text: str, x0: float, top: float, size: float = 10.0) -> Char:
    return Char(text, x0, top, x0 + size, top + size)


def test_marks_sitting_high_or_low_join_their_line() -> None:
    chars = [_char("危", 0, 100), _char("及", 11, 100), Char("“", 22, 99, 25, 102), _char("三", 26, 100),
             Char("，", 37, 107, 40, 110), _char("下", 0, 115), _char("行", 11, 115)]
    lines = group_lines(chars)
    assert [line.text for line in lines] == ["危及“三，", "下行"]


def test_text_printed_twice_for_bold_reads_once() -> None:
    heading = [_char(t, 11 * i, 50) for i, t in enumerate("一、总体情况")]
    again = [Char(c.text, c.x0 + 0.4, c.top + 0.2, c.x1 + 0.4, c.bottom + 0.2) for c in heading]
    tight = [_char("1", 100, 80, 5), _char("1", 105.5, 80, 5)]  # 11: the same digit twice, side by side
    kept = drop_overprints(heading + again + tight)
    assert [line.text for line in group_lines(kept)] == ["一、总体情况", "11"]


def test_garbled_text_layer_is_told_apart() -> None:
    readable = [_char(t, 11 * i, 50) for i, t in enumerate("一、总体情况本年度收到申请九十五件全部办结答复")]
    garbled = [_char(chr(0xE000 + i), 11 * i, 50) for i in range(len(readable))]
    assert not unreadable_text(readable)
    assert unreadable_text(garbled)
    assert not unreadable_text(readable + garbled[:5])


def test_merged_cells_found_from_the_rulings() -> None:
    # a 3x3 grid whose left column is one cell down all three rows, and whose top right two
    # cells are one cell across
    edges = [Edge(True, 0, 0, 90), Edge(True, 90, 0, 90), Edge(True, 30, 30, 90), Edge(True, 60, 30, 90),
             Edge(False, 0, 0, 90), Edge(False, 30, 0, 90), Edge(False, 60, 30, 90), Edge(False, 90, 0, 90)]
    [grid] = find_grids(edges)
    assert (grid.xs, grid.ys) == ([0, 30, 60, 90], [0, 30, 60, 90])
    assert grid.owner[(2, 0)] == (0, 0)
    assert grid.owner[(0, 2)] == (0, 1)
    assert grid.owner[(1, 2)] == (1, 2)


@pytest.mark.parametrize(("middle", "cell"), [
    ((15, 15), (0, 0)), ((45, 75), (2, 1)), ((30, 45), (1, 0)), ((0, 0), (0, 0)), ((90, 90), (2, 2)),
    ((60, 30), (0, 1)), ((91, 15), None), ((15, -1), None),
])
def test_a_character_on_a_ruling_reads_in_the_cell_before_it(middle: tuple, cell: tuple | None) -> None:
    edges = [Edge(True, y, 0, 90) for y in (0, 30, 60, 90)] + [Edge(False, x, 0, 90) for x in (0, 30, 60, 90)]
    [grid] = find_grids(edges)
    x, y = middle
    assert grid.cell_of(Char("1", x - 2, y - 3, x + 2, y + 3)) == cell
