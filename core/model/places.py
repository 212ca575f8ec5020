"""Positions a person can follow: a source reference (line, page, locator) in words.

Text, Markdown and HTML have lines; Word files have numbered tables, rows, cells and paragraphs
(the DOCX loader's ``table[2]/row[27]/cell[4]``, ``paragraph[12]``); PDF files have pages with
tables, rows and cells (``page 3, table 1, row 27, cell 4``). A place is printed the way a clerk
would look for it in the file they have open.
"""

from __future__ import annotations

import re

_DOCX_CELL = re.compile(r"^table\[(\d+)\]/row\[(\d+)\]/cell\[(\d+)\]$")
_DOCX_TABLE = re.compile(r"^table\[(\d+)\]$")
_DOCX_PARAGRAPH = re.compile(r"^paragraph\[(\d+)\]$")
_PDF_CELL = re.compile(r"^page (\d+), table (\d+), row (\d+), cell (\d+)$")
_PDF_TABLE = re.compile(r"^page (\d+), table (\d+)$")


def place_words(line: int | None, page: int | None, locator: str | None, lang: str = "zh") -> str:
    """The place in words, or "" when nothing is known: a line where the source has lines,
    otherwise the table, row and column (or paragraph) the locator names, with the page."""
    en = lang == "en"
    if line is not None:
        return f"line {line}" if en else f"第{line}行"
    text = (locator or "").strip()
    if match := _DOCX_CELL.match(text):
        table, row, cell = match.groups()
        return f"table {table}, row {row}, column {cell}" if en else f"第{table}个表格第{row}行第{cell}列"
    if match := _DOCX_TABLE.match(text):
        return f"table {match.group(1)}" if en else f"第{match.group(1)}个表格"
    if match := _DOCX_PARAGRAPH.match(text):
        return f"paragraph {match.group(1)}" if en else f"第{match.group(1)}段"
    if match := _PDF_CELL.match(text):
        pg, table, row, cell = match.groups()
        return (f"page {pg}, table {table}, row {row}, column {cell}" if en
                else f"第{pg}页第{table}个表格第{row}行第{cell}列")
    if match := _PDF_TABLE.match(text):
        pg, table = match.groups()
        return f"page {pg}, table {table}" if en else f"第{pg}页第{table}个表格"
    if page is not None:
        return f"page {page}" if en else f"第{page}页"
    return ""
