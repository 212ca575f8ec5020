"""Year over year on the 平潭 series: consecutive reports of one agency, read in place.

The carried-over figures below were read by hand from each report's 表三 (the flattened text glues
the cells, e.g. "四、结转下年度继续办理4200006" is 4, 2, 0, 0, 0, 0, 6); for the HTML reports they
come from tests/corpus_expected. Altered copies are written to tmp_path only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.pairing import pair_consecutive_years
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Source
from nianbao.model.results import display_path
from nianbao.testing import project

COLUMNS = ("natural_person", "business", "research", "public_interest", "legal_services", "other", "total")
ZERO = (0, 0, 0, 0, 0, 0, 0)
TEXT_SERIES = {
    "025_pingtan-2021.txt": (ZERO, (1, 0, 0, 0, 0, 0, 1)),
    "026_pingtan-2022.txt": ((1, 0, 0, 0, 0, 0, 1), ZERO),
    "027_pingtan-2023.txt": (ZERO, ZERO),
    "028_pingtan-2024.txt": (ZERO, ZERO),
    "029_pingtan-2025.txt": (ZERO, (4, 2, 0, 0, 0, 0, 6)),
}
HTML_SERIES = ("030_pingtan-2025.html", "042_pingtan-zone-2022.html")
EXPECTED = Path(__file__).parent / "corpus_expected"
# 表二 行政规范性文件 (制发, 废止, 现行有效), read by hand: glued in the text as "8855698", "77132470", …
# 2023's 表三 row 四 (all 0) altered to carry one natural person's application forward
CARRY_ONE_FORWARD = ("四、结转下年度继续办理0000000", "四、结转下年度继续办理1000001")
NORMATIVE = {
    "026_pingtan-2022.txt": ("8855698", (88, 55, 698)),
    "027_pingtan-2023.txt": ("77132470", (77, 132, 470)),
    "028_pingtan-2024.txt": ("6233440", (62, 33, 440)),
    "029_pingtan-2025.txt": ("5845546", (58, 45, 546)),
}


def carried(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    if name in TEXT_SERIES:
        return TEXT_SERIES[name]
    tables = json.loads((EXPECTED / f"{Path(name).stem}.json").read_text(encoding="utf-8"))["tables"]
    cells = tables["applications"]
    return (tuple(cells[f"carried_over.{c}"] for c in COLUMNS),
            tuple(cells[f"carried_forward.{c}"] for c in COLUMNS))


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config(select=("HIS001",)))


def test_carried_figures_are_read_as_verified_by_hand(corpus: Path, session: Session) -> None:
    for name in (*TEXT_SERIES, *HTML_SERIES):
        document = session.load(corpus / name)
        values = document.tables["applications"].values
        read = (tuple(values[f"carried_over.{c}"].value for c in COLUMNS),
                tuple(values[f"carried_forward.{c}"].value for c in COLUMNS))
        assert read == carried(name), name


def test_the_series_pairs_by_agency_and_year(corpus: Path, session: Session) -> None:
    paths = [corpus / n for n in (*TEXT_SERIES, *HTML_SERIES)]
    documents = {p: session.load(p) for p in paths}
    previous, problems = pair_consecutive_years(documents)
    pairs = {p.name: Path(d.source.path).name for p, d in previous.items()}
    # 030 carries no title (its title is in the page chrome), so it names no agency and pairs
    # only by --previous
    assert pairs == {
        "026_pingtan-2022.txt": "025_pingtan-2021.txt",
        "042_pingtan-zone-2022.html": "025_pingtan-2021.txt",
        "027_pingtan-2023.txt": "026_pingtan-2022.txt",
        "028_pingtan-2024.txt": "027_pingtan-2023.txt",
        "029_pingtan-2025.txt": "028_pingtan-2024.txt",
    }
    assert problems == {}


def test_carry_over_holds_for_every_pair(corpus: Path, session: Session) -> None:
    paths = [corpus / n for n in (*TEXT_SERIES, *HTML_SERIES)]
    reports = list(session.check_paths(paths))
    found = [(Path(r.path).name, [project(f) for f in r.findings]) for r in reports]
    assert found == [(p.name, []) for p in paths]
    html_2025 = session.check_paths([corpus / "030_pingtan-2025.html"],
                                    previous=session.load(corpus / "028_pingtan-2024.txt"))
    assert [f for r in html_2025 for f in r.findings] == []


def _copy(corpus: Path, folder: Path, name: str, old: str | None = None, new: str | None = None) -> Path:
    text = (corpus / name).read_text(encoding="utf-8")
    if old is not None:
        assert text.count(old) == 1, f"{old!r} is not unique in {name}"
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changed_carry_forward_fires_on_the_following_year(corpus: Path, session: Session,
                                                             tmp_path: Path) -> None:
    _copy(corpus, tmp_path, "027_pingtan-2023.txt", *CARRY_ONE_FORWARD)
    _copy(corpus, tmp_path, "028_pingtan-2024.txt")
    reports = {Path(r.path).name: r for r in session.check_paths([tmp_path])}
    assert reports["027_pingtan-2023.txt"].findings == []
    found = [project(f) for f in reports["028_pingtan-2024.txt"].findings]
    line = found[0]["line"]
    assert found == [
        {"rule": "HIS001", "severity": "error", "line": line, "section": "applications",
         "table": "applications", "row": "carried_over", "column": column, "expected": 1, "actual": 0,
         "message": f"表三“二、上年结转政府信息公开申请数量 / {label}”为 0，"
                    f"上年报告“四、结转下年度继续办理 / {label}”为 1"}
        for column, label in (("natural_person", "自然人"), ("total", "总计"))
    ]


def drift(actual: int, last: int, issued: int, repealed: int, expected: int, gap: str) -> str:
    return (f"表二“行政规范性文件”现行有效件数为 {actual}，上年现行有效 {last} + 本年制发 {issued} − "
            f"本年废止 {repealed} = {expected}（{gap}）；如经清理或口径调整，请在报告中说明")


def test_in_force_count_drifts_after_the_clean_up(corpus: Path, tmp_path: Path) -> None:
    # The text glues 表二's three cells, so the loader rightly leaves that row unread; the copies put
    # back the separators at the boundaries read by hand.
    for name, (glued, figures) in NORMATIVE.items():
        spaced = "行政规范性文件 " + " ".join(map(str, figures))
        _copy(corpus, tmp_path, name, f"行政规范性文件{glued}", spaced)
    session = Session(Config(select=("HIS002",)))
    found = {Path(r.path).name: [(f.severity, f.evidence.expected, f.evidence.actual, f.message)
                                 for f in r.findings]
             for r in session.check_paths([tmp_path])}
    assert found == {
        "026_pingtan-2022.txt": [],
        "027_pingtan-2023.txt": [("warning", 643, 470, drift(470, 698, 77, 132, 643, "少 173"))],
        "028_pingtan-2024.txt": [("warning", 499, 440, drift(440, 470, 62, 33, 499, "少 59"))],
        "029_pingtan-2025.txt": [("warning", 453, 546, drift(546, 440, 58, 45, 453, "多 93"))],
    }


def test_check_previous_option(corpus: Path, tmp_path: Path) -> None:
    last = _copy(corpus, tmp_path, "027_pingtan-2023.txt", *CARRY_ONE_FORWARD)
    this = corpus / "028_pingtan-2024.txt"
    result = CliRunner().invoke(main, ["check", "--select", "HIS001", str(this), "--previous", str(last)])
    assert result.exit_code == 1, result.output
    assert ("HIS001 [错误] 表三“二、上年结转政府信息公开申请数量 / 自然人”为 0，"
            "上年报告“四、结转下年度继续办理 / 自然人”为 1") in result.output
    alone = CliRunner().invoke(main, ["check", "--select", "HIS001", str(this)])
    assert alone.exit_code == 0, alone.output


def test_check_previous_option_problems(corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    this = str(corpus / "028_pingtan-2024.txt")
    result = CliRunner().invoke(main, ["check", this, "--previous", str(empty)])
    assert result.exit_code == 2
    assert f"{empty}: 文件是空的" in result.output
    english = CliRunner().invoke(main, ["--lang", "en", "check", this, "--previous", str(empty)])
    assert english.exit_code == 2
    assert f"{empty}: the file is empty" in english.output
    assert "文件是空的" not in english.output
    last = str(corpus / "027_pingtan-2023.txt")
    folder = CliRunner().invoke(main, ["check", str(corpus), "--previous", last])
    assert folder.exit_code == 2
    assert "--previous 只能用于检查一份报告" in folder.output


def test_two_reports_for_last_year_are_not_guessed_between(corpus: Path, session: Session,
                                                           tmp_path: Path) -> None:
    text = (corpus / "026_pingtan-2022.txt").read_text(encoding="utf-8")
    (tmp_path / "2022-a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "2022-b.txt").write_text(text, encoding="utf-8")
    _copy(corpus, tmp_path, "027_pingtan-2023.txt")
    reports = {Path(r.path).name: r for r in session.check_paths([tmp_path])}
    notes = [(n.level, n.message) for n in reports["027_pingtan-2023.txt"].notifications]
    a, b = display_path(tmp_path / "2022-a.txt"), display_path(tmp_path / "2022-b.txt")
    assert notes == [("warning", f"同一机关的2022年度报告有多份（{a}、{b}），未做跨年度核对；"
                                 "请用 --previous 指定 (several 2022 reports of this agency: "
                                 "not compared year over year; name one with --previous)")]


def test_previous_of_another_year_is_flagged(corpus: Path, session: Session) -> None:
    reports = list(session.check_paths([corpus / "028_pingtan-2024.txt"],
                                       previous=session.load(corpus / "026_pingtan-2022.txt")))
    assert [n.level for n in reports[0].notifications] == ["warning"]
    assert reports[0].notifications[0].message.endswith(
        "）是2022年度的，本报告是2024年度的 (--previous names a 2022 report for this 2024 report)")


def test_published_on_against_the_department_deadline(corpus: Path) -> None:
    # 043 is a department's (财政金融局) 2023 report, published on 2024-01-31: the last day allowed.
    report = str(corpus / "043_pingtan-czj-2023.html")
    check = ["check", "--select", "PUB001", report, "--published-on"]
    on_time = CliRunner().invoke(main, [*check, "2024-01-31"])
    assert on_time.exit_code == 0, on_time.output
    late = CliRunner().invoke(main, [*check, "2024-02-01"])
    assert late.exit_code == 1, late.output
    assert ("PUB001 [错误] 2023 年度报告于 2024-02-01 公布，"
            "晚于第四十九条规定的部门公布期限 2024-01-31（迟 1 天）") in late.output
    wrong = CliRunner().invoke(main, ["check", report, "--published-on", "2024-13-01"])
    assert wrong.exit_code == 2
    assert "'2024-13-01' does not match the format '%Y-%m-%d'" in wrong.output


def _document(path: str, agency: str | None, year: int | None, fmt: str = "text") -> Document:
    source = Source(path=path, format=fmt, sha256="0" * 64)
    return Document(source=source, meta=Meta(agency=agency, report_year=year))


def test_pairing_rules() -> None:
    documents = {
        Path("a-2021.txt"): _document("a-2021.txt", "示例县 人民政府", 2021),
        Path("a-2022.txt"): _document("a-2022.txt", "示例县人民政府", 2022),
        Path("a-2024.txt"): _document("a-2024.txt", "示例县人民政府", 2024),
        Path("b-2023.txt"): _document("b-2023.txt", "示例县财政局", 2023),
        Path("none-2023.txt"): _document("none-2023.txt", None, 2023),
        Path("c-2022.txt"): _document("c-2022.txt", "示例市（区）", 2022),
        Path("c-2023.html"): _document("c-2023.html", "示例市(区)", 2023, "html"),
    }
    previous, problems = pair_consecutive_years(documents)
    # spacing and full-width brackets do not make two agencies; a gap of a year or another agency does
    assert {p.name: Path(d.source.path).name for p, d in previous.items()} == {
        "a-2022.txt": "a-2021.txt", "c-2023.html": "c-2022.txt"}
    assert problems == {}
