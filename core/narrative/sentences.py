"""Cut narrative paragraphs into sentences, keeping each sentence's paragraph and source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nianbao.model.document import Document
from nianbao.model.document import SourceRef

_END = re.compile(r"(?<=[。！？!?])")
# A line break inside a paragraph is layout (PDF, wrapped text), not a sentence end.
_WRAP = re.compile(r"\s*\n\s*")
# A table whose cells a flattened source glued into the text is not narrative.
_TABLE_TEXT = re.compile(r"\t|本列数据的勾稽关系")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    paragraph: int
    ref: SourceRef


def narrative_paragraphs(document: Document) -> Iterator[tuple[int, str, SourceRef]]:
    """Every narrative paragraph (index, text, source); tab-separated table rows left out."""
    for index, paragraph in enumerate(document.paragraphs()):
        if paragraph.text.strip() and "\t" not in paragraph.text:
            yield index, paragraph.text, paragraph.ref


def split_sentences(text: str) -> list[str]:
    text = _WRAP.sub("", text)
    return [part.strip() for part in _END.split(text) if part and part.strip()]


def sentences(document: Document) -> Iterator[Sentence]:
    for index, text, ref in narrative_paragraphs(document):
        for sentence in split_sentences(text):
            if not _TABLE_TEXT.search(sentence):
                yield Sentence(sentence, index, ref)
