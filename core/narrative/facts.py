"""Quantitative claims of the narrative: "共接到政府信息公开申请32件" → applications.received.total = 32.

Each :class:`Fact` keeps the sentence it was read from, the paragraph's source, the metric (a
template cell key or a group of cells, see :mod:`nianbao.narrative.metrics`) and its scope:
``certain`` when the sentence plainly states the figure for the whole reporting body and year,
``ambiguous`` (with the reason) when it may count something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from nianbao.format.numerals import ARABIC
from nianbao.format.numerals import NUMBER
from nianbao.format.numerals import decimals
from nianbao.format.numerals import fold
from nianbao.format.numerals import parse_number
from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.narrative.sentences import Sentence
from nianbao.narrative.sentences import sentences

Scope = Literal["certain", "ambiguous"]

# Why a figure's scope is doubtful; the rules print the matching sentence of SCOPE_REASONS.
SUB_UNIT = "sub-unit"
SUBSET = "subset"
APPROXIMATE = "approximate"
OTHER_YEAR = "other-year"
PAST = "past"
SCOPE_REASONS = {
    SUB_UNIT: ("句中的数字可能只是某一单位（“代表…受理”）的数，不是全部",
               "the figure may be one unit's count (\"on behalf of\"), not the whole body's"),
    SUBSET: ("句中的数字是“其中”的一部分", "the figure is a part (\"其中\") of a larger count"),
    APPROXIMATE: ("句中的数字是约数（“余”“多”）", "the figure is approximate (\"余\", \"多\")"),
    OTHER_YEAR: ("句中的数字属于另一年度", "the figure belongs to another year"),
    PAST: ("句中同时说到往年（去年、同比、历年），数字可能不是本年度的",
           "the sentence speaks of past years too (last year, year on year, all years): "
           "the figure may not be this year's"),
}

_STOP = "，,。；;"
_GAP = rf"[^{_STOP}\d]"
UNIT = r"(?P<approx>余|多)?\s*(?P<unit>件|起|宗|个|条|项|份)"
_NUM = rf"(?P<n>{NUMBER})"
_NEXT_YEAR = r"(?:下一?年度?|下年度?|\d{4}年度?)"
_REVIEW_RESULT = re.compile(r"维持|纠正|审结|结案|撤销|确认|败诉|胜诉")


@dataclass(frozen=True, slots=True)
class Fact:
    metric: str
    value: int | float
    written: str
    sentence: str
    ref: SourceRef
    paragraph: int
    start: int
    end: int
    scope: Scope = "certain"
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class _Pattern:
    metric: str
    regex: re.Pattern[str]
    forbid: re.Pattern[str] | None = None


def _p(metric: str, pattern: str, forbid: str | None = None) -> _Pattern:
    return _Pattern(metric, re.compile(pattern), re.compile(forbid) if forbid else None)


# A change against last year ("较去年增加12件") is not a count of this year's applications.
_NOT_APPLICATIONS = (r"复议|诉讼|案件|咨询|信箱|留言|信息数|投诉|来电|来信|建议|提案|议案"
                     r"|增加|减少|增长|下降|上升|回落")

# Order matters: a span taken by an earlier pattern is not read again by a later one.
PATTERNS: tuple[_Pattern, ...] = (
    _p("applications.carried_over.total", rf"(?:上一?年度?|去年)结转(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}"),
    _p("applications.carried_forward.total",
       rf"(?:结转|转入|转办|转至|顺延|延期)(?:办理)?(?:至|到|入)?{_NEXT_YEAR}(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}"),
    _p("applications.carried_forward.total",
       rf"{_NUM}{UNIT}(?P<mid>{_GAP}{{0,12}}?)(?:结转|转入|转办|转至|顺延|延期)(?:办理)?(?:至|到|入)?{_NEXT_YEAR}"),
    _p("applications.received.total",
       rf"(?:收到|接到|接收|受理|收悉|新收)(?P<mid>{_GAP}{{0,30}}?申请{_GAP}{{0,10}}?){_NUM}{UNIT}",
       _NOT_APPLICATIONS),
    _p("applications.received.total",
       rf"(?:收到|接到|接收|受理|收悉|新收)(?P<mid>各类|共|共计|了)?{_NUM}{UNIT}(?:政府信息公开|依申请公开)?申请",
       _NOT_APPLICATIONS),
    _p("applications.total.total", rf"(?:办结|答复|办理完毕|处理完毕)(?P<mid>{_GAP}{{0,15}}?){_NUM}{UNIT}",
       _NOT_APPLICATIONS + r"|期限|率"),
    _p("applications.granted_or_partial.total",
       rf"予以公开(?:及|和|与|、|或)部分公开(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息"),
    _p("applications.granted.total",
       rf"(?<![不及和与、或])予以公开(?![及和与、或]部分公开)(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息"),
    _p("applications.partially_granted.total",
       rf"(?<![及和与、或])部分公开(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息"),
    _p("applications.withheld.total", rf"不予公开(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息"),
    _p("applications.unavailable.total", rf"无法提供(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息"),
    _p("applications.rejected.total", rf"不予处理(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}"),
    _p("applications.other_handling.total", rf"其他处理(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}"),
    _p("reviews.cases.review_total", rf"(?:行政)?复议(?!后)(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}",
       _REVIEW_RESULT.pattern + r"|诉讼"),
    _p("reviews.cases.litigation_total", rf"(?:行政)?诉讼(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}",
       _REVIEW_RESULT.pattern + r"|复议"),
    _p("active_disclosure.normative_documents.in_force",
       rf"现行有效的?(?:行政)?规范性文件(?P<mid>{_GAP}{{0,4}}?){_NUM}{UNIT}"),
    _p("active_disclosure.normative_documents.issued",
       rf"(?:制发|印发|出台)(?P<mid>{_GAP}{{0,10}}?)规范性文件{_GAP}{{0,4}}?{_NUM}{UNIT}", r"《"),
    _p("fees.processing",
       rf"(?:收取|收缴)(?P<mid>{_GAP}{{0,10}}?)处理费{_GAP}{{0,4}}?(?P<n>{ARABIC})\s*(?P<unit>万元|元)"),
)

APPLICANTS = {
    "自然人": "natural_person", "商业企业": "business", "科研机构": "research",
    "社会公益组织": "public_interest", "法律服务机构": "legal_services",
    "法人或其他组织": "legal_entities", "法人和其他组织": "legal_entities",
}
_APPLICANT = re.compile(rf"(?P<col>{'|'.join(APPLICANTS)})(?:提出|申请|的申请){{0,2}}{_NUM}{UNIT}")
_APPLICANT_ROWS = ("applications.received.", "applications.carried_over.", "applications.total.",
                   "applications.received_and_carried_over.")
# "75件（含上年结转1件）", "75件，其中上年结转1件": the count is 新收 + 上年结转.
_INCLUDES_CARRIED_OVER = re.compile(
    r"\s*(?:[（(]\s*(?:其中)?|[，,]\s*其中\s*)?(?:(?:含|包括|包含)(?:有)?)?(?:上一?年度?|去年)结转")
_RESULTS = {"维持": "upheld", "纠正": "corrected", "撤销": "corrected", "其他结果": "other",
            "尚未审结": "pending", "未审结": "pending", "正在审理": "pending", "审理中": "pending"}
_CASE_RESULT = re.compile(
    rf"(?:结果)?(?P<result>{'|'.join(_RESULTS)})(?:原?(?:行政)?(?:行为|决定|答复))?的?{_GAP}{{0,4}}?{_NUM}{UNIT}")
_DIGITS = "0123456789"
# A Chinese numeral counts only before a unit of cases: "三个一" is a slogan, not three applications.
_COUNT_UNITS = ("件", "起", "宗", "份")
_YEAR = re.compile(r"(\d{4})年")
# A count of the reporting body's own that only runs on another body's behalf (“区政府办代表区政府受理”).
_ON_BEHALF = re.compile(r"代表")
# Requests of other kinds (hotline, mailbox, complaints) counted in the same breath are not applications.
_OTHER_REQUESTS = re.compile(r"咨询|信箱|留言|投诉|来电|来信|热线|12345|建议|提案|议案")


def _segment(text: str, match: re.Match[str]) -> str:
    """The text from the last "；" (or the sentence start) to the end of the match."""
    cut = max(text.rfind(c, 0, match.start()) for c in "；;")
    return text[cut + 1: match.end()]


def _clause_start(text: str, position: int) -> int:
    cut = max(text.rfind(c, 0, position) for c in _STOP)
    return cut + 1


def _scope(text: str, match: re.Match[str], metric: str, report_year: int | None) -> tuple[Scope, str | None]:
    before = text[: match.start("n")]
    clause = text[_clause_start(text, match.start()): match.start("n")]
    if match.groupdict().get("approx"):
        return "ambiguous", APPROXIMATE
    since_semicolon = before[max(before.rfind(c) for c in "；;") + 1:]
    if _ON_BEHALF.search(since_semicolon) and metric.startswith("applications."):
        return "ambiguous", SUB_UNIT
    whole_counts = ("applications.received", "applications.total")
    if clause.lstrip().startswith("其中") and metric.startswith(whole_counts):
        return "ambiguous", SUBSET
    if report_year is not None and "carried" not in metric:
        years = {int(y) for y in _YEAR.findall(clause)}
        if years - {report_year}:
            return "ambiguous", OTHER_YEAR
    if re.search(r"去年|上年|同比|历年|截至目前|截至今", clause) and "carried" not in metric:
        return "ambiguous", PAST
    return "certain", None


def _facts_in(sentence: Sentence, report_year: int | None) -> Iterator[Fact]:
    text = fold(sentence.text)
    taken: list[tuple[int, int]] = []
    found: list[Fact] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern in PATTERNS:
        for match in pattern.regex.finditer(text):
            span = (match.start("n"), match.end("unit"))
            mid = match.groupdict().get("mid") or ""
            if not free(*span) or (pattern.forbid and pattern.forbid.search(mid)):
                continue
            clause = text[_clause_start(text, match.start()): match.end()]
            if pattern.metric.startswith("applications.") and re.search(r"复议|诉讼", clause):
                continue
            if pattern.metric.startswith("applications.") and _OTHER_REQUESTS.search(_segment(text, match)):
                continue
            if pattern.metric.endswith(".in_force") and "清理" in clause:
                # A count "after the clean-up" is dated before year end: it is not the table's figure.
                continue
            value = parse_number(match.group("n"))
            chinese = match.group("n")[0] not in _DIGITS
            if value is None or (chinese and match.group("unit") not in _COUNT_UNITS):
                continue
            metric = pattern.metric
            if metric == "applications.received.total" and _INCLUDES_CARRIED_OVER.match(text, match.end()):
                metric = "applications.received_and_carried_over.total"
            scope, reason = _scope(text, match, metric, report_year)
            taken.append(span)
            found.append(Fact(metric, value, sentence.text[span[0]:span[1]], sentence.text, sentence.ref,
                              sentence.paragraph, span[0], span[1], scope, reason))
    found.sort(key=lambda f: f.start)
    for match in _APPLICANT.finditer(text):
        span = (match.start("n"), match.end("unit"))
        rows = [f for f in found if f.start < match.start() and f.metric.startswith(_APPLICANT_ROWS)]
        value = parse_number(match.group("n"))
        if not rows or value is None or not free(*span):
            continue
        row = rows[-1]
        metric = row.metric.rsplit(".", 1)[0] + "." + APPLICANTS[match.group("col")]
        taken.append(span)
        found.append(Fact(metric, value, sentence.text[span[0]:span[1]], sentence.text, sentence.ref,
                          sentence.paragraph, span[0], span[1], row.scope, row.reason))
    found.extend(_case_results(text, sentence, free, taken))
    found.sort(key=lambda f: f.start)
    yield from found


def _case_results(text: str, sentence: Sentence, free: Callable[[int, int], bool],
                  taken: list[tuple[int, int]]) -> Iterator[Fact]:
    """“行政复议7件，其中维持5件、纠正1件”: each result belongs to the kind of case named last before it."""
    for match in _CASE_RESULT.finditer(text):
        span = (match.start("n"), match.end("unit"))
        value = parse_number(match.group("n"))
        if value is None or not free(*span) or match.group("approx"):
            continue
        before = text[: match.start()].replace("复议后起诉", "起诉")
        review, litigation = before.rfind("复议"), max(before.rfind("诉讼"), before.rfind("起诉"))
        if review < 0 and litigation < 0:
            continue
        kind = "review" if review > litigation else "litigation"
        taken.append(span)
        yield Fact(f"reviews.cases.{kind}_{_RESULTS[match.group('result')]}", value,
                   sentence.text[span[0]:span[1]], sentence.text, sentence.ref, sentence.paragraph, *span)


def extract_facts(document: Document) -> tuple[Fact, ...]:
    """Every quantitative claim of the narrative, in reading order (worked out once per document)."""
    return document.derived(_facts)


def _facts(document: Document) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    for sentence in sentences(document):
        facts.extend(_facts_in(sentence, document.meta.report_year))
    return tuple(facts)


@dataclass(frozen=True, slots=True)
class Share:
    """“42件，占51.85%”: a count and the percentage the sentence gives it."""

    count: int | float
    percent: float
    percent_text: str
    places: int
    unit: str
    written: str
    sentence: str
    ref: SourceRef
    paragraph: int
    start: int


_SHARE = re.compile(
    rf"{_NUM}{UNIT}[，,、]?\s*(?:占比为|占比|比例为|占)[^{_STOP}\d]{{0,6}}?(?P<p>{ARABIC})\s*%")


def extract_shares(document: Document) -> tuple[Share, ...]:
    """Every “count, percentage” pair of the narrative (worked out once per document)."""
    return document.derived(_shares)


def _shares(document: Document) -> tuple[Share, ...]:
    shares = []
    for sentence in sentences(document):
        text = fold(sentence.text)
        for match in _SHARE.finditer(text):
            count = parse_number(match.group("n"))
            if count is None or match.group("approx"):
                continue
            shares.append(Share(count, float(match.group("p")), match.group("p"), decimals(match.group("p")),
                                match.group("unit"),
                                sentence.text[match.start("n"):match.end()], sentence.text, sentence.ref,
                                sentence.paragraph, match.start("n")))
    return tuple(shares)
