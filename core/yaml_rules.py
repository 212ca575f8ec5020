"""Declarative rules written in YAML, for an office without a Python developer.

A file holds ``rules:``, each with the metadata every rule has (id, title, severity, message in zh
and en, doc) and exactly one check:

* ``require: {section: other}`` — the section must be present; with ``pattern`` (a regular
  expression) the section's text must contain a match (without ``section``: the whole report's);
* ``identity: {table, left, right, for_each}`` — sum(left) = sum(right) over template cells
  ``row_key.column_key``, as the edition templates declare their own identities;
* ``bound: {table, cells, min, max}`` — each cell's value lies within the bounds.

Each becomes a :class:`~nianbao.model.rule.Rule`, registered through the same hook as a Python rule, so it
behaves like one everywhere (CLI, SARIF, pytest, explain). The file is validated against
``schemas/yaml-rules.schema.json`` and every template key is checked against the editions the rule
applies to; a problem names the file, the rule and the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import regex
import yaml
from nianbao.checks.reconcile import gap_args
from nianbao.config.settings import Config
from nianbao.config.yamlsafe import load_yaml
from nianbao.format.editions import Edition
from nianbao.format.editions import Identity
from nianbao.format.editions import builtin_editions
from nianbao.model.document import Document
from nianbao.model.errors import BilingualError
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.identities import cell_location
from nianbao.model.identities import evaluate
from nianbao.model.identities import evidence_cell
from nianbao.model.limits import active_limits
from nianbao.model.rule import Check
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.plugin.markers import hookimpl
from nianbao.schemas import schema_errors

if TYPE_CHECKING:
    from jsonschema import ValidationError

KINDS = ("require", "identity", "bound")


class YamlRuleError(BilingualError, ValueError):
    """A YAML rule file that cannot be used; the message names the file, the rule and the key."""



def _short(message: str, limit: int = 200) -> str:
    """A validator's message, which quotes the offending value, cut to ``limit`` characters."""
    return message if len(message) <= limit else message[:limit] + "…"

def _fail(path: Path, rule: str, key: str, problem: str, problem_en: str) -> YamlRuleError:
    where = f"规则 {rule}：{key}" if key else f"规则 {rule}"
    where_en = f"rule {rule}: {key}" if key else f"rule {rule}"
    return YamlRuleError(f"{path}：{where}：{problem}", f"{path}: {where_en}: {problem_en}")


def _rule_name(data: Any, index: int) -> str:
    rules = data.get("rules") if isinstance(data, dict) else None
    entry = rules[index] if isinstance(rules, list) and index < len(rules) else None
    if isinstance(entry, dict) and "id" in entry:
        return str(entry["id"])
    return f"#{index + 1}"


def _schema_error(path: Path, data: Any, error: ValidationError) -> YamlRuleError:
    where = list(error.absolute_path)
    if len(where) < 2 or where[0] != "rules":
        key = ".".join(str(p) for p in where)
        return YamlRuleError(f"{path}：{key or '(顶层)'}：{_short(error.message)}",
                             f"{path}: {key or '(top level)'}: {_short(error.message)}")
    rule = _rule_name(data, int(where[1]))
    key = ".".join(str(p) for p in where[2:])
    if error.validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = ", ".join(sorted(k for k in error.instance if k not in allowed))
        return _fail(path, rule, ".".join(filter(None, (key, unknown))), "未知的键", "unknown key")
    if error.validator == "oneOf" and not key:
        present = [k for k in KINDS if k in error.instance]
        return _fail(path, rule, " / ".join(present) or "require / identity / bound",
                     "每条规则必须有且只有 require、identity、bound 之一",
                     "a rule needs exactly one of require, identity, bound")
    if error.validator == "anyOf" and all("required" in option for option in error.validator_value):
        keys = " / ".join(k for option in error.validator_value for k in option["required"])
        return _fail(path, rule, key, f"需要以下之一：{keys}", f"needs one of: {keys}")
    if error.validator == "required":
        return _fail(path, rule, key, f"缺少必填的键：{_short(error.message)}",
                     f"a required key is missing: {_short(error.message)}")
    return _fail(path, rule, key, f"值无效：{_short(error.message)}", f"bad value: {_short(error.message)}")


