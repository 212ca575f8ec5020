"""DOC002 reports every note a loader leaves, whatever its code: loaders add codes of their own."""

from __future__ import annotations

from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Note
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.testing import project


def _findings(notes: list[Note], lang: str = "zh") -> list[dict]:
    session = Session(Config(select=("DOC002",), lang=lang))
    document = Document(
        source=Source(path="report.pdf", format="pdf", sha256="0" * 64),
        meta=Meta(report_year=2022, edition="2021", table_edition="2021"),
        notes=notes,
    )
    return [project(f) for f in session.run_rules(document, "report.pdf")]


def test_a_code_no_rule_knows_is_a_note_at_its_place() -> None:
    notes = [
        Note(code="page-cut", message="第3页在表三中间断开，断开处的一行未读取", ref=SourceRef(page=3),
             table="applications", row="rejected_repeat"),
        Note(code="row-unreadable", message="表四“案件数”行只读到14个数值，未读取该行",
             message_en="row “案件数” of 表四 has 14 values; it was not read", ref=SourceRef(page=4),
             table="reviews", row="cases"),
        Note(code="page-cut", message="第5页末尾的一段文字无法识别", ref=SourceRef(page=5)),
    ]
    assert _findings(notes) == [
        {"rule": "DOC002", "severity": "note", "page": 3, "section": "applications", "table": "applications",
         "row": "rejected_repeat", "message": "第3页在表三中间断开，断开处的一行未读取"},
        {"rule": "DOC002", "severity": "warning", "page": 4, "section": "reviews", "table": "reviews",
         "row": "cases", "message": "表四“案件数”行只读到14个数值，未读取该行"},
        {"rule": "DOC002", "severity": "note", "page": 5, "message": "第5页末尾的一段文字无法识别"},
    ]


def test_english_uses_the_loaders_english_message_or_else_the_chinese_one() -> None:
    notes = [
        Note(code="row-unreadable", message="表四“案件数”行只读到14个数值，未读取该行",
             message_en="row “案件数” of 表四 has 14 values; it was not read", table="reviews", row="cases"),
        Note(code="page-cut", message="第5页末尾的一段文字无法识别", ref=SourceRef(page=5)),
    ]
    assert [f["message"] for f in _findings(notes, "en")] == [
        "row “案件数” of 表四 has 14 values; it was not read",
        "第5页末尾的一段文字无法识别",
    ]


def test_two_notes_on_one_row_are_both_reported() -> None:
    notes = [
        Note(code="row-extra-cells", message="表三“2.重复申请”行有8个数值，舍去左侧的1个",
             ref=SourceRef(line=30), table="applications", row="rejected_repeat"),
        Note(code="duplicate-row", message="表三的“2.重复申请”行出现两次，只读取了第一次出现的数值",
             ref=SourceRef(line=30), table="applications", row="rejected_repeat"),
    ]
    assert [f["message"] for f in _findings(notes)] == [
        "表三“2.重复申请”行有8个数值，舍去左侧的1个",
        "表三的“2.重复申请”行出现两次，只读取了第一次出现的数值",
    ]
