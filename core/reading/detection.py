"""The built-in answer to :func:`~nianbao.plugin.hookspecs.nianbao_detect_edition`."""

from __future__ import annotations

from nianbao.format.editions import Edition
from nianbao.format.editions import edition_for_year
from nianbao.model.document import Document
from nianbao.plugin.markers import hookimpl


@hookimpl(trylast=True)
def nianbao_detect_edition(document: Document, editions: dict[str, Edition]) -> tuple[str, str] | None:
    """The tables' shape decides; without tables, the report year does."""
    if document.meta.table_edition in editions:
        return document.meta.table_edition, "tables"
    if document.meta.report_year is not None:
        edition = edition_for_year(editions, document.meta.report_year)
        if edition is not None:
            return edition.edition, "year"
    return None
