"""What the section rules share: the template's sections and the report's top-level sections."""

from __future__ import annotations

import re

from nianbao.format.editions import SectionSpec
from nianbao.model.document import Document
from nianbao.model.document import Section
from nianbao.model.rule import Context
from nianbao.reading.sections import top_heading


def template_sections(context: Context) -> tuple[SectionSpec, ...]:
    """The sections the report's edition prescribes, in order (none when no edition was decided)."""
    return context.edition.sections if context.edition is not None else ()


def recognised(document: Document, context: Context) -> list[tuple[Section, int]]:
    """The report's top-level sections that name a template section, with that section's position
    in the template, in reading order."""
    order = {spec.key: index for index, spec in enumerate(template_sections(context))}
    return [(s, order[s.key]) for s in document.sections if s.level == 1 and s.key in order]


def written(section: Section) -> str:
    """A heading as the report writes it, without what follows its title: ``五、存在问题及改进情况``."""
    return f"{section.number}、{section.title}"


def official(spec: SectionSpec) -> str:
    """A template section's heading as the format writes it: ``三、收到和处理政府信息公开申请情况``."""
    return f"{spec.number}、{spec.title}"


_SPACES = re.compile(r"\s+")


def number_mark(section: Section) -> str:
    """How a top-level heading writes its number, without spaces: ``一、`` as the format has it, or
    ``一``, ``一、、``, ``一.``, ``第一部分``."""
    heading = top_heading(section.heading)
    return _SPACES.sub("", heading.marker) if heading is not None else ""
