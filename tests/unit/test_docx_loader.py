"""DOCX reports, made the way offices make them: built with python-docx with its tables' merged
cells written as Word writes them (``gridSpan`` across, ``vMerge`` down), and converted from a
published web page by LibreOffice. Each loads to the very figures it was made from.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.format.editions import builtin_editions
from nianbao.loaders.docx import read_blocks
from nianbao.loaders.wordnumbering import ListNumbering
from nianbao.loaders.wordnumbering import format_number
from nianbao.loaders.wordpackage import read_package
from nianbao.reading.blocks import RawTable

EXPECTED = Path(__file__).parent.parent / "corpus_expected"
FIGURES_STEM = "011_hongze-district-2024"
# The source sets （六）其他处理 as one row of zeros; the official format's three sub-rows of it
# are then zero too, and are written here as the format lays them out.
OTHER_ROWS = ("other_no_correction", "other_unpaid_fee", "other_misc")


def real_figures(stem: str = FIGURES_STEM) -> dict[str, dict[str, int | float]]:
    """The hand-verified figures of a corpus report, with （六）其他处理's sub-rows filled in."""
    tables = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))["tables"]
    applications = dict(tables["applications"])
    columns = [c.key for c in builtin_editions()["2021"].table("applications").columns]
    for row in OTHER_ROWS:
        for column in columns:
            applications.setdefault(f"{row}.{column}", 0)
    return {**tables, "applications": applications}


def _merge(table: docx.table.Table, top: int, left: int, bottom: int, right: int, text: object) -> None:
    cell = table.cell(top, left).merge(table.cell(bottom, right))
    cell.text = str(text)


def _put(table: docx.table.Table, row: int, col: int, value: object) -> None:
    table.cell(row, col).text = str(value)


def _active_table(document: docx.document.Document, figures: dict[str, int | float]) -> None:
    spec = builtin_editions()["2021"].table("active_disclosure")
    row_count = sum(2 + len(block.rows) for block in spec.blocks)
    table = document.add_table(rows=row_count, cols=4)
    table.style = "Table Grid"
    row = 0
    for block in spec.blocks:
        _merge(table, row, 0, row, 3, block.label)
        _put(table, row + 1, 0, "信息内容")
        if len(block.columns) == 1:
            _merge(table, row + 1, 1, row + 1, 3, block.columns[0].label)
        else:
            for col, column in enumerate(block.columns, start=1):
                _put(table, row + 1, col, column.label)
        for offset, row_spec in enumerate(block.rows, start=2):
            _put(table, row + offset, 0, row_spec.label)
            if len(block.columns) == 1:
                figure = figures[f"{row_spec.key}.{block.columns[0].key}"]
                _merge(table, row + offset, 1, row + offset, 3, figure)
            else:
                for col, column in enumerate(block.columns, start=1):
                    _put(table, row + offset, col, figures[f"{row_spec.key}.{column.key}"])
        row += 2 + len(block.rows)


