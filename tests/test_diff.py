"""``nianbao diff``: the comparison of a body's reports for two consecutive years."""

from __future__ import annotations

import functools
import http.server
import io
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as WordDocument
from nianbao.cli import main
from nianbao.compare.build import NotAPair
from nianbao.compare.build import compare
from nianbao.compare.outputs.json import comparison_record
from nianbao.compare.run import build
from nianbao.compare.run import history_findings
from nianbao.compare.text import mark_changes
from nianbao.compare.text import match_paragraphs
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef
from nianbao.rules import his004_repeats_last_year as his004
from nianbao.schemas import validator_for

# The 平潭 series: one body's reports for consecutive years (2020 is not in the corpus).
PAIRS = [
    ("025_pingtan-2021.txt", "026_pingtan-2022.txt"),
    ("026_pingtan-2022.txt", "027_pingtan-2023.txt"),
    ("027_pingtan-2023.txt", "028_pingtan-2024.txt"),
    ("028_pingtan-2024.txt", "029_pingtan-2025.txt"),
    ("028_pingtan-2024.txt", "030_pingtan-2025.html"),
]
# 030 is an article fragment without its page title: the body cannot be named, so the pair is forced.
FORCED = {"030_pingtan-2025.html"}


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config())


def _paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, SourceRef(line=index + 1)) for index, text in enumerate(texts)]


# --- paragraphs and characters ------------------------------------------------------------------------


def test_paragraphs_are_matched_as_unchanged_changed_moved_added_and_removed() -> None:
    last = _paragraphs("本机关全年主动公开政府信息120条。", "网站共发布信息80条，微博发布20条。",
                       "全年未收到行政复议申请。", "这一段今年被删去了，没有留下。")
    this = _paragraphs("全年未收到行政复议申请。", "本机关全年主动公开政府信息135条。",
                       "网站共发布信息80条，微博发布20条。", "今年新增的一段关于政务新媒体的内容。")
    changes = match_paragraphs(last, this)
    assert [(c.status, c.last_line, c.this_line) for c in changes] == [
        ("moved", 3, 1),
        ("changed", 1, 2),
        ("unchanged", 2, 3),
        ("added", None, 4),
        ("removed", 4, None),
    ]
    changed = changes[1]
    assert [(r.kind, r.text) for r in changed.runs] == [
        ("equal", "本机关全年主动公开政府信息1"), ("delete", "20"), ("insert", "35"), ("equal", "条。"),
    ]


def test_marked_changes_rebuild_both_years_text() -> None:
    last, this = "全年共收到申请32件，办结30件。", "全年共收到申请45件，全部办结。"
    runs = mark_changes(last, this)
    assert "".join(r.text for r in runs if r.kind != "insert") == last
    assert "".join(r.text for r in runs if r.kind != "delete") == this


def test_many_distinct_paragraphs_stay_bounded() -> None:
    last = _paragraphs(*(f"第{i}段：本年度第{i}项工作的情况说明，内容各不相同。" for i in range(400)))
    this = _paragraphs(*(f"第{i}段：今年度第{i}项任务的进展汇报，文字彼此不同。" for i in range(400)))
    changes = match_paragraphs(last, this)
    assert len([c for c in changes if c.this is not None]) == 400
    assert len([c for c in changes if c.last is not None]) == 400


# --- the 平潭 series ------------------------------------------------------------------------------------


def _value(cell):  # noqa: ANN001, ANN202 - a CellValue or None
    if cell is None or (cell.value is None and not cell.blank):
        return None
    return cell.value or 0


@pytest.mark.parametrize(("last_name", "this_name"), PAIRS)
def test_table_changes_are_the_difference_of_the_extracted_values(corpus: Path, session: Session,
                                                                  last_name: str, this_name: str) -> None:
    last, this = session.load(corpus / last_name), session.load(corpus / this_name)
    comparison = compare(last, this, session.editions, last_path=last_name, this_path=this_name,
                         force=this_name in FORCED)
    compared = {(t.key, c.key): c for t in comparison.tables for c in t.cells}
    expected = set()
    for key, table in this.tables.items():
        before = last.tables[key]
        for cell_key in set(table.values) | set(before.values):
            expected.add((key, cell_key))
            a, b = _value(before.values.get(cell_key)), _value(table.values.get(cell_key))
            cell = compared[(key, cell_key)]
            assert (cell.last, cell.this) == (a, b), cell_key
            if a is None or b is None:
                assert cell.change is None
            else:
                assert cell.change == pytest.approx(b - a)
                assert cell.relative == (pytest.approx((b - a) / a) if a else None)
    assert set(compared) == expected


@pytest.mark.parametrize(("last_name", "this_name"), PAIRS)
def test_unchanged_text_share_is_his004s_measure(corpus: Path, session: Session,
                                                 monkeypatch: pytest.MonkeyPatch, last_name: str,
                                                 this_name: str) -> None:
    last, this = session.load(corpus / last_name), session.load(corpus / this_name)
    comparison = compare(last, this, session.editions, last_path=last_name, this_path=this_name,
                         force=this_name in FORCED)
    monkeypatch.setattr(his004, "SHARE", 0.0)
    monkeypatch.setattr(his004, "MIN_SENTENCES", 0)
    (violation,) = list(his004._repeated_text(this, last))
    assert comparison.carried_sentences == violation.args["same"]
    assert comparison.sentences == violation.args["total"]
    assert round(100 * comparison.carried) == violation.args["percent"]


