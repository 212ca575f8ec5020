"""Quantitative claims of the narrative: "共接到政府信息公开申请32件" → applications.received.total = 32.

Each :class:`Fact` keeps the sentence it was read from, the paragraph's source, what it counts (its
subject: applications, cases, documents, items published, fees), the metric (a template cell key
or a group of cells, see :mod:`nianbao.narrative.metrics`), the other metrics it may mean when the
wording allows several ("办理申请218件": received, received plus carried over, or concluded) and
its scope (see :mod:`nianbao.narrative.scope`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from nianbao.format.numerals import ARABIC
from nianbao.format.numerals import MAX_DIGITS
from nianbao.format.numerals import NUMBER
from nianbao.format.numerals import decimals
from nianbao.format.numerals import fold
from nianbao.format.numerals import parse_number
from nianbao.lazyre import lazy_compile
from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.narrative.scope import APPROXIMATE
from nianbao.narrative.scope import CLEAN_UP
from nianbao.narrative.scope import CUMULATIVE
from nianbao.narrative.scope import LIBRARY
from nianbao.narrative.scope import NOT_COMPARED
from nianbao.narrative.scope import PARENTHESISED
from nianbao.narrative.scope import PART
from nianbao.narrative.scope import PAST
from nianbao.narrative.scope import SUBSET
from nianbao.narrative.scope import UNIT as UNIT_REASON
from nianbao.narrative.scope import Scope
from nianbao.narrative.scope import body_scope
from nianbao.narrative.scope import clean_up_named
from nianbao.narrative.scope import in_parentheses
from nianbao.narrative.scope import library_named
from nianbao.narrative.scope import past_named
from nianbao.narrative.scope import since_semicolon
from nianbao.narrative.scope import year_scope
from nianbao.narrative.sentences import Sentence
from nianbao.narrative.sentences import sentences

Subject = Literal["applications", "cases", "documents", "items", "fees"]

_STOP = "，,。；;"
_GAP = rf"[^{_STOP}\d]"
UNIT = r"(?P<approx>余|多)?\s*(?P<unit>件|起|宗|个|条|项|份)"
_NUM = rf"(?P<n>{NUMBER})"
_NEXT_YEAR = r"(?:下一?年度?|下年度?|\d{4}年度?)"
_REVIEW_RESULT = lazy_compile(r"维持|纠正|审结|结案|撤销|确认|败诉|胜诉")

# The units a count of applications or cases is written in; "项", "个" make it doubtful, and a
# count in "条" or "份" is of documents or items of information, never of applications.
CASE_UNITS = ("件", "起", "宗")
DOUBTFUL_UNITS = ("项", "个")
DOCUMENT_UNITS = ("件", "份", "条", "个", "项")


@dataclass(frozen=True, slots=True)
class Fact:
    """A figure the narrative states: the metric it names (a template cell or group of cells, see
    :data:`~nianbao.narrative.METRICS`), its value and words, the sentence and where it stands;
    ``scope`` and ``reason`` say whether and how surely it can be compared with the tables."""

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
    subject: Subject = "applications"
    alternatives: tuple[str, ...] = ()

    @property
    def meanings(self) -> tuple[str, ...]:
        """Every metric the figure may stand for, the likeliest first."""
        return (self.metric, *self.alternatives)

    @property
    def compared(self) -> bool:
        """The figure describes a cell of this year's tables (it may still be doubtful)."""
        return self.reason not in NOT_COMPARED


@dataclass(frozen=True, slots=True)
class _Pattern:
    metric: str
    regex: re.Pattern[str]
    forbid: re.Pattern[str] | None = None
    subject: Subject = "applications"
    alternatives: tuple[str, ...] = ()
    needs: re.Pattern[str] | None = None
    words: tuple[str, ...] = ()


def _p(metric: str, pattern: str, forbid: str | None = None, subject: Subject = "applications",
       alternatives: tuple[str, ...] = (), needs: str | None = None, *, words: tuple[str, ...]) -> _Pattern:
    """``words``: every match holds one of them, so a sentence holding none is not tried (a search
    for a word costs far less than trying the pattern)."""
    return _Pattern(metric, lazy_compile(pattern), lazy_compile(forbid) if forbid else None, subject,
                    alternatives, lazy_compile(needs) if needs else None, words)


