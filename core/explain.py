"""Rule documentation for people: ``nianbao rules`` and ``nianbao explain``."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from nianbao.format.regulation import articles_text
from nianbao.model.rule import Rule

_SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "note": "提示"},
    "en": {"error": "error", "warning": "warning", "note": "note"},
}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def rules_table(rules: Sequence[Rule], lang: str = "zh") -> str:
    head = ("ID", "名称" if lang == "zh" else "name", "级别" if lang == "zh" else "severity",
            "版本" if lang == "zh" else "editions", "标题" if lang == "zh" else "title")
    rows = [head] + [
        (r.id, r.name, _SEVERITY[lang][r.severity], r.edition_text, r.title if lang == "zh" else r.title_en)
        for r in rules
    ]
    widths = [max(_width(row[i]) for row in rows) for i in range(4)]
    table = "\n".join(
        "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4] for row in rows
    )
    scoped: dict[str, list[str]] = {}
    for rule in rules:
        if rule.scope is not None:
            scoped.setdefault(rule.scope.text(lang), []).append(rule.id)
    for where, ids in scoped.items():
        table += ("\n\n" + ", ".join(ids) + (" apply only to: " if lang == "en" else " 仅适用于：") + where)
    return table


def explain_text(rule: Rule, lang: str = "zh") -> str:
    """The rule's header (ID, name, severity, editions, years, source) followed by its doc."""
    if lang == "en":
        header = [
            f"{rule.id} {rule.name}: {rule.title_en}",
            f"severity: {rule.severity}   editions: {rule.edition_text.replace('全部', 'all')}   "
            f"report years: {rule.year_text.replace('全部', 'all')}",
            f"source (official Chinese): {rule.source}",
        ]
    else:
        header = [
            f"{rule.id} {rule.name}：{rule.title}",
            f"级别：{_SEVERITY['zh'][rule.severity]}   适用版本：{rule.edition_text}   "
            f"适用年度：{rule.year_text}",
            f"依据：{rule.source}",
        ]
    for variant, lowering in rule.lowered.items():
        level = _SEVERITY[lang][lowering["severity"]]
        why = lowering.get(lang, lowering["zh"])
        header.append(f"lowered to {level} ({variant}): {why}" if lang == "en"
                      else f"降为{level}（{variant}）：{why}")
    if rule.scope is not None:
        header.append(("applies to: " if lang == "en" else "适用范围：") + rule.scope.text(lang))
    if rule.origin != "nianbao":
        header.append(("来自插件：" if lang == "zh" else "from plugin: ") + rule.origin)
    doc = rule.doc_text(lang)
    if doc is None:
        header.append("(this rule's documentation has no English version; it follows in Chinese)")
        doc = rule.doc_text("zh")
    text = "\n".join(header) + "\n\n" + (doc or "") + "\n"
    cited = articles_text(rule.articles)
    if cited:
        heading = "条例原文" if lang == "zh" else "Regulation text (official Chinese)"
        text += "\n## " + heading + "\n\n" + cited + "\n"
    return text
