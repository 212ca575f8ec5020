"""Find, read and validate a configuration file, and merge it with command-line settings.

A configuration is ``[tool.nianbao]`` in ``pyproject.toml`` or a ``nianbao.yaml``, found by walking
up from the checked path, or named with ``--config FILE``. It is validated against
``schemas/config.schema.json``; an unknown key or a bad value is an error naming the key and the file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import yaml
from nianbao.config.settings import Acceptance
from nianbao.config.settings import Config
from nianbao.config.settings import Override
from nianbao.config.yamlsafe import load_yaml
from nianbao.model.errors import BilingualError
from nianbao.model.limits import Limits
from nianbao.schemas import schema_errors

if TYPE_CHECKING:
    from jsonschema import ValidationError


YAML_NAMES = ("nianbao.yaml", "nianbao.yml")
PYPROJECT = "pyproject.toml"


class ConfigFileError(BilingualError):
    """A configuration file that cannot be used; the message names the file and the key."""



def _short(message: str, limit: int = 200) -> str:
    """A validator's message, which quotes the offending value, cut to ``limit`` characters."""
    return message if len(message) <= limit else message[:limit] + "…"

def _read_pyproject(path: Path) -> dict[str, Any] | None:
    if sys.version_info >= (3, 11):  # imported here: most folders have no pyproject.toml
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigFileError(f"{path}：无法读取 TOML：{exc}", f"{path}: cannot read TOML: {exc}") from exc
    tool = data.get("tool")
    section = tool.get("nianbao") if isinstance(tool, dict) else None
    if section is not None and not isinstance(section, dict):
        raise ConfigFileError(f"{path}：tool.nianbao 必须是一个表（[tool.nianbao]）",
                              f"{path}: tool.nianbao must be a table ([tool.nianbao])")
    return section


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigFileError(f"{path}：无法读取 YAML：{exc}", f"{path}: cannot read YAML: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigFileError(f"{path}：配置文件的顶层必须是映射（键: 值）",
                              f"{path}: the top level must be a mapping")
    return data


def find_config(start: Path) -> Path | None:
    """The nearest ``nianbao.yaml`` or ``pyproject.toml`` with ``[tool.nianbao]``, from ``start``
    (a report or a folder) up to the filesystem root."""
    here = start.resolve()
    folder = here if here.is_dir() else here.parent
    for directory in (folder, *folder.parents):
        for name in YAML_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / PYPROJECT
        if pyproject.is_file() and _read_pyproject(pyproject) is not None:
            return pyproject
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    """The raw, validated settings of one file."""
    if not path.is_file():
        raise ConfigFileError(f"{path}：配置文件不存在", f"{path}: no such configuration file")
    is_toml = path.name == PYPROJECT or path.suffix == ".toml"
    data = (_read_pyproject(path) or {}) if is_toml else _read_yaml(path)
    errors = sorted(schema_errors("config", data),
                    key=lambda e: (len(e.absolute_path), str(e.path)))
    if errors:
        raise _describe(path, errors[0])
    return data


def _key_path(error: ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path)


def _describe(path: Path, error: ValidationError) -> ConfigFileError:
    where = _key_path(error)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(k for k in error.instance if k not in allowed)
        keys = ", ".join(f"{where}.{k}" if where else k for k in unknown)
        return ConfigFileError(
            f"{path}：未知的配置项 {keys}（可用：{', '.join(sorted(allowed))}）",
            f"{path}: unknown key {keys} (known: {', '.join(sorted(allowed))})",
        )
    if error.validator == "anyOf" and all("required" in option for option in error.validator_value):
        keys = " / ".join(k for option in error.validator_value for k in option["required"])
        return ConfigFileError(f"{path}：{where} 需要以下之一：{keys}",
                               f"{path}: {where} needs one of: {keys}")
    if error.validator == "required":
        return ConfigFileError(f"{path}：{where or '顶层'} 缺少必填项：{_short(error.message)}",
                               f"{path}: {where or 'top level'} lacks a required key: "
                               f"{_short(error.message)}")
    return ConfigFileError(f"{path}：配置项 {where} 的值无效：{_short(error.message)}",
                           f"{path}: bad value for {where}: {_short(error.message)}")


