"""Hostile inputs stay bounded: each becomes one DOC001 naming the limit and how to raise it, and
the rest of the batch is still checked. The files are built small here (``hostile.py``);
``scripts/limits_benchmark.py`` measures them at full size."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import hostile
import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.loaders import base
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import Limits
from nianbao.model.limits import time_limit
from nianbao.model.limits import using_limits
from test_reporters_support import run_cli
from test_reporters_support import write_report


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config(select=("DOC001",)))


def problem(session: Session, path: Path) -> str:
    """The one finding of ``path``: a DOC001 load failure; its message."""
    (report,) = list(session.check_paths([path]))
    assert [(f.rule_id, f.args.get("problem") is not None) for f in report.findings] == [("DOC001", True)]
    return report.findings[0].args["problem"]


def assert_names_the_limit(message: str, key: str) -> None:
    assert f"可在配置文件 limits 中设置 {key}，或使用 --limit {key}=N 提高上限" in message


def test_a_docx_whose_xml_part_is_declared_too_large_is_refused_before_reading(session: Session,
                                                                                 tmp_path: Path) -> None:
    path = hostile.docx_bomb(tmp_path / "bomb.docx", inflated_mb=20)
    assert path.stat().st_size < 100_000
    message = problem(session, path)
    assert message.startswith("DOCX 中一个 XML 部件解压后的大小超过上限 16 MB（20 MB）")
    assert_names_the_limit(message, "max-xml-mb")


def test_a_docx_part_that_inflates_past_its_declared_size_is_stopped_while_reading(tmp_path: Path) -> None:
    """A member whose declared size is small while its data inflates further: the streaming
    counter stops at the limit (here lowered, so that the test stays small)."""
    path = hostile.docx_bomb(tmp_path / "liar.docx", inflated_mb=3)
    data = bytearray(path.read_bytes())
    # declare 1 KB in the central directory and the local header of document.xml
    name = b"word/document.xml"
    for signature, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_at = start + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at:name_at + len(name)] == name:
                data[start + size_at:start + size_at + 4] = (0xFFFFFFFF).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    lowered = Session(Config(select=("DOC001",), limits=Limits.parse({"max-xml-mb": 1})))
    message = problem(lowered, path)
    assert "DOCX" in message and ("max-xml-mb" in message or "损坏" in message)


def test_a_page_of_huge_spans_is_refused_before_the_grid_is_built(session: Session, tmp_path: Path) -> None:
    path = hostile.span_page(tmp_path / "spans.html")
    assert path.stat().st_size < 16_000
    message = problem(session, path)
    assert message.startswith("一张表格展开合并单元格后的格数超过上限 50000 格")
    assert_names_the_limit(message, "max-table-cells")


def test_a_table_of_too_many_rows_is_refused(session: Session, tmp_path: Path) -> None:
    path = hostile.long_table_page(tmp_path / "long.html", rows=6000)
    message = problem(session, path)
    assert message.startswith("一张表格的行数超过上限 5000 行（6000 行）")
    assert_names_the_limit(message, "max-table-rows")


def test_a_long_table_within_a_raised_limit_is_read(tmp_path: Path) -> None:
    path = hostile.long_table_page(tmp_path / "long.html", rows=300)
    lowered = Session(Config(select=("DOC001",), limits=Limits.parse({"max-table-rows": 200})))
    assert problem(lowered, path).startswith("一张表格的行数超过上限 200 行（300 行）")
    raised = Session(Config(limits=Limits.parse({"max-table-rows": 400})))
    assert raised.load(path).source.format == "html"


def test_locators_are_the_xpaths_lxml_gives(tmp_path: Path) -> None:
    import lxml.html
    from nianbao.loaders.html import ElementPaths

    root = lxml.html.fromstring("<html><body><div><p>a</p><p>b</p><table><tr><td>1</td><td>2</td></tr>"
                                "<tr><td>3</td></tr></table></div><p>c</p></body></html>")
    paths = ElementPaths()
    elements = list(root.iter())
    assert [paths.of(e) for e in elements] == [e.getroottree().getpath(e) for e in elements]


def test_a_page_nested_too_deeply_is_refused(session: Session, tmp_path: Path) -> None:
    message = problem(session, hostile.deep_page(tmp_path / "deep.html", depth=200))
    assert message.startswith("网页元素的嵌套层数超过上限 128 层")
    assert_names_the_limit(message, "max-nesting")


def test_a_pdf_page_ruled_into_a_huge_grid_is_refused(session: Session, tmp_path: Path) -> None:
    path = hostile.ruled_pdf(tmp_path / "grid.pdf", lines=2000)
    assert path.stat().st_size < 30_000
    message = problem(session, path)
    assert message.startswith("PDF 一页中的表格线数超过上限 2000 条")
    assert_names_the_limit(message, "max-rulings")


def test_a_ruled_grid_of_too_many_cells_is_refused(tmp_path: Path) -> None:
    path = hostile.ruled_pdf(tmp_path / "grid.pdf", lines=150)
    lowered = Session(Config(select=("DOC001",), limits=Limits.parse({"max-table-cells": 10_000})))
    message = problem(lowered, path)
    assert message.startswith("一张表格展开合并单元格后的格数超过上限 10000 格（22500 格）")


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    lowered = Session(Config(select=("DOC001",), limits=Limits.parse({"max-file-mb": 2})))
    message = problem(lowered, path)
    assert message.startswith("文件大小超过上限 2 MB（2 MB）")
    assert_names_the_limit(message, "max-file-mb")


def _seen_smaller(monkeypatch: pytest.MonkeyPatch, by: int) -> None:
    """The file grows by ``by`` bytes after its size is asked for: the size the file and the open
    file give is that much short of what is read."""
    real_stat, real_fstat = os.stat, os.fstat

    def smaller(info: os.stat_result) -> os.stat_result:
        return os.stat_result((*info[:6], info.st_size - by, *info[7:]))

    monkeypatch.setattr(os, "stat", lambda path, **kw: smaller(real_stat(path, **kw)))
    monkeypatch.setattr(os, "fstat", lambda fd: smaller(real_fstat(fd)))


def test_a_file_that_grows_while_read_is_read_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "growing.md"
    path.write_bytes(b"x" * 5000)
    _seen_smaller(monkeypatch, 3000)
    assert base.read_input(path, Limits()) == b"x" * 5000


def test_a_file_that_grows_past_the_size_limit_while_read_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "growing.md"
    path.write_bytes(b"x" * (1024 * 1024 + 10))
    _seen_smaller(monkeypatch, 20)
    limits = Limits.parse({"max-file-mb": 1})
    with using_limits(limits), pytest.raises(LimitExceeded) as refused:
        base.read_input(path, limits)
    assert refused.value.key == "max-file-mb"


def test_a_text_file_over_the_text_limit_is_refused(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_bytes(b"<html><body>" + b"<p>x</p>" * (9 * 1024 * 1024 // 8) + b"</body></html>")
    message = problem(session, path)
    assert message.startswith("文本文件（网页、Markdown、纯文本）大小超过上限 8 MB（9 MB）")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_opening_it(session: Session, tmp_path: Path) -> None:
    path = hostile.fifo(tmp_path / "pipe.md")
    assert problem(session, path) == "这是命名管道（FIFO），不是普通文件，未读取"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused(session: Session) -> None:
    assert problem(session, Path("/dev/zero")) == "这是设备文件，不是普通文件，未读取"


def test_a_report_over_the_time_limit_is_one_doc001(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nianbao.loaders.text import MarkdownLoader

    load = MarkdownLoader.load

    def slow_load(self: MarkdownLoader, *args: object) -> object:
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # Python code that would run 5 s: the alarm stops it
            pass
        return load(self, *args)

    monkeypatch.setattr(MarkdownLoader, "load", slow_load)
    path = write_report(tmp_path, "report.md")
    quick = Session(Config(select=("DOC001", "REC"), limits=Limits.parse({"timeout": 0.2})))
    started = time.monotonic()
    message = problem(quick, path)
    assert time.monotonic() - started < 4
    assert message.startswith("检查一份报告所用的时间超过上限 0.2 秒")
    assert_names_the_limit(message, "timeout")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers on this system")
def test_the_time_limit_gives_the_alarm_back_to_the_handler_before_it() -> None:
    def theirs(signum: int, frame: object) -> None:
        raise AssertionError("the time limit's alarm reached the handler it replaced")

    previous = signal.signal(signal.SIGALRM, theirs)
    try:
        with time_limit(60):
            assert signal.getsignal(signal.SIGALRM) is not theirs
        assert signal.getsignal(signal.SIGALRM) is theirs
        with pytest.raises(LimitExceeded) as stopped, time_limit(0.05):
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                pass
        assert stopped.value.key == "timeout"
        assert signal.getsignal(signal.SIGALRM) is theirs
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_limits_are_validated_by_key_and_value() -> None:
    with pytest.raises(ValueError, match="unknown limit 'max-rows'"):
        Limits.parse({"max-rows": 3})
    with pytest.raises(ValueError, match="limit timeout needs a positive number"):
        Limits.parse({"timeout": 0})
    assert Limits.parse({"timeout": "90"})["timeout"] == 90.0
    assert Limits()["max-table-rows"] == 5000


def test_the_limit_option_and_config_key_raise_a_limit(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    hostile.long_table_page(tmp_path / "long.html", rows=300)
    (tmp_path / "nianbao.yaml").write_text("limits:\n  max-table-rows: 200\n", encoding="utf-8")

    def messages(*options: str) -> list[str]:
        result = run_cli("check", "--select", "DOC001", "--format", "json", *options, "long.html")
        return [f["message"] for r in json.loads(result.stdout)["reports"] for f in r["findings"]]

    not_a_report = "不是一份可识别的政府信息公开工作年度报告：未找到任何报告章节（一、总体情况 …）或统计表"
    (refused,) = messages()
    assert refused.startswith("无法检查此文件：一张表格的行数超过上限 200 行（300 行）")
    assert messages("--limit", "max-table-rows=400") == [not_a_report]
    (tmp_path / "nianbao.yaml").write_text("limits:\n  max-table-rows: 400\n", encoding="utf-8")
    assert messages() == [not_a_report]
    bad = run_cli("check", "--limit", "max-rows=3", "long.html")
    assert bad.exit_code == 2 and "unknown limit 'max-rows'" in bad.output


def test_one_hostile_file_leaves_the_rest_of_the_batch_checked(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path, "a.md")
    hostile.span_page(tmp_path / "b.html")
    write_report(tmp_path, "c.md")
    result = run_cli("check", "--select", "DOC001,REC002", "--format", "json", ".")
    reports = {r["path"]: [f["rule_id"] for f in r["findings"]] for r in json.loads(result.stdout)["reports"]}
    assert reports == {"a.md": ["REC002"], "b.html": ["DOC001"], "c.md": ["REC002"]}


def test_a_configuration_of_nested_aliases_is_refused_without_printing_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = hostile.alias_config(tmp_path)
    assert config.stat().st_size < 1000
    write_report(tmp_path, "a.md")
    started = time.monotonic()
    result = run_cli("check", "a.md")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert "锚点与别名展开后超过 100000 个节点" in result.output
    assert result.output.count("lol") < 10


def test_a_few_aliases_are_still_read(tmp_path: Path) -> None:
    from nianbao.config.yamlsafe import load_yaml

    assert load_yaml("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_a_yaml_rule_pattern_that_backtracks_is_stopped_with_a_clear_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("# 报告\n\n" + "a" * 30 + "b\n", encoding="utf-8")
    hostile.regex_rule_config(tmp_path, "(a+)+$")  # the regex engine sees through this one
    started = time.monotonic()
    result = run_cli("check", "--select", "XX001", "--limit", "regex-timeout=0.2", "a.md")
    assert time.monotonic() - started < 10
    assert result.output.splitlines()[0] == "a.md: XX001 [警告] 命中"
    hostile.regex_rule_config(tmp_path, "(a|aa)+$")  # this one backtracks exponentially
    started = time.monotonic()
    result = run_cli("check", "--select", "XX001", "--limit", "regex-timeout=0.2", "a.md")
    assert time.monotonic() - started < 20
    assert result.exit_code == 2
    assert "正则表达式 '(a|aa)+$' 在 0.2 秒内没有匹配完" in result.output
