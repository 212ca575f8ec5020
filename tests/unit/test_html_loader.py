"""The HTML loader: decoding, span expansion, CMS markup, reading order, titles, bad input, and the
REC findings it leads to on fixtures of our own (tests/fixtures/html, figures of the 2022 平潭 report)."""

from __future__ import annotations

import functools
from pathlib import Path

import lxml.html
import pytest
from nianbao.engine.session import Session
from nianbao.format.editions import builtin_editions
from nianbao.format.numerals import parse_cell
from nianbao.loaders.base import LoadError
from nianbao.loaders.html import HtmlLoader
from nianbao.loaders.html import cell_text
from nianbao.loaders.html import parse_html
from nianbao.loaders.html import read_blocks
from nianbao.loaders.html import read_grid
from nianbao.loaders.htmlencoding import decode_html
from nianbao.model.document import Document
from nianbao.reading.blocks import RawTable

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
REC = "DOC001,DOC002,REC001,REC002,REC003,REC004"


@functools.cache
def _session() -> Session:
    return Session()


def load(path: Path) -> Document:
    return _session().load(path)


def load_text(tmp_path: Path, markup: str, name: str = "report.html") -> Document:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return load(path)


def value(document: Document, table: str, cell: str) -> int | float | None:
    return document.tables[table].values[cell].value


# --- decoding ----------------------------------------------------------------------------------


def test_gb2312_page_with_gbk_only_character_loads_whole() -> None:
    path = FIXTURES / "gb2312_declared.html"
    assert b"charset=gb2312" in path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("gb2312")  # 镕 is outside GB2312
    document = load(path)
    assert document.source.encoding == "gb18030"
    overview = document.section("overview")
    assert overview is not None
    assert overview.paragraphs[0].text == "本年度共收到政府信息公开申请74件。工作专班由朱镕同志牵头。"
    assert [s.key for s in document.sections] == [
        "overview", "active_disclosure", "applications", "reviews", "problems", "other"]
    assert value(document, "applications", "total.total") == 75
    assert value(document, "reviews", "cases.direct_total") == 1


def test_undeclared_gbk_is_detected() -> None:
    text = "<p>本报告依据《中华人民共和国政府信息公开条例》编写，统计期限自2022年1月1日起至12月31日止。</p>"
    decoded = decode_html(text.encode("gb18030"))
    assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_wrong_declarations_are_overruled() -> None:
    text = "<meta charset=\"utf-8\"><p>行政规范性文件88件，朱镕基</p>"
    assert decode_html(text.encode("gb18030")).text == text
    declared_gb = "<meta charset=\"gb2312\"><p>行政规范性文件88件</p>"
    assert decode_html(declared_gb.encode("utf-8")).encoding == "utf-8"


def test_a_utf8_page_declaring_another_charset_reads_as_utf8(tmp_path: Path) -> None:
    """lxml is given the file's UTF-8 bytes themselves: the charset its <meta> names is not read."""
    document = load_text(tmp_path, '<html><head><meta http-equiv="Content-Type" content="text/html; '
                                   'charset=gb2312"></head><body><p>一、总体情况</p><p>镕基，2022年</p></body></html>')
    assert document.source.encoding == "utf-8"
    assert [p.text for p in document.paragraphs()] == ["一、总体情况", "镕基，2022年"]


def test_xml_declaration_is_stripped(tmp_path: Path) -> None:
    markup = ('<?xml version="1.0" encoding="gb2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
              "<p>一、总体情况</p><p>镕</p></body></html>")
    path = tmp_path / "report.xhtml"
    path.write_bytes(markup.encode("gb18030"))
    document = load(path)
    assert [p.text for p in document.paragraphs()] == ["一、总体情况", "镕"]


# --- grids -------------------------------------------------------------------------------------