# A change against last year ("较去年增加12件") is not a count of this year's applications.
_NOT_APPLICATIONS = (r"复议|诉讼|案件|咨询|信箱|留言|信息数|投诉|来电|来信|建议|提案|议案"
                     r"|增加|减少|增长|下降|上升|回落")
_RECEIVED = "applications.received.total"
_BOTH = "applications.received_and_carried_over.total"
_CONCLUDED = "applications.total.total"
# "办理/处理…申请N件" and "办结/答复N件" are read by reports as new applications, new plus carried
# over, or the applications concluded: the figure contradicts the table only if it is none of them.
_HANDLED = (_RECEIVED, _BOTH, _CONCLUDED)
_HANDLING = lazy_compile(r"办理|处理|办结|答复")

_CARRY_WORDS = ("结转", "转入", "转办", "转至", "顺延", "延期")
_RECEIVE_WORDS = ("收到", "接到", "接收", "受理", "收悉", "新收")

# Order matters: a span taken by an earlier pattern is not read again by a later one.
PATTERNS: tuple[_Pattern, ...] = (
    _p("items.on_application",
       rf"依申请公开(?:的)?(?:政府)?信息(?:数|数量)?(?P<mid>{_GAP}{{0,4}}?){_NUM}{UNIT}", subject="items",
       words=("依申请公开",)),
    _p("items.withheld",
       rf"不予公开(?:的)?(?:政府)?信息(?:数|数量)?(?P<mid>{_GAP}{{0,4}}?){_NUM}{UNIT}", subject="items",
       words=("不予公开",)),
    _p("items.published",
       rf"(?:主动公开|主动发布|发布|公开|公布)(?P<mid>各类|各级单位|我区各级单位)?(?:政府|政务)?信息(?:共|共计|总数)?{_NUM}{UNIT}",
       subject="items", words=("发布", "公开", "公布")),
    _p("items.made",
       rf"(?:制作|获取)(?P<mid>{_GAP}{{0,8}}?)(?:政府)?信息(?:总数|总量)?(?:共|为)?{_NUM}{UNIT}",
       subject="items", words=("制作", "获取")),
    _p("applications.carried_over.total", rf"(?:上一?年度?|去年)结转(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}",
       words=("结转",)),
    _p("applications.carried_forward.total",
       rf"(?:结转|转入|转办|转至|顺延|延期)(?:办理)?(?:至|到|入)?{_NEXT_YEAR}(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}",
       words=_CARRY_WORDS),
    _p("applications.carried_forward.total",
       rf"{_NUM}{UNIT}(?P<mid>{_GAP}{{0,12}}?)(?:结转|转入|转办|转至|顺延|延期)(?:办理)?(?:至|到|入)?{_NEXT_YEAR}",
       words=_CARRY_WORDS),
    _p(_RECEIVED,
       rf"(?:收到|接到|接收|受理|收悉|新收)(?P<mid>{_GAP}{{0,30}}?申请{_GAP}{{0,10}}?){_NUM}{UNIT}",
       _NOT_APPLICATIONS, words=_RECEIVE_WORDS),
    _p(_RECEIVED,
       rf"(?:收到|接到|接收|受理|收悉|新收)(?P<mid>各类|共|共计|了)?{_NUM}{UNIT}(?:政府信息公开|依申请公开)?申请",
       _NOT_APPLICATIONS, words=_RECEIVE_WORDS),
    _p(_RECEIVED, rf"(?<!不予)(?:办理|处理)(?P<mid>{_GAP}{{0,30}}?申请{_GAP}{{0,10}}?){_NUM}{UNIT}",
       _NOT_APPLICATIONS + r"|结果", alternatives=_HANDLED[1:], words=("办理", "处理")),
    _p(_CONCLUDED, rf"(?:办结|答复|办理完毕|处理完毕)(?P<mid>{_GAP}{{0,15}}?){_NUM}{UNIT}",
       _NOT_APPLICATIONS + r"|期限|率", alternatives=(_RECEIVED, _BOTH), needs=r"申请",
       words=("办结", "答复", "办理完毕", "处理完毕")),
    _p("applications.granted_or_partial.total",
       rf"予以公开(?:及|和|与|、|或)部分公开(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息",
       words=("予以公开",)),
    _p("applications.granted.total",
       rf"(?<![不及和与、或])予以公开(?![及和与、或]部分公开)(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息",
       words=("予以公开",)),
    _p("applications.partially_granted.total",
       rf"(?<![及和与、或])部分公开(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息", words=("部分公开",)),
    _p("applications.withheld.total", rf"不予公开(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息",
       words=("不予公开",)),
    _p("applications.unavailable.total", rf"无法提供(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", r"信息",
       words=("无法提供",)),
    _p("applications.rejected.total", rf"不予处理(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}", words=("不予处理",)),
    _p("applications.other_handling.total", rf"其他处理(?P<mid>{_GAP}{{0,6}}?){_NUM}{UNIT}",
       words=("其他处理",)),
    _p("reviews.cases.review_total", rf"(?:行政)?复议(?!后)(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}",
       _REVIEW_RESULT.pattern + r"|诉讼", subject="cases", words=("复议",)),
    _p("reviews.cases.litigation_total", rf"(?:行政)?诉讼(?P<mid>{_GAP}{{0,8}}?){_NUM}{UNIT}",
       _REVIEW_RESULT.pattern + r"|复议", subject="cases", words=("诉讼",)),
    _p("active_disclosure.normative_documents.in_force",
       rf"现行有效的?(?:行政)?规范性文件(?P<mid>{_GAP}{{0,4}}?){_NUM}{UNIT}", subject="documents",
       words=("现行有效",)),
    _p("active_disclosure.normative_documents.issued",
       rf"(?:制发|印发|出台)(?P<mid>{_GAP}{{0,10}}?)规范性文件{_GAP}{{0,4}}?{_NUM}{UNIT}", r"《",
       subject="documents", words=("规范性文件",)),
    _p("fees.processing",
       rf"(?:收取|收缴)(?P<mid>{_GAP}{{0,10}}?)处理费{_GAP}{{0,4}}?(?P<n>{ARABIC})\s*(?P<unit>万元|元)",
       subject="fees", words=("处理费",)),
)

