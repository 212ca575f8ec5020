"""章节编号错误：分项用了一级编号、第二至六部分编成一至五、编号重复或跳号。

## 要求

年度报告的六个部分依次编号为一、至六、（一、总体情况 … 六、其他需要报告的事项）。部分之下的分项用
（一）（二）…，段落里的列举用“一是、二是…”。常见的错误有：

- 总体情况下的“主动公开”“依申请公开”等分项用了一、二、三，与六个部分的编号混在一起；
- 漏了一个部分或把第一部分写成引言，第二至六部分被编成一至五；
- 同一个编号用了两次，或跳过一个编号（“（一）…（三）”，“一是…三是…三是”）；
- 同一部分的标题出现两次；
- 部分编号的标点缺少、重复或写法不同（“一总体情况”“一、、总体情况”“一.总体情况”“第一部分 总体情况”），
  格式规定写作“一、”。检查器仍按标题识别该部分。

## 依据

年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）规定的六个部分及其顺序；《条例》第五十条。

## 示例

“五、存在的主要问题及改进情况”中列举问题时写成“一是……三是……三是……”。

```
SEC005 [警告] 列举“一是、三是、三是”编号不连续或重复，应为“一是、二是、三是”
```

## 修改

六个部分按格式编号为一、至六、；分项改用（一）（二）…；逐一核对列举的序号。

## Requirement

The six parts are numbered 一、 to 六、 (一、总体情况 … 六、其他需要报告的事项). Subsections within a part use
（一）（二）…, and enumerations within a paragraph use 一是、二是… (firstly, secondly…). Common mistakes:

- subsections of the overview such as 主动公开 or 依申请公开 numbered 一、二、三, mixed up with the parts'
  numbers;
- a part left out or the first part written as an introduction, so that parts two to six are numbered
  one to five;
- a number used twice or skipped ("（一）…（三）", "一是…三是…三是");
- the same part's heading appearing twice;
- a part number's punctuation missing, doubled or written differently ("一总体情况", "一、、总体情况",
  "一.总体情况", "第一部分 总体情况") where the format writes "一、". The part is still recognised by its
  heading.

## Source

The six parts and their order in the annual report format (国办公开办函〔2019〕60号, 〔2021〕30号);
Regulation Article 50.

## Example

Part five lists its problems as "一是……三是……三是……": the enumeration skips 二是 and repeats 三是.

## Fix

Number the six parts 一、 to 六、 as the format does; number subsections （一）（二）…; check each
enumeration's sequence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from nianbao.checks.sections import number_mark
from nianbao.checks.sections import recognised
from nianbao.format import labels
from nianbao.format.editions import Edition
from nianbao.format.editions import SectionSpec
from nianbao.lazyre import lazy_compile
from nianbao.memo import KeptByIdentity
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Section
from nianbao.model.document import SourceRef
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.keys import Occurrences
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative.sentences import all_paragraphs

RULE = Rule(
    id="SEC005",
    name="section-numbering",
    title="章节编号错误",
    title_en="Section numbering is wrong",
    severity="warning",
    source="年度报告格式的六个部分及其顺序（国办公开办函〔2019〕60号、〔2021〕30号）",
    message={
        "zh": "列举“{sequence}”编号不连续或重复，应为“{expected}”",
        "en": "the enumeration “{sequence}” skips or repeats a number; it should be “{expected}”",
    },
    variants={
        "misnumbered": {
            "zh": "“{heading}”编号为“{number}、”，格式中这一部分是“{expected}、”",
            "en": "“{heading}” is numbered {number}; in the format this part is {expected}",
        },
        "subtopic": {
            "zh": ("“{heading}”是“{parent}”下的分项，却用了部分的一级编号“{number}、”；"
                   "分项应编为（一）（二）…"),
            "en": ("“{heading}” is a sub-topic of “{parent}” but uses the top-level number {number}; "
                   "use (一)(二)…"),
        },
        "repeated": {
            "zh": "“{heading}”重复出现（第 {first_line} 行已有这一部分）",
            "en": "“{heading}” appears twice (the part already starts at line {first_line})",
        },
        "mark": {
            "zh": "“{heading}”的编号写作“{mark}”，格式规定写作“{expected}”",
            "en": "“{heading}” writes its number as “{mark}”; the format writes “{expected}”",
        },
        "sub_sequence": {
            "zh": "“{parent}”下的分项“{heading}”编号不连续或重复，应为（{expected}）",
            "en": ("sub-heading “{heading}” under “{parent}” skips or repeats a number; "
                   "it should be ({expected})"),
        },
    },
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)

_CN = "一二三四五六七八九十"
_TOP = lazy_compile(rf"^\s*([{_CN}]{{1,3}})\s*[、.．]\s*(\S.*)$", re.S)
# One to three numerals before 是, written [一…][一…]{0,2}: a pattern that opens with a set of
# characters is tried only where one of them stands, one opening with a repeat (or a lookbehind) at
# every character of the paragraph.
_ENUM = lazy_compile(rf"([{_CN}][{_CN}]{{0,2}})是(?!否|非)")
# 统一是、唯一是、之一是 are words, not enumerations; a numeral glued to a heading still counts. The
# character before is looked at in code (the same matches as a lookbehind: every place inside a run
# of numerals has a numeral before it).
_NOT_BEFORE_ENUM = frozenset(f"{_CN}统唯之第单同万划专逐归合不独")
_TITLE_END = lazy_compile(r"[。：:；;，,\d]")


@lru_cache(maxsize=256)  # asked some thirty times a report, mostly of the same few numerals
def cn_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; None for anything else."""
    if not text or any(ch not in _CN for ch in text):
        return None
    if "十" not in text:
        return _CN.index(text) + 1 if len(text) == 1 else None
    tens, _, units = text.partition("十")
    value = (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(units) + 1 if units else 0)
    return value if len(text) <= 3 else None


