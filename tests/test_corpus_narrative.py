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
