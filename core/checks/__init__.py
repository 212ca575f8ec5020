"""The rule author's toolkit: everything a check needs besides the document, in one import.

A rule module declares ``RULE = Rule(...)`` and decorates its check with ``@RULE.check``; the check
reads the document, yields :class:`Violation` objects and leaves paths, fingerprints, severity and
wording to the engine. The helpers here name and point at template cells, evaluate the edition's
identities, find the format's sections and 表二 blocks, and pair this year's tables with last year's;
what the narrative states in figures and words comes from :mod:`nianbao.narrative`
(``extract_facts``, ``read_metric``, ``extract_claims``, ``sentences``). ``docs/writing-a-pack.md``
walks through a table rule, a narrative rule and a year-over-year rule, and its examples run as tests.
"""

from __future__ import annotations

from nianbao.checks.blocks import block_present
from nianbao.checks.blocks import block_tables
from nianbao.checks.cells import blank_columns
from nianbao.checks.cells import cell_args
from nianbao.checks.cells import cell_finding_parts
from nianbao.checks.cells import column_name
from nianbao.checks.cells import is_whole
from nianbao.checks.cells import show
from nianbao.checks.history import both_years
from nianbao.checks.history import comparable
from nianbao.checks.history import masked_sentences
from nianbao.checks.history import number
from nianbao.checks.history import previous_cell
from nianbao.checks.reconcile import gap_args
from nianbao.checks.reconcile import identity_violations
from nianbao.checks.sections import official
from nianbao.checks.sections import recognised
from nianbao.checks.sections import template_sections
from nianbao.checks.sections import written
from nianbao.format.editions import cell_label
from nianbao.model.findings import CellEvidence
from nianbao.model.findings import Derivation
from nianbao.model.findings import Location
from nianbao.model.findings import Violation
from nianbao.model.identities import cell_location
from nianbao.model.identities import evaluate
from nianbao.model.identities import evidence_cell
from nianbao.model.rule import Context
from nianbao.model.rule import Rule

__all__ = [
    "CellEvidence",
    "Context",
    "Derivation",
    "Location",
    "Rule",
    "Violation",
    "blank_columns",
    "block_present",
    "block_tables",
    "both_years",
    "cell_args",
    "cell_finding_parts",
    "cell_label",
    "cell_location",
    "column_name",
    "comparable",
    "evaluate",
    "gap_args",
    "evidence_cell",
    "identity_violations",
    "is_whole",
    "masked_sentences",
    "number",
    "official",
    "previous_cell",
    "recognised",
    "show",
    "template_sections",
    "written",
]
