"""Report metadata read from the text: title, agency, report year, body type."""

from __future__ import annotations

import re
from pathlib import Path

from nianbao.model.document import Document

_TITLE = re.compile(r"(政府信息公开|政务公开).{0,6}(工作)?年度?报告|信息公开年报")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(r"(?:统计|数据)[^。]{0,30}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_GOVERNMENT = re.compile(
    r"(人民政府|政府|管理委员会|管委会|实验区|新区|开发区|区|县|市|省|镇|乡|街道办事处)$"
)
_DEPARTMENT = re.compile(r"(局|委员会|委|厅|办公室|办|中心|院|署|部|处|站|所|队)$")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def detect_meta(document: Document, title_hint: str | None = None) -> None:
    """Fill ``document.meta`` from the title, the statistics-period sentence and the file name."""
    meta = document.meta
    title = _find_title(document, title_hint)
    meta.title = title
    if title:
        match = _YEAR_IN_TITLE.search(title)
        if match:
            meta.report_year, meta.report_year_source = int(match.group(1)), "title"
        meta.agency = agency_from_title(title)
    if meta.report_year is None:
        for paragraph in document.paragraphs():
            match = _PERIOD.search(paragraph.text)
            if match:
                meta.report_year, meta.report_year_source = int(match.group(1)), "period"
                break
    if meta.report_year is None:
        match = _FILE_YEAR.search(Path(document.source.path).name)
        if match:
            meta.report_year, meta.report_year_source = int(match.group(1)), "filename"
    if meta.agency:
        meta.body_type = body_type(meta.agency)


def _find_title(document: Document, title_hint: str | None) -> str | None:
    if title_hint and _TITLE.search(title_hint):
        return title_hint.strip()
    for paragraph in document.preamble[:8]:
        text = paragraph.text.strip()
        if len(text) <= 80 and _TITLE.search(text):
            return text
    return title_hint.strip() if title_hint else None


def agency_from_title(title: str) -> str | None:
    """The issuing body named in a title such as ``XX区人民政府2020年政府信息公开工作年度报告``
    or ``2019年XX市人民政府办公厅政府信息公开工作年度报告``."""
    text = re.sub(r"\s+", "", title)
    text = re.sub(r"^(关于)?", "", text)
    match = re.match(r"^(.*?)(?:(?:19|20)\d{2}年度?)?(?:政府信息公开|政务公开)", text)
    before = match.group(1) if match else ""
    before = re.sub(r"^(?:19|20)\d{2}年度?|(?:19|20)\d{2}年度?$", "", before)
    if before:
        return before
    match = re.match(r"^(?:19|20)\d{2}年度?(.*?)(?:政府信息公开|政务公开)", text)
    if match and match.group(1):
        return match.group(1)
    return None


def body_type(agency: str) -> str | None:
    """``government`` for a people's government (deadline 3月31日), ``department`` for one of its
    departments (1月31日), None when the name does not say."""
    name = agency.strip()
    if re.search(r"人民政府$|管理委员会$|管委会$", name):
        return "government"
    if _DEPARTMENT.search(name):
        return "department"
    if _GOVERNMENT.search(name):
        return "government"
    return None


def iso_date(text: str) -> str | None:
    """The first date written in ``text`` (2023-01-05, 2023/1/5, 2023年1月5日, spaces allowed) as
    ``YYYY-MM-DD``; None when there is none, or its month or day is out of range."""
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