def test_spans_expand_into_a_grid_that_remembers_origins_lines_and_xpaths() -> None:
    root = parse_html(
        "<table>\n"
        '<tr><td rowspan="2">A</td><td colspan="2">B</td></tr>\n'
        "<tr><td>C</td><td>D</td></tr>\n"
        "</table>"
    )
    grid = read_grid(root.find(".//table"))
    assert [[(c.text, c.origin) for c in row] for row in grid.rows] == [
        [("A", True), ("B", True), ("B", False)],
        [("A", False), ("C", True), ("D", True)],
    ]
    assert [[c.ref.line for c in row] for row in grid.rows] == [[2, 2, 2], [2, 3, 3]]
    assert grid.rows[1][2].ref.locator == "/html/body/table/tr[2]/td[2]"
    assert grid.rows[1][0].ref.locator == "/html/body/table/tr[1]/td[1]"


def test_a_rowspan_past_the_last_row_adds_no_rows() -> None:
    root = parse_html('<table><tr><td rowspan="40">A</td><td>1</td></tr><tr><td>2</td></tr></table>')
    grid = read_grid(root.find(".//table"))
    assert [[(c.text, c.origin) for c in row] for row in grid.rows] == [
        [("A", True), ("1", True)], [("A", False), ("2", True)]]


@pytest.mark.parametrize(("markup", "text"), [
    ("<td><p>社会</p><p>公益 &nbsp; &nbsp; &nbsp;</p><p>组织</p></td>", "社会\n公益\n组织"),
    ("<td><p>本年新<br />制作数量</p></td>", "本年新\n制作数量"),
    ("<td><p><span>&nbsp;</span><span>1</span><span>&nbsp;</span></p></td>", "1"),
    ("<td><p>&nbsp;</p></td>", ""),
    ('<td><p class="MsoNormal"><span style="mso-bidi-font-size:10.5pt">37<o:p></o:p></span></p></td>', "37"),
    ("<td><p>251000元</p></td>", "251000元"),
    ("<td><p>1</p><p>0</p></td>", "1 / 0"),
    ("<td><p>1&nbsp; 2</p></td>", "1 / 2"),
    ("<td><p>251000 元</p></td>", "251000 元"),
])
def test_cell_text(markup: str, text: str) -> None:
    root = parse_html(f"<table><tr>{markup}</tr></table>")
    assert cell_text(root.find(".//td")) == text


def test_two_numbers_in_one_cell_are_not_read_as_one() -> None:
    root = parse_html("<table><tr><td><p>1</p><p>0</p></td></tr></table>")
    parsed = parse_cell(cell_text(root.find(".//td")))
    assert (parsed.value, parsed.problem) == (None, "not-a-number")


# --- reading order, chrome, titles --------------------------------------------------------------


def test_paragraphs_in_reading_order_without_site_chrome() -> None:
    root = parse_html(
        "<html><head><title>t</title><script>var x = '一、总体情况';</script></head><body>\n"
        '<div class="nav"><p>首页</p></div>\n'
        '<div class="breadcrumb">当前位置：首页</div>\n'
        '<div id="content"><p>一、总体情况</p>\n'
        '<span style="font-size:16px"><p>第一段</p><p>第二段<br/>换行</p></span>\n'
        "<p>共收到申请<span>154</span><span>件</span></p>\n"
        "<div><span>（一）主动公开<br/>规章0件</span></div>\n"
        "<table><tr><td>x</td></tr></table>\n"
        "<p>二、主动公开政府信息情况</p></div>\n"
        '<div class="footer"><p>主办单位</p></div></body></html>'
    )
    blocks, _ = read_blocks(root)
    seen = [("table", b.ref.line) if isinstance(b, RawTable) else (b.text, b.ref.line) for b in blocks]
    assert seen == [
        ("一、总体情况", 4), ("第一段", 5), ("第二段", 5), ("换行", 5), ("共收到申请154件", 6),
        ("（一）主动公开", 7), ("规章0件", 7), ("table", 8), ("二、主动公开政府信息情况", 9),
    ]


def _article_of(markup: str) -> str:
    _, article = read_blocks(parse_html(markup))
    return f"{article.tag}.{article.get('id')}"


