"""A web page's positions: a line where it leads to one table row or paragraph, otherwise the table,
row and column, or the paragraph, numbered in reading order as a Word file's are."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.format.editions import builtin_editions
from nianbao.loaders.elements import ElementPaths
from nianbao.loaders.html import HtmlLoader
from nianbao.loaders.html import parse_html
from nianbao.loaders.html import read_blocks
from nianbao.model.document import Paragraph
from nianbao.model.places import place_words
from nianbao.reading.blocks import RawTable
from nianbao.reading.positions import locate_by_structure


def places(markup: str) -> list[object]:
    blocks, _ = read_blocks(parse_html(markup))
    locate_by_structure(blocks)
    shown: list[object] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            shown.append((block.text, place_words(block.ref.line, block.ref.page, block.ref.locator)))
        else:
            shown.append([[place_words(c.ref.line, c.ref.page, c.ref.locator) for c in row]
                          for row in block.rows])
    return shown


def test_a_pretty_printed_page_keeps_its_lines() -> None:
    assert places("<html><body>\n<p>一、总体情况</p>\n<p>本年新收申请5件。</p>\n<table>\n"
                  "<tr>\n<td>项目</td>\n<td>总计</td>\n</tr>\n"
                  "<tr>\n<td>新收</td>\n<td>5</td>\n</tr>\n</table>\n</body></html>") == [
        ("一、总体情况", "第2行"), ("本年新收申请5件。", "第3行"),
        [["第6行", "第7行"], ["第10行", "第11行"]]]


def test_a_row_written_on_one_line_is_still_found_by_its_line() -> None:
    assert places("<html><body>\n<table>\n<tr><td>项目</td><td>总计</td></tr>\n"
                  "<tr><td>新收</td><td>5</td></tr>\n</table>\n</body></html>") == [
        [["第3行", "第3行"], ["第4行", "第4行"]]]


def test_a_page_on_one_line_is_placed_by_table_row_column_and_paragraph() -> None:
    assert places("<html><body><p>一、总体情况</p><p>本年新收申请5件。</p>"
                  "<table><tr><td>表</td></tr></table>"
                  "<table><tr><td>项目</td><td>总计</td></tr><tr><td>新收</td><td>5</td></tr></table>"
                  "<p>二、其他</p></body></html>") == [
        ("一、总体情况", "第1段"), ("本年新收申请5件。", "第2段"),
        [["第1个表格第1行第1列"]],
        [["第2个表格第1行第1列", "第2个表格第1行第2列"], ["第2个表格第2行第1列", "第2个表格第2行第2列"]],
        ("二、其他", "第3段")]


def test_a_spanning_cell_is_placed_where_it_starts() -> None:
    """A cell spanning rows claims its line only in its first row; every slot it covers is placed
    at that first slot."""
    assert places("<html><body><table><tr><td rowspan=\"2\">A</td><td colspan=\"2\">B</td></tr>"
                  "<tr><td>C</td><td>D</td></tr></table></body></html>") == [
        [["第1个表格第1行第1列", "第1个表格第1行第2列", "第1个表格第1行第2列"],
         ["第1个表格第1行第1列", "第1个表格第2行第2列", "第1个表格第2行第3列"]]]
    assert places("<html><body>\n<table>\n<tr><td rowspan=\"2\">A</td><td>B</td></tr>\n"
                  "<tr><td>C</td></tr>\n</table>\n</body></html>") == [
        [["第3行", "第3行"], ["第3行", "第4行"]]]


def test_only_the_lines_that_lead_somewhere_are_kept() -> None:
    """The last cell of a table and the heading after it share a line: both are placed by structure;
    the lines of their own stay."""
    assert places("<html><body>\n<table>\n<tr><td>项目</td><td>5</td></tr>\n"
                  "<tr><td>新收</td><td>6</td></tr></table><p>二、其他</p>\n"
                  "<p>正文。</p>\n</body></html>") == [
        [["第3行", "第3行"], ["第1个表格第2行第1列", "第1个表格第2行第2列"]],
        ("二、其他", "第1段"), ("正文。", "第5行")]


def test_the_loader_gives_an_xpath_only_where_a_line_locates() -> None:
    """The XPath locator stands beside a line that leads to the element; where the line does not,
    the place by structure alone."""
    markup = ("<html><body>\n<table>\n<tr><td>项目</td><td>5</td></tr>\n"
              "<tr><td>新收</td><td>6</td></tr></table><p>二、其他</p>\n"
              "<p>正文。</p>\n</body></html>")
    draft = HtmlLoader().load(Path("page.html"), markup.encode(), builtin_editions())
    (table, _), = draft.raw_tables
    assert [[(c.ref.line, c.ref.locator) for c in row] for row in table.rows] == [
        [(3, "/html/body/table/tr[1]/td[1]"), (3, "/html/body/table/tr[1]/td[2]")],
        [(None, "table[1]/row[2]/cell[1]"), (None, "table[1]/row[2]/cell[2]")]]
    assert (table.ref.line, table.ref.locator) == (2, "/html/body/table")
    shown = [(p.text, p.ref.line, p.ref.locator) for p in draft.document.paragraphs()]
    assert shown == [("二、其他", None, "paragraph[1]"), ("正文。", 5, "/html/body/p[2]")]


def test_a_spanning_cell_cut_across_by_a_wider_one_keeps_its_place_in_every_slot() -> None:
    # A spans three rows; B's colspan writes over A's slot in the second row, so in the third row
    # A's copy has neither its left nor its upper neighbour's reference, yet is A's
    shown = places("<html><body><table><tr><td>x</td><td rowspan=3>A</td></tr>"
                   "<tr><td colspan=3>B</td></tr><tr><td>y</td></tr></table></body></html>")
    assert shown[0][2][1] == shown[0][0][1] == place_words(None, None, "table[1]/row[1]/cell[2]")
    assert shown[0][1] == [place_words(None, None, "table[1]/row[2]/cell[1]")] * 3


@pytest.mark.parametrize(("markup", "kept"), [
    ("<html><body><p>一、总体情况</p><table><tr><td>项目</td><td>5</td></tr></table></body></html>", False),
    ("<html><body><p>一、总体情况</p><p>正文。</p>\n<p>二、其他</p></body></html>", True),
    ("<html><body><p>一、总体情况</p>\n<table><tr><td>项目</td></tr>\n<tr><td>5</td></tr></table></body></html>",
     True),
])
def test_whether_any_reference_kept_its_line_is_told_and_a_placed_reference_gets_no_xpath(
        markup: str, kept: bool) -> None:
    paths = ElementPaths(deferred=True)
    blocks, _ = read_blocks(parse_html(markup), paths)
    assert locate_by_structure(blocks) is kept
    paths.resolve()
    refs = [b.ref for b in blocks]
    refs += [c.ref for b in blocks if isinstance(b, RawTable) for row in b.rows for c in row]
    # a reference keeps its line with an XPath beside it, or has its place by structure alone
    assert all((r.line is None) == (r.locator is not None and not r.locator.startswith("/")) for r in refs)
    assert any(r.line is not None for r in refs) is kept
