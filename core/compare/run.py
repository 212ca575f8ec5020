"""Load two reports, compare them, and write the comparison in the format asked for."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click
from nianbao.compare import THRESHOLD
from nianbao.compare.build import NotAPair
from nianbao.compare.build import compare
from nianbao.compare.model import Comparison
from nianbao.config.settings import Config
from nianbao.engine.atomic import write_atomically
from nianbao.engine.batch import BatchOptions
from nianbao.engine.batch import load_input
from nianbao.engine.inputs import Input
from nianbao.engine.inputs import is_url
from nianbao.engine.session import Session
from nianbao.loaders.base import LoadError
from nianbao.model.document import Document
from nianbao.model.document import DocumentInvalid
from nianbao.model.results import CheckedReport
from nianbao.model.results import display_path


def history_findings(session: Session, last: Document, this: Document, shown: str) -> list:
    """The year-over-year (HIS) findings of the pair, as ``nianbao check --previous`` gives them."""
    rules = [r for r in session.all_rules if r.id.startswith("HIS")]
    if not rules:
        return []
    config = Config(select=tuple(r.id for r in rules), lang=session.config.lang)
    return [f for f in session.run_rules(this, shown, previous=last, config=config)
            if f.rule_id.startswith("HIS")]


def _item(name: str | Path) -> Input:
    text = str(name)
    return Input(name=text, url=text) if is_url(text) else Input(name=text, path=Path(text))


def build(session: Session, last_path: str | Path, this_path: str | Path, *, force: bool = False,
          threshold: float = THRESHOLD, options: BatchOptions | None = None) -> Comparison:
    """Load both reports (files, or pages named by their http(s) address) and compare them; raises
    ``click.UsageError`` naming the file or the reason."""
    documents = []
    for name in (last_path, this_path):
        try:
            documents.append(load_input(session, _item(name), options or BatchOptions()))
        except LoadError as exc:
            english = session.config.lang == "en"
            raise click.UsageError(f"{name}: {exc.message_en if english else exc.message}") from exc
        except DocumentInvalid as exc:
            english = session.config.lang == "en"
            raise click.UsageError(f"{name}: the document read is not valid: {exc}" if english
                                   else f"{name}: 读取结果不符合文档模型：{exc}") from exc
    last, this = documents
    try:
        return compare(last, this, session.editions, last_path=str(last_path), this_path=str(this_path),
                       findings=history_findings(session, last, this, str(this_path)), force=force,
                       threshold=threshold, lang=session.config.lang)
    except NotAPair as exc:
        if session.config.lang == "en":
            raise click.UsageError(f"{exc}; to compare them anyway, add --force") from exc
        raise click.UsageError(f"{exc}；确需对比请加 --force") from exc


def render(comparison: Comparison, fmt: str, lang: str) -> str | bytes:
    if fmt == "json":
        from nianbao.compare.outputs.json import render as render_json

        return render_json(comparison)
    if fmt == "html":
        from nianbao.compare.outputs.html import render as render_html

        return render_html(comparison, lang)
    if fmt == "docx":
        from nianbao.compare.outputs.docx import render as render_docx

        return render_docx(comparison, lang)
    from nianbao.compare.outputs.text import render as render_text

    return render_text(comparison, lang)


def comparison_name(shown: str, taken: set[str]) -> str:
    """A file name for the comparison of the report shown as ``shown``: its path with separators and
    other awkward characters replaced, unique among ``taken``."""
    stem = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", shown).strip("._") or "report"
    name, count = f"{stem}.diff.html", 1
    while name in taken:
        count += 1
        name = f"{stem}.{count}.diff.html"
    taken.add(name)
    return name


def write_report_comparison(report: CheckedReport, session: Session, directory: Path, taken: set[str],
                            lang: str, threshold: float = THRESHOLD) -> Path | None:
    """Write the comparison page of a report checked against last year's (its HIS findings are those
    of the check), and return where; None for a report without last year's."""
    from nianbao.compare.outputs.html import render as render_html

    if report.document is None or report.previous is None:
        return None
    comparison = compare(report.previous, report.document, session.editions,
                         last_path=display_path(Path(report.previous.source.path)),
                         this_path=report.display_path,
                         findings=[f for f in report.findings if f.rule_id.startswith("HIS")],
                         force=True, threshold=threshold, lang=lang)
    target = directory / comparison_name(report.display_path, taken)
    write_atomically(target, render_html(comparison, lang))
    return target


def link_comparison(report: CheckedReport, session: Session, directory: Path, taken: set[str],
                    output: Path | None, lang: str) -> None:
    """Write the report's comparison with last year's into ``directory`` (``check --diff-dir``) and note
    where in ``report.comparison``, relative to the output file, for the reviewer's page to link. A
    comparison that cannot be written is a warning on stderr, never the end of the run."""
    try:
        target = write_report_comparison(report, session, directory, taken, lang)
    except Exception as exc:  # noqa: BLE001 - one comparison that cannot be written never stops the run
        click.echo(f"nianbao: warning: {report.display_path}: 对比未能写出 (the comparison could not be "
                   f"written): {type(exc).__name__}: {exc}", err=True)
        return
    if target is not None:
        base = output.resolve().parent if output is not None else Path.cwd()
        report.comparison = Path(os.path.relpath(target.resolve(), base)).as_posix()
