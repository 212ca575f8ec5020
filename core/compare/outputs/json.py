"""``nianbao diff --format json``: the comparison as plain data, valid against
``schemas/diff.schema.json``."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from nianbao import __version__
from nianbao.compare.model import Comparison
from nianbao.compare.model import SectionComparison
from nianbao.reporters.records import finding_record

FORMAT_VERSION = 1


def _section(section: SectionComparison) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "last_heading": section.last_heading,
        "this_heading": section.this_heading,
        "sentences": section.sentences,
        "carried_sentences": section.carried_sentences,
        "carried": section.carried,
        "change_score": round(section.change_score, 4),
        "counts": section.counts(),
        "paragraphs": [
            {**{k: v for k, v in asdict(p).items() if k != "runs"},
             "runs": [{"kind": r.kind, "text": r.text} for r in p.runs]}
            for p in section.paragraphs
        ],
        "subsections": [_section(s) for s in section.subsections],
    }


def comparison_record(comparison: Comparison) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "nianbao", "version": __version__},
        "last": asdict(comparison.last),
        "this": asdict(comparison.this),
        "forced": comparison.forced,
        "warnings": list(comparison.warnings),
        "threshold": comparison.threshold,
        "summary": {
            "sentences": comparison.sentences,
            "carried_sentences": comparison.carried_sentences,
            "carried": comparison.carried,
            "most_changed_sections": [s.key for s in comparison.most_changed()],
            "largest_changes": [f.key for f in comparison.largest_changes()],
        },
        "key_figures": [
            {"key": f.key, "label": f.label, "last": f.last, "this": f.this, "unit": f.unit,
             "change": f.change, "relative": f.relative}
            for f in comparison.key_figures
        ],
        "links": [
            {"kind": link.kind, "label": link.label, "this": link.this, "expected": link.expected,
             "formula": link.formula, "holds": link.holds}
            for link in comparison.links
        ],
        "tables": [
            {"key": t.key, "number": t.number, "title": t.title, "last_edition": t.last_edition,
             "this_edition": t.this_edition, "note": t.note,
             "cells": [{**asdict(c), "flags": list(c.flags)} for c in t.cells]}
            for t in comparison.tables
        ],
        "sections": [_section(s) for s in comparison.sections],
        "findings": [finding_record(f) for f in comparison.findings],
    }


def render(comparison: Comparison) -> str:
    return json.dumps(comparison_record(comparison), ensure_ascii=False, indent=2) + "\n"
