"""``nianbao diff`` for the terminal: the summary first, then the table cells that changed, then the
text, with deleted characters in ``[-…-]`` and inserted ones in ``{+…+}``."""

from __future__ import annotations

from nianbao.compare.model import CellChange
from nianbao.compare.model import Comparison
from nianbao.compare.model import KeyFigure
from nianbao.compare.model import ParagraphChange
from nianbao.compare.model import SectionComparison

WORDS = {
    "zh": {
        "title": "对比",
        "agency": "机关",
        "carried": "正文沿用上年",
        "sentences": "{total} 句中的 {same} 句，数字除外",
        "most": "变化最大的部分",
        "figures": "关键数字",
        "links": "跨年衔接",
        "findings": "跨年度检查",
        "none": "无",
        "tables": "统计表变化",
        "cells": "{n} 处",
        "text": "文字变化",
        "forced": "注意",
        "unchanged": "未变",
        "changed": "改写",
        "moved": "移动",
        "added": "新增",
        "removed": "删除",
        "flip": "由零变为非零或相反",
        "large": "大幅变化",
        "unread": "无法读取",
        "only-last": "仅上年有",
        "only-this": "仅本年有",
        "para": "段",
        "line": "第 {n} 行",
        "page": "第 {n} 页",
        "year": "{y} 年度",
        "edition": "{e} 版",
        "holds": "相符",
        "breaks": "不符",
        "same_tables": "两年统计表数值相同",
        "moved_from": "（原在“{s}”）",
    },
    "en": {
        "title": "Comparison",
        "agency": "Body",
        "carried": "Text carried over from last year",
        "sentences": "{same} of {total} sentences, figures aside",
        "most": "Sections that changed most",
        "figures": "Key figures",
        "links": "Links to last year's report",
        "findings": "Year-over-year checks",
        "none": "none",
        "tables": "Table changes",
        "cells": "{n} cells",
        "text": "Text changes",
        "forced": "Note",
        "unchanged": "unchanged",
        "changed": "changed",
        "moved": "moved",
        "added": "added",
        "removed": "removed",
        "flip": "zero in one year only",
        "large": "large change",
        "unread": "unreadable",
        "only-last": "last year only",
        "only-this": "this year only",
        "para": "paragraphs",
        "line": "line {n}",
        "page": "page {n}",
        "year": "{y}",
        "edition": "{e} edition",
        "holds": "holds",
        "breaks": "does not hold",
        "same_tables": "the tables' values are the same in both years",
        "moved_from": " (was under “{s}”)",
    },
}
EXCERPT = 60


