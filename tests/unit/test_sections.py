"""Section splitting (nianbao.reading.sections): headings found by what they are, a heading that
cannot be placed never hides the ones after it, and sentences that merely start with a numeral
stay paragraphs."""

from __future__ import annotations

from nianbao.format.editions import builtin_editions
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.reading.sections import split_sections


def _split(*texts: str) -> Document:
    document = Document(source=Source(path="r.md", format="markdown", sha256=""))
    blocks = [Paragraph(t, SourceRef(line=i + 1)) for i, t in enumerate(texts)]
    split_sections(document, blocks, builtin_editions())
    return document


def _found(document: Document) -> list[tuple[str, str, str | None, str]]:
    return [(s.number, s.title, s.key, s.heading) for s in document.sections]


def test_marks_prefixes_and_remarks_do_not_hide_a_section() -> None:
    document = _split("一总体情况", "正文。", "二、、主动公开政府信息情况", "正文。",
                      "第三部分 收到和处理政府信息公开申请情况", "正文。",
                      "四.政府信息公开行政复议、行政诉讼情况（有关情况附表）", "正文。",
                      "五、政府信息公开工作存在的主要问题和改进情况", "正文。",
                      "六、其他需要报告的事项", "无。")
    assert _found(document) == [
        ("一", "总体情况", "overview", "一总体情况"),
        ("二", "主动公开政府信息情况", "active_disclosure", "二、、主动公开政府信息情况"),
        ("三", "收到和处理政府信息公开申请情况", "applications", "第三部分 收到和处理政府信息公开申请情况"),
        ("四", "政府信息公开行政复议、行政诉讼情况（有关情况附表）", "reviews",
         "四.政府信息公开行政复议、行政诉讼情况（有关情况附表）"),
        ("五", "政府信息公开工作存在的主要问题和改进情况", "problems",
         "五、政府信息公开工作存在的主要问题和改进情况"),
        ("六", "其他需要报告的事项", "other", "六、其他需要报告的事项"),
    ]


def test_a_heading_that_cannot_be_placed_hides_nothing_after_it() -> None:
    document = _split("一、总体情况", "正文。", "八、附件说明", "正文。",
                      "三、收到和处理政府信息公开申请情况", "正文。",
                      "四、政府信息公开行政复议、行政诉讼情况", "正文。")
    assert [s.key for s in document.sections] == ["overview", "applications", "reviews"]
    overview = document.sections[0]
    assert [p.text for p in overview.paragraphs] == ["正文。", "八、附件说明", "正文。"]


def test_sentences_that_start_with_a_numeral_stay_paragraphs() -> None:
    document = _split("一、总体情况", "一季度共受理申请3件。", "一是做好规范性文件公开。", "二季度无变化。",
                      "二、主动公开政府信息情况", "正文。")
    assert [s.key for s in document.sections] == ["overview", "active_disclosure"]
    assert [p.text for p in document.sections[0].paragraphs] == [
        "一季度共受理申请3件。", "一是做好规范性文件公开。", "二季度无变化。"]


def test_a_sub_topic_worded_like_a_part_is_not_that_part() -> None:
    document = _split("一、总体情况", "（一）主动公开", "正文。", "三、依申请公开情况", "正文。",
                      "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况", "正文。")
    assert [(s.number, s.key) for s in document.sections] == [
        ("一", "overview"), ("二", "active_disclosure"), ("三", "applications")]
    assert document.sections[2].title == "收到和处理政府信息公开申请情况"
