"""Build the comparison of two loaded reports, after checking that they are a pair: the same body and
consecutive years, unless the user forces it."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence

from nianbao.compare import THRESHOLD
from nianbao.compare.model import Comparison
from nianbao.compare.model import ReportSide
from nianbao.compare.tables import compare_tables
from nianbao.compare.tables import key_figures
from nianbao.compare.tables import links
from nianbao.compare.text import compare_text
from nianbao.engine.pairing import agency_key
from nianbao.format.editions import Edition
from nianbao.model.document import Document
from nianbao.model.findings import Finding


class NotAPair(ValueError):
    """The two reports are not last year's and this year's report of one body."""


def pair_problems(last: Document, this: Document, lang: str = "zh") -> list[str]:
    """Why ``last`` and ``this`` are not a body's consecutive reports, in ``lang``; empty when they are."""
    english = lang == "en"
    problems = []
    if last.source.sha256 == this.source.sha256:
        problems.append("the two files have the same content: they are one report" if english
                        else "两个文件内容相同，是同一份报告")
    a, b = agency_key(last), agency_key(this)
    if a is None or b is None:
        problems.append("the body cannot be named from the titles, so the reports cannot be shown to be one "
                        "body's" if english else "无法从标题确定机关名称，不能确认是同一机关的报告")
    elif a != b:
        problems.append(f"the reports are of two bodies ({last.meta.agency} / {this.meta.agency})" if english
                        else f"两份报告不是同一机关的（{last.meta.agency} / {this.meta.agency}）")
    years = last.meta.report_year, this.meta.report_year
    if None in years:
        problems.append("the report year cannot be determined" if english else "无法确定报告年度")
    elif years[1] != years[0] + 1:  # type: ignore[operator]
        problems.append(f"the report years are not consecutive ({years[0]} and {years[1]}): give last year's "
                        "report, then this year's" if english
                        else f"报告年度不相邻（{years[0]} 年度与 {years[1]} 年度），应为上年与本年")
    return problems


def side(document: Document, shown: str) -> ReportSide:
    return ReportSide(path=shown, format=document.source.format, agency=document.meta.agency,
                      year=document.meta.report_year, edition=document.meta.edition,
                      sha256=document.source.sha256)


def compare(last: Document, this: Document, editions: Mapping[str, Edition], *, last_path: str,
            this_path: str, findings: Sequence[Finding] = (), force: bool = False,
            threshold: float = THRESHOLD, lang: str = "zh") -> Comparison:
    """Compare last year's report with this year's. Raises :class:`NotAPair` unless they are a pair
    or ``force`` is set (then the problems are kept as warnings, in ``lang``)."""
    problems = pair_problems(last, this, lang)
    if problems and not force:
        raise NotAPair(("; " if lang == "en" else "；").join(problems))
    return Comparison(
        last=side(last, last_path),
        this=side(this, this_path),
        sections=compare_text(last, this),
        tables=compare_tables(last, this, editions, threshold),
        links=links(last, this, editions),
        key_figures=key_figures(last, this),
        findings=list(findings),
        forced=bool(problems),
        warnings=problems,
        threshold=threshold,
    )
