"""Reports written by the tests, and the helpers the reporter and CLI tests share.

The figures are those of the 2020 report of 郑州市管城回族区 (corpus file 001, a 2019-edition
report whose tables reconcile); the text around them is our own. ``changed=True`` raises 表三
（一）予以公开 / 自然人 from 55 to 56, which breaks two identities: the 自然人 column of the outcome
rows (REC002: 102 written, 103 summed) and the 予以公开 row total (REC003: 60 written, 61 summed).
Only the changed cell makes both hold again, so REC002 names it as the likely cause and REC003
refers to it; both point at it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner
from click.testing import Result
from nianbao.cli import main

AGENCY = "示例市示例区人民政府"
YEAR = 2020
# the two findings of the changed report, in Chinese
OUTCOME_MESSAGE = ("表三“（一）予以公开 / 自然人”为 56，很可能填错，应为 55（多 1）：改正这一格，"
                   "“（七）总计 / 自然人”、“（一）予以公开 / 总计”的勾稽关系就都成立")
ROW_MESSAGE = ("表三“（一）予以公开 / 总计”为 60，与各类申请人之和 61 不符；这一格本身很可能没错，"
               "原因是“（一）予以公开 / 自然人”填错（见 REC002）")
OUTCOME_MESSAGE_EN = ("表三 “（一）予以公开 / 自然人” is 56 and is most likely wrong: 55 (1 too many) "
                      "makes the sums at “（七）总计 / 自然人”, “（一）予以公开 / 总计” hold")
ROW_MESSAGE_EN = ("表三 “（一）予以公开 / 总计” is 60, not 61 as the sum of the applicant columns; "
                  "this cell is most likely right: the cause is “（一）予以公开 / 自然人” (see REC002)")
SELECT = "DOC001,REC001,REC002,REC003,REC004"  # the rules these tests are about, whatever else is installed

ACTIVE = [
    ["第二十条第（一）项", "", "", ""],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ["规章", "0", "0", "0"],
    ["规范性文件", "37", "37", "158"],
    ["第二十条第（五）项", "", "", ""],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "568", "0", "14358"],
    ["其他对外管理服务事项", "380", "0", "24814"],
    ["第二十条第（六）项", "", "", ""],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政处罚", "1140", "0", "243"],
    ["行政强制", "61", "0", "16"],
    ["第二十条第（八）项", "", "", ""],
    ["信息内容", "上一年项目数量", "本年增/减", ""],
    ["行政事业性收费", "15", "-2", ""],
    ["第二十条第（九）项", "", "", ""],
    ["信息内容", "采购项目数量", "采购总金额", ""],
    ["政府集中采购", "279", "123253", ""],
]

# (label columns, values: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)
APPLICATION_ROWS = [
    (("一、本年新收政府信息公开申请数量", "", ""), "103 5 0 0 0 2 110"),
    (("二、上年结转政府信息公开申请数量", "", ""), "0 0 0 0 0 0 0"),
    (("三、本年度办理结果", "（一）予以公开", ""), "55 3 0 0 0 2 60"),
    (("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""), "10 0 0 0 0 0 10"),
    (("", "（三）不予公开", "1.属于国家秘密"), "0 0 0 0 0 0 0"),
    (("", "", "2.其他法律行政法规禁止公开"), "0 0 0 0 0 0 0"),
    (("", "", "3.危及“三安全一稳定”"), "0 0 0 0 0 0 0"),
    (("", "", "4.保护第三方合法权益"), "2 0 0 0 0 0 2"),
    (("", "", "5.属于三类内部事务信息"), "2 0 0 0 0 0 2"),
    (("", "", "6.属于四类过程性信息"), "0 0 0 0 0 0 0"),
    (("", "", "7.属于行政执法案卷"), "0 0 0 0 0 0 0"),
    (("", "", "8.属于行政查询事项"), "0 0 0 0 0 0 0"),
    (("", "（四）无法提供", "1.本机关不掌握相关政府信息"), "23 1 0 0 0 0 24"),
    (("", "", "2.没有现成信息需要另行制作"), "0 0 0 0 0 0 0"),
    (("", "", "3.补正后申请内容仍不明确"), "1 0 0 0 0 0 1"),
    (("", "（五）不予处理", "1.信访举报投诉类申请"), "0 0 0 0 0 0 0"),
    (("", "", "2.重复申请"), "9 0 0 0 0 0 9"),
    (("", "", "3.要求提供公开出版物"), "0 0 0 0 0 0 0"),
    (("", "", "4.无正当理由大量反复申请"), "0 0 0 0 0 0 0"),
    (("", "", "5.要求行政机关确认或重新出具已获取信息"), "0 0 0 0 0 0 0"),
    (("", "（六）其他处理", ""), "0 0 0 0 0 0 0"),
    (("", "（七）总计", ""), "102 4 0 0 0 2 108"),
    (("四、结转下年度继续办理", "", ""), "1 1 0 0 0 0 2"),
]
APPLICATION_HEAD = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况",
     "", "", "", "", "", ""],
    ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]
REVIEWS = [
    ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
     "复议后起诉", "", "", "", ""],
    ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
     "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    "3 1 1 0 5 5 2 3 2 12 0 2 0 0 2".split(),
]


def application_grid(changed: bool) -> list[list[str]]:
    rows = [list(r) for r in APPLICATION_HEAD]
    for labels, values in APPLICATION_ROWS:
        cells = values.split()
        if changed and labels[1] == "（一）予以公开":
            cells[0] = "56"
        rows.append(list(labels) + cells)
    return rows


def report_text(*, changed: bool = True, form: str = "md", agency: str = AGENCY, spacing: int = 0) -> str:
    """A whole 2019-edition report. ``form`` "md" writes headings with ``#`` and pipe tables,
    "txt" bare headings and tab-separated tables; ``spacing`` adds blank lines after the title so
    the same content stands on other lines."""

    def table(rows: list[list[str]]) -> list[str]:
        if form == "md":
            out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
            return out + ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return ["\t".join(r) for r in rows]

    def heading(level: int, text: str) -> str:
        return ("#" * level + " " + text) if form == "md" else text

    lines = [heading(1, f"{agency}{YEAR}年政府信息公开工作年度报告"), ""] + [""] * spacing + [
        f"本报告由{agency}办公室编制，所列数据的统计期限自{YEAR}年1月1日起至{YEAR}年12月31日止。", "",
        heading(2, "一、总体情况"), "",
        "本年度继续推进决策、执行、管理、服务、结果公开，按期更新门户网站各公开栏目。", "",
        heading(2, "二、主动公开政府信息情况"), "",
        *table(ACTIVE), "",
        heading(2, "三、收到和处理政府信息公开申请情况"), "",
        *table(application_grid(changed)), "",
        heading(2, "四、政府信息公开行政复议、行政诉讼情况"), "",
        *table(REVIEWS), "",
        heading(2, "五、存在的主要问题及改进情况"), "",
        "部分栏目更新不够及时。下一步将细化栏目责任分工，按月检查更新情况。", "",
        heading(2, "六、其他需要报告的事项"), "",
        "本年度无其他需要报告的事项。", "",
    ]
    return "\n".join(lines)


def write_report(folder: Path, name: str, **options: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    form = "txt" if name.endswith(".txt") else "md"
    path = folder / name
    path.write_text(report_text(form=form, **options), encoding="utf-8")  # type: ignore[arg-type]
    return path


def line_of(path: Path, label: str) -> int:
    """The 1-based number of the line of ``path`` holding a table cell (pipe- or tab-separated)
    that reads ``label``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if label in (cell.strip() for cell in re.split(r"[|\t]", line)):
            return number
    raise AssertionError(f"no cell {label!r} in {path}")


