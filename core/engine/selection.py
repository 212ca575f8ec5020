"""Rule selectors checked against the catalogue: a misspelt ID in ``--select``, ``--ignore`` or the
configuration would select nothing and let a run pass, so each unknown one is named with the
closest known IDs."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from nianbao.config.settings import Config
from nianbao.model.rule import Rule


def selectors(config: Config) -> list[tuple[str, str]]:
    """Every rule selector of the configuration, each with where it was given."""
    found = [(s, "select") for s in config.select] + [(s, "ignore") for s in config.ignore]
    found += [(s, "severity") for s in config.severity]
    for override in config.overrides:
        found += [(s, "overrides.select") for s in override.select or ()]
        found += [(s, "overrides.ignore") for s in override.ignore]
        found += [(s, "overrides.severity") for s in override.severity]
    found += [(a.rule, "accept") for a in config.accept if a.rule is not None]
    return found


def unknown_selectors(config: Config, rules: Sequence[Rule]) -> list[str]:
    """One line per selector that names no rule and no family of rules, with the closest IDs."""
    ids = [r.id for r in rules]
    families = sorted({r.id.rstrip("0123456789") for r in rules})
    problems = []
    for selector, where in selectors(config):
        if selector == "ALL" or any(i.startswith(selector) for i in ids):
            continue
        close = difflib.get_close_matches(selector, ids + families, n=3, cutoff=0.5)
        family = selector.rstrip("0123456789")
        # nothing alike (XYZ999): a family no rule has, so name the families there are
        strange = not close and family not in families
        if config.lang == "en":
            hint = (f"; closest: {', '.join(close)}" if close else
                    f"; no rule family {family}, the families are {', '.join(families)}" if strange
                    else "; `nianbao rules` lists them all")
            problems.append(f"{where}: unknown rule ID {selector}{hint}")
        else:
            hint = (f"；最接近的是 {', '.join(close)}" if close else
                    f"；没有 {family} 规则族，现有的规则族是 {', '.join(families)}" if strange
                    else "；`nianbao rules` 列出全部规则")
            problems.append(f"{where}: 没有规则 {selector}（unknown rule ID）{hint}")
    return problems


def unknown_rule_text(rule_id: str, rules: Sequence[Rule], lang: str) -> str:
    """Why ``rule_id`` names no rule, with the closest IDs (for ``nianbao explain``)."""
    close = ", ".join(difflib.get_close_matches(rule_id.upper(), [r.id for r in rules], n=3, cutoff=0.5))
    if lang == "en":
        hint = f"closest: {close}" if close else "`nianbao rules` lists them"
        return f"unknown rule ID {rule_id}; {hint}"
    hint = f"最接近的是 {close}" if close else "`nianbao rules` 列出全部规则"
    return f"没有规则 {rule_id}（unknown rule ID）；{hint}"
