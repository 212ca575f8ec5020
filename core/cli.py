"""The ``nianbao`` command line.

It is kept whole over 500 lines: the commands share the group, its options and the helpers that read the
configuration and build the session, and a command moved to a module of its own would import this
one back (a cycle the layout forbids); ``diff`` and ``history``, which need none of them, live apart.
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click
from nianbao import __version__
from nianbao.compare.command import diff as diff_command
from nianbao.history_cli import history_group
from nianbao.model.limits import SPECS
from nianbao.plugin.manager import create_plugins
from nianbao.progress import Progress

# The engine, the loaders, the configuration's schema and the explanations are imported by the
# commands that use them, so that `nianbao --version` and `--help` start in a few tens of ms.
if TYPE_CHECKING:
    from nianbao.config.settings import Config
    from nianbao.engine.batch import BatchOptions
    from nianbao.engine.inputs import Input
    from nianbao.engine.session import Session
    from nianbao.model.document import Document
    from nianbao.plugin.manager import Plugins

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip().upper() for value in values for v in value.split(",") if v.strip())


def _session(config: Config) -> Session:
    """The run's session, with the plugins created once for the command line."""
    from nianbao.engine.session import ConfigurationError
    from nianbao.engine.session import Session

    context = click.get_current_context(silent=True)
    plugins = _run_plugins(context) if context is not None else None
    try:
        return Session(config, plugins)
    except (ConfigurationError, RuntimeError) as exc:
        raise click.UsageError(str(exc)) from exc


def _load_config(explicit: Path | None, start: Path | None, lang: str | None = None,
                 trust: bool = False) -> Config:
    """The configuration file's settings; a bad file ends the run with exit code 2."""
    from nianbao.config.files import ConfigFileError
    from nianbao.config.files import resolve_config

    try:
        config = resolve_config(explicit, start, trust=trust)
    except ConfigFileError as exc:
        click.echo(f"nianbao: error: {exc.text(lang or 'zh')}", err=True)
        sys.exit(EXIT_USAGE)
    if config.untrusted_plugin_files:
        names = ", ".join(str(p) for p in config.untrusted_plugin_files)
        click.echo(f"nianbao: warning: {config.path}: a configuration found beside the checked files "
                   f"does not load the Python files it names ({names}); name it with --config or add "
                   "--trust-config" if (lang or config.lang) == "en" else
                   f"nianbao: warning: {config.path}：这是在被检查的文件旁找到的配置文件，"
                   f"其中 plugin-files 指定的 Python 文件（{names}）未加载；如信任它，"
                   "请用 --config 指定该文件或加 --trust-config", err=True)
    return config


def _limit_items(items: tuple[str, ...]) -> dict[str, str]:
    limits: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: expected KEY=N, e.g. max-table-rows=20000",
                                     param_hint="--limit")
        limits[key.strip()] = value.strip()
    return limits


def _fail(message: str, message_en: str = "", lang: str | None = None) -> None:
    """End the run (exit 2) with ``message``, or ``message_en`` when the run is in English."""
    click.echo(f"nianbao: error: {message_en if lang == 'en' and message_en else message}", err=True)
    sys.exit(EXIT_USAGE)


CONFIG_OPTION = click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False),
                             help="Configuration file (nianbao.yaml or pyproject.toml); "
                                  "default: found from the path up.")


def _warn(session: Session) -> None:
    for note in session.notifications:
        click.echo(f"nianbao: {note.level}: {note.message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nianbao")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, envvar="NIANBAO_LANG",
              help="Language of every command's messages and help (default zh; or NIANBAO_LANG).")
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """nianbao：政府信息公开工作年度报告检查工具。

    Checks government information-disclosure annual reports against the national format and the
    regulation, and explains every finding.
    """
    if lang:  # the default of every command's --lang, before or after the command alike
        ctx.default_map = {name: {"lang": lang} for name in main.commands}


