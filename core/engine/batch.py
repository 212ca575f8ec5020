"""Check a batch of reports, in worker processes when asked, and hand them on in input order.

Each report is read and checked (all rules but the year-over-year ones) in a worker process, one
file at a time, under the run's limits (:mod:`nianbao.model.limits`, its ``timeout`` included). A
file that hangs where the time limit cannot interrupt it (a parser stuck in C code), or that crashes
its worker, becomes one DOC001 finding: the worker is ended and replaced and the batch goes on.
``jobs=1`` checks in this process, with the time limit alone.

Reports reach the caller in input order, each as soon as it and every report before it are done.
A report that may be compared with last year's (its body and year are known, and the batch holds
more than one report or a history store is given) is held until the whole batch is read, because
last year's report may come later in the batch; then the batch is paired (see
:func:`~nianbao.engine.pairing.plan_pairs`), reports left unpaired are looked up in the history
store, the year-over-year rules run here, and the pairs made and reports left unpaired go into the
run's :class:`~nianbao.model.results.Summary`.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
import traceback
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from nianbao.engine.fetch import DEFAULT_MAX_BYTES
from nianbao.engine.fetch import DEFAULT_MAX_REDIRECTS
from nianbao.engine.fetch import DEFAULT_TIMEOUT
from nianbao.engine.fetch import Page
from nianbao.engine.fetch import fetch
from nianbao.engine.history import HistoryStore
from nianbao.engine.inputs import Input
from nianbao.engine.pairing import Entry
from nianbao.engine.pairing import plan_pairs
from nianbao.engine.pairing import unpaired
from nianbao.engine.session import Session
from nianbao.lazyre import compile_all
from nianbao.loaders import prepare_loaders
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import normalise_encoding
from nianbao.loaders.base import sha256
from nianbao.model.document import Document
from nianbao.model.document import document_validator
from nianbao.model.results import CheckedReport
from nianbao.model.results import Notification
from nianbao.model.results import Summary
from nianbao.model.results import YearPair

# multiprocessing is imported when a batch starts workers: checking one report needs none.
if TYPE_CHECKING:
    import multiprocessing.context
    from multiprocessing.connection import Connection

DEFAULT_FILE_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """``jobs``: worker processes (1 checks in this process); ``timeout``: the run's time limit for
    one report (a worker still busy a little after it is ended); the rest bound fetching a page."""

    jobs: int = 1
    timeout: float = DEFAULT_FILE_TIMEOUT
    fetch_timeout: float = DEFAULT_TIMEOUT
    fetch_max_bytes: int = DEFAULT_MAX_BYTES
    fetch_max_redirects: int = DEFAULT_MAX_REDIRECTS


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- one report ------------------------------------------------------------------------------------


def page_document(session: Session, page: Page) -> Document:
    """Load a fetched page like a file of its type, recorded under its address.

    A charset declared by the server (other than UTF-8) is applied before the loader sees the bytes,
    read like a declared charset in a file (gb2312 and gbk as gb18030); the hash stays the hash of
    the bytes received.
    """
    data = page.data
    if page.charset and page.media_type and page.media_type.startswith("text/"):
        name = normalise_encoding(page.charset)
        bom = data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
        if name not in ("utf-8", "ascii") and not bom:
            try:
                data = data.decode(name).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                data = page.data
    stem = Path(urlsplit(page.final_url).path).stem or "page"
    document = session.load(Path(stem + (page.suffix or "")), data)
    document.source.path, document.source.sha256 = page.url, sha256(page.data)
    return document


def load_input(session: Session, item: Input, options: BatchOptions) -> Document:
    """Read one input: a file from disk, a page from the web."""
    if item.url is None:
        assert item.path is not None
        return session.load(item.path)
    page = fetch(item.url, timeout=options.fetch_timeout, max_bytes=options.fetch_max_bytes,
                 max_redirects=options.fetch_max_redirects)
    return page_document(session, page)


def check_input(session: Session, item: Input, options: BatchOptions, previous: Document | None = None,
                document: Document | None = None) -> CheckedReport:
    """Check one input, a file or a page, with every rule that does not need last year's report
    (and those too when ``previous`` is given)."""
    return session.check_file(item.path or Path(item.name), previous, document,
                              name=item.name if item.url else None,
                              load=lambda: load_input(session, item, options))


def failed(session: Session, item: Input, error: LoadError) -> CheckedReport:
    """The report of an input whose check did not finish: one DOC001 naming ``error``."""
    def load() -> Document:
        raise error

    return session.check_file(item.path or Path(item.name), name=item.name if item.url else None, load=load)


# --- worker processes ------------------------------------------------------------------------------


def _serve(conn: Connection, session: Session, options: BatchOptions) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch on Ctrl-C
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, item = task
        try:
            report = check_input(session, item, options)
        except Exception as exc:  # noqa: BLE001 - reported as this file's DOC001, the worker lives on
            report = failed(session, item, LoadError(
                f"检查时出错（{type(exc).__name__}: {exc}）",
                f"checking failed ({type(exc).__name__}: {exc})"))
            report.notifications.append(Notification("error", traceback.format_exc(), item.name))
        try:
            conn.send((index, report))
        except Exception as exc:  # noqa: BLE001 - a result that cannot be sent back is this file's problem
            conn.send((index, failed(session, item, LoadError(
                f"检查结果无法传回（{type(exc).__name__}）",
                f"the result could not be passed back ({type(exc).__name__})"))))


class _Worker:
    def __init__(self, context: multiprocessing.context.BaseContext, session: Session,
                 options: BatchOptions) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, session, options), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        child.close()
        self.task: tuple[int, Input] | None = None
        self.started = 0.0

    def give(self, index: int, item: Input) -> None:
        self.task, self.started = (index, item), time.monotonic()
        self.conn.send((index, item))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _suffixes(items: Sequence[Input], known: tuple[str, ...]) -> set[str] | None:
    """The suffixes of the batch's files; None when a file's format shows only in its first bytes (an
    unknown suffix, or a page fetched from an address)."""
    suffixes = {item.path.suffix.lower() if item.path is not None else "" for item in items}
    return suffixes if suffixes <= set(known) else None


def _in_workers(session: Session, items: Sequence[Input],
                options: BatchOptions) -> Iterator[tuple[int, CheckedReport]]:
    """Check ``items`` in ``options.jobs`` worker processes; yields ``(index, report)`` as each ends."""
    import multiprocessing
    from multiprocessing.connection import wait

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # what every worker needs is made once here and inherited through fork: the loaders of the
    # batch's formats (and the parsers they import), the compiled document schema and the rules'
    # patterns
    if context.get_start_method() == "fork":
        prepare_loaders(session.loaders, _suffixes(items, session.suffixes))
        document_validator()
        compile_all()
    queue = list(enumerate(items))
    queue.reverse()
    # the time limit stops a report inside its worker; ending the process is for code that the
    # limit cannot interrupt (a parser stuck in C), a little later
    grace = max(1.0, options.timeout / 10)
    workers: list[_Worker] = []
    try:
        workers = [_Worker(context, session, options) for _ in range(min(options.jobs, len(items)))]
        for worker in workers:
            if queue:
                worker.give(*queue.pop())
        while any(w.task for w in workers):
            busy = [w for w in workers if w.task]
            now = time.monotonic()
            soonest = min(w.started + options.timeout + grace for w in busy)
            ready = wait([w.conn for w in busy], timeout=max(0.0, soonest - now))
            for position, worker in enumerate(list(workers)):
                if worker.task is None:
                    continue
                index, item = worker.task
                if worker.conn in ready:
                    try:
                        got, report = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(5)
                        code = worker.process.exitcode
                        report = failed(session, item, LoadError(
                            f"检查此文件时进程意外退出（退出码 {code}）",
                            f"the process checking this file ended abruptly (exit code {code})",
                            reason="crash"))
                        got = index
                        worker = _replace(workers, position, context, session, options, kill=True)
                    else:
                        worker.task = None
                    yield got, report
                elif time.monotonic() - worker.started >= options.timeout + grace:
                    worker = _replace(workers, position, context, session, options, kill=True)
                    yield index, failed(session, item, LoadError(
                        f"检查超过 {options.timeout:g} 秒仍未停止，已终止检查它的进程",
                        f"checking went on past {options.timeout:g} s and its process was ended",
                        reason="timeout"))
                else:
                    continue
                if queue and worker.task is None:
                    worker.give(*queue.pop())
    finally:
        for worker in workers:
            worker.stop(kill=worker.task is not None)


def _replace(workers: list[_Worker], position: int, context: multiprocessing.context.BaseContext,
             session: Session, options: BatchOptions, kill: bool) -> _Worker:
    workers[position].task = None
    workers[position].stop(kill=kill)
    workers[position] = _Worker(context, session, options)
    return workers[position]


def _in_process(session: Session, items: Sequence[Input], options: BatchOptions, previous: Document | None,
                preloaded: dict[int, Document]) -> Iterator[tuple[int, CheckedReport]]:
    for index, item in enumerate(items):
        yield index, check_input(session, item, options, previous, preloaded.get(index))


# --- the batch -------------------------------------------------------------------------------------


class Batch:
    """One run over ``items``: call :meth:`reports` and pass each report on; ``summary`` gets the
    pairs made and the reports left unpaired once the batch is read."""

    def __init__(self, session: Session, items: Sequence[Input], options: BatchOptions, summary: Summary,
                 previous: Document | None = None, history: HistoryStore | None = None,
                 on_done: Callable[[CheckedReport], None] | None = None,
                 preloaded: dict[int, Document] | None = None) -> None:
        self.session = session
        self.items = list(items)
        self.options = options
        self.summary = summary
        self.previous = previous
        self.history = history
        self.on_done = on_done
        self.preloaded = preloaded or {}
        self.pairing = previous is None and (len(self.items) > 1 or history is not None)

    def _settled(self, report: CheckedReport) -> bool:
        document = report.document
        return (not self.pairing or document is None or not document.meta.agency
                or not document.meta.report_year)

    def reports(self) -> Iterator[CheckedReport]:
        jobs = min(self.options.jobs, len(self.items))
        if jobs > 1 and self.previous is None:
            done = _in_workers(self.session, self.items, dataclasses.replace(self.options, jobs=jobs))
        else:
            done = _in_process(self.session, self.items, self.options, self.previous, self.preloaded)
        results: dict[int, CheckedReport] = {}
        entries: list[Entry] = [Entry(item.name, None) for item in self.items]
        following = 0
        for index, report in done:
            if self.on_done is not None:
                self.on_done(report)
            entries[index] = Entry(report.display_path, report.document)
            results[index] = report
            # a report that waits for pairing is held, and the ones behind it wait for it
            while following in results and self._settled(results[following]):
                yield self._finish(following, results.pop(following))
                following += 1
        self._pair(entries, results)
        for index in sorted(results):
            yield self._finish(index, results[index])

    def _finish(self, index: int, report: CheckedReport) -> CheckedReport:
        if self.previous is not None and report.document is not None:
            self.summary.pairs.append(YearPair(report.display_path, self.previous.source.path,
                                               report.document.meta.agency, report.document.meta.report_year,
                                               "option"))
        if self.history is not None and report.document is not None:
            item = self.items[index]
            self.history.save(report.document, item.url or str(Path(report.path).resolve()))
        return report

    def _pair(self, entries: list[Entry], results: dict[int, CheckedReport]) -> None:
        if not self.pairing:
            return
        plan = plan_pairs(entries)
        for index in sorted(set(plan.previous) | set(plan.unpaired)):
            report = results.get(index)
            if report is None:  # handed on before the batch was read: nothing to pair
                if index in plan.unpaired:
                    self.summary.unpaired.append(plan.unpaired[index])
                continue
            last = results.get(plan.previous.get(index, -1))
            if last is not None and last.document is not None:
                self._compare(report, last.document, last.display_path, "batch")
                continue
            reason = plan.unpaired[index]
            document = report.document
            if reason.reason == "no-previous" and self.history is not None and document is not None:
                stored = self.history.last_year_of(document)
                if len(stored) == 1:
                    self._compare(report, self.history.document(stored[0].id), stored[0].source, "history")
                    continue
                if len(stored) > 1:
                    names = "、".join(s.source for s in stored)
                    year = (document.meta.report_year or 1) - 1
                    reason = unpaired(report.display_path, "candidates",
                                      f"历史库中同一机关的{year}年度报告有多份（{names}），未做跨年度核对",
                                      f"several {year} reports of this body in the history store ({names}): "
                                      "not compared")
                else:
                    reason = dataclasses.replace(reason, message=reason.message + "，历史库中也没有",
                                                 message_en=reason.message_en + ", nor in the history store")
            self.summary.unpaired.append(reason)

    def _compare(self, report: CheckedReport, previous: Document, name: str, origin: str) -> None:
        """Run the year-over-year rules on a report checked without them, as the engine would have."""
        document = report.document
        assert document is not None
        session = self.session
        report.previous = previous
        self.summary.pairs.append(YearPair(report.display_path, name, document.meta.agency,
                                           document.meta.report_year, origin))
        gates = {r.id for r in session.all_rules if r.gate}
        if any(f.severity == "error" and f.rule_id in gates for f in report.findings):
            return
        config = session.config.for_path(report.path)
        ids = tuple(r.id for r in session.applicable_rules(document, previous, config) if r.needs_previous)
        if not ids:
            return
        found = session.run_rules(document, report.display_path, previous,
                                  config=dataclasses.replace(config, select=ids),
                                  notifications=report.notifications)
        order = {r.id: (not r.gate, position) for position, r in enumerate(session.all_rules)}
        last = (True, len(order))
        report.findings = sorted([*report.findings, *found], key=lambda f: order.get(f.rule_id, last))
        report.plan = session.plan(document, report.findings, previous, config)