def run_cli(*args: str | os.PathLike[str]) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def run_json(*args: str | os.PathLike[str]) -> dict:
    result = run_cli("check", "--select", SELECT, "--format", "json", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.stdout)


def test_the_unchanged_report_reconciles(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "clean.md", changed=False)
    write_report(tmp_path, "clean.txt", changed=False)
    result = run_cli("check", "--select", SELECT, "clean.md", "clean.txt")
    assert result.stdout.splitlines() == [
        "clean.md: 检查：2019 版格式（据统计表），2020 年度（据标题）；规则 5 条；勾稽关系 40 处全部成立",
        "clean.txt: 检查：2019 版格式（据统计表），2020 年度（据标题）；规则 5 条；勾稽关系 40 处全部成立",
        "共检查 2 个文件：错误 0 个，警告 0 个，提示 0 个"]
    assert result.exit_code == 0


def test_both_forms_read_the_same_values(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    md = write_report(tmp_path, "a.md")
    txt = write_report(tmp_path, "b.txt", spacing=3)
    tables = []
    for path in (md, txt):
        result = run_cli("extract", path)
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        assert document["meta"]["agency"] == AGENCY
        assert document["meta"]["report_year"] == YEAR
        assert document["meta"]["edition"] == "2019"
        tables.append({key: {cell: value["value"] for cell, value in table["values"].items()}
                       for key, table in document["tables"].items()})
    assert tables[0] == tables[1]
    assert tables[0]["applications"]["granted.natural_person"] == 56
    assert tables[0]["applications"]["total.natural_person"] == 102