class _WithPluginOptions(click.Command):
    """``nianbao check``: its own options and those the plugins add (``nianbao_add_options``; the
    built-in rules add theirs the same way), from the run's plugins."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        meta = ctx.find_root().meta
        if _OPTIONS not in meta:
            plugins = _run_plugins(ctx)
            hook = plugins.manager.hook if plugins is not None else None
            batches = hook.nianbao_add_options() if hook is not None else ()
            meta[_OPTIONS] = [option for batch in batches for option in batch or ()]
        return [*params[:-1], *meta[_OPTIONS], *params[-1:]]  # --help stays last


_PLUGINS, _OPTIONS = "nianbao.plugins", "nianbao.plugin-options"


def _run_plugins(ctx: click.Context) -> Plugins | None:
    """The run's plugins, created once per command line (None when a plugin breaks the hooks: the
    session then reports it)."""
    meta = ctx.find_root().meta
    if _PLUGINS not in meta:
        try:
            meta[_PLUGINS] = create_plugins()
        except RuntimeError:
            meta[_PLUGINS] = None
    return meta[_PLUGINS]


@main.command(cls=_WithPluginOptions)
@click.argument("paths", nargs=-1, required=True, metavar="PATH|URL|@LIST...")
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, sarif, github (Actions annotations), junit, csv, "
                   "xlsx (needs -o FILE), html (a page for reviewers), or one a plugin adds.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the output to FILE instead of stdout.")
@click.option("--select", multiple=True,
              help="Only these rules or rule families (comma-separated, e.g. REC,SEC001).")
@click.option("--ignore", multiple=True, help="Skip these rules or rule families (comma-separated).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files found in folders that match GLOB (repeatable; added to the "
                   "configuration's).")
@click.option("--edition", default=None,
              help="Format edition to check against: auto (default) decides from the tables, then the year; "
                   "or a known edition's name (2019, 2021, or one a pack registers).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
              help="Language of messages (default zh).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are errors.")
@click.option("-v", "--verbose", is_flag=True,
              help="List every evidence cell, zeros included; say in full what each report was checked for.")
@click.option("-q", "--quiet", is_flag=True,
              help="Leave out the line under each report that says what was checked (text output).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "note"]), default="error",
              show_default=True,
              help="Lowest severity of an active finding that makes the exit code 1.")
@click.option("--allow-broken-packs", is_flag=True,
              help="Go on when a rule pack fails to load (its rules are then not checked); otherwise exit 2.")
@CONFIG_OPTION
@click.option("--no-suppress", is_flag=True, help="Report accepted findings as active (for an audit).")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Report only findings that are not in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Record the current findings in FILE as the baseline.")
@click.option("--previous", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Last year's report of the same agency, for the rules that compare a report with "
                   "last year's. "
                   "Without it, reports of consecutive years of one agency in the paths are paired.")
@click.option("--trust-config", is_flag=True,
              help="Load the Python plugin files (plugin-files) that a configuration found beside the "
                   "checked files names; without it, only a file named with --config may load Python.")
@click.option("--limit", "limit_items", multiple=True, metavar="KEY=N",
              help="Raise or lower a resource limit, e.g. --limit max-table-rows=20000 --limit timeout=120 "
                   f"(keys: {', '.join(SPECS)}).")
@click.option("--history", "history_file", type=click.Path(path_type=Path, dir_okay=False),
              help="SQLite store of checked reports: each report is stored, and a report whose body's "
                   "report for the year before is not in the batch is compared with the stored one.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the machine's cores; 1 checks in this process).")
@click.option("--diff-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Write the comparison page (as nianbao diff --format html) of every report checked "
                   "against last year's report into this folder; the reviewer's page links to them.")
@click.option("--fetch-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds to fetch one page named by its address (default 30).")
def check(paths: tuple[str, ...], fmt: str, output: Path | None, select: tuple[str, ...],
          ignore: tuple[str, ...], exclude: tuple[str, ...], edition: str | None, lang: str | None,
          exit_zero: bool, verbose: bool, quiet: bool, fail_on: str, allow_broken_packs: bool,
          config_file: Path | None, no_suppress: bool, baseline_file: Path | None,
          write_baseline_file: Path | None, previous: Path | None, trust_config: bool,
          limit_items: tuple[str, ...], history_file: Path | None, jobs: int | None,
          fetch_timeout: float | None, diff_dir: Path | None, **extra: Any) -> None:
    """Check reports: files, folders, http(s) addresses of published pages, and @LIST files that name
    one path or address a line (.md .txt .html .docx .pdf)."""
    from nianbao.config.files import merge_cli
    from nianbao.engine.baseline import BaselineError
    from nianbao.engine.baseline import read_baseline
    from nianbao.engine.baseline import write_baseline
    from nianbao.engine.batch import Batch
    from nianbao.engine.batch import BatchOptions
    from nianbao.engine.batch import default_jobs
    from nianbao.engine.fetch import DEFAULT_TIMEOUT
    from nianbao.engine.inputs import collect
    from nianbao.engine.session import timed
    from nianbao.history_cli import open_history
    from nianbao.model.results import Summary

    try:
        config = merge_cli(_load_config(config_file, _config_start(paths), lang, trust_config),
                           select=_split(select),
                           ignore=_split(ignore), edition=edition, lang=lang, options=extra,
                           no_suppress=no_suppress, allow_broken_packs=allow_broken_packs,
                           limits=_limit_items(limit_items))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--limit") from exc
    lang = config.lang
    baseline = None
    if baseline_file is not None:
        try:
            baseline = read_baseline(baseline_file)
        except BaselineError as exc:
            _fail(exc.text(lang))
    session = _session(config)
    _warn(session)
    if fmt not in session.reporters:
        choices = ", ".join(sorted(session.reporters))
        raise click.BadParameter(f"unknown format {fmt!r}; choose from {choices}", param_hint="--format")
    inputs = collect(paths, session.suffixes, exclude=config.exclude + exclude)
    options = BatchOptions(jobs=jobs or config.jobs or default_jobs(), timeout=config.limits["timeout"],
                           fetch_timeout=fetch_timeout or DEFAULT_TIMEOUT,
                           fetch_max_bytes=config.limits.bytes("max-file-mb"))
    checked = {p.resolve() for p in inputs.paths}
    if previous is not None:
        checked.add(previous.resolve())
    written_files = ((output, "--output"), (write_baseline_file, "--write-baseline"),
                     (history_file, "--history"))
    for written, hint in written_files:
        if written is not None and written.resolve() in checked:
            raise click.BadParameter(f"{written} is one of the reports being checked; "
                                     "nianbao never writes over a report", param_hint=hint)
    for name in inputs.missing:
        missing = "no such file or directory" if lang == "en" else "文件不存在"
        click.echo(f"nianbao: error: {name}: {missing}", err=True)
    if output is not None and not output.parent.is_dir():
        _fail(f"{output}: 输出文件所在的文件夹不存在",
              f"{output}: the folder for the output file does not exist", lang)
    binary = getattr(session.reporters[fmt], "binary", False)
    if binary and output is None and sys.stdout.isatty():
        raise click.UsageError(f"--format {fmt} writes a binary file: name it with -o FILE" if lang == "en"
                               else f"--format {fmt} 是二进制文件格式，不能输出到终端，请用 -o FILE 指定输出")
    earlier, preloaded = (_previous_report(session, previous, inputs.items, options) if previous is not None
                          else (None, None))
    history = open_history(history_file, lang)
    # Written to FILE only once the run is done, so a FILE in a folder being checked is never
    # read as a report and a failed run leaves no half-written output.
    buffer: io.StringIO | io.BytesIO = io.BytesIO() if binary else io.StringIO()
    if output is None and not binary:
        _escape_stray_bytes(sys.stdout)
    stream = buffer if output else (sys.stdout.buffer if binary else sys.stdout)
    summary = Summary(skipped=list(inputs.skipped))
    reporter = session.reporters[fmt](stream, lang=lang)
    for name, value in (("verbose", verbose), ("quiet", quiet)):
        if hasattr(reporter, name):
            setattr(reporter, name, value)
    reporter.start(session.rules)
    progress = Progress(sys.stderr, len(inputs.items), lang) if sys.stderr.isatty() else None
    batch = Batch(session, inputs.items, options, summary, previous=earlier, history=history,
                  on_done=progress, preloaded=preloaded)
    reports = batch.reports()
    if baseline is not None:
        reports = (baseline.new_only(report) for report in reports)
    seen = []  # for the baseline: each report's findings, not its document
    written: set[str] = set()
    if diff_dir is not None:
        from nianbao.compare.run import link_comparison

        try:
            diff_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"{diff_dir}: 无法创建对比文件夹：{exc.strerror}",
                  f"{diff_dir}: cannot create the folder: {exc.strerror}", lang)
    try:
        for report in timed(reports, summary):
            if progress is not None and stream is sys.stdout:
                progress.clear()
            if diff_dir is not None:
                link_comparison(report, session, diff_dir, written, output, lang)
            reporter.add(report)
            if write_baseline_file is not None:
                seen.append(dataclasses.replace(report, document=None, previous=None))
    finally:
        if progress is not None:
            progress.close()
        if history is not None:
            history.close()
    reporter.finish(summary)
    if write_baseline_file is not None:
        try:
            count = write_baseline(write_baseline_file, seen)
        except OSError as exc:
            _fail(f"{write_baseline_file}: 无法写入基线文件：{exc.strerror}",
                  f"{write_baseline_file}: cannot write the baseline file: {exc.strerror}", lang)
        click.echo(f"nianbao: 已将 {count} 个发现写入基线 {write_baseline_file}" if lang == "zh"
                   else f"nianbao: wrote {count} finding(s) to the baseline {write_baseline_file}", err=True)
    if output is not None:
        _write_output(output, buffer.getvalue(), lang)
    elif binary:
        sys.stdout.buffer.flush()
    if inputs.missing or summary.internal_errors:
        sys.exit(EXIT_USAGE)
    # Recording a baseline is the run's purpose: the findings it records are not a failure.
    if summary.fails(fail_on) and not exit_zero and write_baseline_file is None:
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _escape_stray_bytes(stream: Any) -> None:
    """Write a character that cannot be encoded (a stray byte of an undecodable file name) as an
    escape instead of failing half-way through the output."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError):
            pass


