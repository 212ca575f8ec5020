"""Glued text: a minus sign inside a glued run starts a negative cell, and only in a column the
edition declares signed (2019's 本年增/减); a run whose split stays open is left unread with the true
reason. A 2021 表三 printed with 2019's single （六）其他处理 row is read as the merged row the 2021
template declares and counted as the sum of its three sub-rows.

The runs are written into 023 (a 2019-edition report in the flattened shape) and 026 (2021) here,
in a temporary copy: 行政事业性收费 35 | −15, 行政处罚 2648 | −18 | 538 (open: −1/−18/−185/−1853).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.reading.glued import splits


def _load(corpus: Path, tmp_path: Path, name: str, changes: dict[str, str]) -> Document:
    text = (corpus / name).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Session().load(path)


def _note(document: Document, row: str) -> str:
    return next(n.message for n in document.notes if n.row == row)


def test_a_minus_starts_a_cell_only_in_a_signed_column() -> None:
    assert splits("35-15", 2, signed=[False, True]) == [("35", "-15")]
    assert splits("35-15", 2, signed=[False, False]) == []
    assert splits("2648-18538", 3, signed=[False, True, False]) == [
        ("2648", "-1", "8538"), ("2648", "-18", "538"), ("2648", "-185", "38"), ("2648", "-1853", "8")]
    assert splits("-2648", 2, signed=[False, True]) == []


@pytest.fixture()
def signed_2019(corpus: Path, tmp_path: Path) -> Document:
    return _load(corpus, tmp_path, "023_pingtan-2019.txt",
                 {"行政事业性收费350": "行政事业性收费35-15", "行政处罚26480430": "行政处罚2648-18538"})


def test_a_negative_change_is_read_in_its_column(signed_2019: Document) -> None:
    values = signed_2019.tables["active_disclosure"].values
    assert {k: v.value for k, v in values.items() if k.startswith("fees.")} == {
        "fees.previous_items": 35, "fees.change": -15}
    assert not any(n.row == "fees" for n in signed_2019.notes)


def test_an_open_signed_split_is_unread_for_the_true_reason(signed_2019: Document) -> None:
    values = signed_2019.tables["active_disclosure"].values
    assert not any(k.startswith("penalty.") for k in values)
    assert _note(signed_2019, "penalty") == (
        "表二“行政处罚”行的数字“2648-18538”粘连在一起，需拆成3列，有4种可能的拆分，且没有勾稽关系可用来判断，"
        "无法确定各列数值，未读取该行")


def test_a_minus_in_a_column_that_cannot_be_negative_is_the_reason(corpus: Path, tmp_path: Path) -> None:
    # 2021's 表二 has no signed column: 88-55 | 698 is no split, whatever the digits allow
    document = _load(corpus, tmp_path, "026_pingtan-2022.txt", {"8855698": "88-55698"})
    assert not any(k.startswith("normative_documents.") for k in document.tables["active_disclosure"].values)
    assert _note(document, "normative_documents") == (
        "表二“行政规范性文件”行的数字“88-55698”粘连在一起，需拆成3列，其中有负号，而这些列都不能为负数，"
        "无法拆成3个数，无法确定各列数值，未读取该行")


OTHER_HANDLING = ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 2000002"
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0000000"
                  "3.其他 0200002（七）总计")


@pytest.mark.parametrize(("run", "rec002"), [("2200004", []), ("2200003", [("total", "total", 75, 74)])])
def test_a_single_other_handling_row_in_glued_text_counts_as_its_parts(
        corpus: Path, tmp_path: Path, run: str, rec002: list[tuple[str, str, int, int]]) -> None:
    """026 with its three （六） sub-rows printed as 2019's single row: read as the merged row and
    counted as their sum, so （七）总计 is still checked against （一）至（六）."""
    text = (corpus / "026_pingtan-2022.txt").read_text(encoding="utf-8")
    assert OTHER_HANDLING in text
    path = tmp_path / "026.txt"
    path.write_text(text.replace(OTHER_HANDLING, f"（六）其他处理 {run}（七）总计"), encoding="utf-8")
    report = Session().check_file(path)
    assert report.document is not None
    table = report.document.tables["applications"]
    assert [(r.key, r.label) for r in table.merged_rows] == [("other_handling", "（六）其他处理")]
    columns = ("natural_person", "business", "research", "public_interest", "legal_services", "other",
               "total")
    assert {k: v.value for k, v in table.merged_values.items()} == {
        f"other_handling.{c}": int(d) for c, d in zip(columns, run, strict=True)}
    assert not any(k.startswith("other_") for k in table.values)
    found = [(f.rule_id, f.severity, f.location.row) for f in report.findings if f.rule_id == "REC006"]
    assert found == [("REC006", "warning", "other_handling")]
    mismatches = [(f.location.row, f.location.column, f.evidence.actual, f.evidence.expected)
                  for f in report.findings if f.rule_id == "REC002"]
    assert mismatches == rec002
