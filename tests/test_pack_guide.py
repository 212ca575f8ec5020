"""docs/writing-a-pack.md's examples run: each Python block marked ``<!-- example: REPORT [--previous
LAST] -->`` is a rule module; run on that report with only its rule selected, it must print exactly
the lines of the ``text`` block that follows it. The examples import only public names."""

from __future__ import annotations

import inspect
import re
import shlex
import types
from pathlib import Path

import nianbao.checks
import nianbao.narrative
import pytest
from nianbao import Config
from nianbao import Rule
from nianbao import Session
from nianbao import hookimpl
from nianbao.plugin.manager import create_plugins
from nianbao.reporters.text import finding_line

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "writing-a-pack.md"
EXAMPLE = re.compile(
    r"<!-- example: (?P<args>[^>]*?) -->\n```python\n(?P<code>.*?)```\n\n```text\n(?P<out>.*?)```", re.DOTALL)
PUBLIC = re.compile(r"^from (nianbao|nianbao\.checks|nianbao\.narrative|collections\.abc|__future__) import ")


def examples() -> list[tuple[str, str, list[str]]]:
    text = GUIDE.read_text(encoding="utf-8")
    return [(m["args"], m["code"], m["out"].splitlines()) for m in EXAMPLE.finditer(text)]


def test_the_guide_has_a_table_a_narrative_and_a_year_over_year_example() -> None:
    ids = [re.search(r'id="(\w+)"', code)[1] for _, code, _ in examples()]
    assert ids == ["ZT001", "ZN001", "ZY001"]


@pytest.mark.parametrize(("args", "code", "expected"),
                         [pytest.param(*example, id=re.search(r'id="(\w+)"', example[1])[1])
                          for example in examples()])
def test_guide_example_gives_the_findings_it_shows(args: str, code: str, expected: list[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    imports = [line for line in code.splitlines() if line.startswith(("from ", "import "))]
    assert [line for line in imports if not PUBLIC.match(line)] == []

    module = types.ModuleType("guide_example")
    exec(compile(code, f"{GUIDE.name} example", "exec"), module.__dict__)  # noqa: S102 - our own docs
    rules = [value for value in vars(module).values() if isinstance(value, Rule)]
    assert len(rules) == 1 and module.__doc__ and rules[0].doc == module.__doc__

    class Pack:
        @hookimpl
        def nianbao_register_rules(self, config: Config) -> list[Rule]:
            return rules

    plugins = create_plugins()
    plugins.manager.register(Pack(), name="guide")
    session = Session(Config(select=(rules[0].id,)), plugins=plugins)
    words = shlex.split(args)
    report, previous = Path(words[0]), Path(words[2]) if words[1:2] == ["--previous"] else None
    monkeypatch.chdir(ROOT)
    last = session.load(previous) if previous is not None else None
    checked = session.check_file(report, previous=last)

    assert [finding_line(f, "zh") for f in checked.findings] == expected
    # the rule's own doc quotes the line it prints
    assert expected[0].split(": ", 1)[1] in rules[0].doc


@pytest.mark.parametrize("toolkit", [nianbao.checks, nianbao.narrative], ids=lambda m: m.__name__)
def test_every_toolkit_name_is_documented(toolkit: types.ModuleType) -> None:
    """Each function and class a rule author imports says what it is (a dataclass's generated
    signature is not a description)."""
    silent = []
    for name in toolkit.__all__:
        value = getattr(toolkit, name)
        if not (inspect.isfunction(value) or inspect.isclass(value)):
            continue
        doc = inspect.getdoc(value) or ""
        if not doc or doc.startswith(f"{value.__name__}("):
            silent.append(name)
    assert silent == []
