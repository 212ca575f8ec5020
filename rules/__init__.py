"""The built-in rules, one module each. They register through the same entry-point group as
agency packs (``nianbao``), from this explicit list."""

from __future__ import annotations

from importlib import import_module

import click
from nianbao.config.settings import Config
from nianbao.loaders.base import LoadError
from nianbao.model.findings import Violation
from nianbao.model.rule import Rule
from nianbao.plugin.markers import hookimpl

MODULES: tuple[str, ...] = (
    "doc001_unreadable_report",
    "rec001_balance_mismatch",
    "rec002_outcome_total_mismatch",
    "rec003_row_total_mismatch",
    "rec004_case_total_mismatch",
    "rec005_invalid_count",
    "rec006_missing_table_row",
    "doc002_uncertain_table_part",
    "sec001_missing_section",
    "sec002_sections_out_of_order",
    "sec003_nonstandard_heading",
    "sec004_empty_section",
    "art001_missing_item_block",
    "art002_missing_item_row",
    "art003_invalid_item_value",
    "fmt001_edition_year_mismatch",
    "his001_carried_over_mismatch",
    "his002_in_force_count_drift",
    "his003_item_count_drift",
    "his004_repeats_last_year",
    "fmt002_processing_fee_not_reported",
    "fmt003_year_disagrees_with_title",
    "fmt005_placeholder_left_in",
    "fmt006_format_not_checked",
    "sec005_section_numbering",
    "pub001_published_after_deadline",
    "fmt004_older_format",
    "txt001_narrative_contradicts_table",
    "txt002_narrative_disagrees_with_itself",
    "txt003_repeated_paragraph",
    "txt004_percentage_mismatch",
    "txt006_claim_contradicts_table",
)


def builtin_rules() -> list[Rule]:
    return [import_module(f"nianbao.rules.{name}").RULE for name in MODULES]


@hookimpl
def nianbao_register_rules(config: Config) -> list[Rule]:
    return builtin_rules()


@hookimpl
def nianbao_add_options() -> list[click.Option]:
    from nianbao.rules.pub001_published_after_deadline import OPTIONS

    return list(OPTIONS)


@hookimpl(trylast=True)
def nianbao_load_failed(error: LoadError) -> tuple[str, Violation]:
    from nianbao.rules.doc001_unreadable_report import load_failure

    return load_failure(error)
