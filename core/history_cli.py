"""``nianbao history``: what a ``--history`` store holds, listed and shown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from nianbao.engine.history import HistoryStore


def _fail(message: str, message_en: str, lang: str | None = None) -> None:
    """End the run (exit 2) with the message in the run's language: ``lang``, else the one given
    before the command (``nianbao --lang en history …``, or NIANBAO_LANG)."""
    context = click.get_current_context(silent=True)
    lang = lang or (context.find_root().params.get("lang") if context is not None else None)
    click.echo(f"nianbao: error: {message_en if lang == 'en' else message}", err=True)
    sys.exit(2)


def open_history(path: Path | None, lang: str | None = None) -> HistoryStore | None:
    """The store at ``path`` (made when missing); a store that cannot be used ends the run (exit 2)."""
    from nianbao.engine.history import HistoryError
    from nianbao.engine.history import HistoryStore

    if path is None:
        return None
    if not path.parent.is_dir():
        _fail(f"{path}: 历史库所在的文件夹不存在", f"{path}: the folder for the history store does not exist",
              lang)
    try:
        return HistoryStore(path)
    except HistoryError as exc:
        _fail(exc.message, exc.message_en, lang)
    return None


@click.group(name="history")
def history_group() -> None:
    """What a --history store holds: `history list STORE`, `history show STORE ID`."""


def _stored(path: Path) -> HistoryStore:
    if not path.is_file():
        _fail(f"{path}: 历史库不存在", f"{path}: no such history store")
    store = open_history(path)
    assert store is not None
    return store


@history_group.command(name="list")
@click.argument("store", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--agency", help="Only the reports of this body (matched as reports are paired).")
@click.option("--year", type=int, help="Only the reports of this year.")
def history_list(store: Path, agency: str | None, year: int | None) -> None:
    """List the stored reports: ID, year, body, edition, format, hash, when checked, source."""
    with _stored(store) as opened:
        rows = opened.reports(agency, year)
    for row in rows:
        click.echo("\t".join((str(row.id), str(row.year or "-"), row.agency or "-", row.edition or "-",
                              row.format, row.sha256[:12], row.checked_at, row.source)))
    click.echo(f"共 {len(rows)} 份报告 ({len(rows)} report(s))", err=True)


@history_group.command(name="show")
@click.argument("store", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("report_id", type=int, metavar="ID")
def history_show(store: Path, report_id: int) -> None:
    """Print one stored report: who and what it is, then every stored table value."""
    with _stored(store) as opened:
        row = opened.report(report_id)
        if row is None:
            _fail(f"{store}: 没有编号为 {report_id} 的报告（`nianbao history list` 列出全部）",
                  f"{store}: no report {report_id}; `nianbao history list` shows them")
        assert row is not None
        cells = list(opened.cells(report_id))
    for label, value in (("id", row.id), ("identity", row.identity), ("agency", row.agency),
                         ("year", row.year), ("edition", row.edition), ("title", row.title),
                         ("source", row.source),
                         ("format", row.format), ("sha256", row.sha256), ("checked_at", row.checked_at)):
        click.echo(f"{label}: {'' if value is None else value}")
    for table, cell, raw, value, blank, line, page in cells:
        shown = "(空)" if blank else ("" if value is None else str(value))
        place = f"line {line}" if line else (f"page {page}" if page else "")
        click.echo(f"{table}\t{cell}\t{shown}\t{raw}\t{place}".rstrip())
