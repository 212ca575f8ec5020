"""The hook specifications are the plugin API: each hook is documented in core/plugin/hookspecs.py and
exercised here (or anywhere in tests/) by a test named ``test_hook_<name>``, through a small plugin
object registered on the plugin manager exactly as an installed pack is."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import TextIO

import click
import pytest
from click.testing import CliRunner
from nianbao import Config
from nianbao import Document
from nianbao import Finding
from nianbao import Location
from nianbao import Rule
from nianbao import Session
from nianbao import Violation
from nianbao import hookimpl
from nianbao.loaders.text import MarkdownLoader
from nianbao.model.rule import Context
from nianbao.plugin import hookspecs
from nianbao.plugin import manager as plugin_manager

ROOT = Path(__file__).resolve().parent.parent
DEFECTS = ROOT / "examples" / "2022-with-defects.md"
CLEAN_2021 = ROOT / "examples" / "2022-clean-2021-edition.md"

DOC = "一个测试规则。\n\n## 要求\n\n## 依据\n\n## 示例\n\n## 修改\n"


def session_with(*plugins: object, config: Config | None = None) -> Session:
    """A session whose plugin manager has the installed plugins and ``plugins`` registered."""
    registered = plugin_manager.create_plugins()
    for number, plugin in enumerate(plugins):
        registered.manager.register(plugin, name=f"test-plugin-{number}")
    return Session(config or Config(), plugins=registered)


def found(findings: list[Finding]) -> list[tuple[str, int | None, str]]:
    return [(f.rule_id, f.location.line, f.message) for f in findings]


# --- the hooks are documented and tested -----------------------------------------------------------


def test_every_hookspec_is_documented() -> None:
    undocumented = [name for name in hookspecs.HOOK_NAMES
                    if len(inspect.getdoc(getattr(hookspecs, name)) or "") < 40]
    assert undocumented == []


def _test_names() -> set[str]:
    names = set()
    for path in (ROOT / "tests").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names.update(node.name for node in ast.walk(tree)
                     if isinstance(node, ast.FunctionDef) and node.name.startswith("test_hook_"))
    return names


def test_every_hookspec_is_exercised_by_a_test_named_for_it() -> None:
    names = _test_names()
    untested = [hook for hook in hookspecs.HOOK_NAMES
                if not any(re.fullmatch(rf"test_hook_{hook.removeprefix('nianbao_')}(_\w+)?", n)
                           for n in names)]
    assert untested == [], "write a test_hook_<name> for each of these hooks"


def test_hook_names_are_the_hookspecs_module_functions() -> None:
    declared = {name for name, value in vars(hookspecs).items()
                if callable(value) and hasattr(value, "nianbao_spec")}
    assert set(hookspecs.HOOK_NAMES) == declared
    assert all(name.startswith("nianbao_") for name in declared)


# --- a rule and its option, as a pack registers them ------------------------------------------------


LIMIT = Rule(
    id="ZZ001", name="too-many-received", title="新收申请过多", title_en="too many applications received",
    severity="warning", source="测试", doc=DOC, editions=("2021",),
    message={"zh": "新收申请 {received} 件，超过 {limit} 件", "en": "{received} received, over {limit}"},
)


@LIMIT.check
def _limit(document: Document, context: Context) -> Iterator[Violation]:
    limit = context.options.get("zz_limit")
    cell = document.tables["applications"].values.get("received.total")
    if limit is not None and cell is not None and cell.value is not None and cell.value > int(limit):
        yield Violation(Location(line=cell.ref.line, table="applications", row="received", column="total"),
                        {"received": cell.value, "limit": limit})


class LimitPack:
    def __init__(self) -> None:
        self.configs: list[Config] = []

    @hookimpl
    def nianbao_register_rules(self, config: Config) -> list[Rule]:
        self.configs.append(config)
        return [LIMIT]

    @hookimpl
    def nianbao_add_options(self) -> list[click.Option]:
        return [click.Option(["--zz-limit"], default=None, help="ZZ001: the most applications expected.")]


def test_hook_register_rules(tmp_path: Path) -> None:
    pack = LimitPack()
    config = Config(select=("ZZ001",), options={"zz_limit": "70"})
    session = session_with(pack, config=config)

    assert pack.configs == [session.config]
    assert session.rule("ZZ001") is LIMIT
    assert LIMIT.origin == "test-plugin-0"
    report = session.check_file(DEFECTS)
    assert found(report.findings) == [("ZZ001", 53, "新收申请 74 件，超过 70 件")]


def test_hook_add_options(monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao import cli

    monkeypatch.chdir(ROOT)
    pack = LimitPack()

    def with_pack(*args: Any, **kwargs: Any) -> plugin_manager.Plugins:
        plugins = plugin_manager.create_plugins(*args, **kwargs)
        plugins.manager.register(pack, name="test-pack")
        return plugins

    monkeypatch.setattr(cli, "create_plugins", with_pack)
    monkeypatch.setattr("nianbao.engine.session.create_plugins", with_pack)
    with cli.main.make_context("nianbao", ["check", "x"]) as context:
        assert "--zz-limit" in [opt for param in cli.check.get_params(context) for opt in param.opts]
    shown = "examples/2022-with-defects.md"
    result = CliRunner().invoke(cli.main, ["check", shown, "--select", "ZZ001", "--zz-limit", "70"])
    assert result.output.splitlines()[0] == f"{shown}:53: ZZ001 [警告] 新收申请 74 件，超过 70 件"
    quiet = CliRunner().invoke(cli.main, ["check", shown, "--select", "ZZ001", "--zz-limit", "80"])
    assert "ZZ001" not in quiet.output


# --- the lifecycle: configure, loaders, editions, detection, loading, findings ------------------------


class Recorder:
    def __init__(self) -> None:
        self.configs: list[Config] = []

    @hookimpl
    def nianbao_configure(self, config: Config) -> None:
        self.configs.append(config)


def test_hook_configure() -> None:
    early = Recorder()
    session = session_with(early, config=Config(lang="en"))
    assert early.configs == [session.config]

    late = Recorder()  # historic: a plugin registered after start-up still hears the configuration
    session.plugins.manager.register(late, name="late")
    assert late.configs == [session.config]
    assert late.configs[0].lang == "en"


class ZzLoader:
    """Reads ``.zz`` files: Markdown after a ``ZZ`` first line."""

    name = "zz"
    suffixes = (".zz",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"ZZ\n")

    def load(self, path: Path, data: bytes, editions: Any) -> Any:
        return MarkdownLoader().load(path, data.removeprefix(b"ZZ\n"), editions)


class ZzFormat:
    @hookimpl
    def nianbao_register_loaders(self) -> list[object]:
        return [ZzLoader()]


def test_hook_register_loaders(tmp_path: Path) -> None:
    session = session_with(ZzFormat(), config=Config(select=("REC", "SEC")))
    wrapped = tmp_path / "report.zz"
    wrapped.write_bytes(b"ZZ\n" + DEFECTS.read_bytes())
    unnamed = tmp_path / "report.unknown"
    unnamed.write_bytes(wrapped.read_bytes())

    assert isinstance(session.loader_for(wrapped, b""), ZzLoader)
    assert isinstance(session.loader_for(unnamed, wrapped.read_bytes()[:64]), ZzLoader)
    assert ".zz" in session.suffixes
    # the loader reads what follows its ZZ line as Markdown: the same findings at the same lines
    wrapped_findings = session.check_file(wrapped).findings
    assert found(wrapped_findings) == found(session.check_file(DEFECTS).findings)
    assert [f.rule_id for f in wrapped_findings] == ["REC001", "REC002", "REC003", "SEC001"]


class ListReporter:
    """One line per report: its path and the rule IDs it broke."""

    name = "zz-list"
    description = "rule IDs per report"

    def __init__(self, stream: TextIO, *, lang: str = "zh", show_suppressed: bool = False) -> None:
        self.stream = stream
        self.rules: list[str] = []

    def start(self, rules: Any) -> None:
        self.rules = [r.id for r in rules]

    def add(self, report: Any) -> None:
        self.stream.write(f"{report.display_path}: {' '.join(f.rule_id for f in report.findings)}\n")

    def finish(self, summary: Any) -> None:
        self.stream.write(f"rules run: {' '.join(self.rules)}\n")


class ListFormat:
    @hookimpl
    def nianbao_register_reporters(self) -> list[type]:
        return [ListReporter]


def test_hook_register_reporters(monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao import cli

    assert session_with(ListFormat()).reporters["zz-list"] is ListReporter

    def with_format(*args: Any, **kwargs: Any) -> plugin_manager.Plugins:
        plugins = plugin_manager.create_plugins(*args, **kwargs)
        plugins.manager.register(ListFormat(), name="test-format")
        return plugins

    monkeypatch.setattr(cli, "create_plugins", with_format)  # the command line's plugins, used by its session
    monkeypatch.setattr("nianbao.engine.session.create_plugins", with_format)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli.main, ["check", "examples/2022-with-defects.md", "--format", "zz-list",
                                           "--select", "REC002,REC003,SEC001"])
    assert result.output.splitlines() == [
        "examples/2022-with-defects.md: REC002 REC003 SEC001", "rules run: REC002 REC003 SEC001"]


def test_hook_register_editions(tmp_path: Path) -> None:
    # A local copy of the 2021 edition that numbers its tables with Arabic numerals replaces the
    # built-in one: the findings speak of 表3.
    text = (ROOT / "schemas" / "editions" / "2021.yaml").read_text(encoding="utf-8")
    assert "number: 表三" in text
    local = tmp_path / "2021-local.yaml"
    local.write_text(text.replace("number: 表三", "number: 表3"), encoding="utf-8")

    class LocalEdition:
        @hookimpl
        def nianbao_register_editions(self) -> list[Path]:
            return [local]

    session = session_with(LocalEdition(), config=Config(select=("REC002",)))
    assert session.editions["2021"].table("applications").number == "表3"
    assert found(session.check_file(DEFECTS).findings) == [
        ("REC002", 76, "表3“（七）总计 / 商业企业”为 4，不是（一）至（六）各项之和 3（同一格，见 REC001）")]


class Register:
    """Decides the edition from a register of reports kept by the agency (here: by file name)."""

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known

    @hookimpl
    def nianbao_detect_edition(self, document: Document, editions: dict[str, Any]) -> tuple[str, str] | None:
        edition = self.known.get(Path(document.source.path).name)
        return (edition, "plugin") if edition in editions else None


def test_hook_detect_edition(tmp_path: Path) -> None:
    unknown = tmp_path / "other.md"
    unknown.write_bytes(CLEAN_2021.read_bytes())
    session = session_with(Register({CLEAN_2021.name: "2019"}))

    decided = session.load(CLEAN_2021)
    assert (decided.meta.edition, decided.meta.edition_source) == ("2019", "plugin")
    # no answer from the plugin: the built-in decision, from the tables' shape
    left = session.load(unknown)
    assert (left.meta.edition, left.meta.edition_source) == ("2021", "tables")


class BodyTypes:
    """Fills in the body type from a local register, as the hook's documentation suggests."""

    def __init__(self) -> None:
        self.seen: list[Document] = []

    @hookimpl
    def nianbao_document_loaded(self, document: Document) -> None:
        self.seen.append(document)
        document.meta.body_type = "county_government"


def test_hook_document_loaded() -> None:
    plugin = BodyTypes()
    session = session_with(plugin)
    document = session.load(DEFECTS)
    assert plugin.seen == [document]
    assert document.meta.body_type == "county_government"
    assert len(document.tables["applications"].values) > 0  # called with the tables read


class Triage:
    """Drops REC003 findings and puts the narrative's first."""

    def __init__(self) -> None:
        self.documents: list[Document] = []

    @hookimpl
    def nianbao_modify_findings(self, document: Document, findings: list[Finding]) -> None:
        self.documents.append(document)
        findings[:] = sorted((f for f in findings if f.rule_id != "REC003"),
                             key=lambda f: not f.rule_id.startswith("TXT"))


def test_hook_modify_findings() -> None:
    config = Config(select=("REC002", "REC003", "TXT001"))
    plain = [f.rule_id for f in session_with(config=config).check_file(DEFECTS).findings]
    assert plain == ["REC002", "REC003", "TXT001"]

    triage = Triage()
    report = session_with(triage, config=config).check_file(DEFECTS)
    assert [f.rule_id for f in report.findings] == ["TXT001", "REC002"]
    assert [d.source.path for d in triage.documents] == [str(DEFECTS)]