def read_rule_file(path: Path) -> list[dict[str, Any]]:
    """The validated rule entries of one file."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise YamlRuleError(f"{path}：无法读取 YAML 规则文件：{exc}",
                            f"{path}: cannot read the YAML rule file: {exc}") from exc
    errors = schema_errors("yaml-rules", data)
    if errors:
        first = min(errors, key=lambda e: (len(e.absolute_path), e.validator == "oneOf"))
        raise _schema_error(path, data, first)
    return data["rules"]


# --- checks ----------------------------------------------------------------------------------------


def _section_label(context: Context, key: str) -> str:
    if context.edition is not None:
        for spec in context.edition.sections:
            if spec.key == key:
                return f"{spec.number}、{spec.title}"
    return key


class PatternTimeout(RuntimeError):
    """A YAML rule's pattern ran past ``regex-timeout``: the rule is reported, not left hanging."""


def _search(pattern: regex.Pattern[str], text: str) -> bool:
    seconds = active_limits()["regex-timeout"]
    try:
        return pattern.search(text, timeout=seconds) is not None
    except TimeoutError:
        raise PatternTimeout(
            f"正则表达式 {pattern.pattern[:80]!r} 在 {seconds:g} 秒内没有匹配完（很可能有嵌套的重复，"
            f"如 (a+)+），请改写；或用 limits: regex-timeout 放宽 "
            f"(the pattern ran longer than {seconds:g} s)") from None


def _require(spec: Mapping[str, Any]) -> Check:
    section_key = spec.get("section")
    pattern = regex.compile(spec["pattern"]) if "pattern" in spec else None

    def check(document: Document, context: Context) -> Iterator[Violation]:
        args = {"section": _section_label(context, section_key) if section_key else "全文",
                "pattern": spec.get("pattern", "")}
        if section_key is None:
            text = "\n".join(p.text for p in document.paragraphs())
            if pattern is not None and not _search(pattern, text):
                yield Violation(Location(), args)
            return
        section = document.section(section_key)
        if section is None:
            yield Violation(Location(section=section_key), args)
            return
        if pattern is not None and not _search(pattern, section.heading + "\n" + section.text()):
            yield Violation(Location(line=section.ref.line, page=section.ref.page, section=section_key), args)

    return check


def _identity(rule_id: str, spec: Mapping[str, Any]) -> Check:
    identity = Identity(
        id=rule_id.lower(), rule=rule_id, table=spec["table"],
        text=" + ".join(spec["left"]) + " = " + " + ".join(spec["right"]), basis="",
        for_each=dict(spec.get("for_each", {})), left=tuple(spec["left"]), right=tuple(spec["right"]),
    )

    def check(document: Document, context: Context) -> Iterator[Violation]:
        table = document.tables.get(identity.table)
        if context.edition is None or table is None:
            return
        template = context.edition.table(identity.table)
        for mismatch in evaluate(identity, template, table):
            yield Violation(
                location=mismatch.location,
                args={
                    "table_no": template.number,
                    "cell": mismatch.location.label,
                    "actual": mismatch.actual,
                    "expected": mismatch.expected,
                    **gap_args(mismatch.actual, mismatch.expected),
                    "identity": identity.text,
                },
                evidence=mismatch.derivation,
                key=tuple(f"{k}={v}" for k, v in mismatch.binding.items()),
            )

    return check


def _bound(spec: Mapping[str, Any]) -> Check:
    low, high = spec.get("min"), spec.get("max")
    text = f"{'' if low is None else low} ≤ x ≤ {'' if high is None else high}".strip()

    def check(document: Document, context: Context) -> Iterator[Violation]:
        table = document.tables.get(spec["table"])
        if context.edition is None or table is None:
            return
        template = context.edition.table(spec["table"])
        for key in spec["cells"]:
            cell = table.values.get(key)
            if cell is None or cell.value is None:
                continue
            if (low is not None and cell.value < low) or (high is not None and cell.value > high):
                location = cell_location(template, table, key)
                yield Violation(
                    location=location,
                    args={"table_no": template.number, "cell": location.label, "value": cell.value,
                          "min": "" if low is None else low, "max": "" if high is None else high},
                    evidence=Derivation(identity=text, cells=(evidence_cell(template, table, key),),
                                        expected=text, actual=cell.value),
                )

    return check


# --- template keys ---------------------------------------------------------------------------------