APPLICANTS = {
    "自然人": "natural_person", "商业企业": "business", "科研机构": "research",
    "社会公益组织": "public_interest", "法律服务机构": "legal_services",
    "法人或其他组织": "legal_entities", "法人和其他组织": "legal_entities",
}
_APPLICANT = lazy_compile(rf"(?P<col>{'|'.join(APPLICANTS)})(?:提出|申请|的申请){{0,2}}{_NUM}{UNIT}")
_APPLICANT_ROWS = ("applications.received.", "applications.carried_over.", "applications.total.",
                   "applications.received_and_carried_over.")
# "75件（含上年结转1件）", "75件，其中上年结转1件": the count is 新收 + 上年结转.
_INCLUDES_CARRIED_OVER = lazy_compile(
    r"\s*(?:[（(]\s*(?:其中)?|[，,]\s*其中\s*)?(?:(?:含|包括|包含)(?:有)?)?(?:上一?年度?|去年)结转")
_RESULTS = {"维持": "upheld", "纠正": "corrected", "撤销": "corrected", "其他结果": "other",
            "尚未审结": "pending", "未审结": "pending", "正在审理": "pending", "审理中": "pending"}
_CASE_RESULT = lazy_compile(
    rf"(?:结果)?(?P<result>{'|'.join(_RESULTS)})(?:原?(?:行政)?(?:行为|决定|答复))?的?{_GAP}{{0,4}}?{_NUM}{UNIT}")
