"""Finding identity: fingerprints come from the rule, the report's identity and the logical place,
so lines inserted above a finding change none, the same report in another format keeps them, and
the same finding in two bodies' reports has two."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.fingerprint import opening_words
from nianbao.engine.session import DuplicateFingerprint
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Section
from nianbao.model.document import Source
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.rule import Rule

ROOT = Path(__file__).resolve().parent.parent
OWN = sorted(p for p in [*(ROOT / "tests" / "cases").glob("*/*"), *(ROOT / "examples").glob("*.md")]
             if p.suffix in (".md", ".txt", ".html"))
CORPUS_LINES = (
    "001_guancheng-district-2020.md", "002_shanghai-govoffice-2019.html", "022_pingtan-2018-older.txt",
    "023_pingtan-2019.txt", "025_pingtan-2021.txt", "026_pingtan-2022.txt", "027_pingtan-2023.txt",
    "028_pingtan-2024.txt", "029_pingtan-2025.txt", "030_pingtan-2025.html",
    "041_pingtan-jinjing-2021.html", "042_pingtan-zone-2022.html", "043_pingtan-czj-2023.html",
)


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(Config())


def _with_blank_lines(session: Session, path: Path, tmp_path: Path) -> tuple[Path, int]:
    """A copy of ``path`` (same name) with a blank line above every line a finding points at; and
    how many findings point at a line."""
    findings = session.check_file(path).findings
    lines = {f.location.line for f in findings if f.location.line}
    rows = path.read_bytes().decode("utf-8").splitlines(keepends=True)
    copy = tmp_path / path.name
    text = "".join(("\n" if n in lines else "") + row for n, row in enumerate(rows, 1))
    copy.write_text(text, encoding="utf-8")
    return copy, sum(1 for f in findings if f.location.line)


def _assert_lines_moved_but_not_fingerprints(session: Session, path: Path, tmp_path: Path) -> None:
    copy, located = _with_blank_lines(session, path, tmp_path)
    before, after = session.check_file(path).findings, session.check_file(copy).findings
    assert Counter((f.rule_id, f.fingerprint) for f in after) == Counter(
        (f.rule_id, f.fingerprint) for f in before)
    if located:  # the test means something: the findings' lines did move
        assert sorted(f.location.line or 0 for f in after) != sorted(f.location.line or 0 for f in before)


@pytest.mark.parametrize("name", CORPUS_LINES)
def test_lines_inserted_above_corpus_findings_change_no_fingerprint(
        session: Session, corpus: Path, tmp_path: Path, name: str) -> None:
    _assert_lines_moved_but_not_fingerprints(session, corpus / name, tmp_path)


@pytest.mark.parametrize("path", OWN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lines_inserted_above_case_findings_change_no_fingerprint(
        session: Session, tmp_path: Path, path: Path) -> None:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 text: no lines to insert")
    _assert_lines_moved_but_not_fingerprints(session, path, tmp_path)


@pytest.mark.parametrize(("text", "html"), [
    ("026_pingtan-2022.txt", "042_pingtan-zone-2022.html"),
    ("029_pingtan-2025.txt", "030_pingtan-2025.html"),
])
def test_the_same_report_as_html_and_text_keeps_its_fingerprints(corpus: Path, text: str, html: str) -> None:
    pytest.importorskip("nianbao_pack_fujian")
    session = Session(Config(plugins=("nianbao_pack_fujian",)))
    as_text = {(f.rule_id, f.location.logical, f.fingerprint)
               for f in session.check_file(corpus / text).findings
               if f.rule_id != "DOC002"}  # what the flattened text could not read with certainty
    as_html = {(f.rule_id, f.location.logical, f.fingerprint)
               for f in session.check_file(corpus / html).findings}
    assert as_html == as_text
    assert {rule for rule, _, _ in as_html} >= {"FJ001", "FJ002"}


def test_narrative_and_section_findings_keep_their_fingerprints_across_formats(corpus: Path) -> None:
    session = Session(Config(select=("SEC", "TXT")))
    as_text = session.check_file(corpus / "026_pingtan-2022.txt").findings
    as_html = session.check_file(corpus / "042_pingtan-zone-2022.html").findings
    assert [(f.rule_id, f.location.logical) for f in as_html] == [
        ("SEC003", "section/reviews"),
        ("TXT001", "applications/received/total"),
        ("TXT001", "applications/received/natural_person"),
    ]
    assert [f.fingerprint for f in as_html] == [f.fingerprint for f in as_text]
    assert [f.location.line for f in as_html] != [f.location.line for f in as_text]


def test_the_same_finding_in_two_bodies_reports_has_two_fingerprints(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "2022-with-defects.md").read_text(encoding="utf-8")
    ours, theirs = tmp_path / "a" / "report.md", tmp_path / "b" / "report.md"
    for path, body in ((ours, "示例"), (theirs, "样例")):
        path.parent.mkdir()
        path.write_text(text.replace("示例", body), encoding="utf-8")
    session = Session(Config())
    first, second = session.check_file(ours).findings, session.check_file(theirs).findings
    assert [(f.rule_id, f.location.logical, f.message.replace("示例", "样例")) for f in first] == [
        (f.rule_id, f.location.logical, f.message) for f in second]
    assert first
    assert not {f.fingerprint for f in first} & {f.fingerprint for f in second}


def test_two_bodies_in_the_corpus_have_distinct_fingerprints(corpus: Path) -> None:
    pytest.importorskip("nianbao_pack_fujian")
    session = Session(Config(plugins=("nianbao_pack_fujian",), select=("FJ",)))
    zone = session.check_file(corpus / "025_pingtan-2021.txt").findings
    district = session.check_file(corpus / "041_pingtan-jinjing-2021.html").findings
    assert [(f.rule_id, f.location.logical) for f in zone] == [
        (f.rule_id, f.location.logical) for f in district]
    assert not {f.fingerprint for f in zone} & {f.fingerprint for f in district}


_TWICE = Rule(id="ZZ001", name="twice", title="同一处报告两次", title_en="reported twice", severity="warning",
              source="test", message={"zh": "第{n}次", "en": "time {n}"}, doc="")


@_TWICE.check
def _twice(document: object, context: object):  # noqa: ANN202 - a check that reports one place twice
    for n in (1, 2):
        yield Violation(Location(section="overview"), {"n": n})


def test_two_findings_with_one_fingerprint_fail_loudly(session: Session) -> None:
    document = session.load(ROOT / "examples" / "2022-with-defects.md")
    context = session.context_for(document)
    with pytest.raises(DuplicateFingerprint, match="ZZ001 gave two findings at section/overview"):
        session._run(_TWICE, document, context, "report.md")


def test_outside_the_tests_both_findings_are_kept_and_a_warning_says_why(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Session, "strict_identity", False)
    document = session.load(ROOT / "examples" / "2022-with-defects.md")
    failures: list = []
    found = session._run(_TWICE, document, session.context_for(document), "report.md", failures=failures)
    assert [f.message for f in found] == ["第1次", "第2次"]
    assert len({f.fingerprint for f in found}) == 1
    assert [(n.level, n.message) for n in failures] == [
        ("warning", "规则 ZZ001（nianbao）在同一位置（section/overview []）给出两条指纹相同的发现")]


def test_two_findings_at_one_place_with_their_own_keys_have_two_fingerprints(session: Session) -> None:
    rule = Rule(id="ZZ002", name="keyed", title="分别报告", title_en="keyed", severity="warning",
                source="test", message={"zh": "第{n}项", "en": "item {n}"}, doc="")
    rule.check(lambda document, context: iter(
        [Violation(Location(section="overview"), {"n": n}, key=(f"item{n}",)) for n in (1, 2)]))
    document = session.load(ROOT / "examples" / "2022-with-defects.md")
    found = session._run(rule, document, session.context_for(document), "report.md")
    assert len({f.fingerprint for f in found}) == 2


def test_a_finding_without_a_key_keeps_the_fingerprint_it_had_before_keys(corpus: Path) -> None:
    """Baselines written before findings carried keys still match the findings that need none."""
    session = Session(Config(select=("SEC003", "SEC004")))

    def fingerprints(name: str) -> list[tuple[str, str]]:
        return [(f.rule_id, f.fingerprint) for f in session.check_file(corpus / name).findings]

    assert fingerprints("042_pingtan-zone-2022.html") == [("SEC003", "bf82797844ee18f7e1082d6ebccffc57")]
    assert fingerprints("001_guancheng-district-2020.md") == [("SEC004", "d41baecc308e3298f34454adc6b7679e")]


def test_the_report_is_known_by_the_first_300_word_characters_of_its_overview() -> None:
    # Marks and spaces in long runs, across the places where a long paragraph is read in pieces.
    first = "本机关" + "，、 。" * 40 + "认真贯彻落实《条例》" * 3
    second = "（一）主动公开 ——" + "全年主动公开政府信息" * 40 + "！" * 70 + "结尾"
    overview = Section(number="一", title="总体情况", heading="一、总体情况", key="overview",
                       paragraphs=[Paragraph(first), Paragraph("…" * 500), Paragraph(second)])
    document = Document(Source("r.html", "html", "0" * 64), sections=[overview])

    words = opening_words(document)

    assert words == re.sub(r"[\W_]+", "", first + second)[:300]
    assert len(words) == 300
    assert words.startswith("本机关认真贯彻落实条例认真贯彻落实条例认真贯彻落实条例一主动公开全年")
