"""The core knows no rule: a file that cannot be read becomes a finding through the same hook packs
use (DOC001 answers it), and built-ins are recognised by their module, not by an entry-point name."""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import ConfigurationError
from nianbao.engine.session import Session
from nianbao.loaders.base import LoadError
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Rule
from nianbao.plugin.manager import create_plugins
from nianbao.plugin.manager import is_builtin
from nianbao.plugin.markers import hookimpl

ROOT = Path(__file__).resolve().parent.parent.parent


def _rule(rule_id: str) -> Rule:
    rule = Rule(id=rule_id, name="pack-rule", title="规则包的规则", title_en="a pack's rule",
                severity="warning", source="test",
                message={"zh": "无法读取：{problem}", "en": "unreadable: {problem_en}"}, doc="")

    @rule.check
    def check(document: object, context: object) -> Iterator[Violation]:
        return iter(())

    return rule


def _pack(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook, function in hooks.items():
        setattr(module, hook, hookimpl(function))
    return module


def test_hook_load_failed_makes_an_unreadable_file_doc001(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    report = Session(Config()).check_file(empty)
    assert [(f.rule_id, f.message) for f in report.findings] == [("DOC001", "无法检查此文件：文件是空的")]
    assert [p.rule_id for p in report.plan] == ["DOC001"]


def test_hook_load_failed_answered_by_a_pack_with_its_own_rule(tmp_path: Path) -> None:
    def nianbao_load_failed(error: LoadError) -> tuple[str, Violation]:
        return "ZZ001", Violation(Location(), {"problem": error.message, "problem_en": error.message_en})

    def nianbao_register_rules(config: Config) -> list[Rule]:
        return [_rule("ZZ001")]

    plugins = create_plugins()
    plugins.manager.register(_pack("nianbao_pack_zz", nianbao_load_failed=nianbao_load_failed,
                                   nianbao_register_rules=nianbao_register_rules), name="zz")
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    report = Session(Config(), plugins).check_file(empty)
    assert [(f.rule_id, f.message) for f in report.findings] == [("ZZ001", "无法读取：文件是空的")]


def test_a_pack_named_like_a_builtin_may_not_use_a_builtin_family() -> None:
    def nianbao_register_rules(config: Config) -> list[Rule]:
        return [_rule("SEC901")]

    plugins = create_plugins()
    plugins.manager.register(_pack("nianbao_pack_zz", nianbao_register_rules=nianbao_register_rules),
                             name="builtin-zz")
    with pytest.raises(ConfigurationError, match="插件 builtin-zz 的规则 SEC901 使用了内置规则族前缀 SEC；"):
        Session(Config(), plugins)
    english = ("^rule SEC901 of plugin builtin-zz uses the built-in family prefix SEC; use a prefix of your "
               "own, 2–4 capital letters$")
    with pytest.raises(ConfigurationError, match=english):
        Session(Config(lang="en"), plugins)


def test_a_rule_id_registered_twice_is_named_in_the_run_language() -> None:
    def nianbao_register_rules(config: Config) -> list[Rule]:
        return [_rule("ZZ001"), _rule("ZZ001")]

    plugins = create_plugins()
    plugins.manager.register(_pack("pack_zz", nianbao_register_rules=nianbao_register_rules), name="pack-zz")
    with pytest.raises(ConfigurationError, match="^规则编号 ZZ001 重复（插件 pack-zz）$"):
        Session(Config(), plugins)
    with pytest.raises(ConfigurationError, match="^rule ID ZZ001 is registered twice \\(plugin pack-zz\\)$"):
        Session(Config(lang="en"), plugins)


def test_builtins_are_the_nianbao_modules() -> None:
    import nianbao.loaders
    import nianbao.rules

    assert is_builtin(nianbao.rules) and is_builtin(nianbao.loaders)
    assert not is_builtin(types.ModuleType("nianbao_pack_fujian"))
    assert not is_builtin(object())


class _LocalEdition:
    """A pack's own edition: a copy of 2021's under the name "2021-fj" (years left open)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @hookimpl
    def nianbao_register_editions(self) -> list[Path]:
        return [self.path]


def _local_edition(tmp_path: Path) -> Path:
    text = (ROOT / "schemas" / "editions" / "2021.yaml").read_text(encoding="utf-8")
    path = tmp_path / "2021-fj.yaml"
    path.write_text(text.replace('edition: "2021"', 'edition: "2021-fj"').replace(
        "report_years: {first: 2021}", "report_years: {first: 2099}"), encoding="utf-8")
    return path


def test_edition_names_come_from_the_registry(tmp_path: Path) -> None:
    plugins = create_plugins()
    plugins.manager.register(_LocalEdition(_local_edition(tmp_path)), name="fj-edition")
    session = Session(Config(edition="2021-fj", select=("REC002",)), plugins)
    report = session.check_file(ROOT / "examples" / "2022-with-defects.md")
    # the tables' shape names 2021, which the forced edition contradicts: FMT001 would say so
    assert report.document is not None and report.document.meta.edition_requested == "2021-fj"
    with pytest.raises(ConfigurationError, match="没有 2023 版格式（已知：auto, 2019, 2021）"):
        Session(Config(edition="2023"))


def test_the_command_line_takes_edition_names_from_the_registry(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from nianbao.cli import main

    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "2022-with-defects.md"),
                                       "--edition", "2023"])
    assert result.exit_code == 2
    assert "没有 2023 版格式（已知：auto, 2019, 2021）" in result.output


def test_a_yaml_rule_may_name_a_packs_edition_and_not_an_unknown_one(tmp_path: Path) -> None:
    from nianbao.format.editions import builtin_editions
    from nianbao.format.editions import load_edition_file
    from nianbao.yaml_rules import YamlRuleError
    from nianbao.yaml_rules import load_rule_file

    editions = dict(builtin_editions())
    local = load_edition_file(_local_edition(tmp_path))
    editions[local.edition] = local
    rule = {"id": "FJ901", "title": "概述", "severity": "warning", "doc": "概述。",
            "message": {"zh": "缺少", "en": "missing"}, "require": {"section": "overview"}}
    for names, ok in ((["2021-fj"], True), (["2023"], False)):
        path = tmp_path / f"rules-{names[0]}.yaml"
        text = json.dumps({"rules": [{**rule, "editions": names}]}, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        if ok:
            assert [r.editions for r in load_rule_file(path, editions)] == [("2021-fj",)]
        else:
            with pytest.raises(YamlRuleError, match="没有 2023 版格式"):
                load_rule_file(path, editions)


def test_published_on_is_pub001s_option_through_add_options() -> None:
    from nianbao.rules import nianbao_add_options

    assert [option.opts for option in nianbao_add_options()] == [["--published-on"]]


def test_the_core_names_no_builtin_rule() -> None:
    """No string in core/ (docstrings aside, which may speak of DOC001 as an example) is a built-in
    rule's ID: what the core needs to know of a rule it reads from the rule (``rejects``, ``gate``,
    ``stops``), never from its name."""
    import ast

    from nianbao.rules import builtin_rules

    ids = {rule.id for rule in builtin_rules()}
    named = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        named += [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}" for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and node.value.strip() in ids]
    assert named == []


def test_an_unreadable_report_is_marked_through_the_model(tmp_path: Path) -> None:
    """A file no loader reads, and one a ``rejects`` rule finds is not a report, are unreadable;
    a report with errors is not."""
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "note.txt").write_text("会议通知\n\n请各单位于周五前报送材料。\n", encoding="utf-8")
    report = ROOT / "tests" / "cases" / "REC005" / "2021-blank-and-invalid.md"
    session = Session(Config())
    files = (tmp_path / "empty.md", tmp_path / "note.txt", report)
    assert [session.check_file(p).unreadable for p in files] == [True, True, False]
    assert [r.id for r in session.rules if r.rejects] == ["DOC001"]
