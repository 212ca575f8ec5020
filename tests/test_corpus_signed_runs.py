"""Signed cells in glued text: a minus sign inside a glued run starts a negative cell, and only in a
column the edition declares signed (2019's 本年增/减). A run whose split stays open is left unread
with the true reason.

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
