"""The narrative rules on the real reports: the exact TXT findings of each report that loads.

Expected findings were judged by hand against the source (see MANIFEST.tsv): 001 says 32 received
and 30 concluded where 表三 has 110 and 108, and repeats its paragraph on the WeChat account; 002's
予以公开及部分公开 and 无法提供 figures disagree with 表三 (whose 总计 cells are blank, hence warnings),
its 258件 share is not 33.9% of 805, and "均获维持" stands beside 尚未审结 cases; 011's "代表区政府受理"
count is of doubtful scope; 026/042 count the carried-over application in. Every other report's
narrative agrees with its tables and must give nothing. Quoted sentences are checked against the
loaded document at run time, so no report text is copied here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.findings import Finding

TXT_RULES = ("TXT001", "TXT002", "TXT003", "TXT004", "TXT006")
CARRIED_IN = [
    ("TXT001", "warning", "applications", "received", "natural_person", 71, 72),
    ("TXT001", "warning", "applications", "received", "total", 74, 75),
]
EXPECTED: dict[str, list[tuple]] = {
    "001_guancheng-district-2020.md": [
        ("TXT001", "error", "applications", "received", "total", 110, 32),
        ("TXT001", "error", "applications", "total", "total", 108, 30),
        ("TXT003", "warning", None, None, None, None, None),
    ],
    "002_shanghai-govoffice-2019.html": [
        ("TXT001", "warning", "applications", None, None, 275, 258),
        ("TXT001", "warning", "applications", None, None, 337, 265),
        ("TXT004", "error", None, None, None, 32.0, 33.9),
        ("TXT006", "error", "reviews", "cases", "direct_pending", 0, 1),
        ("TXT006", "error", "reviews", "cases", "review_pending", 0, 2),
    ],
    "011_hongze-district-2024.pdf": [
        ("TXT001", "warning", "applications", "received", "total", 95, 17),
    ],
    "022_pingtan-2018-older.txt": [],
    "023_pingtan-2019.txt": [],
    "025_pingtan-2021.txt": [],
    "026_pingtan-2022.txt": CARRIED_IN,
    "027_pingtan-2023.txt": [],
    "028_pingtan-2024.txt": [],
    "029_pingtan-2025.txt": [],
    "030_pingtan-2025.html": [],
    "041_pingtan-jinjing-2021.html": [],
    "042_pingtan-zone-2022.html": CARRIED_IN,
    "043_pingtan-czj-2023.html": [],
}


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config(select=TXT_RULES))


def _checked(session: Session, path: Path) -> list[Finding]:
    report = session.check_file(path)
    if report.document is None:
        pytest.skip(f"{path.name}: no loader reads this format yet")
    return report.findings


def _projection(finding: Finding) -> tuple:
    loc, evidence = finding.location, finding.evidence
    return (finding.rule_id, finding.severity, loc.table, loc.row, loc.column,
            evidence.expected if evidence else None, evidence.actual if evidence else None)


def _narrative(session: Session, path: Path) -> str:
    document = session.load(path)
    return "".join("".join(p.text.split()) for p in document.paragraphs())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_narrative_findings(corpus: Path, session: Session, name: str) -> None:
    findings = _checked(session, corpus / name)
    assert sorted(map(_projection, findings), key=str) == sorted(EXPECTED[name], key=str)
    narrative = _narrative(session, corpus / name)
    for finding in findings:
        quoted = finding.args.get("quote", "")
        for part in "".join(quoted.split()).split("…"):
            assert part in narrative, f"{finding.rule_id} quotes text that is not in {name}: {part}"
        assert finding.message.startswith(("叙述", "第", "“")), finding.message


def test_seed_points_at_the_sentence_and_the_repeat(corpus: Path, session: Session) -> None:
    findings = _checked(session, corpus / "001_guancheng-district-2020.md")
    placed = sorted((f.rule_id, f.location.line, f.args.get("first_line"), f.args.get("stated"),
                     f.args.get("table_value")) for f in findings)
    assert placed == [
        ("TXT001", 19, None, 30, 108),
        ("TXT001", 19, None, 32, 110),
        ("TXT003", 23, 11, None, None),
    ]
    agreeing = [f for f in findings if f.args.get("metric") == "applications.carried_forward.total"]
    assert agreeing == []


def _check_edited(session: Session, source: Path, old: str, new: str, tmp_path: Path) -> list[Finding]:
    """Check ``source`` with one passage of its text replaced (the edited copy lives in tmp_path)."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{source.name}: the passage to edit is not there once"
    edited = tmp_path / source.name
    edited.write_text(text.replace(old, new), encoding="utf-8")
    return _checked(session, edited)


