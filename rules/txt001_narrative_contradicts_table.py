"""叙述中的数字与它所说的统计表数值不符。

## 要求

报告正文叙述的数字（收到、结转、办结申请的件数，各类办理结果的件数，行政复议、行政诉讼案件数及其
维持、纠正、尚未审结的件数，规范性文件件数）必须与统计表中相应的数值一致。发现不一致时，本规则引用原句，指明表格单元格和两个数字。
只比较同类的数：申请、案件以“件”“宗”“起”计；以“条”“份”计的是信息或文件（制作、主动公开、依申请公开、
不予公开的信息条数），不与表三比较。

“办理（处理）申请N件”“办结（答复）N件”在报告中可指本年新收、新收加上年结转，或（七）总计：
N 与三者都不符时才报告，并列出比较过的每个单元格。数字可能指的某一格读不到（表中缺这一行，或该格
不是数字）时不比较：不能断定叙述错了，缺行由 REC006 报告。

句子的口径不确定时只给警告，并说明原因：数字只是某一单位的（“区政府办代表区政府受理……”）或
下属部门、乡镇的、是“其中”的一部分、在括号内的分项说明里、是约数（“2000余件”）、以“项”“个”计、
说的是规范性文件库所收的文件、是文件件数（可能含部门文件，口径与表二未必相同）、句中同时说到往年
（去年、同比），或者恰好等于本年新收与上年结转之和（叙述把上年结转算了进去）。表中“总计”栏空白、按各列之和计算时，原句或单元格无法定位时，读取表格时
对该行有疑问（见 DOC002）时，也只给警告。所比较的单元格本身不符合表内勾稽关系（REC001–REC004 报告了
该格，例如“总计”填了 0）时，只给警告并指向那条表格问题：一个原因只报一次错误。

不与本年度的表比较：写明属于另一年度的数字（“2021年收到申请50件”）、历年或截至某日的累计数
（“梳理历年……228份”“截至目前累计受理……”）、清理中审查的文件数，以及括号内对前面总数的分项
（“收到申请46件（其中市本级12件……）”中的 12）。

## 依据

《条例》第五十条：年度报告应当包括收到和处理政府信息公开申请、行政复议和行政诉讼等情况；年度报告
格式（国办公开办函〔2019〕60号、〔2021〕30号）规定这些情况以表三、表四统计，正文叙述与统计表说的是
同一组数字。

## 示例

第 9 行写“全区共接到政府信息公开申请32件，办结30件。”，表三“一、本年新收政府信息公开申请数量”的总计为 74。

```
TXT001 [错误] 叙述“全区共接到政府信息公开申请32件，办结30件。”中的 32 与表三“一、本年新收政府信息公开申请数量 / 总计”的 74 不符
```

## 修改

以统计表为准核对叙述：改正写错的数字；若叙述有意只说一部分（某一单位、其中一类、含上年结转），
在句中写明口径，例如“新收申请110件（另有上年结转2件）”。

## Requirement

Figures in the report's text (applications received, carried over and concluded; the counts of each
outcome; reconsideration and litigation cases with their upheld, corrected and pending counts; numbers of
normative documents) must agree with the corresponding table values. On a mismatch, this rule quotes the
sentence and names the table cell and both figures. Only like is compared with like: applications and cases
are counted in 件, 宗 or 起; figures in 条 or 份 are items of information or documents (produced, actively
disclosed, disclosed on request, withheld) and are not compared with Table 3.

"办理（处理）申请N件" (handled N applications) and "办结（答复）N件" (concluded or answered N) can mean
received this year, received plus carried over, or （七）总计: N is reported only if it matches none of the
three, and every cell compared is listed. When a cell the figure may stand for cannot be read (its row is
missing from the table, or the cell holds no number), the figure is not compared: it cannot be told
wrong, and REC006 reports the missing row.

When the sentence's scope is uncertain the finding is only a warning, with the reason: the figure covers one
office only ("区政府办代表区政府受理……"), or subordinate departments or townships; it is part of an "其中"
(of which); it sits in a parenthetical breakdown; it is approximate ("2000余件"); it is counted in 项 or
个; it concerns documents in a normative-document database; it is a document count (which may include
departments' documents and differ from Table 2's scope); the sentence also speaks of earlier years (去年,
同比); or it equals received plus carried over (the text counted the carry-over in). It is also only a
warning when the table's total cell is blank and the sum of the columns is used, when the sentence or cell
cannot be located, or when the row was uncertain to read (see DOC002). When the compared cell itself breaks
a table identity (REC001–REC004 reported it, for example a total of 0), the finding is only a warning
pointing to that table finding: one cause is reported as an error once.

Not compared with this year's tables: figures stated to belong to another year ("2021年收到申请50件"),
historical or to-date cumulative figures ("梳理历年……228份", "截至目前累计受理……"), numbers of documents
reviewed in a clean-up, and parenthetical breakdowns of a preceding total (the 12 in
"收到申请46件（其中市本级12件……）").

## Source

Regulation Article 50: the annual report includes applications received and handled and reconsideration and
litigation; the annual report format (国办公开办函〔2019〕60号, 〔2021〕30号) counts these in Tables 3 and
4, so the text and the tables speak of the same figures.

## Example

Line 9 says "全区共接到政府信息公开申请32件，办结30件。" (32 applications received, 30 concluded), but the
total of Table 3's row "一、本年新收政府信息公开申请数量" (received this year) is 74.

## Fix

Check the text against the tables: correct a wrong figure; if the text deliberately covers only part (one
office, one kind, or including the carry-over), say so in the sentence, for example
"新收申请110件（另有上年结转2件）" (110 received, plus 2 carried over).
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

from collections.abc import Iterator

from nianbao.checks import cell_label
from nianbao.model.document import Document
from nianbao.model.document import Note
from nianbao.model.findings import Derivation
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative import SCOPE_REASONS
from nianbao.narrative import Fact
from nianbao.narrative import Reading
from nianbao.narrative import extract_facts
from nianbao.narrative import part_values
from nianbao.narrative import read_metric
from nianbao.narrative.evidence import cells_shown
from nianbao.narrative.evidence import locatable
from nianbao.narrative.evidence import narrative_location
from nianbao.narrative.evidence import quote
from nianbao.narrative.evidence import reading_cells
from nianbao.narrative.evidence import reading_label
from nianbao.narrative.evidence import same_number
from nianbao.narrative.evidence import table_number
from nianbao.narrative.faults import FaultsByTable
from nianbao.narrative.faults import TableFault
from nianbao.narrative.metrics import APPLICANT_COLUMNS
from nianbao.narrative.metrics import METRICS
from nianbao.narrative.places import fact_place
from nianbao.narrative.scope import DOCUMENTS

_BASE_ZH = "叙述“{quote}”中的 {stated} 与{compared}不符{part}"
_BASE_EN = "the narrative “{quote}” states {stated}, but {compared_en}{part_en}"

RULE = Rule(
    id="TXT001",
    name="narrative-contradicts-table",
    title="叙述中的数字与统计表不符",
    title_en="A figure in the narrative contradicts the table value it describes",
    severity="error",
    source="《条例》第五十条；年度报告格式 表三、表四（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={"zh": _BASE_ZH, "en": _BASE_EN},
    variants={
        "ambiguous": {
            "zh": _BASE_ZH + "；{reason}，请核对口径",
            "en": _BASE_EN + "; {reason_en}: check what the sentence counts",
        },
        "carried-over": {
            "zh": _BASE_ZH + "，但等于本年新收与上年结转之和（{table_value}+{carried}）："
                             "叙述把上年结转算了进去，请写明口径",
            "en": _BASE_EN + ", but equals received plus carried over ({table_value}+{carried}): "
                             "the narrative counts the carried-over applications in; say so",
        },
        "filled": {
            "zh": _BASE_ZH + "（表中“总计”栏空白，按各列之和计）",
            "en": _BASE_EN + " (the total cell is blank; taken as the sum of the columns)",
        },
        "noted": {
            "zh": _BASE_ZH + "（表格该行读取时有疑问：{note}）",
            "en": _BASE_EN + " (the row was read with a doubt: {note_en})",
        },
        "unlocated": {
            "zh": _BASE_ZH + "（原句或单元格在原文中无法定位，请人工核对）",
            "en": _BASE_EN + " (the sentence or the cell cannot be located in the source; check by hand)",
        },
        "table-wrong": {
            "zh": _BASE_ZH + "；但表格本身不符合“{identity}”（见 {table_rule}），请先改正表格，再核对叙述",
            "en": _BASE_EN + "; but the table itself breaks “{identity}” (see {table_rule}): "
                             "correct the table first, then check the narrative",
        },
    },
    lowered={
        "ambiguous": {"severity": "warning", "zh": "叙述的口径不明确",
                      "en": "what the sentence counts is unclear"},
        "carried-over": {"severity": "warning", "zh": "叙述可能把上年结转算在内",
                         "en": "the sentence may count the carried-over applications in"},
        "filled": {"severity": "warning", "zh": "表中“总计”栏空白，按各列之和计",
                   "en": "the total cell is blank; taken as the sum of the columns"},
        "noted": {"severity": "warning", "zh": "表格该行读取时有疑问",
                  "en": "the row was read with a doubt"},
        "unlocated": {"severity": "warning", "zh": "原句或单元格在原文中无法定位",
                      "en": "the sentence or the cell cannot be located in the source"},
        "table-wrong": {"severity": "warning",
                        "zh": "表格本身的勾稽关系不成立，叙述与哪一个数字相比尚不确定",
                        "en": "the table's own arithmetic fails, so which figure the sentence should match "
                              "is open"},
    },
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)


def _carried_over(document: Document, fact: Fact) -> int | float | None:
    """上年结转 in the same column, when the fact is a count of received applications."""
    parts = fact.metric.split(".")
    if parts[1] != "received":
        return None
    reading = read_metric(document, f"applications.carried_over.{parts[2]}")
    return reading.value if reading is not None else None


# A small figure equals some row or cell by chance; only a larger one, matching one place, tells
# the reader where it was taken from.
MIN_HINT = 10


def _row_note(document: Document, reading: Reading) -> Note | None:
    """A loader's note on a row the reading uses: its value was read, but not with certainty."""
    rows = {key.split(".", 1)[0] for key, _ in reading.shown}
    table = reading.metric.table
    return next((n for n in document.notes if n.table == table and n.row in rows), None)


