"""``nianbao diff LAST THIS``: compare a body's reports for two consecutive years."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from nianbao.compare.build import NotAPair
from nianbao.compare.build import compare
from nianbao.compare.model import Comparison
from nianbao.compare.tables import THRESHOLD
from nianbao.config.settings import Config
from nianbao.engine.session import ConfigurationError
from nianbao.engine.session import Session
from nianbao.loaders.base import LoadError
from nianbao.model.document import Document
from nianbao.model.document import DocumentInvalid

FORMATS = ("text", "json", "html", "docx")
BINARY = ("docx",)
EXIT_OK, EXIT_USAGE = 0, 2


def history_findings(session: Session, last: Document, this: Document, shown: str) -> list:
    """The year-over-year (HIS) findings of the pair, as ``nianbao check --previous`` gives them."""
    rules = [r for r in session.all_rules if r.id.startswith("HIS")]
    if not rules:
        return []
    config = Config(select=tuple(r.id for r in rules), lang=session.config.lang)
    return [f for f in session.run_rules(this, shown, previous=last, config=config)
            if f.rule_id.startswith("HIS")]


def build(session: Session, last_path: Path, this_path: Path, *, force: bool = False,
          threshold: float = THRESHOLD) -> Comparison:
    """Load both reports and compare them; raises ``click.UsageError`` naming the file or the reason."""
    documents = []
    for path in (last_path, this_path):
        try:
            documents.append(session.load(path))
        except LoadError as exc:
            raise click.UsageError(f"{path}: {exc.message} ({exc.message_en})") from exc
        except DocumentInvalid as exc:
            raise click.UsageError(f"{path}: 读取结果不符合文档模型：{exc}") from exc
    last, this = documents
    try:
        return compare(last, this, session.editions, last_path=str(last_path), this_path=str(this_path),
                       findings=history_findings(session, last, this, str(this_path)), force=force,
                       threshold=threshold)
    except NotAPair as exc:
        raise click.UsageError(f"{exc}；确需对比请加 --force (not a body's reports for consecutive years: "
                               "use --force to compare anyway)") from exc


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


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and move it into place, so that a failure never
    leaves a truncated file where a good one was."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.command(name="diff")
@click.argument("last", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("this", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="输出格式 / output format: text, json, html (a self-contained page), docx (Word).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="写入文件而不是标准输出；docx 必须指定 / write to FILE (required for docx).")
@click.option("--force", is_flag=True,
              help="不是同一机关相邻年度的报告也对比 / compare even when not one body's consecutive years.")
@click.option("--threshold", type=click.FloatRange(min=0), default=THRESHOLD, show_default=True,
              help="相对变化达到此比例的单元格标为大幅变化 / flag cells changed by at least this share.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="输出语言 / language of the output.")
def diff(last: Path, this: Path, fmt: str, output: Path | None, force: bool, threshold: float,
         lang: str) -> None:
    """对比同一机关相邻两个年度的报告（LAST 为上年，THIS 为本年）：各部分文字的增删改、统计表每个单元格的
    变化、跨年度衔接和关键数字。

    Compare a body's reports for two consecutive years (LAST, then THIS): text added, removed and changed
    per section, every table cell side by side, the figures that follow from last year, the key figures.
    """
    if fmt in BINARY and output is None:
        raise click.UsageError(f"--format {fmt} 需要用 -o 指定输出文件 (--format {fmt} needs -o FILE)")
    for path in (last, this):
        if output is not None and output.resolve() == path.resolve():
            raise click.UsageError(f"{output} 是被对比的报告之一，nianbao 不会覆盖报告 "
                                   "(the output would overwrite a report)")
    if output is not None and not output.parent.is_dir():
        raise click.UsageError(f"{output}: 输出文件所在的文件夹不存在 "
                               "(the folder for the output file does not exist)")
    try:
        session = Session(Config(lang=lang))
    except (ConfigurationError, RuntimeError) as exc:
        raise click.UsageError(str(exc)) from exc
    comparison = build(session, last, this, force=force, threshold=threshold)
    content = render(comparison, fmt, lang)
    if output is None:
        click.echo(content, nl=False)
    else:
        try:
            write_atomically(output, content)
        except OSError as exc:
            click.echo(f"nianbao: error: {output}: 无法写入输出文件：{exc.strerror} "
                       "(cannot write the output file)", err=True)
            sys.exit(EXIT_USAGE)
    sys.exit(EXIT_OK)