def _check_keys(path: Path, entry: Mapping[str, Any], editions: Mapping[str, Edition]) -> None:
    rule = entry["id"]
    for name in entry.get("editions", tuple(editions)):
        edition = editions.get(name)
        if edition is None:
            known = "、".join(sorted(editions))
            raise _fail(path, rule, "editions", f"没有 {name} 版格式（已知：{known}）",
                        f"there is no {name} edition (known: {', '.join(sorted(editions))})")
        if "require" in entry and "section" in entry["require"]:
            key = entry["require"]["section"]
            if key not in {s.key for s in edition.sections}:
                raise _fail(path, rule, "require.section", f"{edition.edition} 版格式没有章节 {key!r}",
                            f"the {edition.edition} edition has no section {key!r}")
        for kind in ("identity", "bound"):
            if kind not in entry:
                continue
            spec = entry[kind]
            try:
                template = edition.table(spec["table"])
            except KeyError:
                table = spec["table"]
                raise _fail(path, rule, f"{kind}.table", f"{edition.edition} 版格式没有表 {table!r}",
                            f"the {edition.edition} edition has no table {table!r}") from None
            cells = set(template.cell_keys())
            if kind == "bound":
                refs = [("cells", spec["cells"])]
            else:
                bindings = Identity("x", rule, spec["table"], "", "", dict(spec.get("for_each", {})),
                                    tuple(spec["left"]), tuple(spec["right"]))
                try:
                    expanded = list(bindings.expand(template))
                except (KeyError, IndexError) as exc:
                    raise _fail(path, rule, "identity.for_each", f"变量 {exc} 未定义",
                                f"variable {exc} is not defined") from None
                refs = [("left", [k for _, left, _ in expanded for k in left]),
                        ("right", [k for _, _, right in expanded for k in right])]
            for side, keys in refs:
                for key in keys:
                    if key not in cells:
                        name = edition.edition
                        raise _fail(path, rule, f"{kind}.{side}",
                                    f"{name} 版{template.number}没有单元格 {key!r}（行键.列键）",
                                    f"the {name} edition's {template.key} table has no cell {key!r} "
                                    "(row_key.column_key)")


def _pattern_ok(path: Path, entry: Mapping[str, Any]) -> None:
    pattern = entry.get("require", {}).get("pattern")
    if pattern is None:
        return
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise _fail(path, entry["id"], "require.pattern", f"不是有效的正则表达式：{exc}",
                    f"not a valid regular expression: {exc}") from None


def rule_from_entry(path: Path, entry: Mapping[str, Any],
                    editions: Mapping[str, Edition] | None = None) -> Rule:
    """A rule from one entry; without ``editions`` in the entry it applies to every edition known."""
    rule_id = entry["id"]
    try:
        rule = Rule(
            id=rule_id,
            name=entry.get("name", rule_id.lower()),
            title=entry["title"],
            title_en=entry.get("title_en", entry["title"]),
            severity=entry["severity"],
            source=entry.get("source", path.name),
            message=dict(entry["message"]),
            doc=entry["doc"],
            editions=tuple(entry.get("editions", tuple(editions or builtin_editions()))),
            articles=tuple(entry.get("articles", ())),
            origin=str(path),
        )
    except ValueError as exc:
        raise _fail(path, rule_id, "", str(exc), str(exc)) from None
    if "require" in entry:
        rule.check(_require(entry["require"]))
    elif "identity" in entry:
        rule.check(_identity(rule_id, entry["identity"]))
    else:
        rule.check(_bound(entry["bound"]))
    return rule


def load_rule_file(path: Path, editions: Mapping[str, Edition] | None = None) -> list[Rule]:
    """Read, validate and build every rule of a YAML rule file."""
    editions = editions or builtin_editions()
    rules = []
    seen: set[str] = set()
    for entry in read_rule_file(path):
        if entry["id"] in seen:
            raise _fail(path, entry["id"], "id", "规则编号重复", "duplicate rule id")
        seen.add(entry["id"])
        _pattern_ok(path, entry)
        _check_keys(path, entry, editions)
        rules.append(rule_from_entry(path, entry, editions))
    return rules


class YamlRules:
    """A plugin that registers the rules of one YAML file (``rule-files:`` in the configuration)."""

    def __init__(self, path: Path, rules: list[Rule]) -> None:
        self.path = path
        self.rules = rules

    @classmethod
    def from_file(cls, path: Path, editions: Mapping[str, Edition] | None = None) -> YamlRules:
        return cls(path, load_rule_file(path, editions))

    @hookimpl
    def nianbao_register_rules(self, config: Config) -> list[Rule]:
        return list(self.rules)
