"""Every HTML report of the corpus loads with each value of 表二, 表三 and 表四 at its row and column.

The expected values in tests/corpus_expected/<stem>.json were read by hand from the source HTML
(and cross-checked against the figures and reconciliations listed in MANIFEST.tsv); blank cells are
``null`` there and listed under ``blank``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from nianbao.engine.session import Session
from nianbao.model.document import Document

EXPECTED = Path(__file__).parent / "corpus_expected"
HTML_STEMS = (
    "002_shanghai-govoffice-2019",
    "030_pingtan-2025",
    "041_pingtan-jinjing-2021",
    "042_pingtan-zone-2022",
    "043_pingtan-czj-2023",
)
SECTION_KEYS = ["overview", "active_disclosure", "applications", "reviews", "problems", "other"]
SECTION_TABLES = {"active_disclosure": ["active_disclosure"], "applications": ["applications"],
                  "reviews": ["reviews"]}


def expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def session() -> Session:
    return Session()


@pytest.fixture(scope="module")
def loaded(session: Session, corpus: Path) -> dict[str, Document]:
    return {stem: session.load(corpus / expected(stem)["file"]) for stem in HTML_STEMS}


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_every_value_cell_at_its_row_and_column(loaded: dict[str, Document], stem: str) -> None:
    want = expected(stem)
    document = loaded[stem]
    assert document.source.format == "html"
    for key, cells in want["tables"].items():
        table = document.tables[key]
        got = {cell_key: (None if value.blank else value.value) for cell_key, value in table.values.items()}
        assert got == cells, key
        for cell_key, value in table.values.items():
            assert value.value is None if f"{key}.{cell_key}" in want["blank"] else not value.blank
    unread = sorted(f"{n.table}.{n.row}" for n in document.notes if n.table and n.row)
    assert unread == sorted(want["unread"])


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_blank_cells_load_blank_never_zero(loaded: dict[str, Document], stem: str) -> None:
    want = expected(stem)
    document = loaded[stem]
    blank = sorted(f"{key}.{cell_key}" for key, table in document.tables.items()
                   for cell_key, value in table.values.items() if value.blank)
    assert blank == sorted(want["blank"])


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_edition_year_and_agency(loaded: dict[str, Document], stem: str) -> None:
    want = expected(stem)
    meta = loaded[stem].meta
    assert (meta.edition, meta.table_edition, meta.report_year, meta.agency) == (
        want["edition"], want["edition"], want["report_year"], want["agency"])


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_six_sections_with_their_tables(loaded: dict[str, Document], stem: str) -> None:
    document = loaded[stem]
    assert [s.key for s in document.sections] == SECTION_KEYS
    assert {s.key: s.tables for s in document.sections if s.tables} == SECTION_TABLES


def test_publication_date_from_the_page(loaded: dict[str, Document]) -> None:
    assert {stem: document.meta.published_on for stem, document in loaded.items()} == {
        "002_shanghai-govoffice-2019": "2020-01-31", "030_pingtan-2025": None,
        "041_pingtan-jinjing-2021": None, "042_pingtan-zone-2022": None, "043_pingtan-czj-2023": None,
    }


def test_unit_kept_when_written_in_the_cell(loaded: dict[str, Document]) -> None:
    cell = loaded["002_shanghai-govoffice-2019"].tables["active_disclosure"].values["procurement.amount"]
    assert (cell.raw, cell.value, cell.unit) == ("251000元", 251000, "元")


def test_cells_point_to_their_source(loaded: dict[str, Document]) -> None:
    table = loaded["042_pingtan-zone-2022"].tables["applications"]
    cell = table.values["received.natural_person"]
    assert cell.ref.locator == "/html/body/div/table[2]/tbody/tr[4]/td[2]"
    assert cell.ref.line is not None and cell.ref.line > 1
    reviews = loaded["042_pingtan-zone-2022"].tables["reviews"].values
    assert reviews["cases.review_corrected"].ref.locator.startswith("/html/body/div/table[3]/")


@pytest.mark.parametrize("stem", HTML_STEMS)
def test_reconciling_tables_give_no_rec_error(session: Session, corpus: Path, stem: str) -> None:
    report = session.check_file(corpus / expected(stem)["file"])
    rec_errors = [(f.rule_id, f.location.logical) for f in report.findings
                  if f.rule_id in ("REC001", "REC002", "REC003", "REC004") and f.severity == "error"]
    assert rec_errors == []
    assert report.notifications == []