def _config_start(names: tuple[str, ...]) -> Path:
    """Where to look for the configuration: the first local path named (or its list file)."""
    from nianbao.engine.inputs import is_url

    for name in names:
        if not is_url(name):
            return Path(name[1:] if name.startswith("@") and len(name) > 1 else name)
    return Path.cwd()


def _write_output(path: Path, content: str | bytes, lang: str = "zh") -> None:
    from nianbao.engine.atomic import write_atomically

    try:
        write_atomically(path, content)
    except OSError as exc:
        _fail(f"{path}: 无法写入输出文件：{exc.strerror}",
              f"{path}: cannot write the output file: {exc.strerror}", lang)


def _previous_report(session: Session, path: Path, items: list[Input],
                     options: BatchOptions) -> tuple[Document, dict[int, Document]]:
    """Load the report named by ``--previous`` and the report checked against it; refuse, as a usage
    error naming the file, a previous report that cannot be last year's report of that one."""
    from nianbao.engine.batch import load_input
    from nianbao.engine.pairing import refusal
    from nianbao.loaders.base import LoadError
    from nianbao.model.document import DocumentInvalid

    def refuse(zh: str, en: str) -> click.BadParameter:
        why = en if session.config.lang == "en" else zh
        return click.BadParameter(f"{path}: {why}", param_hint="--previous")

    if len(items) > 1:
        raise refuse("--previous 只能用于检查一份报告；检查文件夹时，同一机关相邻年度的报告会自动配对",
                     "--previous applies to one report; in a folder, consecutive years of one agency "
                     "are paired")
    if items and items[0].path is not None and items[0].path.resolve() == path.resolve():
        raise refuse("与被检查的报告是同一份文件", "it is the same file as the report being checked")
    try:
        earlier = session.load(path)
    except LoadError as exc:
        raise refuse(exc.message, exc.message_en) from exc
    except DocumentInvalid as exc:
        raise refuse(f"读取结果不符合文档模型：{exc}", f"the document read is not valid: {exc}") from exc
    if not earlier.tables:
        raise refuse("其中没有找到年度报告的统计表，不是年度报告",
                     "no table of an annual report was found in it")
    if not items:
        return earlier, {}
    try:
        document = load_input(session, items[0], options)
    except Exception:  # noqa: BLE001 - the check reports this report's own problem as DOC001
        return earlier, {}
    why = refusal(document, earlier)
    if why is not None:
        raise refuse(*why)
    return earlier, {0: document}