@pytest.mark.parametrize(("markup", "article"), [
    # the marked <div> holding the tables; the menu before it is left out
    ('<body id=b><div class=nav>首页</div><div id=a class="TRS_Editor"><table><tr><td>1</td></tr></table>'
     "</div></body>", "div.a"),
    # a marked element of another name before the marked <div> comes first, in any case
    ('<body id=b><table id=t class="x trs_editor"><tr><td><table><tr><td>1</td></tr></table></td></tr>'
     '</table><div id=a class=TRS_Editor><table><tr><td>2</td></tr></table></div></body>', "table.t"),
    ('<body id=b><section id=s class=TRS_Editor><div id=a class=TRS_Editor><table><tr><td>1</td></tr>'
     "</table></div></section></body>", "section.s"),
    # a marked <div> without the tables is passed over for one that holds them
    ('<body id=b><div id=a class=TRS_Editor><p>摘要</p></div><div id=c class=TRS_Editor><table><tr>'
     "<td>1</td></tr></table></div></body>", "div.c"),
    # class names outside the body, and one that only contains the name, mark nothing
    ('<html class=TRS_Editor><head><title class=TRS_Editor>x</title></head><body id=b>'
     '<div id=a class=TRS_Editor_x><table><tr><td>1</td></tr></table></div></body></html>', "body.b"),
    ('<html class=TRS_Editor><body id=b><span id=s class=TRS_Editor><table><tr><td>1</td></tr></table>'
     "</span><div id=a class=TRS_Editor><table><tr><td>2</td></tr></table></div></body></html>", "span.s"),
    # an <article> is the article too, whichever comes first
    ('<body id=b><article id=r><table><tr><td>1</td></tr></table></article><div id=a class=TRS_Editor>'
     "<table><tr><td>2</td></tr></table></div></body>", "article.r"),
])
def test_the_article_is_the_first_marked_element_that_holds_the_tables(markup: str, article: str) -> None:
    assert _article_of(markup) == article


def test_title_from_page_title_without_site_suffix(tmp_path: Path) -> None:
    document = load_text(tmp_path, "<html><head><title>某某县人民政府2021年政府信息公开工作年度报告_年报_"
                                   "某某县</title></head><body><p>一、总体情况</p></body></html>")
    assert (document.meta.title, document.meta.agency, document.meta.report_year) == (
        "某某县人民政府2021年政府信息公开工作年度报告", "某某县人民政府", 2021)


def test_title_from_comment_on_the_first_line(tmp_path: Path) -> None:
    document = load_text(tmp_path, "<!-- 某某局2023年度政府信息公开工作年度报告_政府信息公开年报_某某网 -->\n"
                                   "<div class=TRS_Editor><p>一、总体情况</p></div>\n")
    assert (document.meta.title, document.meta.agency) == ("某某局2023年度政府信息公开工作年度报告", "某某局")


def test_title_from_centred_paragraph_of_the_fixture() -> None:
    document = load(FIXTURES / "clean_2021_edition.html")
    assert (document.meta.title, document.meta.agency, document.meta.report_year) == (
        "示例市示例区人民政府2022年政府信息公开工作年度报告", "示例市示例区人民政府", 2022)
    assert all("首页" not in p.text and "主办" not in p.text for p in document.paragraphs())


@pytest.mark.parametrize(("head", "html"), [
    (b"<!DOCTYPE html><html>", True),
    (b"\xef\xbb\xbf<html lang='zh'>", True),
    (b"<?xml version='1.0'?>\n<html>", True),
    (b"<!-- title -->\n<div class=TRS_Editor><p>", True),
    (b"<p style='text-align: center'>", True),
    (b"# 2021 report\n\n<p>", False),
    ("一、总体情况\n".encode(), False),
])
def test_sniff(head: bytes, html: bool) -> None:
    assert HtmlLoader().sniff(head) is html


# --- tables through reading --------------------------------------------------------------------


def test_clean_fixture_reads_every_table() -> None:
    document = load(FIXTURES / "clean_2021_edition.html")
    assert document.notes == []
    active = document.tables["active_disclosure"].values
    assert {k: v.value for k, v in active.items()} == {
        "regulations.issued": 0, "regulations.repealed": 0, "regulations.in_force": 0,
        "normative_documents.issued": 88, "normative_documents.repealed": 55,
        "normative_documents.in_force": 698, "licensing.decisions": 10690, "penalty.decisions": 2113,
        "enforcement.decisions": 0, "fees.amount": 9116.36,
    }
    reviews = document.tables["reviews"].values
    assert [reviews[f"cases.{c}"].value for c in ("review_upheld", "review_corrected", "review_other",
                                                  "review_pending", "review_total")] == [0, 1, 1, 0, 2]
    applications = document.tables["applications"]
    assert len(applications.values) == 25 * 7
    assert value(document, "applications", "other_misc.business") == 2
    assert value(document, "applications", "withheld_prohibited.total") == 0


