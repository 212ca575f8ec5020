"""The flattened-text reader and the glued-row splitter, on small reports written here."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from nianbao.engine.session import Session
from nianbao.format.editions import builtin_editions
from nianbao.loaders.flattened import is_flattened
from nianbao.model.document import Document
from nianbao.reading.glued import resolve
from nianbao.reading.glued import splits

EDITION_2021 = builtin_editions()["2021"]
APPLICATION_COLUMNS = ("natural_person", "business", "research", "public_interest", "legal_services", "other",
                       "total")
ZEROS = "0000000"

# 表三 runs as a page glues them; the figures are those of a real 2021 report.
APPLICATION_RUNS = {
    "received": "640020470",
    "granted": "270020130",
    "partially_granted": "500000 5",
    "withheld_internal": "1000001",
    "withheld_enforcement_file": "6000006",
    "withheld_query": "1000001",
    "unavailable_not_held": "220000325",
    "other_misc": "1000001",
    "total": "630020469",
    "carried_forward": "1000001",
}
APPLICATION_VALUES = {
    "received": (64, 0, 0, 2, 0, 4, 70),
    "granted": (27, 0, 0, 2, 0, 1, 30),
    "partially_granted": (5, 0, 0, 0, 0, 0, 5),
    "withheld_internal": (1, 0, 0, 0, 0, 0, 1),
    "withheld_enforcement_file": (6, 0, 0, 0, 0, 0, 6),
    "withheld_query": (1, 0, 0, 0, 0, 0, 1),
    "unavailable_not_held": (22, 0, 0, 0, 0, 3, 25),
    "other_misc": (1, 0, 0, 0, 0, 0, 1),
    "total": (63, 0, 0, 2, 0, 4, 69),
    "carried_forward": (1, 0, 0, 0, 0, 0, 1),
}


@functools.cache
def _session() -> Session:
    return Session()


def _applications_text() -> str:
    spec = EDITION_2021.table("applications")
    parts = ["申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"]
    for row in spec.rows:
        if row.key == "granted":
            parts.append("三、本年度办理结果")
        if row.key == "withheld_state_secret":
            parts.append("（三）不予公开")
        parts.append(row.label + APPLICATION_RUNS.get(row.key, ZEROS))
    return "".join(parts)


def _page() -> str:
    body = (
        "当前位置： 首页政务公开政府信息公开年报 示例区2021年度政府信息公开工作年度报告 "
        "微信 微博 相关链接： --> "
        "本报告根据《中华人民共和国政府信息公开条例》编制。"
        "一、总体情况2021年，本区持续推进政务公开。（一）主动公开方面。全年主动公开政府信息120条。"
        "（二）依申请公开方面 全年收到政府信息公开申请70件。"
        "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量行政许可2293 "
        "第二十条第（六）项信息内容本年处理决定数量行政处罚1282行政强制42"
        "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费24252.311082"
        "三、收到和处理政府信息公开申请情况全年有重复申请3件。" + _applications_text() +
        " 四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计"
        "结果维持结果纠正其他结果尚未审结总计10203120001200000"
        "五、存在的主要问题及改进情况政策解读形式不够丰富。六、其他需要报告的事项无。 附件下载"
    )
    return "\n".join([
        "标题: 示例区2021年度政府信息公开工作年度报告",
        "发布时间: 2022-01-20 10:30",
        "栏目: 政府信息公开年报",
        "==================== 正文 ====================",
        body,
    ]) + "\n"


@pytest.fixture()
def page(tmp_path: Path) -> Document:
    path = tmp_path / "example-2021.txt"
    data = _page().encode("utf-8")
    path.write_bytes(data)
    return _session().load(path)


# --- splitting runs --------------------------------------------------------------------------------------


def test_splits_respect_spaces_and_forbid_leading_zeros() -> None:
    assert splits("230 000023", 7) == [
        ("230", "0", "0", "0", "0", "2", "3"),
        ("2", "30", "0", "0", "0", "0", "23"),
        ("23", "0", "0", "0", "0", "0", "23"),
    ]
    assert splits("0 0 0 0 0 00", 7) == [("0",) * 7]
    assert splits("12", 3) == []
    assert splits("123456789012", 3, limit=5) is None
    assert splits("1234567890" * 4, 7) is None  # counted, not listed: a long run is as quick as a short one


def test_a_row_total_picks_the_only_split() -> None:
    result = resolve(EDITION_2021.table("applications"), EDITION_2021.identities, {"received": "640020470"})
    assert result["received"].values == (64, 0, 0, 2, 0, 4, 70)


def test_the_case_totals_pick_the_only_split_of_table_four() -> None:
    result = resolve(EDITION_2021.table("reviews"), EDITION_2021.identities, {"cases": "10203120001200000"})
    assert result["cases"].values == (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)


def test_a_row_with_one_possible_split_keeps_it_even_when_it_does_not_add_up() -> None:
    result = resolve(EDITION_2021.table("applications"), EDITION_2021.identities, {"granted": "1000002"})
    assert result["granted"].values == (1, 0, 0, 0, 0, 0, 2)


def test_rows_left_open_by_their_own_total_are_settled_by_the_column_identities() -> None:
    rows = EDITION_2021.table("applications").rows
    runs = {row.key: APPLICATION_RUNS.get(row.key, ZEROS) for row in rows}
    result = resolve(EDITION_2021.table("applications"), EDITION_2021.identities, runs)
    assert result["granted"].split_count == 12
    assert result["granted"].values == (27, 0, 0, 2, 0, 1, 30)
    assert result["unavailable_not_held"].values == (22, 0, 0, 0, 0, 3, 25)


def test_without_the_other_rows_an_open_row_stays_unread() -> None:
    result = resolve(EDITION_2021.table("applications"), EDITION_2021.identities, {"granted": "270020130"})
    assert result["granted"].values is None
    assert result["granted"].candidates == [(2, 7, 0, 0, 20, 1, 30), (27, 0, 0, 2, 0, 1, 30)]


# --- the flattened page ------------------------------------------------------------------------------


def test_a_crawler_page_is_recognised_as_flattened() -> None:
    assert is_flattened(_page(), builtin_editions())
    assert not is_flattened("一、总体情况\n本年度工作平稳。\n二、主动公开政府信息情况\n", builtin_editions())


def test_the_crawler_header_gives_title_and_date(page: Document) -> None:
    assert page.meta.title == "示例区2021年度政府信息公开工作年度报告"
    assert page.meta.report_year == 2021
    assert page.meta.published_on == "2022-01-20"
    assert page.meta.table_edition == "2021"


@pytest.mark.parametrize(("written", "date"), [
    ("2022年1月20日", "2022-01-20"), ("2022 年 1 月 20 日", "2022-01-20"), ("2022/1/20", "2022-01-20"),
    ("2022-13-20", None), ("近日", None),
])
def test_the_crawler_headers_date_as_written(tmp_path: Path, written: str, date: str | None) -> None:
    """The date is read as a web page's is: in any of the usual ways of writing it, spaces too."""
    path = tmp_path / "example-2021.txt"
    path.write_text(_page().replace("2022-01-20 10:30", written), encoding="utf-8")
    assert _session().load(path).meta.published_on == date