@main.command(name="rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language (default zh).")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
@click.option("--allow-broken-packs", is_flag=True,
              help="List the rules even when a rule pack fails to load.")
@CONFIG_OPTION
def rules_cmd(lang: str | None, as_json: bool, allow_broken_packs: bool, config_file: Path | None) -> None:
    """List every rule: ID, name, severity, editions, title."""
    from nianbao.config.files import merge_cli
    from nianbao.explain import rules_table

    session = _session(merge_cli(_load_config(config_file, Path.cwd(), lang), lang=lang,
                                 allow_broken_packs=allow_broken_packs))
    lang = session.config.lang
    _warn(session)
    if as_json:
        click.echo(json.dumps([
            {"id": r.id, "name": r.name, "title": r.title, "title_en": r.title_en, "severity": r.severity,
             "editions": list(r.editions), "source": r.source, "origin": r.origin,
             "articles": list(r.articles), "scope": r.scope.text(lang) if r.scope is not None else None}
            for r in session.all_rules
        ], ensure_ascii=False, indent=2))
        return
    click.echo(rules_table(session.all_rules, lang))


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language (default zh).")
@click.option("--allow-broken-packs", is_flag=True, help="Go on when a rule pack fails to load (or exit 2).")
@CONFIG_OPTION
def explain(rule_id: str, lang: str | None, allow_broken_packs: bool, config_file: Path | None) -> None:
    """Print a rule's documentation: requirement, source, example, fix, and the regulation's text."""
    from nianbao.config.files import merge_cli
    from nianbao.explain import explain_text

    session = _session(merge_cli(_load_config(config_file, Path.cwd(), lang), lang=lang,
                                 allow_broken_packs=allow_broken_packs))
    lang = session.config.lang
    rule = session.rule(rule_id) or next((r for r in session.all_rules if r.name == rule_id.lower()), None)
    if rule is None:
        from nianbao.engine.selection import unknown_rule_text

        raise click.BadParameter(unknown_rule_text(rule_id, session.all_rules, lang), param_hint="RULE")
    click.echo(explain_text(rule, lang))


