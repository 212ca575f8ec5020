"""Claims in words that the tables can contradict without any figure in the sentence:
"均获维持", "未发生行政复议", "全部办结", "未收到政府信息公开申请"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from nianbao.format.numerals import fold
from nianbao.lazyre import lazy_compile
from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.narrative.scope import NOT_COMPARED
from nianbao.narrative.scope import body_scope
from nianbao.narrative.scope import since_semicolon
from nianbao.narrative.scope import year_scope
from nianbao.narrative.sentences import Sentence
from nianbao.narrative.sentences import sentences

ClaimKind = Literal["all-upheld", "all-closed", "no-review", "no-litigation", "all-concluded",
                    "none-received"]
Group = Literal["review", "direct", "after_review"]

_ALL_UPHELD = lazy_compile(r"(?:均|全部|都|皆)(?:获|被|予以|已)?维持")
_ALL_CLOSED = lazy_compile(r"(?:均|全部|都|皆)(?:已|已经)?(?:结案|审结|办结完毕)")
_NO_CASE = lazy_compile(
    r"(?:未发生|没有发生|未出现|未有|没有|无|零)(?:因政府信息公开(?:工作|申请)?(?:引起|引发|而)?的?)?(?:被申请|被提起|提起)?"
    r"(?P<first>行政复议|行政诉讼)(?:[、和及与或](?:被申请|被提起|提起)?(?P<second>行政复议|行政诉讼))?")
_ALL_CONCLUDED = lazy_compile(r"(?:全部|均已|均|已全部|都已)办结|办结率(?:为|达|达到)?100(?:\.0+)?%")
_NONE_RECEIVED = lazy_compile(
    r"(?:未|没有)(?:收到|接到|受理)(?:过)?(?:任何)?(?:政府信息公开|依申请公开)(?:的)?申请")
_REVIEW = lazy_compile(r"复议")
_OTHER_BUSINESS = lazy_compile(r"复议|诉讼|起诉|建议|提案|议案|咨询|投诉|信箱|热线|12345"
                               r"|留言|网民|网友|诉求|问政")
_LITIGATION = lazy_compile(r"诉讼|起诉")
_CARRIED_OVER = lazy_compile(r"(?:上一?年度?|去年)结转")


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement in words the tables can contradict (``kind``: e.g. that no application was
    received, or no review was brought), with the sentence it stands in and the 表四 groups it names."""

    kind: ClaimKind
    words: str
    sentence: str
    ref: SourceRef
    groups: tuple[Group, ...] = ()
    reason: str | None = None

    @property
    def compared(self) -> bool:
        return self.reason not in NOT_COMPARED


def _case_groups(text: str) -> tuple[Group, ...]:
    """The 表四 groups a sentence speaks of: 复议 → review; 诉讼 → both kinds of litigation."""
    groups: list[Group] = []
    if _REVIEW.search(text.replace("复议后", "")):
        groups.append("review")
    if _LITIGATION.search(text):
        groups.extend(("direct", "after_review"))
    return tuple(groups)


def extract_claims(document: Document) -> tuple[Claim, ...]:
    """Every claim in words the tables can contradict (worked out once per document)."""
    return document.derived(_claims)


def _claims(document: Document) -> tuple[Claim, ...]:
    return tuple(_claims_in(document))


def _reason(text: str, position: int, report_year: int | None) -> str | None:
    """Why the claim may not be about this body's year: another year or several, another body."""
    segment = since_semicolon(text, position)
    return year_scope(segment, report_year) or body_scope(segment)


def _claim(kind: ClaimKind, words: str, sentence: Sentence, text: str, report_year: int | None,
           groups: tuple[Group, ...] = ()) -> Claim:
    """The claim ``words`` of ``sentence`` (``text``: the sentence folded), with why it may not be
    about this body's year, looked for before the first place the words stand."""
    position = text.find(words)
    reason = _reason(text, position if position >= 0 else len(text), report_year)
    return Claim(kind, words, sentence.text, sentence.ref, groups, reason)


def _claims_in(document: Document) -> Iterator[Claim]:
    year = document.meta.report_year
    for sentence in sentences(document):
        # Each pattern below is tried only where a word it needs is (维持, 结, 行政, 申请): a sentence
        # holding none of them is passed over before it is folded, which leaves these words as they
        # are. (Written out: `in` costs a third of any() over str.__contains__.)
        written = sentence.text
        if not ("结" in written or "申请" in written or "维持" in written or "行政" in written):
            continue
        text = fold(sentence.text)
        # Each pattern is tried only where a word every match of it holds is there: most
        # sentences hold none of them.
        for pattern, kind, needed in ((_ALL_UPHELD, "all-upheld", "维持"), (_ALL_CLOSED, "all-closed", "结")):
            match = pattern.search(text) if needed in text else None
            if match:
                # The cases a "均…" sums up are named before it in the same sentence.
                groups = _case_groups(text[: match.start()])
                if groups:
                    yield _claim(kind, match.group(0), sentence, text, year, groups)
        for match in _NO_CASE.finditer(text) if "行政" in text else ():
            for name in (match.group("first"), match.group("second")):
                if name:
                    kind = "no-review" if name == "行政复议" else "no-litigation"
                    groups: tuple[Group, ...] = (
                        ("review",) if kind == "no-review" else ("direct", "after_review"))
                    yield _claim(kind, match.group(0), sentence, text, year, groups)
        match = _ALL_CONCLUDED.search(text) if "办结" in text else None
        # Only a sentence about this year's applications: 人大代表建议 "已全部办结" says nothing of
        # 表三, nor does "上年结转的3件申请已全部办结" of this year's carry-forward.
        if (match and "申请" in text and not _OTHER_BUSINESS.search(text)
                and not _CARRIED_OVER.search(text, 0, match.start())):
            yield _claim("all-concluded", match.group(0), sentence, text, year)
        # every match opens with 未 or 没有
        match = _NONE_RECEIVED.search(text) if "申请" in text and ("未" in text or "没有" in text) else None
        if match:
            yield _claim("none-received", match.group(0), sentence, text, year)