def _applications_table(document: docx.document.Document, figures: dict[str, int | float]) -> None:
    """表三 as the format draws it: a 3-row header, 三、本年度办理结果 down the first column, and
    each group label (（三）不予公开 …) down the second."""
    spec = builtin_editions()["2021"].table("applications")
    rows = spec.all_rows()
    table = document.add_table(rows=3 + len(rows), cols=10)
    table.style = "Table Grid"
    _merge(table, 0, 0, 2, 2, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    _merge(table, 0, 3, 0, 9, "申请人情况")
    _merge(table, 1, 3, 2, 3, spec.columns[0].label)
    _merge(table, 1, 4, 1, 8, "法人或其他组织")
    _merge(table, 1, 9, 2, 9, spec.columns[-1].label)
    for col, column in enumerate(spec.columns[1:-1], start=4):
        _put(table, 2, col, column.label)
    outcome = [i for i, r in enumerate(rows, start=3) if r.group]
    _merge(table, outcome[0], 0, outcome[-1], 0, "三、本年度办理结果")
    groups: dict[str, list[int]] = {}
    for index, row_spec in enumerate(rows, start=3):
        for col, column in enumerate(spec.columns, start=3):
            _put(table, index, col, figures[f"{row_spec.key}.{column.key}"])
        if not row_spec.group:
            _merge(table, index, 0, index, 2, row_spec.label)
        elif row_spec.group == "三、本年度办理结果":
            _merge(table, index, 1, index, 2, row_spec.label)
        else:
            groups.setdefault(row_spec.group, []).append(index)
            _put(table, index, 2, row_spec.label)
    for group, indexes in groups.items():
        _merge(table, indexes[0], 1, indexes[-1], 1, group)


def _reviews_table(document: docx.document.Document, figures: dict[str, int | float]) -> None:
    spec = builtin_editions()["2021"].table("reviews")
    table = document.add_table(rows=4, cols=15)
    table.style = "Table Grid"
    _merge(table, 0, 0, 1, 4, "行政复议")
    _merge(table, 0, 5, 0, 14, "行政诉讼")
    _merge(table, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(table, 1, 10, 1, 14, "复议后起诉")
    for col, column in enumerate(spec.columns):
        _put(table, 2, col, column.label)
        _put(table, 3, col, figures[f"cases.{column.key}"])


def write_report_docx(path: Path, figures: dict[str, dict[str, int | float]], *, page_breaks: bool = False,
                      ruled: bool = True) -> Path:
    """A 2021-edition report with the given figures. ``page_breaks`` starts 三 and 四 on new pages,
    so that each table's page is known when the file is printed to PDF; ``ruled=False`` draws the
    tables without borders."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    style.font.name = "WenQuanYi Micro Hei"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    document.add_paragraph("示例县人民政府2024年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("本年度依照条例做好政府信息公开工作。")
    document.add_paragraph("二、主动公开政府信息情况")
    _active_table(document, figures["active_disclosure"])
    heading = document.add_paragraph()
    if page_breaks:
        heading.add_run().add_break(WD_BREAK.PAGE)
    heading.add_run("三、收到和处理政府信息公开申请情况")
    _applications_table(document, figures["applications"])
    heading = document.add_paragraph()
    if page_breaks:
        heading.add_run().add_break(WD_BREAK.PAGE)
    heading.add_run("四、政府信息公开行政复议、行政诉讼情况")
    _reviews_table(document, figures["reviews"])
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("工作中仍有不足，下一年度将继续改进。")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度未收取信息处理费。")
    if not ruled:
        for table in document.tables:
            table.style = document.styles["Normal Table"]
    document.save(str(path))
    return path


def loaded_values(document: object) -> dict[str, dict[str, int | float | None]]:
    return {key: {cell: (None if value.blank else value.value) for cell, value in table.values.items()}
            for key, table in document.tables.items()}


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    return write_report_docx(tmp_path / "report.docx", real_figures())


def test_merged_cells_are_written_as_word_writes_them(built: Path) -> None:
    body = docx.Document(str(built)).element.body
    table = body.findall(qn("w:tbl"))[1]
    spans = [int(e.get(qn("w:val"))) for e in table.iter(qn("w:gridSpan"))]
    merges = [e.get(qn("w:val")) for e in table.iter(qn("w:vMerge"))]
    assert spans[:4] == [3, 7, 3, 5]  # the corner spans 3 columns in each of its 3 rows
    assert merges.count("restart") == 8  # corner, 自然人, 总计, 三、本年度办理结果, （三）（四）（五）（六）
    assert merges.count("restart") + merges.count(None) == len(merges)


def test_python_docx_report_loads_to_its_figures(session: Session, built: Path) -> None:
    document = session.load(built)
    assert document.source.format == "docx"
    assert loaded_values(document) == real_figures()
    assert document.notes == []
    assert [s.key for s in document.sections] == ["overview", "active_disclosure", "applications", "reviews",
                                                   "problems", "other"]
    assert {s.key: s.tables for s in document.sections if s.tables} == {
        "active_disclosure": ["active_disclosure"], "applications": ["applications"], "reviews": ["reviews"]}


def test_merged_cell_copies_are_not_origins(built: Path) -> None:
    blocks, title = read_blocks(docx.Document(str(built)).element.body)
    assert title == "示例县人民政府2024年政府信息公开工作年度报告"
    table = [b for b in blocks if isinstance(b, RawTable)][1]
    withheld = table.rows[3 + 4]  # 1.属于国家秘密, the first row of （三）不予公开
    assert [(c.text, c.origin) for c in withheld[:3]] == [
        ("三、本年度办理结果", False), ("（三）不予公开", True), ("1.属于国家秘密", True)]
    below = table.rows[3 + 5]
    assert [(c.text, c.origin) for c in below[:3]] == [
        ("三、本年度办理结果", False), ("（三）不予公开", False), ("2.其他法律行政法规禁止公开", True)]
    received = table.rows[3]
    assert [(c.text, c.origin) for c in received[:4]] == [
        ("一、本年新收政府信息公开申请数量", True), ("一、本年新收政府信息公开申请数量", False),
        ("一、本年新收政府信息公开申请数量", False), ("95", True)]
    assert all(len(row) == 10 for row in table.rows)


# 表四's fourth row as the built report writes it (复议 and 诉讼 counts)
REVIEWS_ROW_4 = ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"]


def test_cell_inside_a_content_control_keeps_its_column(built: Path, tmp_path: Path) -> None:
    # Forms made in Word wrap fields in content controls (w:sdt); the cell inside still has its column.
    document = docx.Document(str(built))
    row = document.tables[2]._tbl.tr_lst[3]
    cell = row.tc_lst[10]  # 复议后起诉 / 结果维持: 2
    sdt = etree.SubElement(row, qn("w:sdt"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    cell.addprevious(sdt)
    content.append(cell)
    path = tmp_path / "controls.docx"
    document.save(str(path))
    reviews = _raw_tables(path)[2]
    assert [c.text for c in reviews.rows[3]] == REVIEWS_ROW_4



def test_a_tracked_change_of_a_cells_properties_does_not_merge_it(built: Path, tmp_path: Path) -> None:
    # w:tcPrChange records the properties a cell had before a tracked change; only its own count.
    document = docx.Document(str(built))
    cell = document.tables[2]._tbl.tr_lst[3].tc_lst[0]
    earlier = etree.fromstring(
        f'<w:tcPrChange {_W} w:id="9" w:author="a"><w:tcPr><w:gridSpan w:val="3"/>'
        '<w:vMerge w:val="restart"/></w:tcPr></w:tcPrChange>')
    cell.get_or_add_tcPr().append(earlier)
    path = tmp_path / "changed.docx"
    document.save(str(path))
    reviews = _raw_tables(path)[2]
    assert [c.text for c in reviews.rows[3]] == REVIEWS_ROW_4
    assert all(c.origin for c in reviews.rows[3])


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _revised(kind: str, text: str) -> etree._Element:
    return etree.fromstring(f'<w:{kind} {_W} w:id="1" w:author="a"><w:r><w:t>{text}</w:t></w:r></w:{kind}>')


def test_tracked_deletions_are_not_read_and_insertions_are(built: Path, tmp_path: Path) -> None:
    # A report sent back with changes tracked: 九十 struck out and 95 written in its place, in a
    # paragraph and in a table cell (a figure moved from one cell to another reads in its new cell).
    document = docx.Document(str(built))
    paragraph = document.paragraphs[2]._p
    paragraph.append(_revised("del", "九十"))
    paragraph.append(_revised("ins", "95"))
    cells = document.tables[2]._tbl.tr_lst[3].tc_lst
    for cell, kind in ((cells[0], "moveFrom"), (cells[1], "moveTo")):
        cell.p_lst[0].append(_revised(kind, "7"))
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    blocks, _ = read_blocks(docx.Document(str(path)).element.body)
    paragraphs = [b.text for b in blocks if not isinstance(b, RawTable)]
    assert paragraphs[2] == "本年度依照条例做好政府信息公开工作。95"
    reviews = [b for b in blocks if isinstance(b, RawTable)][2]
    assert [c.text for c in reviews.rows[3][:3]] == ["1", "17", "0"]

def test_cells_and_paragraphs_point_to_their_place(session: Session, built: Path) -> None:
    document = session.load(built)
    cell = document.tables["applications"].values["received.natural_person"]
    assert (cell.ref.locator, cell.ref.page, cell.ref.line) == ("table[2]/row[4]/cell[4]", None, None)
    fee = document.tables["active_disclosure"].values["fees.amount"]
    assert (fee.raw, fee.value, fee.ref.locator) == ("7545", 7545, "table[1]/row[14]/cell[2]")
    section = document.section("reviews")
    assert section is not None and section.ref.locator == "paragraph[6]"


def test_error_in_a_docx_names_its_cell(session: Session, tmp_path: Path) -> None:
    figures = real_figures()
    figures["reviews"]["cases.review_total"] = 3  # 维持 1 + 纠正 1 = 2
    path = write_report_docx(tmp_path / "wrong.docx", figures)
    report = session.check_file(path)
    found = [(f.rule_id, f.location.logical, f.location.locator, f.evidence.expected, f.evidence.actual)
             for f in report.findings if f.rule_id.startswith("REC")]
    assert found == [("REC004", "reviews/cases/review_total", "table[3]/row[4]/cell[5]", 2, 3)]


def test_legacy_doc_and_wps_files_say_to_save_as_docx(session: Session, tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    for name in ("report.doc", "report.wps", "renamed.docx"):
        path = tmp_path / name
        path.write_bytes(ole)
        report = session.check_file(path)
        assert [f.rule_id for f in report.findings] == ["DOC001"], name
        assert "另存为 .docx" in report.findings[0].message, name
    english = Session(Config(lang="en")).check_file(tmp_path / "report.doc")
    assert "save it as .docx" in english.findings[0].message


def test_web_page_saved_with_a_doc_name_is_read_as_html(
        session: Session, corpus: Path, tmp_path: Path) -> None:
    want = json.loads((EXPECTED / "042_pingtan-zone-2022.json").read_text(encoding="utf-8"))
    path = tmp_path / "report.doc"
    shutil.copyfile(corpus / want["file"], path)
    document = session.load(path)
    assert document.source.format == "html"
    assert loaded_values(document) == want["tables"]


def test_damaged_docx_gives_a_clear_doc001(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    report = session.check_file(path)
    assert [f.rule_id for f in report.findings] == ["DOC001"]
    assert "DOCX 文件已损坏或不是 Word 文档" in report.findings[0].message
    assert report.notifications == []


_LIST = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">
  <w:abstractNumId w:val="90"/></w:num>"""


def test_headings_numbered_by_word_lists_are_found(session: Session, tmp_path: Path) -> None:
    # Offices often let Word number the headings: the text holds 总体情况, and Word shows 一、总体情况.
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(_LIST))
    numbering.append(etree.fromstring(_NUM))
    headings = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"]
    for index, heading in enumerate(headings):
        paragraph = document.add_paragraph(heading)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = 90
        if index == 0:
            for sub in ("主动公开情况", "依申请公开情况"):
                child = document.add_paragraph(sub)
                child_pr = child._p.get_or_add_pPr().get_or_add_numPr()
                child_pr.get_or_add_ilvl().val = 1
                child_pr.get_or_add_numId().val = 90
                document.add_paragraph("本年度做好相关工作。")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    loaded = session.load(path)
    assert [(s.number, s.title, s.key) for s in loaded.sections] == [
        ("一", "总体情况", "overview"), ("二", "主动公开政府信息情况", "active_disclosure"),
        ("三", "收到和处理政府信息公开申请情况", "applications"),
        ("四", "政府信息公开行政复议、行政诉讼情况", "reviews"),
        ("五", "存在的主要问题及改进情况", "problems"), ("六", "其他需要报告的事项", "other")]
    assert [c.heading for c in loaded.sections[0].children] == ["（一）主动公开情况", "（二）依申请公开情况"]


_STYLES = f"""<w:styles {_W}>
  <w:style w:type="paragraph" w:styleId="ReportHeading"><w:name w:val="Report Heading"/>
    <w:pPr><w:numPr><w:numId w:val="90"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="ReportSub"><w:name w:val="Report Sub"/>
    <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="ReportSubBold"><w:name w:val="Report Sub Bold"/>
    <w:basedOn w:val="ReportSub"/></w:style>
  <w:style w:type="paragraph" w:styleId="LoopA"><w:basedOn w:val="LoopB"/></w:style>
  <w:style w:type="paragraph" w:styleId="LoopB"><w:basedOn w:val="LoopA"/></w:style>
</w:styles>"""


def test_headings_numbered_by_their_paragraph_style_are_found(tmp_path: Path) -> None:
    # A heading style tied to a list numbers its paragraphs, and so does a style built on it
    # (basedOn); a paragraph's own numId 0 switches the number off, and a loop of styles numbers nothing.
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(_LIST))
    numbering.append(etree.fromstring(_NUM))
    for style in etree.fromstring(_STYLES):
        document.styles.element.append(style)
    for text, style in [("总体情况", "ReportHeading"), ("主动公开情况", "ReportSub"),
                        ("依申请公开情况", "ReportSubBold"), ("本年度做好相关工作。", "ReportHeading"),
                        ("主动公开政府信息情况", "ReportHeading"), ("循环样式", "LoopA")]:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style
        if text.endswith("。"):
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0
    path = tmp_path / "styled.docx"
    document.save(str(path))
    parts = read_package(path.read_bytes())
    blocks, _ = read_blocks(parts.body, ListNumbering.of(parts.numbering, parts.styles))
    assert [block.text for block in blocks] == [
        "一、总体情况", "（一）主动公开情况", "（二）依申请公开情况", "本年度做好相关工作。",
        "二、主动公开政府信息情况", "循环样式"]