def test_handled_count_that_matches_no_meaning_names_every_cell(corpus: Path, session: Session,
                                                                tmp_path: Path) -> None:
    # 028 says it handled 218 applications: 新收 218, 上年结转 0, （七）总计 218. Written as 225, the
    # figure is none of them, and the finding names the three cells it was compared with.
    findings = _check_edited(session, corpus / "028_pingtan-2024.txt", "办理政府信息公开申请218件",
                             "办理政府信息公开申请225件", tmp_path)
    assert [(f.rule_id, f.severity, f.args["stated"]) for f in findings] == [("TXT001", "error", 225)]
    [finding] = findings
    assert [(c.key, c.value) for c in finding.evidence.cells] == [
        ("received.total", 218), ("carried_over.total", 0), ("total.total", 218)]
    assert finding.message.endswith(
        "中的 225 与表三“一、本年新收政府信息公开申请数量 / 总计”的 218、"
        "“一、本年新收 + 二、上年结转 / 总计”的 218、“（七）总计 / 总计”的 218 都不符")


def test_handled_count_may_include_the_carried_over(corpus: Path, session: Session, tmp_path: Path) -> None:
    # 002's tables: 新收 859, 上年结转 18, （七）总计 805. 028's way of putting it, with 859 + 18 = 877,
    # differs from 新收 and from 总计 but is one of the figure's meanings: no finding; 878 is none.
    old = "答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）"
    agreeing = _check_edited(session, corpus / "002_shanghai-govoffice-2019.html", old,
                             "全年办理政府信息公开申请877件", tmp_path)
    assert [f for f in agreeing if f.args.get("stated") == 877] == []
    contradicting = _check_edited(session, corpus / "002_shanghai-govoffice-2019.html", old,
                                  "全年办理政府信息公开申请878件", tmp_path)
    assert [(f.rule_id, f.severity, [(c.key, c.value) for c in f.evidence.cells])
            for f in contradicting if f.args.get("stated") == 878] == [
        ("TXT001", "error", [("received.total", 859), ("carried_over.total", 18), ("total.total", 805)])]


def test_narrative_report_script_lists_each_finding_with_its_sentence_and_cells(corpus: Path) -> None:
    script = Path(__file__).resolve().parent.parent / "scripts" / "narrative_report.py"
    done = subprocess.run([sys.executable, str(script), "--corpus", str(corpus)], capture_output=True,
                          text=True, encoding="utf-8", check=True)
    lines = done.stdout.splitlines()
    start = lines.index("== 001_guancheng-district-2020.md（2020 年度）")
    block = lines[start + 1: start + 4]
    assert block[0].startswith("  TXT001 [错误] 19: 叙述“") and "中的 32 与表三" in block[0]
    assert block[1].startswith("      原句：") and "32件" in block[1]
    assert block[2] == "      一、本年新收政府信息公开申请数量 / 总计 = 110  [第66行]"
    assert "== 028_pingtan-2024.txt（2024 年度）" in lines
    assert lines[lines.index("== 028_pingtan-2024.txt（2024 年度）") + 1] == "  （无 TXT 问题）"
