"""The phrasing catalogue: every sentence gives exactly its expected facts, or none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.narrative import METRICS
from nianbao.narrative import SCOPE_REASONS
from nianbao.narrative import extract_facts

CATALOGUE = Path(__file__).with_name("phrasings.yaml")
ENTRIES: list[dict[str, Any]] = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


def _document(sentence: str, year: int) -> Document:
    return Document(Source("t.md", "markdown", ""), Meta(report_year=year, edition="2021"),
                    preamble=[Paragraph(sentence, SourceRef(line=1))])


def _expected(fact: dict[str, Any]) -> tuple:
    return (fact["metric"], fact["value"], fact["subject"], fact.get("reason"), tuple(fact.get("also", ())))


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['report']}-{n}" for n, e in enumerate(ENTRIES)])
def test_phrasing_gives_its_facts(entry: dict[str, Any]) -> None:
    facts = extract_facts(_document(entry["sentence"], entry["year"]))
    found = [(f.metric, f.value, f.subject, f.reason, f.alternatives) for f in facts]
    assert found == [_expected(f) for f in entry["facts"]]
    for fact in facts:
        assert (fact.scope == "certain") == (fact.reason is None)


def test_catalogue_covers_the_corpus_and_the_false_alarms() -> None:
    real = [e for e in ENTRIES if e["report"] != "unseen"]
    assert len(real) >= 40
    with_facts = [e for e in real if e["facts"]]
    assert len(with_facts) >= 25
    # Every fact of the catalogue names a table metric or a count of information items, and every
    # reason is one the rules can explain.
    for entry in ENTRIES:
        for fact in entry["facts"]:
            assert fact["metric"] in METRICS or fact["metric"].startswith("items."), fact
            assert fact.get("reason") is None or fact["reason"] in SCOPE_REASONS, fact


def test_each_rewritten_sentence_reads_as_its_original(corpus: Path) -> None:
    """The facts of each rewritten sentence are facts the reader finds in the report it follows, so
    the rewrites keep what matters of the originals (their wording is not copied here)."""
    from nianbao.config.settings import Config
    from nianbao.engine.session import Session

    session = Session(Config())
    reports = {path.name[:3]: path for path in corpus.glob("0*") if path.suffix != ".tsv"}
    missing = []
    for report in sorted({e["report"] for e in ENTRIES if e["report"] != "unseen"}):
        found = [(f.metric, f.value, f.subject, f.reason, f.alternatives)
                 for f in extract_facts(session.load(reports[report]))]
        for entry in (e for e in ENTRIES if e["report"] == report):
            missing += [(report, fact) for fact in map(_expected, entry["facts"]) if fact not in found]
    assert missing == []


def test_the_words_a_pattern_needs_pass_over_no_fact(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern is tried only on a sentence holding one of its ``words``: every word is written in
    the pattern, and with every pattern tried on every sentence the catalogue reads the same."""
    import dataclasses

    from nianbao.narrative import facts as reader

    for pattern in reader.PATTERNS:
        assert pattern.words and all(word in pattern.regex.pattern for word in pattern.words), pattern.metric
    sentences = [(entry["sentence"], entry["year"]) for entry in ENTRIES]
    filtered = [extract_facts(_document(*sentence)) for sentence in sentences]
    every_sentence = tuple(dataclasses.replace(p, words=("",)) for p in reader.PATTERNS)
    monkeypatch.setattr(reader, "PATTERNS", every_sentence)
    assert [extract_facts(_document(*sentence)) for sentence in sentences] == filtered