@pytest.mark.parametrize(("number", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
    (20, "chineseCountingThousand", "二十"), (3, "decimal", "3"), (2, "ideographTraditional", "乙"),
    (4, "decimalEnclosedCircle", "④"), (4, "lowerRoman", "iv"), (28, "upperLetter", "AB"),
])
def test_list_number_formats(number: int, fmt: str, shown: str) -> None:
    assert format_number(number, fmt) == shown


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not installed: Debian package libreoffice-writer-nogui")
    return found


def convert(source: Path | list[Path], target_format: str, workdir: Path) -> Path | list[Path]:
    """LibreOffice's headless conversion, with a profile of its own so that runs do not collide."""
    sources = source if isinstance(source, list) else [source]
    out = workdir / "out"
    result = subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{workdir / 'profile'}",
         "--convert-to", target_format, "--outdir", str(out), *map(str, sources)],
        capture_output=True, text=True, timeout=300, check=False)
    produced = [out / f"{s.stem}.{target_format.split(':')[0]}" for s in sources]
    assert all(p.exists() for p in produced), result.stderr
    return produced if isinstance(source, list) else produced[0]


HTML_STEMS = sorted(p.stem for p in EXPECTED.glob("*.json")
                    if json.loads(p.read_text(encoding="utf-8"))["file"].endswith(".html"))


