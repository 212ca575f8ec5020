"""The one decision on a report's edition, taken by the engine between reading and checking."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping

from nianbao.format.editions import Edition
from nianbao.model.document import Document

Detect = Callable[[Document], "tuple[str, str] | None"]


def decide_edition(document: Document, editions: Mapping[str, Edition], requested: str,
                   detect: Detect) -> Edition | None:
    """Decide the edition the report's tables are read against and its rules check against, and
    record it in ``document.meta`` (``edition``, ``edition_source``, ``edition_requested``).

    ``requested`` (``--edition``; ``auto`` for none) decides, unless the tables' shape names another
    edition: the tables are then read and checked as what they are, and ``meta.edition_requested``
    keeps what was asked for (FMT001 reports the contradiction). Otherwise ``detect`` decides (the
    ``nianbao_detect_edition`` hook: packs first, then the tables' shape, then the report year). With
    no answer, no edition is decided: the tables are read against the newest and no edition's rules run.
    """
    meta = document.meta
    if requested != "auto":
        meta.edition_requested = requested
        shape = meta.table_edition if meta.table_edition in editions else None
        meta.edition, meta.edition_source = (shape, "tables") if shape and shape != requested else (
            requested, "option")
    else:
        answer = detect(document)
        if answer and answer[0] in editions:
            meta.edition, meta.edition_source = answer
    return editions.get(meta.edition or "")
