"""The --history store: schema version, one row per report however often it is checked, writers in
several processes at once, and stores it refuses."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.history import SCHEMA_VERSION
from nianbao.engine.history import HistoryError
from nianbao.engine.history import HistoryStore
from nianbao.engine.session import Session
from nianbao.model.document import Document
from test_reporters_support import AGENCY
from test_reporters_support import run_cli
from test_reporters_support import write_report

WRITERS = 4
REPORTS_EACH = 15


def numbered(document: Document, number: int) -> Document:
    """The report with its overview opened by a number: another report's identity."""
    overview = document.section("overview")
    assert overview is not None
    overview.paragraphs[0].text = f"第{number}号。" + overview.paragraphs[0].text
    return document


def _write(store: Path, report: Path, writer: int) -> None:
    session = Session(Config())
    with HistoryStore(store) as history:
        for n in range(REPORTS_EACH):
            history.save(numbered(session.load(report), writer * 100 + n), f"writer-{writer}/{n}.md")
            history.save(session.load(report), "shared.md")  # the same report, from every writer


def test_concurrent_writers_neither_corrupt_nor_duplicate(tmp_path: Path) -> None:
    report = write_report(tmp_path, "report.md")
    store = tmp_path / "history.sqlite"
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write, args=(store, report, w)) for w in range(WRITERS)]
    for process in writers:
        process.start()
    for process in writers:
        process.join(120)
    assert [p.exitcode for p in writers] == [0] * WRITERS
    db = sqlite3.connect(store)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    sources = sorted(row[0] for row in db.execute("SELECT source FROM reports"))
    assert sources == sorted([f"writer-{w}/{n}.md" for w in range(WRITERS) for n in range(REPORTS_EACH)]
                             + ["shared.md"])
    cells = db.execute("SELECT COUNT(*) FROM cells GROUP BY report_id").fetchall()
    assert len(cells) == len(sources) and len({c for (c,) in cells}) == 1  # every report has all its cells


def test_a_stored_report_reads_back_as_loaded(tmp_path: Path) -> None:
    document = Session(Config()).load(write_report(tmp_path, "report.md"))
    with HistoryStore(tmp_path / "h.sqlite") as history:
        first = history.save(document, "report.md")
        again = history.save(document, "elsewhere/report.md")
        assert again == first
        (stored,) = history.reports()
        assert (stored.agency, stored.year, stored.source) == (AGENCY, 2020, "elsewhere/report.md")
        assert history.document(first) == document
        cells = {(t, c): (raw, value, blank) for t, c, raw, value, blank, _, _ in history.cells(first)}
    assert cells[("applications", "granted.natural_person")] == ("56", 56, False)
    assert len(cells) == sum(len(t.values) for t in document.tables.values())


def test_stores_it_will_not_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newer = tmp_path / "newer.sqlite"
    db = sqlite3.connect(newer)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryError, match="历史库由更新版本的 nianbao 写入"):
        HistoryStore(newer)
    other = tmp_path / "other.sqlite"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE accounts (id INTEGER)")
    db.close()
    with pytest.raises(HistoryError, match="这个 SQLite 文件不是 nianbao 的历史库"):
        HistoryStore(other)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("这不是数据库" * 100, encoding="utf-8")
    write_report(tmp_path, "report.md")
    result = run_cli("check", "report.md", "--history", "notes.txt")
    assert result.exit_code == 2
    assert "notes.txt: 不是 nianbao 的历史库" in result.stderr
    english = run_cli("check", "--lang", "en", "report.md", "--history", "notes.txt")
    assert english.exit_code == 2
    assert "nianbao: error: notes.txt: not a nianbao history store (file is not a database)" in english.stderr
    assert "历史库" not in english.stderr
    listed = run_cli("--lang", "en", "history", "list", "missing.sqlite")
    assert (listed.exit_code, listed.stderr) == (2, "nianbao: error: missing.sqlite: no such history store\n")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "这不是数据库" * 100


def test_history_list_and_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write_report(tmp_path, "report.md")
    run_cli("check", "report.md", "--history", "h.sqlite")
    listing = run_cli("history", "list", "h.sqlite")
    (line,) = listing.stdout.splitlines()
    fields = line.split("\t")
    assert fields[:5] == ["1", "2020", AGENCY, "2019", "markdown"]
    assert fields[-1] == str(report.resolve())
    shown = run_cli("history", "show", "h.sqlite", "1").stdout.splitlines()
    assert shown[0] == "id: 1" and shown[1].startswith("identity: 2020/")
    assert shown[2:4] == [f"agency: {AGENCY}", "year: 2020"]
    assert any(line.startswith("applications\tgranted.natural_person\t56\t56\tline ") for line in shown)
    missing = run_cli("history", "show", "h.sqlite", "7")
    assert missing.exit_code == 2
    assert "没有编号为 7 的报告" in missing.stderr
    assert run_cli("history", "list", "absent.sqlite").exit_code == 2
    assert not (tmp_path / "absent.sqlite").exists()
