"""The hooks through which nianbao is extended.

The built-in rules, loaders and reporters are registered through these same hooks, from the
entry-point group ``nianbao``, exactly as an agency pack is. Every hook name starts with
``nianbao_``; a misspelt implementation fails at start-up (``check_pending``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.plugin.markers import hookspec

if TYPE_CHECKING:
    import click
    from nianbao.config.settings import Config
    from nianbao.format.editions import Edition
    from nianbao.loaders import Loader
    from nianbao.loaders import LoadError
    from nianbao.model.document import Document
    from nianbao.model.findings import Finding
    from nianbao.model.findings import Violation
    from nianbao.model.rule import Rule
    from nianbao.plugin.reporter import DeferredReporter
    from nianbao.plugin.reporter import Reporter



# -------------------------------------------------------------------------------------------------
# Initialisation
# -------------------------------------------------------------------------------------------------


@hookspec
def nianbao_add_options() -> list[click.Option]:
    """Return extra options for ``nianbao check``.

    :return: click options. Their values reach rules through ``Context.options`` under the
        option's parameter name, and reach :func:`nianbao_configure` in ``config.options``.

    Use a prefix in option names that is unique to your pack (``--js-deadline``) so that two
    packs never collide. The built-in rules add theirs the same way (PUB001's ``--published-on``).
    """


@hookspec(historic=True)
def nianbao_configure(config: Config) -> None:
    """Called once the configuration is final, before any report is loaded.

    :param config: the effective configuration (selected rules, severities, options).

    Historic: a plugin registered later still receives the call.
    """


# -------------------------------------------------------------------------------------------------
# Registration
# -------------------------------------------------------------------------------------------------


@hookspec
def nianbao_register_rules(config: Config) -> list[Rule]:
    """Return the rules this plugin provides.

    :param config: the effective configuration; a pack may register rules conditionally.

    Rule IDs must be unique across all plugins. An agency pack uses its own prefix of two to four
    capital letters, never a built-in family (DOC, SEC, ART, REC, FMT, TXT, HIS, PUB).
    """


@hookspec
def nianbao_register_loaders() -> list[Loader]:
    """Return loaders for input formats.

    A loader has ``name``, ``suffixes``, ``sniff(head: bytes) -> bool`` and
    ``load(path, data, editions) -> Document``. The first loader whose suffix matches is used;
    files with an unknown suffix go to the first loader whose ``sniff`` accepts the first bytes.
    """


@hookspec
def nianbao_register_reporters() -> list[type[Reporter] | DeferredReporter]:
    """Return reporter classes. Each has a ``name`` (the ``--format`` value) and implements
    ``start(rules)``, ``add(report)`` and ``finish(summary)``. A
    :class:`~nianbao.plugin.reporter.DeferredReporter` (a name and ``"module:Class"``) stands for a
    class whose module is imported only when its format is chosen."""


@hookspec
def nianbao_register_editions() -> list[Path]:
    """Return paths of edition template YAML files (validated by ``edition.schema.json``).

    A file whose ``edition`` equals a built-in one replaces it; use this to correct a label for a
    local variant of the format without changing nianbao.
    """


# -------------------------------------------------------------------------------------------------
# Per report
# -------------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def nianbao_detect_edition(document: Document, editions: dict[str, Edition]) -> tuple[str, str] | None:
    """Decide which edition of the format a report is read and checked against.

    The engine asks once per report, after the loader has read it and before its tables are
    matched to a template: the answer is the template the tables are read against and the edition
    whose rules run. Not called when ``--edition`` names an edition.

    :param document: the report as read: sections, paragraphs and metadata, with
        ``meta.table_edition`` (the edition the tables' shape names) and ``meta.report_year``
        filled in when the reader could tell. ``document.tables`` is still empty.
    :param editions: every known edition by name.
    :return: ``(edition, how)`` where ``edition`` is a key of ``editions`` and ``how`` is
        ``tables``, ``year``, ``config`` or ``plugin``; or None to let the next implementation decide.

    First result wins. The built-in implementation trusts the tables' shape, then the report year.
    """


@hookspec(firstresult=True)
def nianbao_load_failed(error: LoadError) -> tuple[str, Violation] | None:
    """Turn a file that could not be read into a finding.

    Called once per file that no loader could read (missing, empty, binary, undecodable, a legacy
    Word file, damaged, or a loader that failed), before any rule runs.

    :param error: what went wrong: ``error.message`` in Chinese, ``error.message_en`` in English and
        ``error.reason`` (``missing``, ``empty``, ``binary``, ``encoding``, ``format``,
        ``unreadable``; loaders may add others).
    :return: ``(rule_id, violation)``: a registered rule's ID and the violation to report under it
        (its location is usually empty: there is no document to point into); or None to let the
        next implementation answer.

    First result wins. The built-in answer is DOC001's (``nianbao.rules``). The finding is reported
    when its rule is selected for the file; with no answer at all, the file is reported as a tool
    error.
    """


@hookspec
def nianbao_document_loaded(document: Document) -> None:
    """Called after a report is loaded and validated, before its rules run.

    :param document: the loaded document. A plugin may fill in metadata it knows better (e.g. the
        agency's body type from a local register) but must not change table values.
    """


@hookspec
def nianbao_modify_findings(document: Document, findings: list[Finding]) -> None:
    """Called with one report's findings before they are reported.

    :param document: the loaded document.
    :param findings: the findings, in order; the list may be filtered or reordered in place.
    """


HOOK_NAMES: tuple[str, ...] = tuple(name for name in dir() if name.startswith("nianbao_"))

