"""A lasting store of checked reports (``--history FILE``), so next year's check can compare with
this year's report when its file is long gone.

The store is one SQLite file (the standard library's ``sqlite3``). Each checked report is stored
once under its identity (the year and the opening of its overview, the same in every format; see
:func:`~nianbao.engine.fingerprint.report_identity`): a re-check of the same report replaces the
stored one, never adds a second. Stored are the body and its matching key, the year, the edition,
the file's hash and where it came from, every table value (table ``cells``, for queries and
``nianbao history show``) and the loaded document itself (compressed JSON), from which the
year-over-year rules get exactly what they would get from the file.

``PRAGMA user_version`` carries the schema version. Several runs may write to one store at once:
the file is in WAL mode, each report is written in one immediate transaction, and a writer waits
for the others (``busy_timeout``) instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from pathlib import Path
from typing import Any

from nianbao._version import __version__
from nianbao.engine.fingerprint import report_identity
from nianbao.engine.pairing import body_key
from nianbao.model.document import CellValue
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Note
from nianbao.model.document import Paragraph
from nianbao.model.document import Section
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.model.document import Table
from nianbao.model.document import TableRow
from nianbao.model.errors import BilingualError

SCHEMA_VERSION = 1
WAIT_SECONDS = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,
    agency TEXT,
    agency_key TEXT,
    year INTEGER,
    edition TEXT,
    title TEXT,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    nianbao_version TEXT NOT NULL,
    document BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS reports_by_body ON reports (agency_key, year);
CREATE TABLE IF NOT EXISTS cells (
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    table_key TEXT NOT NULL,
    cell TEXT NOT NULL,
    raw TEXT NOT NULL,
    value,
    blank INTEGER NOT NULL,
    line INTEGER,
    page INTEGER,
    PRIMARY KEY (report_id, table_key, cell)
);
"""


class HistoryError(BilingualError):
    """The store cannot be used: not a nianbao store, written by a newer version, unwritable."""


@dataclass(frozen=True, slots=True)
class StoredReport:
    """One stored report, without its document."""

    id: int
    identity: str
    agency: str | None
    year: int | None
    edition: str | None
    title: str | None
    source: str
    format: str
    sha256: str
    checked_at: str


_COLUMNS = "id, identity, agency, year, edition, title, source, format, sha256, checked_at"


class HistoryStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path, timeout=WAIT_SECONDS, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self._prepare_waiting()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"{path}: 不是 nianbao 的历史库（{exc}）",
                               f"{path}: not a nianbao history store ({exc})") from exc

    def _prepare_waiting(self) -> None:
        """Prepare the store, waiting while another run sets it up (switching to WAL takes the file
        for a moment, and SQLite's busy handler does not wait for that)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                self._prepare()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _prepare(self) -> None:
        schema = self.db.execute("PRAGMA user_version").fetchone()[0]
        if schema > SCHEMA_VERSION:
            raise HistoryError(f"{self.path}: 历史库由更新版本的 nianbao 写入（格式 {schema}），请升级",
                               f"{self.path}: written by a newer nianbao (schema {schema}); upgrade")
        if schema == SCHEMA_VERSION:
            return
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables - {"reports", "cells"}:
            raise HistoryError(f"{self.path}: 这个 SQLite 文件不是 nianbao 的历史库",
                               f"{self.path}: this SQLite file is not a nianbao history store")
        wal = self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        if not wal and self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise HistoryError(f"{self.path}: 无法把历史库设为 WAL 模式",
                               f"{self.path}: cannot put the store in WAL mode")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if self.db.execute("PRAGMA user_version").fetchone()[0] == 0:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------------

    def save(self, document: Document, name: str) -> int:
        """Store ``document`` (shown as ``name``), replacing the stored copy of the same report."""
        meta = document.meta
        blob = zlib.compress(json.dumps(document.to_dict(), ensure_ascii=False).encode("utf-8"), 6)
        row = (report_identity(document, name), meta.agency, body_key(meta.agency), meta.report_year,
               meta.edition, meta.title, name, document.source.format, document.source.sha256,
               datetime.now(timezone.utc).isoformat(timespec="seconds"), __version__, blob)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            (report_id,) = self.db.execute(
                "INSERT INTO reports (identity, agency, agency_key, year, edition, title, source, format,"
                " sha256, checked_at, nianbao_version, document) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (identity) DO UPDATE SET agency = excluded.agency,"
                " agency_key = excluded.agency_key,"
                " year = excluded.year, edition = excluded.edition, title = excluded.title,"
                " source = excluded.source, format = excluded.format, sha256 = excluded.sha256,"
                " checked_at = excluded.checked_at, nianbao_version = excluded.nianbao_version,"
                " document = excluded.document RETURNING id", row).fetchone()
            self.db.execute("DELETE FROM cells WHERE report_id = ?", (report_id,))
            self.db.executemany(
                "INSERT INTO cells (report_id, table_key, cell, raw, value, blank, line, page)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(report_id, table.key, key, cell.raw, cell.value, int(cell.blank), cell.ref.line,
                  cell.ref.page) for table in document.tables.values() for key, cell in table.values.items()])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return int(report_id)

    # --- reading ---------------------------------------------------------------------------------

    def reports(self, agency: str | None = None, year: int | None = None) -> list[StoredReport]:
        """The stored reports (of a body and a year when given), by body and year."""
        where, args = [], []
        if agency:
            where.append("agency_key = ?")
            args.append(body_key(agency))
        if year is not None:
            where.append("year = ?")
            args.append(year)
        sql = f"SELECT {_COLUMNS} FROM reports"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY agency_key, year, id"
        return [StoredReport(*row) for row in self.db.execute(sql, args)]

    def report(self, report_id: int) -> StoredReport | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM reports WHERE id = ?", (report_id,)).fetchone()
        return StoredReport(*row) if row else None

    def cells(self, report_id: int) -> Iterator[tuple[str, str, str, Any, bool, int | None, int | None]]:
        """Every stored table value: (table, cell, raw, value, blank, line, page)."""
        for row in self.db.execute(
                "SELECT table_key, cell, raw, value, blank, line, page FROM cells WHERE report_id = ?"
                " ORDER BY table_key, rowid", (report_id,)):
            yield row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6]

    def document(self, report_id: int) -> Document:
        (blob,) = self.db.execute("SELECT document FROM reports WHERE id = ?", (report_id,)).fetchone()
        return document_from_dict(json.loads(zlib.decompress(blob).decode("utf-8")))

    def last_year_of(self, document: Document) -> list[StoredReport]:
        """The stored reports of this report's body for the year before (none when either is unknown)."""
        key, year = body_key(document.meta.agency), document.meta.report_year
        if not key or not year:
            return []
        return [StoredReport(*row) for row in self.db.execute(
            f"SELECT {_COLUMNS} FROM reports WHERE agency_key = ? AND year = ? ORDER BY id", (key, year - 1))]


def _ref(data: dict[str, Any] | None) -> SourceRef:
    return SourceRef(**data) if data else SourceRef()


def _section(data: dict[str, Any]) -> Section:
    return Section(
        number=data["number"], title=data["title"], heading=data["heading"], level=data["level"],
        key=data["key"],
        ref=_ref(data["ref"]), paragraphs=[Paragraph(p["text"], _ref(p["ref"])) for p in data["paragraphs"]],
        children=[_section(c) for c in data["children"]], tables=list(data["tables"]),
        other_tables=data["other_tables"])


def _table(data: dict[str, Any]) -> Table:
    return Table(
        key=data["key"], edition=data["edition"], ref=_ref(data["ref"]), grid=[list(r) for r in data["grid"]],
        rows=[TableRow(r["key"], r["label"], _ref(r["ref"])) for r in data["rows"]],
        values={k: CellValue(raw=v["raw"], value=v["value"], blank=v["blank"], ref=_ref(v["ref"]),
                             unit=v["unit"], problem=v["problem"]) for k, v in data["values"].items()},
        unmatched=list(data["unmatched"]))


def document_from_dict(data: dict[str, Any]) -> Document:
    """The document whose ``to_dict()`` is ``data``."""
    return Document(
        source=Source(**data["source"]),
        meta=Meta(**data["meta"]),
        preamble=[Paragraph(p["text"], _ref(p["ref"])) for p in data["preamble"]],
        sections=[_section(s) for s in data["sections"]],
        tables={k: _table(t) for k, t in data["tables"].items()},
        notes=[Note(code=n["code"], message=n["message"], ref=_ref(n["ref"]), table=n["table"], row=n["row"],
                    message_en=n["message_en"]) for n in data["notes"]],
    )