_DIGITS = "0123456789"
# A Chinese numeral counts only before a unit of cases: "三个一" is a slogan, not three applications.
_COUNT_UNITS = ("件", "起", "宗", "份")
# Requests of other kinds (hotline, mailbox, complaints, a website's messages) counted in the same
# breath are not applications.
_OTHER_REQUESTS = lazy_compile(r"咨询|信箱|留言|投诉|来电|来信|热线|12345|建议|提案|议案|网民|网友|诉求|问政")
_WHOLE_COUNTS = ("applications.received", "applications.total")
_COUNT_BEFORE = lazy_compile(rf"{NUMBER}\s*(?:件|宗|起|项|个)")
# Every pattern above reads a number followed by its unit ({_NUM}{UNIT}, or an amount in 元 or 万元):
# a sentence without one holds no fact, and is passed over without trying them one by one.
_COUNTED = lazy_compile(r"[\d零〇一二两三四五六七八九十百千万](?:余|多)?\s*[件起宗个条项份元]")
# Its unit, looked for first: a search for one of a few plain characters costs less than one that
# tests every character for a digit, and most sentences hold no unit at all.
_UNIT_CHAR = lazy_compile(r"[件起宗个条项份元]")


# The patterns each word of theirs leads to, by their place in PATTERNS.
_PATTERNS_OF: dict[str, list[int]] = {}
for _number, _pattern in enumerate(PATTERNS):
    for _word in _pattern.words:
        _PATTERNS_OF.setdefault(_word, []).append(_number)
_WORDS = tuple(_PATTERNS_OF)


@cache  # made on first use: a few milliseconds, which a run that reads no narrative never spends
def _word_index() -> tuple[re.Pattern[str], dict[str, list[int]], dict[str, tuple[str, ...]]]:
    """A pattern of every word, the longest first at each place; for each word the patterns of the
    words inside it; for each word those that may start inside it and run past its end."""
    any_word = re.compile("|".join(sorted(_WORDS, key=len, reverse=True)))
    within = {word: sorted({n for inner in _WORDS if inner in word for n in _PATTERNS_OF[inner]})
              for word in _WORDS}
    running_on = {word: tuple(other for other in _WORDS if other not in word
                              and any(word.endswith(other[:k]) for k in range(1, len(other))))
                  for word in _WORDS}
    return any_word, within, running_on


def _tried(text: str) -> list[int]:
    """The patterns, by their place in PATTERNS, one of whose words ``text`` holds. The words are
    found by one pass of a pattern of them all rather than a search for each (a third of the cost):
    a word found stands for every word inside it too, and a word that starts inside one found and
    runs past its end (结转 in 新收结转, 办理 in 转办理), which the pass steps over, is looked for apart."""
    any_word, within, running_on = _word_index()
    numbers: set[int] = set()
    for word in set(any_word.findall(text)):
        numbers.update(within[word])
        for other in running_on[word]:
            if other in text:
                numbers.update(within[other])
    return sorted(numbers)


# Up to the last clause stop before a place (see since_semicolon).
_TO_STOP = lazy_compile(rf".*[{_STOP}]", re.S)


def _value(written: str) -> int | float | None:
    """:func:`parse_number` of a number the patterns read; a plain run of digits (most) is read by
    int() without parse_number's pattern matches."""
    return int(written) if written.isdecimal() and len(written) <= MAX_DIGITS else parse_number(written)


def _clause_start(text: str, position: int) -> int:
    stop = _TO_STOP.match(text, 0, position)
    return stop.end() if stop else 0


def _open_parenthesis(text: str, position: int) -> int:
    """Where the parenthesis enclosing ``position`` opens."""
    depth = 0
    for index in range(position - 1, -1, -1):
        if text[index] in "）)":
            depth += 1
        elif text[index] in "（(":
            if depth == 0:
                return index
            depth -= 1
    return -1


