"""``--format html``: the reviewer's page, read as HTML (the browser test looks at it as a person does)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import html as lxml_html
from nianbao.reporters.overview import body_key
from nianbao.reporters.rows import run_pairing
from test_reporters_support import AGENCY
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import SELECT
from test_reporters_support import run_cli
from test_reporters_support import write_report


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> lxml_html.HtmlElement:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "年报", "示例区.md")
    write_report(tmp_path / "年报", "示例区-副本.txt", spacing=2)  # the same report saved as text
    write_report(tmp_path / "年报", "其他区.md", changed=False, agency="示例市其他区人民政府")
    (tmp_path / "年报" / "notes.md").write_text("# 会议纪要\n\n无。\n", encoding="utf-8")
    result = run_cli("check", "--select", SELECT, "--format", "html", "-o", "page.html", "年报")
    assert result.exit_code == 1, result.output
    return lxml_html.fromstring((tmp_path / "page.html").read_text(encoding="utf-8"))


def texts(elements: list) -> list[str]:
    return [" ".join(e.text_content().split()) for e in elements]


def test_the_page_loads_nothing_from_the_network(page: lxml_html.HtmlElement) -> None:
    assert page.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe") == []
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy and policy[0].startswith("default-src 'none'")
    assert page.xpath("//html/@lang") == ["zh-CN"]


def test_the_table_of_reports_names_every_report(page: lxml_html.HtmlElement) -> None:
    rows = page.xpath("//table[@id='report-table']/tbody/tr")
    assert [(r.get("data-status"), texts(r.xpath("td"))[1:4] + texts(r.xpath("td"))[6:10]) for r in rows] == [
        ("unreadable", ["年报/notes.md", "", "", "1", "0", "0", "无法读取"]),
        ("pass", ["年报/其他区.md", "示例市其他区人民政府", "2020", "0", "0", "0", "通过"]),
        ("error", ["年报/示例区-副本.txt", AGENCY, "2020", "2", "0", "0", "有错误"]),
        ("error", ["年报/示例区.md", AGENCY, "2020", "2", "0", "0", "有错误"]),
    ]


def test_the_failing_cell_is_marked_in_the_drawn_table(page: lxml_html.HtmlElement) -> None:
    report = page.xpath("//details[@id='report-3']")[0]
    assert OUTCOME_MESSAGE in texts(report.xpath(".//table[@class='findings']//td[@class='msg']"))[0]
    bad = report.xpath(".//table[@class='cells']//td[contains(@class, 'bad')]")
    # both findings point at the one cell that is most likely wrong
    assert sorted((c.get("data-key"), c.text_content()) for c in bad) == [("granted.natural_person", "56")]
    used = report.xpath(".//table[@class='cells']//td[contains(@class, 'used')]")
    # the 自然人 column of the outcome rows and the 予以公开 row feed the two identities
    assert ("total.natural_person", "102") in [(c.get("data-key"), c.text_content()) for c in used]
    assert ("granted.total", "60") in [(c.get("data-key"), c.text_content()) for c in used]
    assert re.fullmatch(r"(f3-\d )+", bad[0].get("data-f"))


def test_the_matrix_has_a_row_per_body_and_the_undated_apart(page: lxml_html.HtmlElement) -> None:
    matrix = page.xpath("//table[@id='matrix-table']")[0]
    assert texts(matrix.xpath("thead//th")) == ["机关", "2020"]
    assert [texts(r.xpath("th|td")) for r in matrix.xpath("tbody/tr")] == [
        ["示例市其他区人民政府", "markdown"], [AGENCY, "2 份 text · markdown"]]
    assert texts(page.xpath("//section[@id='matrix']/ul/li")) == ["年报/notes.md — 未识别机关 — 未识别年度"]


def test_duplicates_are_found_across_formats(page: lxml_html.HtmlElement) -> None:
    assert texts(page.xpath("//ul[@class='dups']/li")) == [
        "正文相同（格式或文件名不同）：年报/示例区-副本.txt、年报/示例区.md"]


def test_english_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "a.md")
    result = run_cli("check", "--select", SELECT, "--format", "html", "--lang", "en", "a.md")
    page = lxml_html.fromstring(result.stdout)
    assert page.xpath("//html/@lang") == ["en"]
    assert texts(page.xpath("//table[@id='report-table']/thead//th"))[1:4] == ["File", "Agency", "Year"]
    badges = page.xpath("//details[@id='report-0']//td/span[contains(@class, 'badge')]")
    assert texts(badges) == ["error", "error"]


def test_bodies_are_compared_by_normalised_name() -> None:
    assert body_key("示例市 示例区人民政府") == body_key("示例市示例区人民政府")
    assert body_key("ＡＢ区人民政府") == body_key("AB区人民政府")
    assert body_key(None) is None


@pytest.fixture
def two_years(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A body's 2019 and 2020 reports, and another body's 2020 report."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "年报"
    write_report(folder, "2020.md", changed=False)
    (folder / "2019.md").write_text((folder / "2020.md").read_text(encoding="utf-8").replace("2020", "2019"),
                                    encoding="utf-8")
    write_report(folder, "其他区2020.md", changed=False, agency="示例市其他区人民政府")
    return folder


def test_the_pairs_made_are_shown(two_years: Path) -> None:
    result = run_cli("check", "--select", SELECT, "--format", "html", "-o", "page.html", "年报")
    assert result.exit_code == 0, result.output
    page = lxml_html.fromstring((two_years.parent / "page.html").read_text(encoding="utf-8"))
    previous = {texts(r.xpath("td"))[1]: texts(r.xpath("td"))[10].split(" ")[0]
                for r in page.xpath("//table[@id='report-table']/tbody/tr")}
    assert previous["年报/2020.md"] == "年报/2019.md"
    assert previous["年报/其他区2020.md"] in ("", "未配对")
    assert [texts(r.xpath("td"))[:2] for r in page.xpath("//table[@id='pairs-table']/tbody/tr")] == [
        ["年报/2020.md", "年报/2019.md"]]
    matrix = page.xpath("//table[@id='matrix-table']")[0]
    assert texts(matrix.xpath("thead//th")) == ["机关", "2019", "2020"]
    rows = {texts(r.xpath("th"))[0]: r for r in matrix.xpath("tbody/tr")}
    assert [bool(c.xpath(".//span[@class='pair']")) for c in rows[AGENCY].xpath("td")] == [False, True]


def test_the_matrix_counts_year_over_year_findings(two_years: Path) -> None:
    # the 2019 report carries 2 applications forward; the 2020 report says 0 were carried over
    result = run_cli("check", "--select", "HIS001", "--format", "html", "-o", "page.html", "年报")
    assert result.exit_code == 1, result.output
    page = lxml_html.fromstring((two_years.parent / "page.html").read_text(encoding="utf-8"))
    matrix = page.xpath("//table[@id='matrix-table']")[0]
    rows = {texts(r.xpath("th"))[0]: r for r in matrix.xpath("tbody/tr")}
    assert texts(rows[AGENCY].xpath("td/span[@class='his']")) == ["HIS 3"]  # 自然人, 商业企业, 总计
    assert rows[AGENCY].xpath("td")[1].get("class") == "present st-error"
    # in the 2020 report's 表三 the carried-over cells are marked; last year's cells are not this table's
    report = page.xpath("//details[summary/span[@class='path']='年报/2020.md']")[0]
    cells = report.xpath(".//table[@class='cells']//td[@class]")
    marked = [(c.get("data-key"), c.get("class")) for c in cells]
    assert marked == [("carried_over.natural_person", "bad"), ("carried_over.business", "bad"),
                      ("carried_over.total", "bad")]


def test_the_run_summarys_pairing_is_read_by_report() -> None:
    # the run summary's pairing as the batch engine writes it: pairs, unpaired reports, skipped files
    summary = SimpleNamespace(
        pairs=[SimpleNamespace(path="年报/2020.md", previous="年报/2019.md", agency=AGENCY, year=2020,
                               origin="batch"),
               SimpleNamespace(path="年报/2021.md", previous="2020.md", agency=AGENCY, year=2021,
                               origin="history")],
        unpaired=[SimpleNamespace(path="年报/2019.md", reason="no-previous",
                                  message="批次中没有该机关上一年度的报告",
                                  message_en="no report of this body for the year before")],
        skipped=[SimpleNamespace(path="年报/README.md", reason="说明文件", reason_en="a read-me file")],
    )
    pairing = run_pairing(summary, {}, "zh")
    assert pairing.paired == {"年报/2020.md", "年报/2021.md"}
    assert pairing.text("年报/2020.md", "zh") == "年报/2019.md"
    assert pairing.text("年报/2021.md", "zh") == "2020.md (历史库)"
    assert pairing.text("年报/2019.md", "zh") == "未配对：批次中没有该机关上一年度的报告"
    assert pairing.text("年报/other.md", "zh") is None
    assert pairing.skipped == [("年报/README.md", "说明文件")]
    english = run_pairing(summary, {}, "en")
    assert english.text("年报/2019.md", "en") == "not paired: no report of this body for the year before"
    assert english.skipped == [("年报/README.md", "a read-me file")]


def test_without_the_summarys_pairing_the_reports_pairs_are_used() -> None:
    pairing = run_pairing(SimpleNamespace(), {"年报/2020.md": "年报/2019.md"}, "zh")
    assert pairing.previous == {"年报/2020.md": ("年报/2019.md", "")}
    assert (pairing.unpaired, pairing.skipped) == ({}, [])
