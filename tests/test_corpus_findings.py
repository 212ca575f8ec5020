"""The findings over the corpus stay what they were: ``nianbao check --format json`` over
../shared/corpus, projected to each finding's path, rule, severity, location, message and
fingerprint, equals tests/corpus_findings.json.

A change that is meant to change findings (a rule made more precise, a report read better) rewrites
the expectation with ``NIANBAO_UPDATE_EXPECTED=1 python -m pytest tests/test_corpus_findings.py``, so
the change shows as a diff of that file in the same commit; a change that is meant to be faster only
must leave it as it is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from nianbao.cli import main

EXPECTED = Path(__file__).parent / "corpus_findings.json"
UPDATE = "NIANBAO_UPDATE_EXPECTED"


def projection(run: dict) -> list[dict]:
    """Every finding of the run, in the run's order, as the fields a reader of a report relies on."""
    rows = []
    for report in run["reports"]:
        path = Path(report["path"]).name  # the corpus is one flat folder
        for finding in report["findings"]:
            rows.append({"path": path, "rule": finding["rule_id"], "severity": finding["severity"],
                         "location": finding["location"], "message": finding["message"],
                         "fingerprint": finding["fingerprint"]})
    return rows


def test_corpus_findings_are_unchanged(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--exit-zero", str(corpus)])
    assert result.exit_code == 0, result.output
    found = projection(json.loads(result.stdout))
    if os.environ.get(UPDATE) == "1":
        EXPECTED.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert found == expected, (f"the findings over the corpus changed; if that is meant, rewrite "
                               f"{EXPECTED.name} with {UPDATE}=1 and commit the diff")
