"""Pair each report of a batch with last year's report of the same body, for the year-over-year rules."""

from __future__ import annotations

import traceback
import unicodedata
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nianbao.format.editions import Edition
from nianbao.loaders.base import Loader
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import limits_as_load_errors
from nianbao.loaders.base import open_report
from nianbao.model.document import Document
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import Limits
from nianbao.model.limits import time_limit
from nianbao.model.results import Unpaired
from nianbao.model.results import display_path


@dataclass(frozen=True, slots=True)
class SketchMeta:
    agency: str | None
    report_year: int | None


@dataclass(frozen=True, slots=True)
class SketchSource:
    path: str
    format: str


@dataclass(frozen=True, slots=True)
class ReportSketch:
    """What pairing needs of a report (its agency, year and format), kept in place of the whole
    document so that a batch holds one report at a time."""

    meta: SketchMeta
    source: SketchSource

    @classmethod
    def of(cls, document: Document) -> ReportSketch:
        return cls(SketchMeta(document.meta.agency, document.meta.report_year),
                   SketchSource(document.source.path, document.source.format))


Failures = dict[Path, tuple[Exception, str]]


def sketch_batch(files: Sequence[Path], limits: Limits, pick: Callable[[Path, bytes], Loader | None],
                 editions: Mapping[str, Edition]) -> tuple[dict[Path, ReportSketch], Failures]:
    """The first pass over a batch: each file read as its loader reads it (its tables not yet
    matched to an edition nor validated), within the limits, and only its sketch kept; for a file
    that cannot be read, the exception and its traceback."""
    sketches: dict[Path, ReportSketch] = {}
    failures: Failures = {}
    for path in files:
        try:
            with time_limit(limits["timeout"]), limits_as_load_errors(limits):
                loader, data = open_report(path, limits, pick)
                sketches[path] = ReportSketch.of(loader.load(path, data, editions).document)
        except LimitExceeded as exc:
            failures[path] = (LoadError(exc.message, exc.message_en, reason="limit"), "")
        except Exception as exc:  # noqa: BLE001 - one file never stops the batch
            failures[path] = (exc, traceback.format_exc())
    return sketches, failures


def body_key(agency: str | None) -> str | None:
    """The name a body is matched on, or None when there is none: full-width and half-width forms
    alike, spaces ignored, 人民政府 read as 政府 and 政府办 as 政府办公室 (a body's 办公室 stays a body
    of its own)."""
    if not agency:
        return None
    name = "".join(unicodedata.normalize("NFKC", agency).split()).replace("人民政府", "政府")
    return (name + "公室" if name.endswith("政府办") else name) or None


def agency_key(document: Document | ReportSketch) -> str | None:
    """The name the report's body is matched on (see :func:`body_key`)."""
    return body_key(document.meta.agency)


def _format(entry: Entry) -> str | None:
    return entry.document.source.format if entry.document is not None else None


@dataclass(frozen=True, slots=True)
class Entry:
    """A report of the batch as pairing sees it: its name in the output and its document (None when
    it could not be read)."""

    name: str
    document: Document | None


@dataclass(slots=True)
class Plan:
    """``previous`` maps a report's index to the index of last year's report; ``unpaired`` gives
    each other report's reason."""

    previous: dict[int, int]
    unpaired: dict[int, Unpaired]


def unpaired(name: str, reason: str, zh: str, en: str) -> Unpaired:
    return Unpaired(path=name, reason=reason, message=zh, message_en=en)