def test_data_row_spans_that_do_not_line_up_with_the_header(tmp_path: Path) -> None:
    # 2019 edition 表二: the header puts its middle label over two columns, the data rows put their
    # first value over two columns instead
    document = load_text(tmp_path, (
        "<p>2019年某某区政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>"
        '<tr><td colspan="5">第二十条第（五）项</td></tr>'
        '<tr><td>信息内容</td><td>上一年项目数量</td><td colspan="2">本年增/减</td><td>处理决定数量</td></tr>'
        '<tr><td>行政许可</td><td colspan="2">12</td><td>-3</td><td>4520</td></tr>'
        '<tr><td>其他对外管理服务事项</td><td colspan="2">&nbsp;</td><td>0</td><td>7</td></tr>'
        "</table>"))
    values = document.tables["active_disclosure"].values
    assert {k: (v.value, v.blank) for k, v in values.items()} == {
        "licensing.previous_items": (12, False), "licensing.change": (-3, False),
        "licensing.decisions": (4520, False),
        "other_services.previous_items": (None, True), "other_services.change": (0, False),
        "other_services.decisions": (7, False),
    }


# --- findings -----------------------------------------------------------------------------------


def projection(report) -> list[tuple]:
    return sorted(
        (f.rule_id, f.severity, f.location.table, f.location.row, f.location.column, f.location.line,
         f.evidence.expected if f.evidence else None, f.evidence.actual if f.evidence else None, f.message)
        for f in report.findings
    )


@pytest.fixture(scope="module")
def session() -> Session:
    from nianbao.config.settings import Config

    return Session(Config(select=tuple(REC.split(","))))


def test_clean_fixture_gives_no_finding(session: Session) -> None:
    assert projection(session.check_file(FIXTURES / "clean_2021_edition.html")) == []


def test_review_total_of_zero_with_parts_ten_and_one(session: Session) -> None:
    report = session.check_file(FIXTURES / "review_total_mismatch.html")
    assert projection(report) == [
        ("REC004", "error", "reviews", "cases", "review_total", 74, 11, 0,
         "表四“案件数 / 行政复议总计”为 0，应为结果维持、结果纠正、其他结果、尚未审结之和 11（少 11）"),
    ]
    cells = {c.key: (c.line, c.raw, c.value) for c in report.findings[0].evidence.cells}
    assert cells["cases.review_upheld"] == (74, "10", 10)
    assert cells["cases.review_corrected"] == (74, "1", 1)


def test_outcome_total_that_is_not_the_sum_of_its_rows(session: Session) -> None:
    report = session.check_file(FIXTURES / "outcome_total_mismatch.html")
    assert projection(report) == [
        ("REC002", "error", "applications", "total", "natural_person", 64, 73, 72,
         "表三“（七）总计 / 自然人”为 72，应为（一）至（六）各项之和 73（少 1）"),
        ("REC002", "error", "applications", "total", "total", 64, 76, 75,
         "表三“（七）总计 / 总计”为 75，应为（一）至（六）各项之和 76（少 1）"),
    ]


def test_file_cut_off_mid_table_gives_a_clear_result(session: Session) -> None:
    report = session.check_file(FIXTURES / "cut_off_mid_table.html")
    assert report.notifications == []
    assert [(f.rule_id, f.location.line, f.message) for f in report.findings] == [
        ("DOC002", 36, "文件在表格中途结束，可能没有下载或保存完整；"
                       "最后一行（（四）无法提供 1.本机关不掌握相关政府信息&nb）可能不完整，未读取"),
    ]
    assert report.findings[0].severity == "warning"
    table = report.document.tables["applications"]
    assert table.values["withheld_query.natural_person"].value == 0
    assert "unavailable_not_held.natural_person" not in table.values


