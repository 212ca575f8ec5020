"""Fullwidth digits read in every input shape: a real report with its ASCII digits turned into
fullwidth ones (０–９) reads the same table values; in the flattened-text shape, where glued runs
are split digit by digit, it gives exactly the same findings.

The digits are changed here, on the corpus text as read, into a temporary file."""

from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.engine.session import Session
from nianbao.model.results import CheckedReport

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
FLATTENED = ("023_pingtan-2019.txt", "025_pingtan-2021.txt", "026_pingtan-2022.txt", "027_pingtan-2023.txt",
             "028_pingtan-2024.txt", "029_pingtan-2025.txt")
OTHER_SHAPES = ("001_guancheng-district-2020.md", "002_shanghai-govoffice-2019.html", "030_pingtan-2025.html",
                "042_pingtan-zone-2022.html")


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


def _both(session: Session, corpus: Path, tmp_path: Path, name: str) -> tuple[CheckedReport, CheckedReport]:
    path = tmp_path / name
    path.write_text((corpus / name).read_text(encoding="utf-8").translate(FULLWIDTH), encoding="utf-8")
    return session.check_file(corpus / name), session.check_file(path)


def _values(report: CheckedReport) -> dict[str, object]:
    assert report.document is not None
    return {f"{key}.{cell}": (value.value, value.blank) for key, table in report.document.tables.items()
            for cell, value in table.values.items()}


def _findings(report: CheckedReport) -> list[tuple[object, ...]]:
    return sorted((f.rule_id, f.severity, f.location.line, f.location.table, f.location.row,
                   f.location.column, f.message) for f in report.findings)


@pytest.mark.parametrize("name", FLATTENED)
def test_flattened_text_with_fullwidth_digits_gives_the_same_findings(
        session: Session, corpus: Path, tmp_path: Path, name: str) -> None:
    original, fullwidth = _both(session, corpus, tmp_path, name)
    assert _values(fullwidth) == _values(original)
    assert len(_values(original)) > 100
    assert _findings(fullwidth) == _findings(original)


@pytest.mark.parametrize("name", OTHER_SHAPES)
def test_other_shapes_read_the_same_values(session: Session, corpus: Path, tmp_path: Path, name: str) -> None:
    original, fullwidth = _both(session, corpus, tmp_path, name)
    assert _values(fullwidth) == _values(original)
    assert [f.rule_id for f in fullwidth.findings] == [f.rule_id for f in original.findings]