@pytest.fixture(scope="module")
def office_copies(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each published page of the corpus with hand-verified values, saved as DOCX by LibreOffice
    in a scratch folder (never beside the corpus)."""
    workdir = tmp_path_factory.mktemp("office")
    pages = []
    for stem in HTML_STEMS:
        name = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))["file"]
        shutil.copyfile(corpus / name, workdir / name)
        pages.append(workdir / name)
    return {path.stem: path for path in convert(pages, "docx:MS Word 2007 XML", workdir)}


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_libreoffice_docx_of_a_published_page_loads_to_its_verified_values(
        session: Session, office_copies: dict[str, Path], stem: str) -> None:
    want = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    document = session.load(office_copies[stem])
    assert document.source.format == "docx"
    assert loaded_values(document) == want["tables"]
    blank = sorted(f"{k}.{c}" for k, t in document.tables.items() for c, v in t.values.items() if v.blank)
    assert blank == sorted(want["blank"])
    assert sorted(f"{n.table}.{n.row}" for n in document.notes if n.table and n.row) == sorted(want["unread"])
    assert (document.meta.report_year, document.meta.table_edition) == (want["report_year"], want["edition"])
    assert [s.key for s in document.sections][:4] == [
        "overview", "active_disclosure", "applications", "reviews"]


def test_fullwidth_digits_in_cells_read_as_their_values(
        session: Session, built: Path, tmp_path: Path) -> None:
    document = docx.Document(str(built))
    fullwidth = str.maketrans("0123456789.", "０１２３４５６７８９．")
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if any(ch.isdigit() for ch in cell.text) and cell.text == cell.text.strip():
                    cell.text = cell.text.translate(fullwidth)
    path = tmp_path / "fullwidth.docx"
    document.save(str(path))
    assert "０" in "".join(c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells)
    assert loaded_values(session.load(path)) == real_figures()


def _rewrite(source: Path, target: Path, change: dict[str, tuple[str, bytes]]) -> Path:
    """A copy of the package ``source`` with members renamed or replaced: ``change`` maps a member
    name to its new (name, bytes)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            name, data = change.get(info.filename) or (info.filename, old.read(info))
            new.writestr(name, data)
    return target


def _member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_the_main_document_is_found_through_the_package_relationships(
        session: Session, built: Path, tmp_path: Path) -> None:
    # Some tools name the main part otherwise than word/document.xml; the package's relationships say which.
    rels = _member(built, "_rels/.rels").replace(b"word/document.xml", b"word/main.xml")
    types = _member(built, "[Content_Types].xml").replace(b"/word/document.xml", b"/word/main.xml")
    path = _rewrite(built, tmp_path / "renamed.docx", {
        "word/document.xml": ("word/main.xml", _member(built, "word/document.xml")),
        "word/_rels/document.xml.rels": ("word/_rels/main.xml.rels",
                                         _member(built, "word/_rels/document.xml.rels")),
        "_rels/.rels": ("_rels/.rels", rels), "[Content_Types].xml": ("[Content_Types].xml", types)})
    assert loaded_values(session.load(path)) == real_figures()


def test_a_package_whose_main_part_is_no_word_document_gives_a_clear_doc001(
        session: Session, built: Path, tmp_path: Path) -> None:
    word = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    sheet = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    types = _member(built, "[Content_Types].xml").replace(word, sheet)
    path = _rewrite(built, tmp_path / "sheet.docx", {"[Content_Types].xml": ("[Content_Types].xml", types)})
    report = session.check_file(path)
    assert [f.rule_id for f in report.findings] == ["DOC001"]
    assert report.findings[0].message == (
        "无法检查此文件：DOCX 文件已损坏或不是 Word 文档，无法读取（the main part is not a Word document, "
        "its content type is 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'）")


def test_a_part_the_loader_never_reads_is_never_inflated(
        session: Session, built: Path, tmp_path: Path) -> None:
    # An image whose compressed data is damaged: the report's text and tables are still read, since
    # only the parts holding them are inflated (each through the limits' capped stream).
    path = tmp_path / "image.docx"
    shutil.copy(built, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image1.png", b"\x89PNG" + bytes(range(256)) * 64)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/media/image1.png")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start:start + 64] = b"\xff" * 64  # no valid deflate block starts so
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read("word/media/image1.png")
    assert loaded_values(session.load(path)) == real_figures()