def test_chrome_is_dropped_and_headings_split_at_known_titles(page: Document) -> None:
    assert [p.text for p in page.preamble] == ["本报告根据《中华人民共和国政府信息公开条例》编制。"]
    assert [(s.number, s.key) for s in page.sections] == [
        ("一", "overview"), ("二", "active_disclosure"), ("三", "applications"),
        ("四", "reviews"), ("五", "problems"), ("六", "other"),
    ]
    overview = page.section("overview")
    assert overview is not None
    assert [p.text for p in overview.paragraphs] == ["2021年，本区持续推进政务公开。"]
    assert [(c.number, c.title) for c in overview.children] == [
        ("一", "主动公开方面"), ("二", "依申请公开方面")]
    assert [p.text for p in overview.children[1].paragraphs] == ["全年收到政府信息公开申请70件。"]
    other = page.section("other")
    assert other is not None and [p.text for p in other.paragraphs] == ["无。"]
    # "三、本年度办理结果" inside the table is a row group, not a section
    assert page.section("applications").paragraphs[0].text == "全年有重复申请3件。"
    assert page.section("applications").tables == ["applications"]
    assert page.section("reviews").tables == ["reviews"]


def test_glued_tables_are_split_where_certain(page: Document) -> None:
    applications = page.tables["applications"]
    expected = {
        f"{row.key}.{column}": value
        for row in EDITION_2021.table("applications").rows
        for column, value in zip(APPLICATION_COLUMNS, APPLICATION_VALUES.get(row.key, (0,) * 7), strict=True)
    }
    assert {key: cell.value for key, cell in applications.values.items()} == expected
    reviews = page.tables["reviews"]
    assert [reviews.values[k].value for k in EDITION_2021.table("reviews").cell_keys()] == [
        1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0,
    ]
    active = page.tables["active_disclosure"]
    assert {key: cell.value for key, cell in active.values.items()} == {
        "regulations.issued": 0, "regulations.repealed": 0, "regulations.in_force": 0,
        "licensing.decisions": 2293, "penalty.decisions": 1282, "enforcement.decisions": 42,
        "fees.amount": 24252.311082,
    }


def test_an_uncertain_row_is_left_unread_with_a_note(page: Document) -> None:
    assert [(n.code, n.table, n.row, n.message) for n in page.notes] == [(
        "row-unreadable", "active_disclosure", "normative_documents",
        "表二“行政规范性文件”行的数字“693665”粘连在一起，需拆成3列，有10种可能的拆分，且没有勾稽关系可用来判断，"
        "无法确定各列数值，未读取该行",
    )]
    assert page.tables["active_disclosure"].row("normative_documents") is not None
    assert not any(k.startswith("normative_documents.") for k in page.tables["active_disclosure"].values)


def test_a_count_in_a_sentence_is_not_a_table_row(tmp_path: Path) -> None:
    text = ("标题: 示例区2021年度政府信息公开工作年度报告\n==================== 正文 ====================\n"
            "一、总体情况本年度办理重复申请3件。三、收到和处理政府信息公开申请情况全年重复申请3件，均已答复。\n")
    path = tmp_path / "sentence.txt"
    path.write_text(text, encoding="utf-8")
    document = _session().load(path)
    assert document.tables == {}
    assert document.notes == []


def test_a_run_that_ends_a_cut_file_is_not_read(tmp_path: Path) -> None:
    page = _page()
    label = "一、本年新收政府信息公开申请数量"
    cut = page[: page.index(label + "640020470") + len(label + "6400204")]  # 7 digits would fit 7 columns
    path = tmp_path / "cut.txt"
    path.write_text(cut, encoding="utf-8")
    document = _session().load(path)
    assert "applications" not in document.tables
    assert [(n.code, n.table, n.row, n.message) for n in document.notes][-1] == (
        "row-unreadable", "applications", "received",
        "“一、本年新收政府信息公开申请数量”行的数字“6400204”在文件末尾，文件可能不完整，未读取该行")