def test_file_cut_off_inside_a_rows_first_tag_says_the_row_was_not_read(
        tmp_path: Path, session: Session) -> None:
    text = (FIXTURES / "cut_off_mid_table.html").read_text(encoding="utf-8")
    path = tmp_path / "cut.html"
    path.write_text(text[:text.rindex("<tr>") + len('<tr><td rowspan="3"')], encoding="utf-8")
    report = session.check_file(path)
    assert [(f.rule_id, f.message) for f in report.findings if f.rule_id == "DOC002"] == [
        ("DOC002", "文件在表格中途结束，可能没有下载或保存完整；最后一行可能不完整，未读取"),
    ]


def test_a_cut_rows_quote_keeps_its_cells_apart_on_one_line(tmp_path: Path, session: Session) -> None:
    """The dropped row is quoted on one line: a label wrapped in its cell reads as one word, and
    the row's numbers stay apart (3 3 0, not 330)."""
    text = (FIXTURES / "cut_off_mid_table.html").read_text(encoding="utf-8")
    path = tmp_path / "cut.html"
    path.write_text(text[:text.rindex("<tr>")]
                    + "<tr><td>（一）予以<br>公开</td><td>3</td><td>3</td><td>0</td>", encoding="utf-8")
    report = session.check_file(path)
    assert [f.message for f in report.findings if f.rule_id == "DOC002"] == [
        "文件在表格中途结束，可能没有下载或保存完整；最后一行（（一）予以公开 3 3 0）可能不完整，未读取",
    ]