def _scope(text: str, match: re.Match[str], clause_start: int, approx: str | None, metric: str,
           subject: Subject, report_year: int | None) -> tuple[Scope, str | None]:
    """``clause_start``: where the clause of ``match`` starts; ``approx``: its "余" or "多"."""
    number = match.start("n")
    clause = text[clause_start: number]
    segment = since_semicolon(text, number)
    carried = "carried" in metric
    if approx:
        return "ambiguous", APPROXIMATE
    if in_parentheses(text, number) and not carried:
        # "收到申请46件（其中市本级12件…）": a part of the total just given, not a total of its own.
        whole = metric.startswith(_WHOLE_COUNTS)
        if whole and _COUNT_BEFORE.search(text, 0, _open_parenthesis(text, number)):
            return "ambiguous", PART
        return "ambiguous", PARENTHESISED
    if not carried:
        reason = year_scope(segment, report_year)
        if reason == CUMULATIVE and metric.endswith(".in_force"):
            reason = None  # the count in force is a stock "as of" a date by nature
        if reason:
            return "ambiguous", reason
    if subject == "documents" and clean_up_named(clause):
        return "ambiguous", CLEAN_UP
    reason = body_scope(segment)
    if reason and subject != "fees":
        return "ambiguous", reason
    if clause.lstrip().startswith("其中") and metric.startswith(_WHOLE_COUNTS):
        return "ambiguous", SUBSET
    if metric.endswith(".in_force") and library_named(segment):
        return "ambiguous", LIBRARY
    if subject in ("applications", "cases") and match.group("unit") in DOUBTFUL_UNITS:
        return "ambiguous", UNIT_REASON
    if past_named(clause) and not carried:
        return "ambiguous", PAST
    return "certain", None


def _subject(pattern: _Pattern, unit: str) -> tuple[str, Subject] | None:
    """The metric and subject a match stands for given its unit, or None when the unit rules it out."""
    if pattern.subject in ("applications", "cases"):
        if unit in CASE_UNITS or unit in DOUBTFUL_UNITS:
            return pattern.metric, pattern.subject
        if pattern.subject == "applications" and pattern.metric.endswith(".total"):
            # "不予公开15份": documents withheld, not applications refused.
            return "items." + pattern.metric.split(".")[1], "items"
        return None
    if pattern.subject in ("documents", "items"):
        return (pattern.metric, pattern.subject) if unit in DOCUMENT_UNITS else None
    return pattern.metric, pattern.subject


def _facts_in(sentence: Sentence, report_year: int | None) -> list[Fact]:
    """The facts of a sentence that holds a count (see _COUNTED), in reading order."""
    text = fold(sentence.text)
    taken: list[tuple[int, int]] = []
    found: list[Fact] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for pattern in map(PATTERNS.__getitem__, _tried(text)):
        if pattern.needs is not None and not pattern.needs.search(text):
            continue
        for match in pattern.regex.finditer(text):
            span = (match.start("n"), match.end("unit"))
            groups = match.groupdict()
            mid = groups.get("mid") or ""
            if not free(*span) or (pattern.forbid and pattern.forbid.search(mid)):
                continue
            clause_start = _clause_start(text, match.start())
            if pattern.subject == "applications":
                clause = text[clause_start: match.end()]
                if ("复议" in clause or "诉讼" in clause
                        or _OTHER_REQUESTS.search(since_semicolon(text, match.end()))):
                    continue
            value = _value(match.group("n"))
            chinese = match.group("n")[0] not in _DIGITS
            if value is None or (chinese and match.group("unit") not in _COUNT_UNITS):
                continue
            kind = _subject(pattern, match.group("unit"))
            if kind is None:
                continue
            metric, subject = kind
            alternatives = pattern.alternatives if subject == pattern.subject else ()
            if metric == _RECEIVED and not alternatives and _HANDLING.search(mid):
                alternatives = _HANDLED[1:]  # "受理并办结申请64件": received or concluded
            if metric in (_RECEIVED, _CONCLUDED) and _INCLUDES_CARRIED_OVER.match(text, match.end()):
                # "…805件（含上年结转18件）": the count includes the applications carried over.
                if metric == _RECEIVED and not alternatives:
                    metric = _BOTH
                else:
                    metric, alternatives = _BOTH, (_CONCLUDED,)
            scope, reason = _scope(text, match, clause_start, groups.get("approx"), metric, subject,
                                   report_year)
            taken.append(span)
            found.append(Fact(metric, value, sentence.text[span[0]:span[1]], sentence.text, sentence.ref,
                              sentence.paragraph, span[0], span[1], scope, reason, subject, alternatives))
    found.sort(key=lambda f: f.start)
    # an applicant's count belongs to a count of applications read before it
    counted = any(f.metric.startswith(_APPLICANT_ROWS) for f in found)
    for match in _APPLICANT.finditer(text) if counted else ():
        span = (match.start("n"), match.end("unit"))
        rows = [f for f in found if f.start < match.start() and f.metric.startswith(_APPLICANT_ROWS)]
        value = _value(match.group("n"))
        if not rows or value is None or not free(*span) or match.group("unit") not in CASE_UNITS:
            continue
        row = rows[-1]
        column = APPLICANTS[match.group("col")]
        metric = row.metric.rsplit(".", 1)[0] + "." + column
        alternatives = tuple(m.rsplit(".", 1)[0] + "." + column for m in row.alternatives)
        taken.append(span)
        found.append(Fact(metric, value, sentence.text[span[0]:span[1]], sentence.text, sentence.ref,
                          sentence.paragraph, span[0], span[1], row.scope, row.reason, row.subject,
                          alternatives))
    if "复议" in text or "诉讼" in text or "起诉" in text:  # a result belongs to a kind of case named
        found.extend(_case_results(text, sentence, free, taken, report_year))
    found.sort(key=lambda f: f.start)
    return found


