"""Cut narrative paragraphs into sentences, keeping each sentence's paragraph and source."""

from __future__ import annotations

import re
from typing import NamedTuple

from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import SourceRef

# A sentence runs up to and with its end mark (。！？!?), or is what follows the last one.
_OTHER_ENDS = "！？!?"  # the end marks besides 。
# A line break inside a paragraph is layout (PDF, wrapped text), not a sentence end.
_WRAP = re.compile(r"\s*\n\s*")
# A table whose cells a flattened source glued into the text is not narrative: its rows hold tabs
# (their paragraphs are left out, see narrative_paragraphs) or this note of the template's.
_TABLE_NOTE = "本列数据的勾稽关系"


class Sentence(NamedTuple):
    """One sentence of the narrative, the index of its paragraph and where the paragraph stands.
    (A named tuple: made for every sentence of a report, it costs less than a frozen dataclass.)"""

    text: str
    paragraph: int
    ref: SourceRef


def all_paragraphs(document: Document) -> tuple[Paragraph, ...]:
    """Every paragraph of ``document.paragraphs()`` (sections' headings included), in reading order;
    made once per document, as several rules walk them all."""
    return document.derived(_all_paragraphs)


def _all_paragraphs(document: Document) -> tuple[Paragraph, ...]:
    return tuple(document.paragraphs())


def narrative_paragraphs(document: Document) -> tuple[tuple[int, str, SourceRef], ...]:
    """Every narrative paragraph (index, text, source); tab-separated table rows left out.
    Worked out once per document."""
    return document.derived(_narrative_paragraphs)


def _narrative_paragraphs(document: Document) -> tuple[tuple[int, str, SourceRef], ...]:
    paragraphs = enumerate(all_paragraphs(document))
    return tuple((index, paragraph.text, paragraph.ref) for index, paragraph in paragraphs
                 if paragraph.text.strip() and "\t" not in paragraph.text)


def split_sentences(text: str) -> list[str]:
    """A paragraph's sentences, split at 。！？； and line ends, with lines wrapped by the source joined."""
    if "\n" in text:
        text = _WRAP.sub("", text)
    # Cut with str.split (in C) where every end mark is made a 。 in a copy of the same length: a
    # pattern ([^。！？!?]*[。！？!?]|[^。！？!?]+) gives the same, stepping through every character.
    marked = text
    for mark in _OTHER_ENDS:
        if mark in marked:
            marked = marked.replace(mark, "。")
    if "。" not in marked:
        part = text.strip()
        return [part] if part else []
    sentences = []
    start = 0
    for piece in marked.split("。"):
        end = start + len(piece) + 1
        part = text[start:end].strip()
        if part:
            sentences.append(part)
        start = end
    return sentences


def paragraph_sentences(document: Document) -> tuple[tuple[str, ...], ...]:
    """The sentences of each of :func:`narrative_paragraphs` (:func:`split_sentences`), by the
    paragraph's position there; worked out once per document."""
    return document.derived(_paragraph_sentences)


def _paragraph_sentences(document: Document) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(split_sentences(text)) for _, text, _ in narrative_paragraphs(document))


def sentences(document: Document) -> tuple[Sentence, ...]:
    """Every narrative sentence in reading order, worked out once per document."""
    return document.derived(_sentences)


def _sentences(document: Document) -> tuple[Sentence, ...]:
    split = zip(narrative_paragraphs(document), paragraph_sentences(document), strict=True)
    return tuple([Sentence(sentence, index, ref) for (index, _, ref), parts in split
                  for sentence in parts if _TABLE_NOTE not in sentence])
