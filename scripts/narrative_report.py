"""Every narrative (TXT) finding over a folder of reports, with the sentence it quotes and the table
cells it was compared with, for judging the narrative rules by hand.

    python scripts/narrative_report.py [--corpus ../shared/corpus] [--facts]

With ``--facts`` it also lists every figure the narrative reader found in each report, with its
subject, scope and the metrics it may stand for, so a reader can see what was compared and what
was left out (and why).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.findings import Finding
from nianbao.narrative import extract_facts

ROOT = Path(__file__).resolve().parent.parent
TXT_RULES = ("TXT001", "TXT002", "TXT003", "TXT004", "TXT006")
_LEVEL = {"error": "错误", "warning": "警告", "note": "提示"}


def _cells(finding: Finding) -> list[str]:
    if finding.evidence is None:
        return []
    lines = []
    for cell in finding.evidence.cells:
        place = (f"第{cell.line}行" if cell.line is not None
                 else f"第{cell.page}页" if cell.page is not None else "位置不明")
        lines.append(f"      {cell.label} = {cell.value}  [{place}]")
    return lines


def _report(session: Session, path: Path, facts: bool) -> list[str]:
    report = session.check_file(path)
    if report.document is None:
        return [f"== {path.name}: 未能读取（{', '.join(n.message for n in report.notifications)}）"]
    lines = [f"== {path.name}（{report.document.meta.report_year} 年度）"]
    for finding in sorted(report.findings, key=lambda f: (f.location.line or 0, f.rule_id)):
        where = finding.location.line if finding.location.line is not None else f"p{finding.location.page}"
        lines.append(f"  {finding.rule_id} [{_LEVEL[finding.severity]}] {where}: {finding.message}")
        sentence = finding.args.get("quote")
        if sentence:
            lines.append(f"      原句：{sentence}")
        lines.extend(_cells(finding))
    if not report.findings:
        lines.append("  （无 TXT 问题）")
    if facts:
        lines.append("  叙述中读到的数字：")
        for fact in extract_facts(report.document):
            scope = fact.reason or "确定"
            meanings = " 或 ".join(fact.meanings)
            lines.append(f"    {fact.written}：{fact.subject} {meanings}（{scope}）")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--facts", action="store_true", help="also list every figure read from the narrative")
    args = parser.parse_args()
    session = Session(Config(select=TXT_RULES))
    paths = sorted(p for p in args.corpus.iterdir() if p.is_file() and p.name[:1].isdigit())
    for path in paths:
        print("\n".join(_report(session, path, args.facts)))


if __name__ == "__main__":
    main()