def test_file_cut_off_before_its_tables_says_so(tmp_path: Path, session: Session) -> None:
    """Cut short inside a tag, well before the tables: a warning says that the file ends midway, so
    that findings of missing parts may be read as that; a page that ends whole gets none."""
    whole = (FIXTURES / "cut_off_mid_table.html").read_text(encoding="utf-8")
    cut = whole[:whole.index("<table")].rstrip()
    cut = cut[:cut.rindex("</")] + "</sp"
    (tmp_path / "cut.html").write_text(cut, encoding="utf-8")
    report = session.check_file(tmp_path / "cut.html")
    doc002 = [f for f in report.findings if f.rule_id == "DOC002"]
    assert [(f.severity, f.message) for f in doc002] == [
        ("warning", f"文件在中途结束（最后是“{cut[-40:].rsplit('>', 1)[-1]}”），可能没有下载或保存完整；"
                    "其后的内容没有读到，缺少某部分或某张表的发现可能只是因此"),
    ]
    whole_page = tmp_path / "whole.html"
    whole_page.write_text(whole[:whole.index("<table")] + "</body></html>", encoding="utf-8")
    assert not [f for f in session.check_file(whole_page).findings if f.rule_id == "DOC002"]


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "文件是空的"),
    (b"   \n", "文件是空的"),
    (b"\x00\x01\x02PK\x03\x04" * 50, "文件是二进制数据，不是文本"),
    (b"<html><head><title>x</title></head><body></body></html>", "网页中没有可读的正文"),
    (b"<!-- only a comment -->", "网页中没有可读的正文"),
    (b"<html><body><table><tr><td>&nbsp;</td></tr></table></body></html>", "网页中没有可读的正文"),
])
def test_bad_input_is_a_clear_message(tmp_path: Path, session: Session, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        HtmlLoader().load(path, content, builtin_editions())
    assert caught.value.message == problem
    report = session.check_file(path)
    assert report.notifications == []
    assert [(f.rule_id, Path(f.source).resolve()) for f in report.findings] == [("DOC001", path.resolve())]
    assert problem in report.findings[0].message


def test_loader_is_registered_for_html_suffixes(session: Session) -> None:
    loaders = {s: loader.name for loader in session.loaders for s in loader.suffixes}
    assert [loaders[s] for s in (".html", ".htm", ".shtml", ".xhtml")] == ["html"] * 4


def test_lxml_given_the_bytes_would_lose_the_page() -> None:
    # why the loader decodes first: libxml2 stops at the first character GB2312 lacks
    data = (FIXTURES / "gb2312_declared.html").read_bytes()
    text = "".join(lxml.html.document_fromstring(data).itertext())
    assert "六、其他需要报告的事项" not in text


APPLICATIONS_HEADER = (
    '<tr><td colspan="2" rowspan="3">（本列数据的勾稽关系为：'
    "第一项加第二项之和，等于第三项加第四项之和）</td>"
    '<td colspan="7">申请人情况</td><td rowspan="3">备注</td></tr>'
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
    "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
)


def applications_report(tmp_path: Path, rows: str) -> Document:
    return load_text(tmp_path, (
        "<p>某某区2022年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
        f"<table>{APPLICATIONS_HEADER}{rows}</table>"))


def test_a_column_the_format_lacks_is_left_out_by_the_header(tmp_path: Path) -> None:
    document = applications_report(tmp_path, (
        '<tr><td colspan="2">一、本年新收政府信息公开申请数量</td>'
        "<td>71</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>74</td><td>5</td></tr>"))
    values = document.tables["applications"].values
    assert [values[f"received.{c}"].value for c in (
        "natural_person", "business", "research", "public_interest", "legal_services", "other", "total")] == [
        71, 3, 0, 0, 0, 0, 74]
    assert [(n.code, n.table, n.row, n.message) for n in document.notes] == [
        ("row-extra-cells", "applications", "received",
         "表三“一、本年新收政府信息公开申请数量”行按表头读取了格式规定的7列，舍去不属于格式的列中的数值（5）"),
    ]


def test_each_report_is_placed_by_its_own_header_when_reports_of_one_shape_are_read_in_turn(
        tmp_path: Path) -> None:
    # where a header puts the columns is kept for the header's texts: a report whose header names
    # 科研机构 before 商业企业 must not be read by the header of the report read before it
    row = ('<tr><td colspan="2">一、本年新收政府信息公开申请数量</td>'
           "<td>70</td><td>3</td><td>2</td><td>0</td><td>0</td><td>0</td><td>75</td><td></td></tr>")
    swapped = APPLICATIONS_HEADER.replace("<td>商业企业</td><td>科研机构</td>",
                                          "<td>科研机构</td><td>商业企业</td>")
    first = applications_report(tmp_path, row)
    second = load_text(tmp_path, (
        "<p>某某区2022年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p>"
        f"<table>{swapped}{row}</table>"), name="swapped.html")
    again = applications_report(tmp_path, row)
    for document, (business, research) in ((first, (3, 2)), (second, (2, 3)), (again, (3, 2))):
        values = document.tables["applications"].values
        assert (values["received.business"].value, values["received.research"].value) == (business, research)
        assert values["received.total"].value == 75


def test_a_value_cell_over_two_columns_leaves_the_row_unread(tmp_path: Path) -> None:
    document = applications_report(tmp_path, (
        '<tr><td colspan="2">二、上年结转政府信息公开申请数量</td>'
        '<td>1</td><td colspan="2">0</td><td>0</td><td>0</td><td>0</td><td>1</td><td></td></tr>'))
    assert "carried_over.natural_person" not in document.tables["applications"].values
    assert [(n.code, n.row) for n in document.notes] == [("row-unreadable", "carried_over")]


def test_a_blank_filler_cell_between_label_and_values_is_placed_by_the_header(tmp_path: Path) -> None:
    document = applications_report(tmp_path, (
        '<tr><td>（一）予以公开</td><td>&nbsp;</td>'
        "<td>21</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>21</td><td>&nbsp;</td></tr>"))
    values = document.tables["applications"].values
    assert (values["granted.natural_person"].value, values["granted.total"].value) == (21, 21)
    assert document.notes == []


def test_a_page_laid_out_in_a_table_yields_its_paragraphs_and_inner_tables() -> None:
    root = parse_html(
        "<html><body><table><tr><td>\n"
        "<h1>某某区2022年政府信息公开工作年度报告</h1>\n"
        "<p>一、总体情况</p>\n"
        "<table><tr><td>规章</td><td>0</td></tr></table>\n"
        "</td></tr></table></body></html>"
    )
    blocks, article = read_blocks(root)
    assert [("table", b.rows[0][1].text) if isinstance(b, RawTable) else b.text for b in blocks] == [
        "某某区2022年政府信息公开工作年度报告", "一、总体情况", ("table", "0")]


def test_title_from_a_heading(tmp_path: Path) -> None:
    document = load_text(tmp_path, "<html><head><title>首页</title></head><body>"
                                   "<h2>某某市财政局2020年政府信息公开工作年度报告</h2><p>一、总体情况</p></body></html>")
    assert (document.meta.title, document.meta.agency) == (
        "某某市财政局2020年政府信息公开工作年度报告", "某某市财政局")


def test_word_markup_leaves_no_trace_in_the_text() -> None:
    root = parse_html(
        "<html><head><style>p.MsoNormal {mso-style-parent:\"\"}</style></head><body>"
        "<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
        '<p class="MsoNormal"><span style="mso-spacerun:yes">　</span>一、总体情况<o:p></o:p></p>'
        "</body></html>"
    )
    blocks, _ = read_blocks(root)
    assert [b.text for b in blocks] == ["一、总体情况"]


def test_a_file_cut_anywhere_loads_or_says_why(tmp_path: Path) -> None:
    data = (FIXTURES / "clean_2021_edition.html").read_bytes()
    whole = load(FIXTURES / "clean_2021_edition.html")
    first = whole.preamble[0].text
    cut_inside_a_character = data.index("本报告依据".encode()) + 1
    for end in (*range(40, len(data), 997), cut_inside_a_character):
        path = tmp_path / "part.html"
        path.write_bytes(data[:end])
        try:
            document = load(path)
        except LoadError as exc:
            assert exc.message == "网页中没有可读的正文"
            continue
        assert document.source.encoding == "utf-8"
        assert not document.preamble or first.startswith(document.preamble[0].text)


def test_an_unknown_suffix_is_sniffed_as_html(session: Session) -> None:
    head = (FIXTURES / "clean_2021_edition.html").read_bytes()[:2048]
    loader = session.loader_for(Path("report.asp"), head)
    assert loader is not None and loader.name == "html"


@pytest.mark.parametrize(("end", "closed"), [
    ("<table><tr><td>1</td></tr></table><p>正文</p>", True),
    ("<TABLE><TR><TD>1</TD></TR></TABLE><P>正文</P>", True),
    ("<table><tr><td>1</td></tr></table><p>正文</p><TaBle><tr><td>2", False),
    ("<table><tr><td>1</td></tr></TABLE><p>正文</p><tABLE><tr><td>2", False),
    ("<table><tr><td>1</td></tr></table><p>正文</p><tables>", False),  # as lower() would have it
    ("<table><tr><td>1", False),
])
def test_a_table_left_open_at_the_end_in_any_case_is_a_cut(end: str, closed: bool) -> None:
    page = ("<html><body><p>一、总体情况</p>" + "正文" * 3000 + end).encode()
    draft = HtmlLoader().load(Path("page.html"), page, builtin_editions())
    assert [note.code for note in draft.notes_after] == ([] if closed else ["file-cut-off"])


def test_an_unclosed_table_in_a_page_that_ends_properly_is_not_a_cut(tmp_path: Path) -> None:
    document = load_text(tmp_path, "<html><body><p>一、总体情况</p><table>"
                                   "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></body></html>")
    assert document.notes == []


@pytest.mark.parametrize(("head", "body", "date"), [
    ('<meta name="PubDate" content="2023-02-20 09:30">', "", "2023-02-20"),
    ('<meta property="article:published_time" content="2024-01-31T08:00:00+08:00">', "", "2024-01-31"),
    ("", "<p>发布时间：2022年1月7日</p>", "2022-01-07"),
    ("", "<p>成文日期：2022年1月7日</p>", None),
    ("", "", None),
])
def test_publication_date_from_the_page(tmp_path: Path, head: str, body: str, date: str | None) -> None:
    document = load_text(tmp_path, f"<html><head>{head}</head><body>"
                                   f"<p>某某区2021年政府信息公开工作年度报告</p>{body}<p>一、总体情况</p></body></html>")
    assert document.meta.published_on == date