def number(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def signed(value: int | float | None) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + number(value)


def percent(share: float | None, digits: int = 0) -> str:
    return "—" if share is None else f"{100 * share:.{digits}f}%"


def relative(share: float | None) -> str:
    return "" if share is None else f"{100 * share:+.1f}%"


def where(line: int | None, page: int | None, words: dict[str, str]) -> str:
    if page is not None:
        return words["page"].format(n=page)
    if line is not None:
        return words["line"].format(n=line)
    return ""


def side_text(comparison: Comparison, which: str, words: dict[str, str]) -> str:
    side = comparison.last if which == "last" else comparison.this
    parts = [words["year"].format(y=side.year) if side.year else None,
             words["edition"].format(e=side.edition) if side.edition else None, side.format]
    return f"{side.path}（{'，'.join(p for p in parts if p)}）"


def figure_line(figure: KeyFigure) -> str:
    unit = figure.unit if figure.unit != "%" else ""
    change = f"{signed(figure.change)}{unit}" if figure.change is not None else ""
    rel = relative(figure.relative) if figure.unit != "%" else ""
    tail = "，".join(p for p in (change, rel) if p)
    shown = (f"{number(figure.last)}% → {number(figure.this)}%" if figure.unit == "%"
             else f"{number(figure.last)} → {number(figure.this)}")
    return f"{figure.label}  {shown}" + (f"（{tail}）" if tail else "")


def cell_line(cell: CellChange, words: dict[str, str]) -> str:
    flags = "、".join(words[f] for f in cell.flags)
    change = f"  {signed(cell.change)}" if cell.change else ""
    rel = f"（{relative(cell.relative)}）" if cell.change and cell.relative is not None else ""
    tail = f"  [{flags}]" if flags else ""
    return f"{cell.label}  {number(cell.last)} → {number(cell.this)}{change}{rel}{tail}"


def marked(change: ParagraphChange) -> str:
    out = []
    for run in change.runs:
        if run.kind == "equal":
            keep = EXCERPT // 3
            out.append(run.text if len(run.text) <= 2 * keep else f"{run.text[:keep]}…{run.text[-keep:]}")
        elif run.kind == "delete":
            out.append(f"[-{run.text}-]")
        else:
            out.append(f"{{+{run.text}+}}")
    return "".join(out)


def excerpt(text: str | None) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def section_lines(section: SectionComparison, words: dict[str, str], indent: str = "  ") -> list[str]:
    counts = section.counts()
    if not any(counts[s] for s in ("changed", "moved", "added", "removed")):
        return []
    summary = "，".join(f"{words[s]} {counts[s]} {words['para']}"
                       for s in ("changed", "moved", "added", "removed", "unchanged") if counts[s])
    carried = f"；{words['carried']} {percent(section.carried)}" if section.carried is not None else ""
    lines = [f"{indent}{section.this_heading or section.last_heading or section.title}：{summary}{carried}"]
    for change in section.paragraphs:
        at = (where(change.this_line, change.this_page, words)
              or where(change.last_line, change.last_page, words))
        at = f"{at}: " if at else ""
        if change.status == "changed":
            lines.append(f"{indent}  ~ {at}{marked(change)}")
        elif change.status == "added":
            lines.append(f"{indent}  + {at}{excerpt(change.this)}")
        elif change.status == "removed":
            lines.append(f"{indent}  - {at}{excerpt(change.last)}")
        elif change.status == "moved" and change.moved_from:
            origin = words["moved_from"].format(s=change.moved_from)
            lines.append(f"{indent}  > {at}{excerpt(change.this)}{origin}")
    for sub in section.subsections:
        lines.extend(section_lines(sub, words, indent + "  "))
    return lines


def render(comparison: Comparison, lang: str = "zh") -> str:
    words = WORDS.get(lang, WORDS["zh"])
    last, this = side_text(comparison, "last", words), side_text(comparison, "this", words)
    lines = [f"{words['title']}：{last} → {this}"]
    if comparison.this.agency:
        lines.append(f"{words['agency']}：{comparison.this.agency}")
    for warning in comparison.warnings:
        lines.append(f"{words['forced']}：{warning}")
    if comparison.carried is not None:
        sentences = words["sentences"].format(total=comparison.sentences, same=comparison.carried_sentences)
        lines.append(f"{words['carried']}：{percent(comparison.carried)}（{sentences}）")
    most = comparison.most_changed()
    if most:
        lines.append(f"{words['most']}：" + "，".join(f"{s.title}（{percent(s.change_score)}）"
                                                    for s in most))
    if comparison.key_figures:
        lines.append(f"{words['figures']}：")
        lines.extend(f"  {figure_line(f)}" for f in comparison.key_figures)
    if comparison.links:
        broken = [link for link in comparison.links if not link.holds]
        held = f"{len(comparison.links)} {words['holds']}" if not broken else ""
        lines.append(f"{words['links']}：{held}")
        for link in broken:
            lines.append(f"  {link.label}：{number(link.this)}，{link.formula} = {number(link.expected)}  "
                         f"[{words['breaks']}]")
    lines.append(f"{words['findings']}：" + ("" if comparison.findings else words["none"]))
    lines.extend(f"  {f.rule_id} {f.message}" for f in comparison.findings)
    changed = [(t, [c for c in t.cells if c.change or c.flags]) for t in comparison.tables]
    lines.append(f"{words['tables']}：" + ("" if any(c for _, c in changed) else words["same_tables"]))
    for table, cells in changed:
        if not cells and not table.note:
            continue
        note = f"：{table.note}" if table.note else ""
        lines.append(f"  {table.number}（{words['cells'].format(n=len(cells))}）{note}")
        lines.extend(f"    {cell_line(c, words)}" for c in cells)
    text = [line for section in comparison.sections for line in section_lines(section, words)]
    if text:
        lines.append(f"{words['text']}：")
        lines.extend(text)
    return "\n".join(lines) + "\n"
