"""``nianbao diff --format html``: one self-contained page (no network), the summary on top, every
table cell side by side with the changed ones highlighted, the text of both years side by side."""

from __future__ import annotations

from pathlib import Path

import jinja2
from nianbao import __version__
from nianbao.compare.model import Comparison
from nianbao.compare.outputs.text import number
from nianbao.compare.outputs.text import percent
from nianbao.compare.outputs.text import relative
from nianbao.compare.outputs.text import signed
from nianbao.reporters.html import environment as review_environment

WORDS = {
    "zh": {
        "page_title": "年度报告对比",
        "last": "上年",
        "this": "本年",
        "summary": "摘要",
        "carried": "正文沿用上年",
        "sentences": "{total} 句中的 {same} 句，数字除外",
        "most": "变化最大的部分",
        "figure": "关键数字",
        "change": "变化",
        "relative": "相对变化",
        "links": "跨年衔接",
        "holds": "相符",
        "breaks": "不符",
        "none": "无",
        "findings": "跨年度检查",
        "tables": "统计表",
        "only_changed": "只显示有变化的单元格",
        "cell": "单元格",
        "text": "文字",
        "changed": "改写",
        "moved": "移动",
        "added": "新增",
        "removed": "删除",
        "flip": "零与非零互变",
        "large": "大幅变化",
        "unread": "无法读取",
        "only-last": "仅上年有",
        "only-this": "仅本年有",
        "forced": "注意",
        "error": "错误",
        "warning": "警告",
        "note": "提示",
        "footer": "由 nianbao 生成。表格只列出有变化的单元格时，可取消勾选以显示全部。",
    },
    "en": {
        "page_title": "Annual report comparison",
        "last": "Last year",
        "this": "This year",
        "summary": "Summary",
        "carried": "Text carried over",
        "sentences": "{same} of {total} sentences, figures aside",
        "most": "Sections that changed most",
        "figure": "Key figure",
        "change": "Change",
        "relative": "Relative",
        "links": "Links to last year's report",
        "holds": "holds",
        "breaks": "does not hold",
        "none": "none",
        "findings": "Year-over-year checks",
        "tables": "Tables",
        "only_changed": "Show changed cells only",
        "cell": "Cell",
        "text": "Text",
        "changed": "changed",
        "moved": "moved",
        "added": "added",
        "removed": "removed",
        "flip": "zero in one year only",
        "large": "large change",
        "unread": "unreadable",
        "only-last": "last year only",
        "only-this": "this year only",
        "forced": "Note",
        "error": "error",
        "warning": "warning",
        "note": "note",
        "footer": "Written by nianbao. Untick the box above the tables to show every cell.",
    },
}

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment() -> jinja2.Environment:
    """The comparison's templates, over the reviewer's page shell and style (base.html.j2)."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(TEMPLATES), review_environment().loader])
    return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render(comparison: Comparison, lang: str = "zh") -> str:
    template = environment().get_template("diff.html.j2")
    return template.render(c=comparison, w=WORDS.get(lang, WORDS["zh"]), lang=lang, num=number, signed=signed,
                           pct=percent, rel=relative, html_lang="zh-CN" if lang == "zh" else "en",
                           version=__version__)