def test_entities_in_a_docx_are_not_expanded(session: Session, built: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("不应读出的内容", encoding="utf-8")
    xml = _member(built, "word/document.xml")
    declaration = (f'<!DOCTYPE w:document [<!ENTITY leak SYSTEM "{secret.as_uri()}">'
                   '<!ENTITY echo "回声回声">]>').encode()
    head, _, rest = xml.partition(b"?>")
    marked = "本年度依照条例&leak;&echo;".encode()
    xml = head + b"?>" + declaration + rest.replace("本年度依照条例".encode(), marked, 1)
    path = _rewrite(built, tmp_path / "entities.docx", {"word/document.xml": ("word/document.xml", xml)})
    document = session.load(path)
    text = json.dumps(document.to_dict(), ensure_ascii=False)
    assert "不应读出的内容" not in text and "回声" not in text
    assert loaded_values(document) == real_figures()


_V = 'xmlns:v="urn:schemas-microsoft-com:vml"'
_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def test_a_table_read_in_one_pass_reads_as_cell_by_cell(
        built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tables are read in one pass over their cells' text where that reads exactly what asking each
    # cell reads: a text box in a cell, a table in a cell, a link, a tab, a break, a numbered paragraph,
    # and a cell in a cell (which no Word file should hold).
    document = docx.Document(str(built))
    numbering = document.part.numbering_part.element
    numbering.insert(0, etree.fromstring(_LIST))
    numbering.append(etree.fromstring(_NUM))
    tables = [table._tbl for table in document.tables]
    first = tables[0].tr_lst[2].tc_lst[0].p_lst[0]
    first.append(etree.fromstring(
        f'<w:r {_W} {_V}><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    nested = tables[1].tr_lst[4].tc_lst[4]
    nested.append(etree.fromstring(
        f'<w:tbl {_W}><w:tr><w:tc><w:p><w:r><w:t>表中表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'))
    nested.append(etree.fromstring(f'<w:p {_W}/>'))
    extra = document.add_table(rows=1, cols=2)
    extra.cell(0, 0).text, extra.cell(0, 1).text = "格", "邻格"
    extra._tbl.tr_lst[0].tc_lst[0].append(etree.fromstring(  # a cell in a cell, as no table has it
        f'<w:tr {_W}><w:tc><w:p><w:r><w:t>中格</w:t></w:r></w:p></w:tc></w:tr>'))
    reviews = tables[2].tr_lst[3].tc_lst
    reviews[0].p_lst[0].append(etree.fromstring(
        f'<w:hyperlink {_W} {_R} r:id="rId99"><w:r><w:t>链接</w:t><w:tab/><w:br/><w:t>下行</w:t></w:r>'
        '</w:hyperlink>'))
    for cell in reviews[1:4]:
        num_pr = cell.p_lst[0].get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 1
        num_pr.get_or_add_numId().val = 90
    reviews[2].append(etree.fromstring(  # a second numbered paragraph in a cell, with a line break
        f'<w:p {_W}><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr></w:pPr>'
        '<w:r><w:t>次段</w:t><w:br/><w:t>续行</w:t></w:r></w:p>'))
    path = tmp_path / "tricky.docx"
    document.save(str(path))
    session = Session()
    one_pass = session.load(path).to_dict()
    tables_read = _raw_tables(path)
    assert "框内" in tables_read[0].rows[2][0].text and tables_read[2].rows[3][0].text == "1链接下行"
    assert [c.text for c in tables_read[3].rows[0]] == ["格中格", "邻格"]
    assert tables_read[2].rows[3][2].text == "0次段续行"
    monkeypatch.setattr("nianbao.loaders.docx._cell_paragraphs", lambda tbl, numbered: None)
    assert session.load(path).to_dict() == one_pass
    assert _raw_tables(path) == tables_read


def _raw_tables(path: Path) -> list[RawTable]:
    return [b for b in read_blocks(docx.Document(str(path)).element.body)[0] if isinstance(b, RawTable)]
