"""Narrative facts, shares and claims read from sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.format.editions import builtin_editions
from nianbao.format.numerals import parse_number
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Note
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.model.document import Table
from nianbao.model.rule import Context
from nianbao.narrative import extract_claims
from nianbao.narrative import extract_facts
from nianbao.narrative import extract_shares
from nianbao.narrative import part_values
from nianbao.narrative import read_metric
from nianbao.narrative import split_sentences
from nianbao.narrative.evidence import quote
from nianbao.rules.txt001_narrative_contradicts_table import RULE as TXT001
from nianbao.rules.txt004_percentage_mismatch import RULE as TXT004


def _document(*texts: str, year: int = 2022, tables: dict[str, Table] | None = None) -> Document:
    paragraphs = [Paragraph(text, SourceRef(line=n + 1)) for n, text in enumerate(texts)]
    return Document(Source("t.md", "markdown", ""), Meta(report_year=year, edition="2021"),
                    preamble=paragraphs, tables=tables or {})


def _facts(*texts: str, year: int = 2022) -> list[tuple]:
    return [(f.metric, f.value, f.scope, f.reason) for f in extract_facts(_document(*texts, year=year))]


@pytest.mark.parametrize(("token", "value"), [
    ("32", 32), ("１１０", 110), ("1,024", 1024), ("51.85", 51.85),
    ("一百零三", 103), ("两千", 2000), ("十二", 12), ("零", 0), ("是", None),
])
def test_parse_number(token: str, value: int | float | None) -> None:
    assert parse_number(token) == value


def test_received_concluded_and_carried_forward() -> None:
    assert _facts("今年共接到政府信息公开申请32件，办结30件，2件转办下一年延期办理。") == [
        ("applications.received.total", 32, "certain", None),
        ("applications.total.total", 30, "certain", None),
        ("applications.carried_forward.total", 2, "certain", None),
    ]


def test_chinese_and_full_width_numerals() -> None:
    assert _facts("全年收到政府信息公开申请一百零三件，共办结１０１件，结转至2023年2件。") == [
        ("applications.received.total", 103, "certain", None),
        ("applications.total.total", 101, "certain", None),
        ("applications.carried_forward.total", 2, "certain", None),
    ]


def test_number_before_the_word_application() -> None:
    assert _facts("本年度共收到70件申请，依法办结69件。") == [
        ("applications.received.total", 70, "certain", None),
        ("applications.total.total", 69, "certain", None),
    ]


def test_applicant_breakdown_follows_its_row() -> None:
    assert _facts("全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件。") == [
        ("applications.received.total", 75, "certain", None),
        ("applications.received.natural_person", 72, "certain", None),
        ("applications.received.business", 3, "certain", None),
    ]


@pytest.mark.parametrize("text", [
    "收到政府信息公开申请75件（含上年结转1件）。",
    "收到政府信息公开申请75件，其中上年结转1件。",
    "收到政府信息公开申请75件（其中上年度结转1件）。",
])
def test_total_stated_with_carried_over_names_the_sum(text: str) -> None:
    assert _facts(text) == [
        ("applications.received_and_carried_over.total", 75, "certain", None),
        ("applications.carried_over.total", 1, "certain", None),
    ]


def test_carried_over_named_beside_is_not_included() -> None:
    assert _facts("收到政府信息公开申请74件，上年结转1件。") == [
        ("applications.received.total", 74, "certain", None),
        ("applications.carried_over.total", 1, "certain", None),
    ]


def test_outcomes_and_group_totals() -> None:
    outcomes = ("予以公开及部分公开42件；不予公开5件；因本机关不掌握等原因无法提供31件；"
                "不予处理1件；其他处理2件。")
    assert _facts(outcomes) == [
        ("applications.granted_or_partial.total", 42, "certain", None),
        ("applications.withheld.total", 5, "certain", None),
        ("applications.unavailable.total", 31, "certain", None),
        ("applications.rejected.total", 1, "certain", None),
        ("applications.other_handling.total", 2, "certain", None),
    ]
    assert _facts("其中予以公开22件，部分公开20件。") == [
        ("applications.granted.total", 22, "certain", None),
        ("applications.partially_granted.total", 20, "certain", None),
    ]


def test_reviews_and_litigation() -> None:
    assert _facts("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。") == [
        ("reviews.cases.review_total", 2, "certain", None),
        ("reviews.cases.litigation_total", 7, "certain", None),
    ]
    assert _facts("复议后起诉的案件结果维持1件。") == [
        ("reviews.cases.litigation_upheld", 1, "certain", None)]


def test_normative_documents_and_clean_up() -> None:
    assert _facts("集中公开现行有效行政规范性文件698件，本年度制发的规范性文件88件。") == [
        ("active_disclosure.normative_documents.in_force", 698, "certain", None),
        ("active_disclosure.normative_documents.issued", 88, "certain", None),
    ]
    # A count after a clean-up is dated before year end: not the table's in-force figure.
    assert _facts("清理并集中发布现行有效行政规范性文件393件。") == [
        ("active_disclosure.normative_documents.in_force", 393, "ambiguous", "clean-up")]


@pytest.mark.parametrize(("text", "reason"), [
    ("区政府办代表区政府受理政府信息公开申请17件。", "sub-unit"),
    ("其中区政府本级受理政府信息公开申请30件。", "subset"),
    ("全年受理政府信息公开申请200余件。", "approximate"),
    ("2021年收到政府信息公开申请50件。", "other-year"),
    ("历年累计受理政府信息公开申请500件。", "cumulative"),
    ("同比今年受理政府信息公开申请200件。", "past"),
    ("各乡镇受理政府信息公开申请20件。", "other-body"),
    ("本年度收到依申请公开事项3项。", "unit"),
])
def test_doubtful_scope(text: str, reason: str) -> None:
    [fact] = extract_facts(_document(text))
    assert (fact.scope, fact.reason) == ("ambiguous", reason)


@pytest.mark.parametrize("text", [
    "制作、获取政府信息总数509条，其中主动公开107条，依申请公开信息数354条，不予公开信息数48条。",
    "区长信箱累计受理467件，接收群众咨询85件。",
    "截至目前共收到咨询投诉件15564件，已办结15042件。",
    "坚持第一时间登记受理和第一时间回复申请的“三个一”工作机制。",
    "均在法定期限内予以答复，办结率100%。",
    "收到政府信息公开申请较去年增加12件。",
    "答复人大代表建议和政协提案30件。",
])
def test_not_application_counts(text: str) -> None:
    facts = extract_facts(_document(text))
    assert [f.metric for f in facts if f.subject in ("applications", "cases")] == []


def test_shares() -> None:
    document = _document("办结81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%。")
    assert [(s.count, s.percent, s.percent_text, s.places) for s in extract_shares(document)] == [
        (42, 51.85, "51.85", 2), (5, 6.17, "6.17", 2),
    ]


def test_claims() -> None:
    document = _document("行政复议7件，诉讼9件，均获维持。", "本年度未发生行政复议。", "申请办结率100%。",
                         "本年度未收到政府信息公开申请。", "办理人大代表建议65件，已全部办结。",
                         "上年结转的3件申请已全部办结。")
    assert [(c.kind, c.groups) for c in extract_claims(document)] == [
        ("all-upheld", ("review", "direct", "after_review")),
        ("no-review", ("review",)),
        ("all-concluded", ()),
        ("none-received", ()),
    ]


def test_sentences_join_wrapped_lines() -> None:
    assert split_sentences("2024年，区政府办受理政府\n信息公开申请 17 件。均已答复。") == [
        "2024年，区政府办受理政府信息公开申请 17 件。", "均已答复。",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("一。二！三？四", ["一。", "二！", "三？", "四"]),
    ("。。好的!?  ", ["。", "。", "好的!", "?"]),
    ("  前  。  \t 后 ", ["前  。", "后"]),
    ("没有句号", ["没有句号"]),
    ("", []),
    (" \n ", []),
    ("上一行\r\n  下一行。\n", ["上一行下一行。"]),
])
def test_sentences_end_at_their_marks(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_blank_total_is_summed_from_the_columns() -> None:
    values = {f"granted.{c}": CellValue(str(v) if v is not None else "", v, v is None)
              for c, v in [("natural_person", 258), ("business", 12), ("research", None),
                           ("public_interest", None), ("legal_services", 1), ("other", 1), ("total", None)]}
    table = Table("applications", "2019", values=values)
    reading = read_metric(_document(tables={"applications": table}), "applications.granted.total")
    assert (reading.value, reading.filled) == (272, ("granted.total",))
    assert [k for k, _ in reading.shown] == ["granted.natural_person", "granted.business",
                                              "granted.legal_services", "granted.other"]


def test_a_blank_total_summed_over_a_zero_written_with_decimals_stays_whole() -> None:
    # "0.0" in an applicant column adds nothing: a pack reading the row's parts gets 272, not 272.0
    values = {f"granted.{c}": CellValue(raw, value, raw == "")
              for c, raw, value in [("natural_person", "258", 258), ("business", "12", 12),
                                    ("research", "0.0", 0.0), ("public_interest", "", None),
                                    ("legal_services", "1", 1), ("other", "1", 1), ("total", "", None)]}
    document = _document(tables={"applications": Table("applications", "2021", values=values)})
    reading = read_metric(document, "applications.granted.total")
    assert [(key, repr(value)) for key, value in part_values(document, reading)] == [("granted.total", "272")]
    assert repr(reading.value) == "272"


def test_quote_keeps_short_sentences_and_windows_long_ones() -> None:
    assert quote("共收到申请32件。", 5, 8) == "共收到申请32件。"
    long = "甲" * 50 + "32件" + "乙" * 50
    assert quote(long, 50, 53) == "…" + "甲" * 30 + "32件" + "乙" * 27 + "…"


def test_processing_fee_is_a_fact_without_a_table_cell() -> None:
    assert _facts("本年度共收取信息处理费200元。") == [("fees.processing", 200, "certain", None)]
    assert read_metric(_document(), "fees.processing") is None


def test_messages_in_english() -> None:
    case = Path(__file__).parent.parent / "cases" / "TXT001" / "sub-unit-count.md"
    report = Session(Config(select=("TXT001",), lang="en")).check_file(case)
    assert [(f.severity, f.message) for f in report.findings] == [(
        "warning",
        "the narrative “区政府办公室代表区政府受理政府信息公开申请17件，均按时答复。” states 17, but 表三 "
        "“一、本年新收政府信息公开申请数量 / 总计” is 74; "
        "the figure may be one unit's count (\"on behalf of\"), not the whole body's: "
        "check what the sentence counts",
    )]


def test_a_contradiction_that_cannot_be_located_is_only_a_warning() -> None:
    values = {"received.total": CellValue("110", 110, False)}  # read from nowhere a person can find
    table = Table("applications", "2021", values=values)
    document = _document("全年共接到政府信息公开申请32件。", tables={"applications": table})
    editions = builtin_editions()
    [violation] = TXT001.run(document, Context(edition=editions["2021"], editions=editions))
    assert (TXT001.severity_of(violation.variant), violation.variant) == ("warning", "unlocated")
    assert TXT001.render(violation.args, "zh", violation.variant) == (
        "叙述“全年共接到政府信息公开申请32件。”中的 32 与"
        "表三“一、本年新收政府信息公开申请数量 / 总计”的 110 不符"
        "（原句或单元格在原文中无法定位，请人工核对）")


def test_case_results_belong_to_the_kind_named_before_them() -> None:
    text = "行政复议7件，其中维持5件、纠正1件、尚未审结1件；行政诉讼9件，其中维持8件，1件正在审理中。"
    assert _facts(text) == [
        ("reviews.cases.review_total", 7, "certain", None),
        ("reviews.cases.review_upheld", 5, "certain", None),
        ("reviews.cases.review_corrected", 1, "certain", None),
        ("reviews.cases.review_pending", 1, "certain", None),
        ("reviews.cases.litigation_total", 9, "certain", None),
        ("reviews.cases.litigation_upheld", 8, "certain", None),
    ]


def test_a_figure_checked_against_a_doubtful_row_is_only_a_warning() -> None:
    values = {"received.total": CellValue("110", 110, False, SourceRef(line=40))}
    table = Table("applications", "2021", values=values)
    document = _document("全年共接到政府信息公开申请32件。", tables={"applications": table})
    document.notes.append(Note("row-extra-cells", "该行有8个数值，按右对齐读取后7个", SourceRef(line=40),
                               table="applications", row="received"))
    editions = builtin_editions()
    [violation] = TXT001.run(document, Context(edition=editions["2021"], editions=editions))
    assert (TXT001.severity_of(violation.variant), violation.variant) == ("warning", "noted")
    assert TXT001.render(violation.args, "zh", violation.variant).endswith(
        "（表格该行读取时有疑问：该行有8个数值，按右对齐读取后7个）")


def test_shares_of_other_things_have_their_own_base() -> None:
    document = _document("主动公开信息1592条，占76.9%；依申请公开信息477条，占23.1%。"
                         "办结81件，其中予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%。")
    editions = builtin_editions()
    assert list(TXT004.run(document, Context(edition=editions["2021"], editions=editions))) == []


def test_the_patterns_tried_are_those_whose_words_the_sentence_holds() -> None:
    """One pass finds the words, also one starting inside another (办理 in 转办理, 结转 in 新收结转):
    the patterns tried are exactly those one of whose words the sentence holds."""
    import random

    from nianbao.narrative import facts

    def holding(text: str) -> list[int]:
        return sorted({n for word in facts._WORDS if word in text for n in facts._PATTERNS_OF[word]})

    assert facts._tried("新收结转") == holding("新收结转") != holding("新收")
    assert facts._tried("转办理申请") == holding("转办理申请") != holding("转办")
    pieces = (*facts._WORDS, *sorted(set("".join(facts._WORDS))), "，", "3", "件")
    chance = random.Random(12)
    for _ in range(20_000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 12)))
        assert facts._tried(text) == holding(text), text