@main.command()
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--table", "table",
              help="Print one table (active_disclosure, applications, reviews) as a grid.")
@click.option("--edition", default="auto", show_default=True,
              help="auto, or a known edition's name (2019, 2021, or one a pack registers).")
def extract(path: Path, table: str | None, edition: str) -> None:
    """Print the loaded document as JSON (or one table as a grid)."""
    from nianbao.config.settings import Config
    from nianbao.gridview import render_table
    from nianbao.loaders.base import LoadError

    session = _session(Config(edition=edition))
    try:
        document = session.load(path)
    except LoadError as exc:
        click.echo(f"nianbao: {path}: {exc.message}", err=True)
        sys.exit(EXIT_USAGE)
    if table is None:
        click.echo(json.dumps(document.to_dict(), ensure_ascii=False, indent=2))
        return
    edition_obj = session.editions.get(document.meta.edition or "")
    if table not in document.tables or edition_obj is None:
        found = ", ".join(document.tables) or "none"
        raise click.BadParameter(f"table {table!r} was not found in {path} (found: {found})",
                                 param_hint="--table")
    click.echo(render_table(document.tables[table], edition_obj.table(table)))


@main.command(name="test-rules")
@click.argument("directory", type=click.Path(path_type=Path, exists=True, file_okay=False))
@CONFIG_OPTION
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def test_rules(directory: Path, config_file: Path | None, lang: str) -> None:
    """Run a folder of rule cases (<RULE>/<case>.md + <case>.expected.json), as a pack proves its rules."""
    from nianbao.config.files import merge_cli
    from nianbao.testing import run_cases

    config = merge_cli(_load_config(config_file, directory, lang), lang=lang)
    results = run_cases(directory, config)
    if not results:
        _fail(f"{directory}：没有找到规则用例（<规则编号>/<用例>.md 与 <用例>.expected.json）",
              f"{directory}: no rule cases found (<RULE>/<case>.md and <case>.expected.json)", lang)
    failed = 0
    for result in results:
        status = "ok" if result.problem is None else "FAIL"
        click.echo(f"{status:4} {result.case.name}")
        if result.problem is not None:
            failed += 1
            click.echo("     " + result.problem.replace("\n", "\n     "))
    click.echo(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


main.add_command(diff_command)
main.add_command(history_group)


def run() -> None:
    from nianbao.helptext import localise

    localise(main, sys.argv[1:])
    main()
