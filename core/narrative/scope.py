"""Whether a figure of the narrative is the whole reporting body's count for the report year.

A figure is ``certain`` when the sentence plainly states it for this body and year. Otherwise it
carries a reason: some reasons only make the figure doubtful (a rule may still warn, saying why),
others mean it describes no cell of this year's tables at all (another year, several years, a
part given in parentheses after its total, a clean-up of old documents) and is never compared.
"""

from __future__ import annotations

import re
from typing import Literal

from nianbao.lazyre import lazy_compile

Scope = Literal["certain", "ambiguous"]

SUB_UNIT = "sub-unit"
OTHER_BODY = "other-body"
SUBSET = "subset"
APPROXIMATE = "approximate"
OTHER_YEAR = "other-year"
PAST = "past"
CUMULATIVE = "cumulative"
PART = "part"
PARENTHESISED = "parenthesised"
UNIT = "unit"
LIBRARY = "library"
CLEAN_UP = "clean-up"
DOCUMENTS = "documents"

SCOPE_REASONS = {
    SUB_UNIT: ("句中的数字可能只是某一单位（“代表…受理”）的数，不是全部",
               "the figure may be one unit's count (\"on behalf of\"), not the whole body's"),
    OTHER_BODY: ("句中说的是下属部门、乡镇、街道等其他单位，数字可能不是本机关的全部",
                 "the sentence speaks of other bodies (departments, towns, sub-districts): "
                 "the figure may not be the whole body's"),
    SUBSET: ("句中的数字是“其中”的一部分", "the figure is a part (\"其中\") of a larger count"),
    APPROXIMATE: ("句中的数字是约数（“余”“多”）", "the figure is approximate (\"余\", \"多\")"),
    OTHER_YEAR: ("句中的数字属于另一年度", "the figure belongs to another year"),
    PAST: ("句中同时说到往年（去年、同比），数字可能不是本年度的",
           "the sentence speaks of past years too (last year, year on year): "
           "the figure may not be this year's"),
    CUMULATIVE: ("句中的数字是历年或截至某日的累计数，不是本年度的",
                 "the figure is a running total over several years, not this year's"),
    PART: ("句中的数字在括号内，是前面总数的分项",
           "the figure is a part, in parentheses, of the total before it"),
    PARENTHESISED: ("句中的数字在括号内的分项说明里，口径可能与表中不同",
                    "the figure is inside a parenthesised breakdown and may count something narrower"),
    UNIT: ("句中的单位（“项”“个”）不是申请、案件通常的单位“件”",
           "the unit (\"项\", \"个\") is not the usual unit of applications or cases (\"件\")"),
    LIBRARY: ("句中说的是规范性文件库所收的文件，库中所收可能与年末现行有效件数不同",
              "the sentence speaks of a document library, whose holdings may differ from the year-end "
              "count of documents in force"),
    DOCUMENTS: ("叙述中的文件件数可能含部门文件或其他文件，口径可能与表二“行政规范性文件”不同",
                "a count of documents in the narrative may take in departmental or other documents: "
                "its scope may differ from the normative documents of 表二"),
    CLEAN_UP: ("句中的数字是清理、梳理的文件数，不是本年制发或现行有效件数",
               "the figure counts documents reviewed in a clean-up, not documents issued or in force"),
}

# Reasons that mean the figure describes no cell of this year's tables: it is never compared.
NOT_COMPARED = frozenset({OTHER_YEAR, CUMULATIVE, PART, CLEAN_UP})

_YEAR = lazy_compile(r"(\d{4})年")
_YEAR_SPAN = lazy_compile(r"\d{4}\s*(?:年\s*)?[-—–至到]\s*\d{4}\s*年")
# Markers of a running total: "历年", "截至目前", "2019年以来", "近三年". "累计" alone is not one:
# "全年累计发布信息405条" is this year's.
_CUMULATIVE = lazy_compile(r"历年|往年|以来|截至|截止|至今|迄今|多年|近[一二三四五两六七八九十\d]+年")
_PAST = lazy_compile(r"去年|上年|上一年|同比|较\d{4}年")
_CLEAN_UP = lazy_compile(r"清理|梳理|审查|评估|废止")
_LIBRARY = lazy_compile(r"文件库|数据库|资料库")
# Counts of bodies below the reporting one ("各乡镇", "区直各部门") unless the sentence says it sums
# them up for the whole area ("全区各部门共…").
_OTHER_BODY = lazy_compile(r"各部门|各单位|各乡镇|各街道|各县|各镇|各区|区直|市直|县直|省直"
                           r"|下属|所属|乡镇|街道")
_WHOLE = lazy_compile(r"全区|全市|全县|全省|全州|全旗|全盟|全镇|全乡|全系统|合计|汇总"
                      r"|(?:本|我)(?:街道|镇|乡|部门|单位|局|委|办|区|市|县)")


# Up to the last "；" before a place: greedy, so it runs to the place and steps back to the mark
# (in C, where max() of one rfind() for each mark costs several calls).
_TO_SEMICOLON = lazy_compile(r".*[；;]", re.S)


def since_semicolon(text: str, position: int) -> str:
    """The text from the last "；" (or the sentence start) up to ``position``."""
    cut = _TO_SEMICOLON.match(text, 0, position)
    return text[cut.end() if cut else 0: position]


def in_parentheses(text: str, position: int) -> bool:
    """More parentheses open than close before ``position``."""
    count = text.count
    opened = count("（", 0, position) + count("(", 0, position)
    return opened > count("）", 0, position) + count(")", 0, position)


def year_scope(segment: str, report_year: int | None) -> str | None:
    """Another year, several years or the past named in ``segment``, the clause before a figure
    since the last "；" (:func:`since_semicolon`): the reason."""
    dated = "年" in segment  # a span of years and a year both end in 年: without it, neither is sought
    if (dated and _YEAR_SPAN.search(segment)) or _CUMULATIVE.search(segment):
        return CUMULATIVE
    if dated and report_year is not None and {int(y) for y in _YEAR.findall(segment)} - {report_year}:
        return OTHER_YEAR
    return None


def body_scope(segment: str) -> str | None:
    """Another body's count, or one unit's on the whole body's behalf, named in ``segment`` (see
    :func:`year_scope`): the reason."""
    if "代表" in segment:
        return SUB_UNIT
    if _OTHER_BODY.search(segment) and not _WHOLE.search(segment):
        return OTHER_BODY
    return None


def past_named(clause: str) -> bool:
    return bool(_PAST.search(clause))


def clean_up_named(clause: str) -> bool:
    return bool(_CLEAN_UP.search(clause))


def library_named(segment: str) -> bool:
    return bool(_LIBRARY.search(segment))
