"""The plugin manager: built-ins and agency packs come in through the entry-point group ``nianbao``.

Entry points are walked one by one so that a pack that fails to import is reported by name and
the others still load.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pluggy
from nianbao.plugin import hookspecs
from nianbao.plugin.entrypoints import entry_points

GROUP = "nianbao"


@dataclass(slots=True)
class PluginProblem:
    """A plugin that could not be loaded: its name and why. Shown as a warning, never fatal."""

    plugin: str
    message: str


@dataclass(slots=True)
class Plugins:
    manager: pluggy.PluginManager
    problems: list[PluginProblem] = field(default_factory=list)


def _register(plugins: Plugins, name: str, module: ModuleType | object) -> None:
    try:
        plugins.manager.register(module, name=name)
    except Exception as exc:  # noqa: BLE001 - a bad plugin must not stop the others
        plugins.problems.append(PluginProblem(name, f"{type(exc).__name__}: {exc}"))


def is_builtin(plugin: object) -> bool:
    """A plugin nianbao ships: a module of the ``nianbao`` package, whatever entry point names it."""
    return isinstance(plugin, ModuleType) and plugin.__name__.split(".")[0] == "nianbao"


def create_plugins(extra_modules: tuple[str, ...] = (), extra_files: tuple[Path, ...] = ()) -> Plugins:
    """A plugin manager with every installed ``nianbao`` entry point registered.

    :param extra_modules: dotted module names to register too (``plugins:`` in the config).
    :param extra_files: local plugin files to register without packaging.
    """
    manager = pluggy.PluginManager(GROUP)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager)
    seen: set[str] = set()
    for ep in sorted(entry_points(group=GROUP), key=lambda e: (e.module.split(".")[0] != "nianbao", e.name)):
        if ep.name in seen:
            continue
        seen.add(ep.name)
        try:
            module = ep.load()
        except Exception as exc:  # noqa: BLE001 - report and go on
            problem = f"cannot import {ep.value}: {type(exc).__name__}: {exc}"
            plugins.problems.append(PluginProblem(ep.name, problem))
            continue
        _register(plugins, ep.name, module)
    add_plugins(plugins, extra_modules, extra_files)
    return plugins


def add_plugins(plugins: Plugins, modules: tuple[str, ...] = (), files: tuple[Path, ...] = ()) -> None:
    """Register the plugins a configuration names (``plugins:`` modules and local files) with a
    manager that already holds the installed ones; one already registered is left as it is."""
    manager = plugins.manager
    for dotted in modules:
        try:
            module = import_module(dotted)
        except Exception as exc:  # noqa: BLE001
            plugins.problems.append(PluginProblem(dotted, f"cannot import: {type(exc).__name__}: {exc}"))
            continue
        if manager.is_registered(module):
            continue  # an installed pack named in the configuration as well: it is already in
        _register(plugins, dotted, module)
    for path in files:
        if manager.has_plugin(str(path)):
            continue
        module = _load_file(plugins, path)
        if module is not None:
            _register(plugins, str(path), module)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        raise RuntimeError(f"a plugin implements a hook that does not exist: {exc}") from exc


def _load_file(plugins: Plugins, path: Path) -> ModuleType | None:
    import importlib.util

    name = "nianbao_local_" + "".join(ch if ch.isalnum() else "_" for ch in path.stem)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        plugins.problems.append(PluginProblem(str(path), "not a Python file"))
        return None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # noqa: BLE001
        plugins.problems.append(PluginProblem(str(path), f"cannot import: {type(exc).__name__}: {exc}"))
        return None
    return module