def cn_text(number: int) -> str:
    if number <= 10:
        return _CN[number - 1]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[units - 1] if units else "")


@dataclass(frozen=True, slots=True)
class Marker:
    """A top-level marker (一、…) as it stands in the text, opened as a section or not."""

    number: int
    numeral: str
    title: str
    heading: str
    ref: SourceRef
    spec: SectionSpec | None


# The table labels of a run's editions: every report of a run asks the same; a few runs' are kept.
_LABEL_CORES: KeptByIdentity[frozenset[str]] = KeptByIdentity(8)


def _table_label_cores(context: Context) -> frozenset[str]:
    editions = tuple(context.editions.values())
    return _LABEL_CORES.get(editions, lambda: _label_cores(editions))


def _label_cores(editions: tuple[Edition, ...]) -> frozenset[str]:
    cores = set()
    for edition in editions:
        for table in edition.tables:
            for row in table.all_rows():
                cores.add(labels.core(row.label))
                if row.group:
                    cores.add(labels.core(row.group))
    return frozenset(c for c in cores if c)


def _markers(document: Document, context: Context) -> list[Marker]:
    specs = context.edition.sections if context.edition else ()
    table_labels = _table_label_cores(context)
    tops = {id(s.ref): s for s in document.sections}
    out = []
    for paragraph in all_paragraphs(document):
        section = tops.get(id(paragraph.ref))
        if section is not None and paragraph.text == section.heading:
            numeral, title = section.number, section.title
        else:
            match = _TOP.match(paragraph.text)
            if not match:
                continue
            numeral, title = match.group(1), _TITLE_END.split(match.group(2), 1)[0].strip()
        number = cn_number(numeral)
        core = labels.core(title)
        if number is None or not core or core in table_labels:
            continue
        spec = next((s for s in specs if s.matches(title)), None)
        heading = f"{numeral}、{title}"
        out.append(Marker(number, numeral, title, heading, paragraph.ref, spec))
    return out


def _where(ref: SourceRef, section: str | None = None) -> Location:
    return Location(line=ref.line, page=ref.page, locator=ref.locator, section=section)


