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


def agency_key(document: Document | ReportSketch) -> str | None:
    agency = document.meta.agency
    if not agency:
        return None
    return "".join(unicodedata.normalize("NFKC", agency).split())


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
