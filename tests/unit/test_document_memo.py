"""What several rules read from one report is worked out once per document and shared."""

from __future__ import annotations

import importlib

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef

# the package exports functions of the same names as these modules
facts_module = importlib.import_module("nianbao.narrative.facts")
sentences_module = importlib.import_module("nianbao.narrative.sentences")


def _document() -> Document:
    texts = ["本年度共收到政府信息公开申请32件，办结30件。", "其中予以公开12件，占37.5%。"]
    paragraphs = [Paragraph(text, SourceRef(line=n + 1)) for n, text in enumerate(texts)]
    meta = Meta(report_year=2022, edition="2021")
    return Document(Source("t.md", "markdown", ""), meta, preamble=paragraphs)


def test_derived_computes_once_per_document() -> None:
    calls: list[Document] = []

    def count_words(document: Document) -> int:
        calls.append(document)
        return sum(len(p.text) for p in document.paragraphs())

    first, second = _document(), _document()
    assert first.derived(count_words) == first.derived(count_words) == second.derived(count_words)
    assert calls == [first, second]


def test_the_memo_is_not_part_of_the_document_model() -> None:
    document = _document()
    document.derived(sentences_module.sentences)
    assert set(document.to_dict()) == {"source", "meta", "preamble", "sections", "tables", "notes"}


@pytest.mark.parametrize("name", ["_sentences", "_facts", "_shares"])
def test_narrative_rules_share_one_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    module = sentences_module if name == "_sentences" else facts_module
    original = getattr(module, name)
    calls: list[Document] = []

    def counted(document: Document) -> object:
        calls.append(document)
        return original(document)

    monkeypatch.setattr(module, name, counted)
    session = Session(Config(select=("TXT",)))
    document = _document()
    session.run_rules(document, "t.md")
    assert calls == [document]
