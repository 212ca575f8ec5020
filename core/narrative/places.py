"""Where a finding stands in the narrative by the report's structure, not by its lines: the section
(its key, ``preamble`` before the first one, or its number when the section is not one the format
names) and the paragraph's or sentence's place in that section. Findings' logical keys are built
from these, so they survive lines inserted above and the same report published in another format.
"""

from __future__ import annotations

from nianbao.model.document import Document
from nianbao.model.keys import Occurrences
from nianbao.narrative.facts import Fact
from nianbao.narrative.facts import extract_facts
from nianbao.narrative.sentences import sentences


def paragraph_places(document: Document) -> tuple[str, ...]:
    """For each paragraph of ``document.paragraphs()`` (by index), ``section/n``: the paragraph's
    section and its index among that section's paragraphs (the heading is 0)."""
    return document.derived(_paragraph_places)


def _paragraph_places(document: Document) -> tuple[str, ...]:
    places = [f"preamble/{n}" for n in range(len(document.preamble))]
    for section in document.sections:
        name = section.key or f"#{section.number}"
        count = 1 + sum(1 for _ in section.all_paragraphs())
        places.extend(f"{name}/{n}" for n in range(count))
    return tuple(places)


def sentence_place(document: Document, text: str, paragraph: int | None = None) -> str:
    """``section.n`` for the narrative sentence ``text`` (in paragraph ``paragraph`` when given):
    its section and its index among that section's narrative sentences. A sentence the narrative
    does not hold (a title) is placed by its text alone."""
    places = document.derived(_sentence_places)
    found = places.get((paragraph, text)) if paragraph is not None else None
    return found or places.get((None, text)) or f"text:{text}"


def _sentence_places(document: Document) -> dict[tuple[int | None, str], str]:
    sections = [place.rpartition("/")[0] for place in paragraph_places(document)]
    counts: dict[str, int] = {}
    places: dict[tuple[int | None, str], str] = {}
    for sentence in sentences(document):
        name = sections[sentence.paragraph] if sentence.paragraph < len(sections) else "document"
        index = counts[name] = counts.get(name, -1) + 1
        place = f"{name}.{index}"
        places.setdefault((sentence.paragraph, sentence.text), place)
        places.setdefault((None, sentence.text), place)
    return places


def fact_place(document: Document, fact: Fact) -> tuple[str, str, int]:
    """A narrative figure's logical key: its sentence's place, its metric, and which figure of that
    metric in the sentence it is."""
    found = document.derived(_fact_places).get(id(fact))
    return found or (sentence_place(document, fact.sentence, fact.paragraph), fact.metric, 0)


def _fact_places(document: Document) -> dict[int, tuple[str, str, int]]:
    occurrences = Occurrences()
    places = {}
    for fact in extract_facts(document):
        where = sentence_place(document, fact.sentence, fact.paragraph)
        places[id(fact)] = (where, fact.metric, occurrences.next((where, fact.metric)))
    return places