def _part_note(document: Document, reading: Reading, fact: Fact, context: Context) -> tuple[str, str]:
    """Say so when the figure equals one row of a group alone (“无法提供265件” = 1.本机关不掌握) or
    one applicant column alone (“258件” = （一）予以公开 / 自然人)."""
    if context.edition is None or fact.value < MIN_HINT:
        return "", ""
    spec = context.edition.table(reading.metric.table)
    if len(reading.cells) > 1:
        rows = [key for key, value in part_values(document, reading) if same_number(value, fact.value)]
        if len(rows) == 1:
            label = spec.row(rows[0].split(".", 1)[0]).label
            return f"（该数只等于其中“{label}”一项）", f" (the figure equals the row “{label}” alone)"
    if reading.metric.column != "total" or reading.metric.table != "applications":
        return "", ""
    values = document.tables[reading.metric.table].values
    cells = [f"{key.split('.', 1)[0]}.{column}" for key, _ in reading.cells for column in APPLICANT_COLUMNS]
    numbers = {key: values[key].value for key in cells if key in values and not values[key].blank}
    matching = [key for key, value in numbers.items()
                if isinstance(value, (int, float)) and same_number(value, fact.value)]
    if len(matching) == 1:
        label = cell_label(spec, matching[0])
        return f"（该数只等于其中“{label}”一格）", f" (the figure equals the cell “{label}” alone)"
    return "", ""


