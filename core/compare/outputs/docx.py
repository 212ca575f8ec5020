"""``nianbao diff --format docx``: the comparison as a Word document for offices that work in Word: the
summary, the key figures and every changed table cell as Word tables, and the text changes with
deletions struck through and insertions underlined."""

from __future__ import annotations

import io

from docx import Document as WordDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from nianbao.compare.model import Comparison
from nianbao.compare.model import SectionComparison
from nianbao.compare.outputs.html import WORDS
from nianbao.compare.outputs.text import number
from nianbao.compare.outputs.text import percent
from nianbao.compare.outputs.text import relative
from nianbao.compare.outputs.text import signed

_FONT = "宋体"


def _shade(cell: object, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _table(document: object, header: list[str], rows: list[tuple[list[str], str | None]]) -> None:
    table = document.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        _shade(cell, "EAEEF2")
    for values, colour in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
            if colour:
                _shade(cell, colour)


def _section_text(document: object, section: SectionComparison, w: dict[str, str], level: int) -> None:
    counts = section.counts()
    if not any(counts[s] for s in ("changed", "moved", "added", "removed")):
        return
    heading = section.this_heading or section.last_heading or section.title
    document.add_heading(heading, level=min(level, 4))  # type: ignore[attr-defined]
    for change in section.paragraphs:
        if change.status in ("unchanged",) or (change.status == "moved" and not change.moved_from):
            continue
        paragraph = document.add_paragraph()  # type: ignore[attr-defined]
        label = paragraph.add_run(f"［{w[change.status]}］")
        label.bold = True
        if change.status == "changed":
            for run in change.runs:
                piece = paragraph.add_run(run.text)
                if run.kind == "delete":
                    piece.font.strike = True
                    piece.font.highlight_color = WD_COLOR_INDEX.PINK
                elif run.kind == "insert":
                    piece.font.underline = True
                    piece.font.highlight_color = WD_COLOR_INDEX.BRIGHT_GREEN
        elif change.status == "added":
            paragraph.add_run(change.this or "").font.underline = True
        elif change.status == "removed":
            paragraph.add_run(change.last or "").font.strike = True
        else:
            paragraph.add_run(f"{change.this}（{change.moved_from}）")
    for sub in section.subsections:
        _section_text(document, sub, w, level + 1)


def render(comparison: Comparison, lang: str = "zh") -> bytes:
    w = WORDS.get(lang, WORDS["zh"])
    document = WordDocument()
    style = document.styles["Normal"]
    style.font.name = _FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), _FONT)
    title = comparison.this.agency or comparison.this.path
    document.add_heading(f"{w['page_title']}：{title}", level=0)
    document.add_paragraph(f"{w['last']}：{comparison.last.path}（{comparison.last.year or '—'}）  "
                           f"{w['this']}：{comparison.this.path}（{comparison.this.year or '—'}）")
    for warning in comparison.warnings:
        document.add_paragraph(f"{w['forced']}：{warning}")

    document.add_heading(w["summary"], level=1)
    sentences = w["sentences"].format(total=comparison.sentences, same=comparison.carried_sentences)
    document.add_paragraph(f"{w['carried']}：{percent(comparison.carried)}（{sentences}）")
    most = comparison.most_changed()
    if most:
        shown = "，".join(f"{s.title}（{percent(s.change_score)}）" for s in most)
        document.add_paragraph(f"{w['most']}：{shown}")
    if comparison.key_figures:
        _table(document, [w["figure"], w["last"], w["this"], w["change"], w["relative"]], [
            ([f.label, number(f.last), number(f.this), signed(f.change),
              relative(f.relative) if f.unit != "%" else ""], "FFF8E1" if f.change else None)
            for f in comparison.key_figures
        ])
    if comparison.links:
        document.add_heading(w["links"], level=2)
        _table(document, [w["links"], w["this"], "", ""], [
            ([link.label, number(link.this), f"{link.formula} = {number(link.expected)}",
              w["holds"] if link.holds else w["breaks"]], None if link.holds else "FFEBE9")
            for link in comparison.links
        ])
    document.add_heading(w["findings"], level=2)
    if comparison.findings:
        for finding in comparison.findings:
            document.add_paragraph(f"{finding.rule_id} {finding.message}", style="List Bullet")
    else:
        document.add_paragraph(w["none"])

    document.add_heading(w["tables"], level=1)
    for table in comparison.tables:
        changed = [c for c in table.cells if c.change or c.flags]
        document.add_heading(f"{table.number} {table.title}", level=2)
        if table.note:
            document.add_paragraph(table.note)
        if not changed:
            document.add_paragraph(w["none"])
            continue
        _table(document, [w["cell"], w["last"], w["this"], w["change"], w["relative"]], [
            ([c.label, number(c.last), number(c.this), signed(c.change) if c.change else "",
              relative(c.relative) if c.change else ""],
             "FFEBE9" if {"flip", "large"} & set(c.flags) else "FFF8E1")
            for c in changed
        ])

    document.add_heading(w["text"], level=1)
    for section in comparison.sections:
        _section_text(document, section, w, 2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