@pytest.mark.parametrize(("last_name", "this_name"), PAIRS)
def test_comparison_json_validates_against_its_schema(corpus: Path, session: Session,
                                                      last_name: str, this_name: str) -> None:
    comparison = build(session, corpus / last_name, corpus / this_name, force=this_name in FORCED)
    record = json.loads(json.dumps(comparison_record(comparison), ensure_ascii=False))
    errors = sorted(validator_for("diff").iter_errors(record), key=lambda e: list(e.absolute_path))
    assert not errors, errors[0].message


def test_same_pair_as_html_and_as_text_gives_the_same_table_changes(corpus: Path, session: Session) -> None:
    last = session.load(corpus / "028_pingtan-2024.txt")
    as_text = compare(last, session.load(corpus / "029_pingtan-2025.txt"), session.editions,
                      last_path="028", this_path="029")
    as_html = compare(last, session.load(corpus / "030_pingtan-2025.html"), session.editions,
                      last_path="028", this_path="030", force=True)
    text_cells = {(t.key, c.key): c for t in as_text.tables for c in t.cells}
    html_cells = {(t.key, c.key): c for t in as_html.tables for c in t.cells}
    certain = [k for k in text_cells if k in html_cells and text_cells[k].this is not None
               and html_cells[k].this is not None]
    assert len(certain) > 150
    assert [(k, text_cells[k].change) for k in certain] == [(k, html_cells[k].change) for k in certain]


def test_key_figures_and_links_of_2023_to_2024(corpus: Path, session: Session) -> None:
    comparison = build(session, corpus / "027_pingtan-2023.txt", corpus / "028_pingtan-2024.txt")
    figures = {f.key: (f.last, f.this, f.change) for f in comparison.key_figures}
    assert figures["received"] == (81, 218, 137)
    assert figures["reviews"] == (2, 7, 5)
    assert figures["lawsuits"] == (7, 19, 12)
    carried = [link for link in comparison.links if link.kind == "carried_over"]
    assert [(link.label, link.this, link.expected, link.holds) for link in carried][-1] == \
        ("上年结转 / 总计", 0, 0, True)


def test_history_findings_of_the_pair_are_those_of_check_previous(corpus: Path, session: Session) -> None:
    last = session.load(corpus / "025_pingtan-2021.txt")
    this = session.load(corpus / "026_pingtan-2022.txt")
    from_check = [(f.rule_id, f.message) for f in session.run_rules(this, "026", previous=last)
                  if f.rule_id.startswith("HIS")]
    assert [(f.rule_id, f.message) for f in history_findings(session, last, this, "026")] == from_check


def test_a_changed_carried_over_cell_breaks_the_link_and_gives_his001(corpus: Path, session: Session) -> None:
    last = session.load(corpus / "027_pingtan-2023.txt")
    this = session.load(corpus / "028_pingtan-2024.txt")
    this.tables["applications"].values["carried_over.total"].value = 3
    comparison = compare(last, this, session.editions, last_path="027", this_path="028",
                         findings=history_findings(session, last, this, "028"))
    broken = [(link.label, link.this, link.expected) for link in comparison.links if not link.holds]
    assert broken == [("上年结转 / 总计", 3, 0)]
    assert [f.rule_id for f in comparison.findings] == ["HIS001"]


# --- pairs that are not pairs -----------------------------------------------------------------------------


@pytest.mark.parametrize(("last_name", "this_name", "reason"), [
    ("028_pingtan-2024.txt", "028_pingtan-2024.txt", "同一份报告"),
    ("002_shanghai-govoffice-2019.html", "025_pingtan-2021.txt", "不是同一机关"),
    ("023_pingtan-2019.txt", "025_pingtan-2021.txt", "报告年度不相邻"),
    ("029_pingtan-2025.txt", "028_pingtan-2024.txt", "报告年度不相邻"),
])
def test_reports_that_are_not_a_pair_are_refused_unless_forced(corpus: Path, session: Session, last_name: str,
                                                               this_name: str, reason: str) -> None:
    last, this = session.load(corpus / last_name), session.load(corpus / this_name)
    with pytest.raises(NotAPair, match=reason):
        compare(last, this, session.editions, last_path=last_name, this_path=this_name)
    forced = compare(last, this, session.editions, last_path=last_name, this_path=this_name, force=True)
    assert forced.forced and any(reason in w for w in forced.warnings)


def test_cli_refuses_a_non_pair_with_exit_2_and_the_reason(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(corpus / "023_pingtan-2019.txt"),
                                       str(corpus / "025_pingtan-2021.txt")])
    assert result.exit_code == 2
    assert "报告年度不相邻（2019 年度与 2021 年度），应为上年与本年；确需对比请加 --force" in result.output
    english = CliRunner().invoke(main, ["--lang", "en", "diff", str(corpus / "023_pingtan-2019.txt"),
                                        str(corpus / "025_pingtan-2021.txt")])
    assert english.exit_code == 2
    assert ("the report years are not consecutive (2019 and 2021): give last year's report, then this "
            "year's; to compare them anyway, add --force") in english.output
    assert "年度" not in english.output


