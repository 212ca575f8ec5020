from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

from nianbao import Config
from nianbao import Session
from nianbao.checks.cause import checked_bindings
from nianbao.model.findings import Location

ROOT = Path(__file__).resolve().parents[2]

BROKEN_RULE = textwrap.dedent('''
    from nianbao import Rule, hookimpl

    RULE = Rule(id="XX001", name="always-raises", title="总是出错", title_en="always raises",
                severity="error", source="test", message={"zh": "m", "en": "m"},
                doc="总是出错。\\n\\n## 要求\\n\\n## 依据\\n\\n## 示例\\n\\n## 修改\\n")

    @RULE.check
    def check(document, context):
        raise KeyError("boom")
        yield

    @hookimpl
    def nianbao_register_rules(config):
        return [RULE]
''')


def test_a_rule_that_raises_is_an_internal_error_and_the_other_rules_still_run(tmp_path: Path) -> None:
    plugin = tmp_path / "broken_rule.py"
    plugin.write_text(BROKEN_RULE, encoding="utf-8")
    session = Session(Config(select=("XX001", "REC002"), plugin_files=(plugin,)))

    report = session.check_file(ROOT / "examples" / "2022-with-defects.md")

    assert [(f.rule_id, f.location.row, f.location.column) for f in report.findings] == [
        ("REC002", "total", "business")
    ]
    assert [(n.level, n.message) for n in report.notifications] == [
        ("error", f"规则 XX001（{plugin}）运行出错：KeyError: 'boom'")
    ]


def test_a_location_put_under_a_heading_keeps_every_other_field() -> None:
    # Location.under builds the location field by field; a field added to Location must be kept too.
    fields = dataclasses.fields(Location)
    place = Location(**{f.name: 7 if f.type == "int | None" else f"{f.name}-value" for f in fields})

    assert place.under("一、总体情况") == dataclasses.replace(place, heading="一、总体情况")


def test_the_identity_rules_and_the_tally_read_one_set_of_sums_per_report() -> None:
    session = Session(Config(select=("REC",)))
    report = session.check_file(ROOT / "examples" / "2022-with-defects.md")
    document = report.document
    assert document is not None
    edition = session.editions[document.meta.edition or ""]

    checked = checked_bindings(edition, document)

    assert checked is checked_bindings(edition, document)
    assert report.identities == checked.tally() == (42, 39)
    assert [i.id for i in edition.identities if not checked.holds(i)] == [
        "applications-balance", "applications-outcome-total", "applications-row-total"]
    assert sorted((f.rule_id, f.location.row, f.location.column) for f in report.findings) == [
        ("REC001", "total", "business"), ("REC002", "total", "business"), ("REC003", "total", "business")]


def test_the_rules_a_report_gets_follow_its_edition_and_year_whatever_was_checked_before() -> None:
    examples = ["2022-clean-2021-edition.md", "2020-clean-2019-edition.md", "2022-with-defects.md"]
    session = Session(Config())

    def plan(checking: Session, name: str) -> list[str]:
        return [p.rule_id for p in checking.check_file(ROOT / "examples" / name).plan]

    plans = [plan(session, name) for name in examples * 2]

    alone = [plan(Session(Config()), name) for name in examples]
    assert plans == alone * 2
    assert [len(plan) for plan in alone] == [28, 27, 28]
    assert "FMT002" in alone[0] and "FMT002" not in alone[1]  # a rule of the 2021 edition only
