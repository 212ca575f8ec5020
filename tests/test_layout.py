"""The package's shape: no module imports another in a circle, and each stage imports only the stages
below it. Imports are read from the source with ``ast``, so those under ``if TYPE_CHECKING:`` and
inside functions count as much as the ones at the top of a module. Importing ``a.b.c`` also runs the
``__init__`` of ``a.b``, so for circles that package counts as imported too (unless it is the
importing module's own package, which Python has always started loading first)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"nianbao": ROOT / "core", "nianbao.rules": ROOT / "rules", "nianbao.schemas": ROOT / "schemas"}

# The pipeline's stages, lowest first, each with the modules it holds (a package name covers its
# submodules; the longest match wins). A module may import from its own stage and the ones before it.
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    # The version string, which outputs stamp and `--version` prints: a leaf of one assignment.
    ("version", ("nianbao._version",)),
    # Regular expressions compiled on first use: a leaf that any stage may use for its patterns.
    ("lazyre", ("nianbao.lazyre",)),
    # Values worked out once from unchanging objects, kept by their identity: a leaf like lazyre.
    ("memo", ("nianbao.memo",)),
    ("schemas", ("nianbao.schemas",)),
    # @hookimpl and @hookspec: a leaf that every stage registering a built-in imports.
    ("markers", ("nianbao.plugin.markers",)),
    # The national format as data: edition templates, labels, numerals, the regulation's text.
    ("format", ("nianbao.format",)),
    ("model", ("nianbao.model",)),
    ("reading", ("nianbao.reading",)),
    ("loaders", ("nianbao.loaders",)),
    ("narrative", ("nianbao.narrative",)),
    ("checks", ("nianbao.checks",)),
    ("config", ("nianbao.config",)),
    ("plugin", ("nianbao.plugin",)),
    # Rules declared in YAML files, which the engine registers from the configuration.
    ("yaml_rules", ("nianbao.yaml_rules",)),
    ("engine", ("nianbao.engine",)),
    # A rule's documentation as text: `nianbao explain` prints it and SARIF carries it as help.
    ("explain", ("nianbao.explain",)),
    ("reporters", ("nianbao.reporters",)),
    # The CLI, the pytest plugin, the case collector, the grid view, `nianbao diff` (compare/) and the
    # lazy public API.
    ("top", ("nianbao",)),
    # Nothing in the core imports a built-in rule: they arrive through the plugin manager.
    ("rules", ("nianbao.rules",)),
)


def module_files() -> dict[str, Path]:
    """Every module of the project, by its dotted name."""
    found: dict[str, Path] = {}
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join([package, *parts])
            found[name] = path
    return found


MODULES = module_files()


def imported(module: str, path: Path) -> Iterator[tuple[str, int, bool]]:
    """``(module, line, named)`` for each project module that ``module`` imports, wherever the import
    is; ``named`` is false for a package imported only because one of its modules was."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield from _with_parents(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                yield from _with_parents(module, target if target in MODULES else base, node.lineno)


def _with_parents(importer: str, name: str, line: int) -> Iterator[tuple[str, int, bool]]:
    if name not in MODULES:
        return
    yield name, line, True
    parts = name.split(".")
    # ``nianbao`` itself is left out of the packages run on the way: its __init__ imports its public
    # names on first use, so importing a submodule does not run the rest.
    for end in range(2, len(parts)):
        package = ".".join(parts[:end])
        if package in MODULES and not (importer + ".").startswith(package + "."):
            yield package, line, False


def import_graph(named_only: bool = False) -> dict[str, dict[str, int]]:
    """``{module: {imported module: line}}`` for the project's own modules; with ``named_only``,
    without the packages whose ``__init__`` runs on the way to a named module."""
    graph: dict[str, dict[str, int]] = {}
    for module, path in MODULES.items():
        edges: dict[str, int] = {}
        for target, line, named in imported(module, path):
            if target != module and (named or not named_only):
                edges.setdefault(target, line)
        graph[module] = edges
    return graph


def stage(module: str) -> str:
    matches = [(len(prefix), name) for name, prefixes in STAGES for prefix in prefixes
               if module == prefix or module.startswith(prefix + ".")]
    return max(matches)[1]


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_type_only_and_function_level_imports() -> None:
    graph = import_graph()
    # nianbao/__init__.py imports its public names only under TYPE_CHECKING.
    assert "nianbao.engine.session" in graph["nianbao"]
    assert "nianbao.model.rule" in graph["nianbao"]
    # Importing a module runs its package's __init__ as well.
    assert "nianbao.model" in graph["nianbao.engine.session"]


def test_no_module_imports_another_in_a_circle() -> None:
    graph = import_graph()
    problems = []
    for component in cycles(graph):
        members = set(component)
        links = [f"{a} -> {b} ({MODULES[a].relative_to(ROOT)}:{line})"
                 for a in component for b, line in sorted(graph[a].items()) if b in members]
        problems.append("circle of " + ", ".join(component) + ":\n    " + "\n    ".join(links))
    assert not problems, "\n".join(problems)


def test_each_stage_imports_only_the_stages_below_it() -> None:
    graph = import_graph(named_only=True)
    rank = {name: number for number, (name, _) in enumerate(STAGES)}
    wrong = [
        f"{MODULES[module].relative_to(ROOT)}:{line}: {module} ({stage(module)}) "
        f"imports {target} ({stage(target)})"
        for module, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if rank[stage(target)] > rank[stage(module)]
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("folder", ["core", "rules"])
def test_every_module_says_in_its_first_line_what_it_holds(folder: str) -> None:
    silent = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not docstring or not docstring.splitlines()[0].strip():
            silent.append(str(path.relative_to(ROOT)))
    assert not silent, f"modules without a docstring whose first line says what they hold: {silent}"



def test_no_core_module_is_long_without_saying_why() -> None:
    """A module over 500 lines is one job only if its docstring says why it is kept whole."""
    long = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 500:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if "kept whole" not in docstring:
                long.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert not long, f"modules over 500 lines whose docstring does not say why they are kept whole: {long}"


def test_every_subpackage_is_installed() -> None:
    """A regular ``pip install .`` installs only the packages pyproject.toml lists."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(project["tool"]["setuptools"]["packages"])
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}
    assert packages - listed == set()