def _files(data: Mapping[str, Any], key: str, base: Path, path: Path) -> tuple[Path, ...]:
    out = []
    for name in data.get(key, ()):
        file = (base / name).resolve()
        if not file.is_file():
            raise ConfigFileError(f"{path}：配置项 {key} 中的文件 {name} 不存在",
                                  f"{path}: {key}: file {name} does not exist")
        out.append(file)
    return tuple(out)


def config_from_file(path: Path) -> Config:
    """A :class:`Config` from one configuration file."""
    path = path.resolve()
    data = read_config_file(path)
    base = path.parent
    try:
        limits = Limits.parse(data.get("limits", {}))
    except ValueError as exc:
        raise ConfigFileError(f"{path}：配置项 limits 无效：{exc}", f"{path}: bad limits: {exc}") from exc
    return Config(
        limits=limits,
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity=dict(data.get("severity", {})),
        edition=data.get("edition", "auto"),
        lang=data.get("lang", "zh"),
        plugins=tuple(data.get("plugins", ())),
        plugin_files=_files(data, "plugin-files", base, path),
        rule_files=_files(data, "rule-files", base, path),
        options={key.replace("-", "_"): value for key, value in data.get("options", {}).items()},
        path=path,
        exclude=tuple(data.get("exclude", ())),
        jobs=data.get("jobs"),
        overrides=tuple(
            Override(
                paths=tuple(item["paths"]),
                select=tuple(item["select"]) if "select" in item else None,
                ignore=tuple(item.get("ignore", ())),
                severity=dict(item.get("severity", {})),
                packs=tuple(item.get("packs", ())),
            )
            for item in data.get("overrides", ())
        ),
        accept=tuple(
            Acceptance(reason=item["reason"], rule=item.get("rule"), paths=tuple(item.get("paths", ())),
                       fingerprint=item.get("fingerprint"))
            for item in data.get("accept", ())
        ),
    )


def resolve_config(explicit: Path | None, start: Path | None, trust: bool = False) -> Config:
    """The file given with ``--config``, else the one found from ``start``, else the defaults.

    A file found beside the checked reports may come with them from someone else: it sets rules
    and options, but the Python files it names (``plugin-files``) are not loaded unless the user
    trusts it (``--trust-config``) or names it with ``--config``; they are listed in
    ``Config.untrusted_plugin_files`` for a warning."""
    if explicit is not None:
        return config_from_file(explicit)
    found = find_config(start) if start is not None else None
    if found is None:
        return Config()
    config = config_from_file(found)
    if not trust and config.plugin_files:
        config.untrusted_plugin_files, config.plugin_files = config.plugin_files, ()
    return config


def merge_cli(config: Config, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
              edition: str | None = None, lang: str | None = None, options: Mapping[str, Any] | None = None,
              no_suppress: bool = False, allow_broken_packs: bool = False,
              limits: Mapping[str, Any] | None = None) -> Config:
    """Command-line settings on top of the file's: ``--select`` replaces, ``--ignore`` adds,
    ``--limit`` sets one limit over the file's. Raises ValueError for a bad limit."""
    config.select = select or config.select
    config.ignore = config.ignore + ignore
    config.edition = edition or config.edition
    config.lang = lang or config.lang
    merged = dict(config.options)
    merged.update({k: v for k, v in (options or {}).items() if v is not None})
    config.options = merged
    config.no_suppress = no_suppress
    config.allow_broken_packs = allow_broken_packs or config.allow_broken_packs
    if limits:
        config.limits = Limits.parse(limits, base=config.limits)
    return config