def _case_results(text: str, sentence: Sentence, free: Callable[[int, int], bool],
                  taken: list[tuple[int, int]], report_year: int | None) -> Iterator[Fact]:
    """“行政复议7件，其中维持5件、纠正1件”: each result belongs to the kind of case named last before it."""
    for match in _CASE_RESULT.finditer(text):
        span = (match.start("n"), match.end("unit"))
        value = _value(match.group("n"))
        if value is None or not free(*span) or match.group("approx") or match.group("unit") not in CASE_UNITS:
            continue
        before = text[: match.start()].replace("复议后起诉", "起诉")
        review, litigation = before.rfind("复议"), max(before.rfind("诉讼"), before.rfind("起诉"))
        if review < 0 and litigation < 0:
            continue
        kind = "review" if review > litigation else "litigation"
        metric = f"reviews.cases.{kind}_{_RESULTS[match.group('result')]}"
        segment = since_semicolon(text, span[0])
        reason = (year_scope(segment, report_year) or body_scope(segment)
                  or (PARENTHESISED if in_parentheses(text, span[0]) else None))
        taken.append(span)
        yield Fact(metric, value, sentence.text[span[0]:span[1]], sentence.text, sentence.ref,
                   sentence.paragraph, *span, "ambiguous" if reason else "certain", reason, "cases")


def extract_facts(document: Document) -> tuple[Fact, ...]:
    """Every quantitative claim of the narrative, in reading order (worked out once per document)."""
    return document.derived(_facts)


def _facts(document: Document) -> tuple[Fact, ...]:
    facts: list[Fact] = []
    unit, counted = _UNIT_CHAR.search, _COUNTED.search
    report_year = document.meta.report_year
    for sentence in sentences(document):
        # \d is any digit, full-width too: folding changes nothing
        if unit(sentence.text) and counted(sentence.text):
            facts.extend(_facts_in(sentence, report_year))
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


_SHARE = lazy_compile(
    rf"{_NUM}{UNIT}[，,、]?\s*(?:占比为|占比|比例为|占)[^{_STOP}\d]{{0,6}}?(?P<p>{ARABIC})\s*%")


def extract_shares(document: Document) -> tuple[Share, ...]:
    """Every “count, percentage” pair of the narrative (worked out once per document)."""
    return document.derived(_shares)


def _shares(document: Document) -> tuple[Share, ...]:
    shares = []
    for sentence in sentences(document):
        written = sentence.text
        if ("%" not in written and "％" not in written) or not _COUNTED.search(written):
            continue  # every share ends in % (or ％, folded to it)
        text = fold(written)
        for match in _SHARE.finditer(text):
            count = _value(match.group("n"))
            if count is None or match.group("approx"):
                continue
            shares.append(Share(count, float(match.group("p")), match.group("p"), decimals(match.group("p")),
                                match.group("unit"),
                                sentence.text[match.start("n"):match.end()], sentence.text, sentence.ref,
                                sentence.paragraph, match.start("n")))
    return tuple(shares)