def test_cli_docx_needs_an_output_file(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(corpus / "027_pingtan-2023.txt"),
                                       str(corpus / "028_pingtan-2024.txt"), "--format", "docx"])
    assert result.exit_code == 2
    assert "--format docx 需要用 -o 指定输出文件" in result.output
    english = CliRunner().invoke(main, ["--lang", "en", "diff", "missing.txt",
                                        str(corpus / "028_pingtan-2024.txt")])
    assert english.exit_code == 2
    assert "Error: missing.txt: no such file" in english.output
    assert "文件不存在" not in english.output


# --- outputs ---------------------------------------------------------------------------------------------


def test_text_output_leads_with_the_summary(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["diff", str(corpus / "027_pingtan-2023.txt"),
                                       str(corpus / "028_pingtan-2024.txt")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == "机关：平潭综合实验区"
    assert lines[2] == "正文沿用上年：4%（23 句中的 1 句，数字除外）"
    assert "  新收政府信息公开申请  81 → 218（+137件，+169.1%）" in lines
    assert "    案件数 / 复议后起诉总计  2 → 19  +17（+850.0%）  [大幅变化]" in lines
    assert "    1.属于国家秘密 / 总计  0 → 4  +4  [由零变为非零或相反]" in lines


def test_docx_holds_the_summary_and_the_table_comparison(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "对比.docx"
    result = CliRunner().invoke(main, ["diff", str(corpus / "027_pingtan-2023.txt"),
                                       str(corpus / "028_pingtan-2024.txt"), "--format", "docx",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    word = WordDocument(io.BytesIO(out.read_bytes()))
    text = [p.text for p in word.paragraphs]
    assert "摘要" in text and "统计表" in text and "文字" in text
    assert "正文沿用上年：4%（23 句中的 1 句，数字除外）" in text
    rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    assert ["新收政府信息公开申请", "81", "218", "+137", "+169.1%"] in rows
    assert ["案件数 / 复议后起诉总计", "2", "19", "+17", "+850.0%"] in rows
    assert ["1.属于国家秘密 / 总计", "0", "4", "+4", ""] in rows


def test_html_page_is_self_contained_with_changed_cells_marked(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    result = CliRunner().invoke(main, ["diff", str(corpus / "027_pingtan-2023.txt"),
                                       str(corpus / "028_pingtan-2024.txt"), "--format", "html",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "http://" not in page and "https://" not in page
    assert page.index('id="summary"') < page.index('id="tables"') < page.index('id="text"')
    assert '<tr class="changed flip" data-key="withheld_state_secret.total">' in page


# --- pages and batches -------------------------------------------------------------------------------


@pytest.fixture
def served(corpus: Path) -> Iterator[str]:
    """The corpus served over HTTP on 127.0.0.1, for as long as the test runs."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(corpus))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_compares_like_its_file(corpus: Path, served: str) -> None:
    from_files = CliRunner().invoke(main, ["diff", str(corpus / "027_pingtan-2023.txt"),
                                           str(corpus / "028_pingtan-2024.txt"), "--format", "json"])
    from_pages = CliRunner().invoke(main, ["diff", f"{served}/027_pingtan-2023.txt",
                                           f"{served}/028_pingtan-2024.txt", "--format", "json"])
    assert from_files.exit_code == from_pages.exit_code == 0, from_pages.output
    files, pages = json.loads(from_files.stdout), json.loads(from_pages.stdout)
    assert pages["this"]["path"] == f"{served}/028_pingtan-2024.txt"
    for part in ("tables", "key_figures", "links", "summary"):
        assert pages[part] == files[part]


def test_a_page_that_cannot_be_fetched_is_a_usage_error_naming_it(served: str) -> None:
    result = CliRunner().invoke(main, ["diff", f"{served}/no-such-report.html",
                                       f"{served}/028_pingtan-2024.txt"])
    assert result.exit_code == 2
    assert f"{served}/no-such-report.html" in result.output and "404" in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_writes_the_comparison_of_every_pair_and_the_page_links_it(corpus: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        jobs: str) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("027_pingtan-2023.txt", "028_pingtan-2024.txt"):
        shutil.copyfile(corpus / name, reports / name)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "reports", "--format", "html", "-o", "page.html",
                                       "--diff-dir", "diffs", "--jobs", jobs])
    assert result.exit_code in (0, 1), result.output
    written = sorted(p.name for p in (tmp_path / "diffs").iterdir())
    assert written == ["reports_028_pingtan-2024.txt.diff.html"]
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert 'href="diffs/reports_028_pingtan-2024.txt.diff.html"' in page
    comparison = (tmp_path / "diffs" / "reports_028_pingtan-2024.txt.diff.html").read_text(encoding="utf-8")
    assert "正文沿用上年" in comparison
    assert '<tr class="changed flip" data-key="withheld_state_secret.total">' in comparison