def plan_pairs(entries: Sequence[Entry]) -> Plan:
    """Pair each report with the batch's report of the same body for the year before.

    Where the batch holds several reports of that body for that year, the one in the same format as
    this report is taken (the same report published as a page and as a file); otherwise none is.
    """
    by_key: dict[tuple[str, int], list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.document is None:
            continue
        key, year = agency_key(entry.document), entry.document.meta.report_year
        if key and year:
            by_key.setdefault((key, year), []).append(index)
    plan = Plan(previous={}, unpaired={})
    for index, entry in enumerate(entries):
        document = entry.document
        if document is None:
            plan.unpaired[index] = unpaired(entry.name, "unread", "报告无法读取",
                                            "the report could not be read")
            continue
        key, year = agency_key(document), document.meta.report_year
        if not key:
            plan.unpaired[index] = unpaired(entry.name, "no-agency", "标题中没有机关名称",
                                            "the title names no body")
            continue
        if not year:
            plan.unpaired[index] = unpaired(entry.name, "no-year", "无法确定报告年度",
                                            "the report year is unknown")
            continue
        earlier = by_key.get((key, year - 1), [])
        candidates = earlier
        if len(candidates) > 1:
            candidates = [i for i in earlier if _format(entries[i]) == document.source.format]
        if len(candidates) == 1:
            plan.previous[index] = candidates[0]
        elif not earlier:
            plan.unpaired[index] = unpaired(
                entry.name, "no-previous", f"本次检查中没有{document.meta.agency}{year - 1}年度的报告",
                f"no {year - 1} report of {document.meta.agency} in this run")
        else:
            names = "、".join(entries[i].name for i in earlier)
            plan.unpaired[index] = unpaired(
                entry.name, "candidates",
                f"同一机关的{year - 1}年度报告有多份（{names}），未做跨年度核对；请用 --previous 指定",
                f"several {year - 1} reports of this agency: not compared year over year; "
                "name one with --previous")
    return plan


def refusal(document: Document, previous: Document) -> tuple[str, str] | None:
    """Why ``previous`` cannot be last year's report of ``document`` (Chinese, English), or None.

    Refused: the same report, a report of another body, a report not of the year before. A name or
    year that one of the two reports does not give is not held against it.
    """
    if previous.source.sha256 == document.source.sha256:
        return "与被检查的报告是同一份文件", "it is the same file as the report being checked"
    this_key, last_key = agency_key(document), agency_key(previous)
    if this_key and last_key and this_key != last_key:
        return (f"是{previous.meta.agency}的报告，被检查的是{document.meta.agency}的报告；"
                "不同机关的报告不做跨年度比较",
                f"it is a report of {previous.meta.agency}, the report checked is of {document.meta.agency}; "
                "reports of different bodies are not compared")
    this, last = document.meta.report_year, previous.meta.report_year
    if this is not None and last is not None and last != this - 1:
        return (f"是{last}年度的报告，被检查的是{this}年度的报告；上年报告应为{this - 1}年度",
                f"it is a {last} report and the report checked is for {this}; "
                f"last year's report is for {this - 1}")
    return None


def pair_consecutive_years(
    documents: Mapping[Path, Document] | Mapping[Path, ReportSketch],
) -> tuple[dict[Path, Any], dict[Path, str]]:
    """Pair each report with last year's report of the same agency (``meta.agency``) in the batch.
    The reports may be documents or their :class:`ReportSketch`; the pairs are of the same kind.

    Returns ``(previous, problems)``: ``previous`` maps a report's path to last year's document;
    ``problems`` maps a report's path to a warning where the batch holds several reports of that
    agency for last year in the same format, so none is chosen. The same report published in two
    formats (HTML and text) is several reports for one year; the one in the same format as this
    report is taken.
    """
    by_key: dict[tuple[str, int], list[tuple[Path, Document]]] = {}
    for path, document in documents.items():
        agency, year = agency_key(document), document.meta.report_year
        if agency and year:
            by_key.setdefault((agency, year), []).append((path, document))
    previous: dict[Path, Document] = {}
    problems: dict[Path, str] = {}
    for (agency, year), reports in by_key.items():
        earlier = by_key.get((agency, year - 1), [])
        if not earlier:
            continue
        for path, document in reports:
            candidates = earlier
            if len(candidates) > 1:
                candidates = [c for c in earlier if c[1].source.format == document.source.format]
            if len(candidates) == 1:
                previous[path] = candidates[0][1]
            else:
                names = "、".join(display_path(p) for p, _ in earlier)
                problems[path] = (f"同一机关的{year - 1}年度报告有多份（{names}），未做跨年度核对；"
                                  "请用 --previous 指定 "
                                  f"(several {year - 1} reports of this agency: not compared year over year; "
                                  "name one with --previous)")
    return previous, problems


def year_gap_warning(document: Document, previous: Document) -> str | None:
    """A warning when ``--previous`` names a report that is not for the year before."""
    this, last = document.meta.report_year, previous.meta.report_year
    if this is None or last is None or last == this - 1:
        return None
    shown = display_path(Path(previous.source.path))
    return (f"--previous 指定的报告（{shown}）是{last}年度的，本报告是{this}年度的 "
            f"(--previous names a {last} report for this {this} report)")