def _top_level(markers: list[Marker]) -> Iterator[Violation]:
    known = [i for i, m in enumerate(markers) if m.spec is not None]
    seen: dict[str, Marker] = {}
    occurrences = Occurrences()
    for index, marker in enumerate(markers):
        if marker.spec is not None:
            expected = cn_number(marker.spec.number)
            if marker.spec.key in seen:
                args = {"heading": marker.heading, "first_line": seen[marker.spec.key].ref.line or "?"}
                yield Violation(_where(marker.ref, marker.spec.key), args, variant="repeated",
                                key=("repeated", occurrences.next(("repeated", marker.spec.key))))
            elif expected is not None and marker.number != expected:
                args = {"heading": marker.heading, "number": marker.numeral, "expected": marker.spec.number}
                yield Violation(_where(marker.ref, marker.spec.key), args, variant="misnumbered",
                                key=("misnumbered",))
            seen.setdefault(marker.spec.key, marker)
            continue
        before = [i for i in known if i < index]
        after = [i for i in known if i > index]
        if not before:
            continue
        parent = markers[before[-1]]
        following = markers[after[0]] if after else None
        if marker.number <= parent.number or (following is not None and marker.number >= following.number):
            args = {"heading": marker.heading, "parent": parent.heading, "number": marker.numeral}
            where = _where(marker.ref, parent.spec.key if parent.spec else None)
            nth = occurrences.next(("subtopic", where.section, marker.numeral))
            yield Violation(where, args, variant="subtopic", key=("subtopic", marker.numeral, nth))


def _sub_headings(document: Document, context: Context) -> Iterator[Violation]:
    table_labels = _table_label_cores(context)
    for section in document.sections:
        expected = 1
        for index, child in enumerate(section.children):
            number = cn_number(child.number)
            if number is None or labels.core(child.title) in table_labels:
                continue
            if number != expected:
                heading = f"（{child.number}）{child.title}"
                args = {"heading": heading, "parent": section.heading.strip(), "expected": cn_text(expected)}
                yield Violation(_where(child.ref, section.key), args, variant="sub_sequence",
                                key=("sub", index))
            expected = number + 1


def _paragraph_runs(section: Section) -> Iterator[list[Paragraph]]:
    """Paragraph runs in which an enumeration may continue: a section's own paragraphs, then each
    sub-section's."""
    yield section.paragraphs
    for child in section.children:
        yield from _paragraph_runs(child)


def _enumerations(document: Document) -> Iterator[Violation]:
    occurrences = Occurrences()
    for section in document.sections:
        for group, paragraphs in enumerate(_paragraph_runs(section)):
            run: list[tuple[int, str, Paragraph]] = []
            for paragraph in paragraphs:
                if "是" not in paragraph.text:  # every enumeration ends in 是: most paragraphs hold none
                    continue
                text = paragraph.text
                for match in _ENUM.finditer(text):
                    start = match.start()
                    if start and text[start - 1] in _NOT_BEFORE_ENUM:
                        continue
                    number = cn_number(match.group(1))
                    if number is None:
                        continue
                    if number == 1 and run:
                        place = (section.key, group)
                        yield from _check_run(run, section, ("enumeration", group, occurrences.next(place)))
                        run = []
                    if number == 1 or run:
                        run.append((number, match.group(1), paragraph))
            if run:
                place = (section.key, group)
                yield from _check_run(run, section, ("enumeration", group, occurrences.next(place)))


def _check_run(run: list[tuple[int, str, Paragraph]], section: Section,
               key: tuple[str | int, ...]) -> Iterator[Violation]:
    numbers = [n for n, _numeral, _p in run]
    if numbers == list(range(1, len(numbers) + 1)):
        return
    fault = next(i for i, n in enumerate(numbers) if n != i + 1)
    paragraph = run[fault][2]
    yield Violation(
        _where(paragraph.ref, section.key),
        {"sequence": "、".join(f"{numeral}是" for _n, numeral, _p in run),
         "expected": "、".join(f"{cn_text(i + 1)}是" for i in range(len(run)))},
        key=key,
    )


def _number_marks(document: Document, context: Context) -> Iterator[Violation]:
    """A section found although its number lacks, doubles or changes its mark (一总体情况, 一、、, 一.,
    第一部分)."""
    occurrences = Occurrences()
    for section, _index in recognised(document, context):
        mark, expected = number_mark(section), f"{section.number}、"
        if mark == expected:
            continue
        heading = section.heading.strip()
        args = {"heading": heading, "mark": mark, "expected": expected}
        yield Violation(_where(section.ref, section.key), args, variant="mark",
                        key=("mark", occurrences.next(section.key)))


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    yield from _number_marks(document, context)
    yield from _top_level(_markers(document, context))
    yield from _sub_headings(document, context)
    yield from _enumerations(document)
