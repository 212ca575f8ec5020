"""A rule pack that fails to import is a usage error naming the pack and the import error wherever
nianbao builds its rules: ``check`` (tests/test_packs.py), ``explain`` and the pytest plugin, each
with its way to go on regardless."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main

pytest_plugins = ("pytester",)

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "examples" / "2022-clean-2021-edition.md"
IMPORT_ERROR = ("cannot import nianbao_pack_broken_missing: ModuleNotFoundError: "
                "No module named 'nianbao_pack_broken_missing'")


def test_explain_refuses_a_broken_pack_unless_allowed(broken_pack: None) -> None:
    refused = CliRunner().invoke(main, ["explain", "REC002"])
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert f"插件 broken 未能加载：{IMPORT_ERROR}（规则包未能加载" in refused.stderr
    english = CliRunner().invoke(main, ["--lang", "en", "explain", "REC002"])
    assert english.exit_code == 2
    assert f"plugin broken failed to load: {IMPORT_ERROR} (a rule pack failed to load" in english.stderr
    allowed = CliRunner().invoke(main, ["explain", "REC002", "--allow-broken-packs"])
    assert allowed.exit_code == 0
    assert allowed.stdout.startswith("REC002 outcome-total-mismatch")


def test_the_pytest_plugin_refuses_a_broken_pack_unless_allowed(broken_pack: None,
                                                               pytester: pytest.Pytester) -> None:
    (pytester.path / "reports").mkdir()
    (pytester.path / "reports" / "clean.md").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    (pytester.path / "nianbao.yaml").write_text("select: [REC002]\n", encoding="utf-8")
    refused = pytester.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert refused.ret == pytest.ExitCode.USAGE_ERROR
    refused.stderr.fnmatch_lines([f"ERROR: nianbao: 插件 broken 未能加载：{IMPORT_ERROR}*"
                                  "--allow-broken-packs*"])
    allowed = pytester.runpytest("--nianbao", "--nianbao-allow-broken-packs", "reports",
                                 "-p", "no:cacheprovider")
    assert allowed.ret == pytest.ExitCode.OK
    allowed.assert_outcomes(passed=1)
    allowed.stdout.fnmatch_lines([f"*nianbao: 插件 broken 未能加载：{IMPORT_ERROR}*"])
    ini = "[pytest]\nnianbao_allow_broken_packs = true\n"
    (pytester.path / "pytest.ini").write_text(ini, encoding="utf-8")
    by_ini = pytester.runpytest("--nianbao", "reports", "-p", "no:cacheprovider")
    assert by_ini.ret == pytest.ExitCode.OK