def _readings(document: Document, fact: Fact) -> list[Reading]:
    """The table values the figure may stand for, of the same subject (applications with
    applications, cases with cases, documents with documents); none when one of them cannot be
    read (its row is missing from the table, or its cells hold no number): the figure may be that
    one's, so no contradiction can be told."""
    readings = []
    for metric in fact.meanings:
        known = METRICS.get(metric)
        if known is None or known.subject != fact.subject:
            continue
        reading = read_metric(document, metric)
        if reading is None or reading.value is None:
            return []
        readings.append(reading)
    return readings


def _compared(readings: list[Reading], table_no: str, context: Context) -> tuple[str, str]:
    """``表三“一、…/总计”的 74 `` or, for a figure of several possible meanings, every cell it was
    compared with."""
    labels = [(reading_label(r, context.edition), r.value) for r in readings]
    if len(labels) == 1:
        (label, value), = labels
        return f"{table_no}“{label}”的 {value} ", f"{table_no} “{label}” is {value}"
    zh = "、".join(f"“{label}”的 {value}" for label, value in labels)
    en = ", ".join(f"“{label}” ({value})" for label, value in labels)
    return f"{table_no}{zh} 都", f"it is none of {table_no} {en}"


def _table_fault(faults: FaultsByTable, readings: list[Reading]) -> TableFault | None:
    """The table's own fault at a cell the readings use."""
    for reading in readings:
        for key, _ in reading.cells:
            fault = faults.at(reading.metric.table, key)
            if fault is not None:
                return fault
    return None


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    faults = FaultsByTable(document, context.edition)
    for fact in extract_facts(document):
        if not fact.compared:
            continue  # "2021年收到申请50件", "历年…228份": no cell of this year's tables
        readings = _readings(document, fact)
        if not readings or any(same_number(fact.value, r.value) for r in readings):
            continue
        reading = readings[0]
        table_no = table_number(context.edition, reading.metric.table)
        compared, compared_en = _compared(readings, table_no, context)
        args = {
            "quote": quote(fact.sentence, fact.start, fact.end),
            "stated": fact.value,
            "written": fact.written,
            "metric": fact.metric,
            "meanings": list(fact.meanings),
            "table_no": table_no,
            "cell": reading_label(reading, context.edition),
            "table_value": reading.value,
            "compared": compared,
            "compared_en": compared_en,
            "part": "",
            "part_en": "",
        }
        args["part"], args["part_en"] = _part_note(document, reading, fact, context)
        variant, severity = "default", None
        carried = _carried_over(document, fact) if len(readings) == 1 else None
        if carried and same_number(fact.value, reading.value + carried):
            variant, severity, args["carried"] = "carried-over", "warning", carried
        elif (fault := _table_fault(faults, readings)) is not None:
            args["table_rule"], args["identity"] = fault.rule, fault.identity
            variant, severity = "table-wrong", "warning"
        elif (reason := fact.reason or (DOCUMENTS if fact.subject == "documents" else None)) is not None:
            # Only a plain count of this body's applications or cases for the year is an error.
            args["reason"], args["reason_en"] = SCOPE_REASONS[reason]
            variant, severity = "ambiguous", "warning"
        elif any(r.filled for r in readings):
            variant, severity = "filled", "warning"
        elif (note := next(filter(None, (_row_note(document, r) for r in readings)), None)) is not None:
            args["note"], args["note_en"] = note.message, note.message_en or note.message
            variant, severity = "noted", "warning"
        elif not (locatable(fact.ref) and all(cells_shown(r) for r in readings)):
            variant, severity = "unlocated", "warning"
        shown = {cell.key: cell for r in readings for cell in reading_cells(r, context.edition)}
        cells = tuple(shown.values())
        identity = " 或 ".join(f"{table_no}“{reading_label(r, context.edition)}”" for r in readings)
        yield Violation(
            location=narrative_location(fact.ref, reading, context.edition),
            args=args,
            evidence=Derivation(
                identity=f"叙述“{fact.written}” = {identity}",
                cells=cells,
                expected=reading.value,
                actual=fact.value,
            ),
            variant=variant,
            severity=severity,
            key=fact_place(document, fact),
        )
