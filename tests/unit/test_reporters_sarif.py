"""``--format sarif``: valid SARIF 2.1.0, rules from the registry, stable fingerprints."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from nianbao.config.settings import Config
from nianbao.engine.inputs import not_a_report
from nianbao.engine.session import Session
from nianbao.explain import explain_text
from nianbao.model.results import Notification
from nianbao.model.results import Summary
from nianbao.reporters.sarif import SarifReporter
from nianbao.reporters.sarif import artifact_location
from test_reporters_support import OUTCOME_MESSAGE
from test_reporters_support import SELECT
from test_reporters_support import line_of
from test_reporters_support import run_cli
from test_reporters_support import write_report

# what RFC 3986 allows in a URI reference once everything else is percent-encoded
_URI_SAFE = r"[A-Za-z0-9\-._~!$&'()*+,;=:@/]*"
URI_CHARACTERS = re.compile(f"{_URI_SAFE}(?:%[0-9A-F]{{2}}{_URI_SAFE})*")
SARIF_SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "sarif-schema-2.1.0.json"
FOLDER = "年报 2020"
ENCODED_FOLDER = "%E5%B9%B4%E6%8A%A5%202020"
ENCODED_NAME = "%E7%A4%BA%E4%BE%8B%E5%8C%BA.md"  # 示例区.md


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the official SARIF 2.1.0 schema is not available at {SARIF_SCHEMA}")
    return Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def assert_valid(log: dict, validator: Draft4Validator) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def run_sarif(*args: str | Path) -> dict:
    result = run_cli("check", "--select", SELECT, "--format", "sarif", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return json.loads(result.stdout)


@pytest.fixture
def checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    monkeypatch.chdir(tmp_path)
    path = write_report(tmp_path / FOLDER, "示例区.md")
    return path, run_sarif(FOLDER)


def test_valid_against_the_official_schema(checked: tuple[Path, dict],
                                           sarif_validator: Draft4Validator) -> None:
    log = checked[1]
    assert log["version"] == "2.1.0"
    assert_valid(log, sarif_validator)


def test_rules_come_from_the_registry(checked: tuple[Path, dict]) -> None:
    driver = checked[1]["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("nianbao", "0.1.0")
    session = Session(Config(select=tuple(SELECT.split(","))))
    assert [r["id"] for r in driver["rules"]] == ["DOC001", "REC001", "REC002", "REC003", "REC004"]
    for descriptor in driver["rules"]:
        rule = session.rule(descriptor["id"])
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"] == {"text": rule.title}
        assert descriptor["fullDescription"] == {"text": rule.summary}
        assert descriptor["help"] == {"text": explain_text(rule, "zh"), "markdown": rule.doc_text("zh")}
        assert descriptor["defaultConfiguration"] == {"level": rule.severity}
        assert descriptor["properties"]["editions"] == list(rule.editions)
        assert descriptor["properties"]["source"] == rule.source
    rec002 = driver["rules"][2]
    assert rec002["shortDescription"]["text"] == "表三（七）总计不等于各办理结果之和"
    assert rec002["fullDescription"]["text"] == "表三（七）总计不等于（一）至（六）各项办理结果之和。"
    assert rec002["properties"]["editions"] == ["2019", "2021"]


def test_results(checked: tuple[Path, dict]) -> None:
    path, log = checked
    run = log["runs"][0]
    outcome, row = run["results"]
    assert outcome["ruleId"] == "REC002"
    assert run["tool"]["driver"]["rules"][outcome["ruleIndex"]]["id"] == "REC002"
    assert outcome["level"] == "error"
    assert outcome["message"] == {"text": OUTCOME_MESSAGE}
    artifact = {"uri": f"{ENCODED_FOLDER}/{ENCODED_NAME}", "uriBaseId": "%SRCROOT%"}
    assert outcome["locations"] == [{
        "physicalLocation": {
            "artifactLocation": {**artifact, "index": 0},
            "region": {"startLine": line_of(path, "三、本年度办理结果")},
        },
        "logicalLocations": [{"name": "natural_person",
                              "fullyQualifiedName": "applications/granted/natural_person",
                              "kind": "element", "decoratedName": "（一）予以公开 / 自然人"}],
        "message": {"text": f"第{line_of(path, '三、本年度办理结果')}行"
                            "（三、收到和处理政府信息公开申请情况）"},
    }]
    assert outcome["properties"]["expected"] == 103
    assert outcome["properties"]["actual"] == 102
    assert outcome["properties"]["pointer"] == "/tables/applications/values/granted.natural_person"
    related = outcome["relatedLocations"][1]
    assert related["physicalLocation"]["region"] == {"startLine": line_of(path, "三、本年度办理结果")}
    granted = line_of(path, "三、本年度办理结果")
    assert related["message"] == {"text": f"（一）予以公开 / 自然人 = 56 [第{granted}行]"}
    assert "suppressions" not in outcome
    assert row["ruleId"] == "REC003"
    granted_line = line_of(path, "三、本年度办理结果")
    assert row["locations"][0]["physicalLocation"]["region"] == {"startLine": granted_line}
    assert row["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == (
        "applications/granted/natural_person")


def test_run_details(checked: tuple[Path, dict], tmp_path: Path) -> None:
    run = checked[1]["runs"][0]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert run["artifacts"][0]["location"] == {"uri": f"{ENCODED_FOLDER}/{ENCODED_NAME}",
                                               "uriBaseId": "%SRCROOT%"}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert run["automationDetails"]["id"].startswith("nianbao/check/")
    assert run_sarif(FOLDER)["runs"][0]["automationDetails"] == run["automationDetails"]


def test_fingerprints_survive_republication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            sarif_validator: Draft4Validator) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "网站", "管城区2020年报.md")
    write_report(tmp_path / "存档", "report-final.txt", spacing=6)
    log = run_sarif("网站", "存档")
    assert_valid(log, sarif_validator)
    results = log["runs"][0]["results"]
    by_file: dict[str, list[dict]] = {}
    for result in results:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_file.setdefault(uri, []).append(result)
    web, archive = by_file["%E7%BD%91%E7%AB%99/%E7%AE%A1%E5%9F%8E%E5%8C%BA2020%E5%B9%B4%E6%8A%A5.md"], \
        by_file["%E5%AD%98%E6%A1%A3/report-final.txt"]
    assert [r["ruleId"] for r in web] == [r["ruleId"] for r in archive] == ["REC002", "REC003"]
    lines = [[r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in found]
             for found in (web, archive)]
    assert lines[0] != lines[1]
    assert [r["partialFingerprints"] for r in web] == [r["partialFingerprints"] for r in archive]
    assert set(web[0]["partialFingerprints"]) == {"nianbao/v1"}
    for artifact in log["runs"][0]["artifacts"]:
        assert URI_CHARACTERS.fullmatch(artifact["location"]["uri"]), artifact


def test_accepted_findings_are_suppressions_and_notifications_are_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Draft4Validator) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "报告.md")
    session = Session(Config(select=tuple(SELECT.split(","))))
    report = session.check_file(Path("报告.md"))
    reason = "表三按上级口径填报，已书面说明"
    report.findings[0] = dataclasses.replace(report.findings[0], suppressed=reason)
    report.notifications.append(Notification("error", "Traceback (most recent call last):\nValueError: boom",
                                             report.display_path))
    summary = Summary()
    summary.add(report)
    stream = io.StringIO()
    reporter = SarifReporter(stream)
    reporter.start(session.rules)
    reporter.add(report)
    reporter.finish(summary)
    log = json.loads(stream.getvalue())
    assert_valid(log, sarif_validator)
    run = log["runs"][0]
    first, second = run["results"]
    assert first["suppressions"] == [{"kind": "external", "status": "accepted", "justification": reason}]
    assert "suppressions" not in second
    assert run["invocations"] == [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": "Traceback (most recent call last):\nValueError: boom"},
            "locations": [{"physicalLocation": {"artifactLocation": {
                "uri": "%E6%8A%A5%E5%91%8A.md", "uriBaseId": "%SRCROOT%", "index": 0}}}],
        }],
    }]


def test_paths_outside_the_working_directory_are_relative_to_a_declared_base(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sarif_validator: Draft4Validator) -> None:
    (tmp_path / "work").mkdir()
    report = write_report(tmp_path / "其他 目录", "a#b.md")
    monkeypatch.chdir(tmp_path / "work")
    location = artifact_location(str(report))
    assert location["uriBaseId"] == "FSROOT"
    assert not location["uri"].startswith("/")
    assert location["uri"].endswith("/%E5%85%B6%E4%BB%96%20%E7%9B%AE%E5%BD%95/a%23b.md")
    log = run_sarif(report)
    assert_valid(log, sarif_validator)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["FSROOT"] == {"uri": "file:///"}
    base = run["originalUriBaseIds"]["FSROOT"]["uri"]
    assert base + run["artifacts"][0]["location"]["uri"] == report.resolve().as_uri()
    bases = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]}
    assert bases == {"FSROOT"}
    assert all("baselineState" not in r for r in run["results"])  # no baseline, no state


def test_a_run_against_a_baseline_marks_results_new(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    sarif_validator: Draft4Validator) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "a.md")
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"version": 1, "findings": []}', encoding="utf-8")
    log = run_sarif("a.md", "--baseline", baseline)
    assert_valid(log, sarif_validator)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("REC002", "new"), ("REC003", "new")]


def test_unreadable_file_has_a_result_without_region(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      sarif_validator: Draft4Validator) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.md").write_bytes(b"")
    log = run_sarif("empty.md")
    assert_valid(log, sarif_validator)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "DOC001"
    assert result["message"]["text"] == "无法检查此文件：文件是空的"
    assert result["locations"] == [{
        "physicalLocation": {"artifactLocation": {"uri": "empty.md", "uriBaseId": "%SRCROOT%", "index": 0}},
        "logicalLocations": [{"name": "document", "fullyQualifiedName": "document", "kind": "module"}]}]
    assert log["runs"][0]["artifacts"] == [{"location": {"uri": "empty.md", "uriBaseId": "%SRCROOT%"}}]


def test_real_reports_give_valid_sarif_and_json(corpus: Path, monkeypatch: pytest.MonkeyPatch,
                                                sarif_validator: Draft4Validator) -> None:
    from nianbao.schemas import validator_for

    monkeypatch.chdir(corpus.parent)
    files = sorted(p.name for p in corpus.iterdir()
                   if p.suffix.lower() in Session(Config()).suffixes and not_a_report(p) is None)
    log = json.loads(run_cli("check", "--format", "sarif", corpus.name).stdout)
    assert_valid(log, sarif_validator)
    run = log["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == [f"{corpus.name}/{name}" for name in files]
    assert run["invocations"][0]["executionSuccessful"] is True
    output = json.loads(run_cli("check", "--format", "json", corpus.name).stdout)
    assert [e.message for e in validator_for("findings").iter_errors(output)] == []
    assert [r["path"] for r in output["reports"]] == [f"{corpus.name}/{name}" for name in files]
    assert [f["partialFingerprints"]["nianbao/v1"] for f in run["results"]] == [
        f["fingerprint"] for r in output["reports"] for f in r["findings"]]
