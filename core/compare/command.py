"""``nianbao diff LAST THIS``: compare a body's reports for two consecutive years.

The command imports the comparison on use, so that ``nianbao --version`` and the other commands
start without it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from nianbao.compare import THRESHOLD

FORMATS = ("text", "json", "html", "docx")
BINARY = ("docx",)
EXIT_OK, EXIT_USAGE = 0, 2


@click.command(name="diff")
@click.argument("last")
@click.argument("this")
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
def diff(last: str, this: str, fmt: str, output: Path | None, force: bool, threshold: float,
         lang: str) -> None:
    """对比同一机关相邻两个年度的报告（LAST 为上年，THIS 为本年；文件或 http(s) 网页地址）：各部分
    文字的增删改、统计表每个单元格的变化、跨年度衔接和关键数字。

    Compare a body's reports for two consecutive years (LAST, then THIS; files or http(s) addresses):
    text added, removed and changed per section, every table cell side by side, the figures that follow
    from last year, the key figures.
    """
    from nianbao.engine.inputs import is_url

    def usage(zh: str, en: str) -> click.UsageError:
        return click.UsageError(en if lang == "en" else zh)

    for name in (last, this):
        if not is_url(name) and not Path(name).is_file():
            raise usage(f"{name}: 文件不存在", f"{name}: no such file")
    if fmt in BINARY and output is None:
        raise usage(f"--format {fmt} 需要用 -o 指定输出文件", f"--format {fmt} needs -o FILE")
    for name in (last, this):
        if output is not None and not is_url(name) and output.resolve() == Path(name).resolve():
            raise usage(f"{output} 是被对比的报告之一，nianbao 不会覆盖报告",
                        f"{output} is one of the reports compared: it would overwrite a report")
    if output is not None and not output.parent.is_dir():
        raise usage(f"{output}: 输出文件所在的文件夹不存在",
                    f"{output}: the folder for the output file does not exist")
    from nianbao.compare.run import build
    from nianbao.compare.run import render
    from nianbao.config.settings import Config
    from nianbao.engine.atomic import write_atomically
    from nianbao.engine.session import ConfigurationError
    from nianbao.engine.session import Session

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
            click.echo(f"nianbao: error: {output}: " + (f"cannot write the output file: {exc.strerror}"
                       if lang == "en" else f"无法写入输出文件：{exc.strerror}"), err=True)
            sys.exit(EXIT_USAGE)
    sys.exit(EXIT_OK)
