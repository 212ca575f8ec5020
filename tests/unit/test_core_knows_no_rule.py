"""The core knows no rule: a file that cannot be read becomes a finding through the same hook packs
use (DOC001 answers it), and built-ins are recognised by their module, not by an entry-point name."""

from __future__ import annotations

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
    with pytest.raises(ConfigurationError, match="插件 builtin-zz 的规则 SEC901 使用了内置规则族前缀"):
        Session(Config(), plugins)


def test_builtins_are_the_nianbao_modules() -> None:
    import nianbao.loaders
    import nianbao.rules

    assert is_builtin(nianbao.rules) and is_builtin(nianbao.loaders)
    assert not is_builtin(types.ModuleType("nianbao_pack_fujian"))
    assert not is_builtin(object())
