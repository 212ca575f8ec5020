"""Packs declare where they apply: the Fujian example pack checks reports of bodies in Fujian only,
by the name patterns it declares (the core knows no province)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Source
from nianbao.model.rule import Scope
from test_reporters_support import write_report

FJ = ("FJ001", "FJ002", "FJ003")


def fj_findings(session: Session, path: Path) -> list[tuple[str, str]]:
    report = session.check_file(path)
    return [(f.rule_id, f.message) for f in report.findings if f.rule_id.startswith("FJ")]


def planned(session: Session, path: Path) -> list[str]:
    return [p.rule_id for p in session.check_file(path).plan if p.rule_id.startswith("FJ")]


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config(plugins=("nianbao_pack_fujian",)))


@pytest.mark.parametrize("name", ["002_shanghai-govoffice-2019.html", "011_hongze-district-2024.pdf",
                                  "022_pingtan-2018-older.txt"])
def test_reports_outside_fujian_or_before_2019_are_not_checked_by_the_pack(
        session: Session, corpus: Path, name: str) -> None:
    """Shanghai (002), Jiangsu (011): other provinces; 022: Pingtan's 2018 report, before the
    pack's years. The FJ rules are not even planned: no finding, no passed item."""
    assert fj_findings(session, corpus / name) == []
    assert planned(session, corpus / name) == []


def test_a_henan_report_gets_no_fj_finding(session: Session, tmp_path: Path) -> None:
    henan = write_report(tmp_path, "henan.md", changed=False, agency="郑州市示例区人民政府")
    assert fj_findings(session, henan) == []
    assert planned(session, henan) == []
    fujian = write_report(tmp_path, "fujian.md", changed=False, agency="福州市示例区人民政府")
    assert planned(session, fujian) == list(FJ)
    assert [rule for rule, _ in fj_findings(session, fujian)] == ["FJ001", "FJ002"]


@pytest.mark.parametrize("name", ["025_pingtan-2021.txt", "030_pingtan-2025.html",
                                  "043_pingtan-czj-2023.html"])
def test_fujian_reports_are_still_checked(session: Session, corpus: Path, name: str) -> None:
    assert planned(session, corpus / name) == list(FJ)
    assert fj_findings(session, corpus / name) == [
        ("FJ001", "“六、其他需要报告的事项”未报告本年度政务公开工作要点的落实情况"),
        ("FJ002", "报告未说明人大代表建议和政协提案的办理情况"),
    ]


def test_rules_and_explain_show_the_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "nianbao.yaml").write_text("plugins: [nianbao_pack_fujian]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    listing = CliRunner().invoke(main, ["rules"]).stdout
    assert listing.rstrip().splitlines()[-1] == (
        "FJ001, FJ002, FJ003 仅适用于：福建省的机关（名称或标题含 福建、福州、厦门、莆田、三明、泉州、漳州、"
        "南平、龙岩、宁德、平潭），2019 年度起")
    as_json = json.loads(CliRunner().invoke(main, ["rules", "--json"]).stdout)
    scopes = {r["id"]: r["scope"] for r in as_json}
    assert scopes["REC002"] is None and scopes["FJ001"].startswith("福建省的机关")
    explained = CliRunner().invoke(main, ["explain", "FJ002", "--lang", "en"]).stdout
    assert "applies to: bodies in Fujian (name or title containing 福建" in explained


def test_a_scope_given_its_patterns_as_a_list_reads_them_as_a_tuple() -> None:
    """A pack may write ``agencies=[...]``: the scope admits by those patterns, as with a tuple."""
    def of(agency: str) -> Document:
        return Document(Source("t.md", "markdown", ""), Meta(agency=agency, report_year=2022))

    scope = Scope(agencies=["福建", "福州"])  # type: ignore[arg-type]
    names = ("福州市示例区人民政府", "郑州市示例区人民政府")
    assert [scope.admits(of(name)) for name in names] == [True, False]
