"""What the narrative of a report says in figures and in words, for the TXT rules."""

from __future__ import annotations

from nianbao.narrative.claims import Claim
from nianbao.narrative.claims import extract_claims
from nianbao.narrative.facts import Fact
from nianbao.narrative.facts import Share
from nianbao.narrative.facts import extract_facts
from nianbao.narrative.facts import extract_shares
from nianbao.narrative.metrics import METRICS
from nianbao.narrative.metrics import Metric
from nianbao.narrative.metrics import Reading
from nianbao.narrative.metrics import part_values
from nianbao.narrative.metrics import read_metric
from nianbao.narrative.scope import NOT_COMPARED
from nianbao.narrative.scope import SCOPE_REASONS
from nianbao.narrative.sentences import Sentence
from nianbao.narrative.sentences import narrative_paragraphs
from nianbao.narrative.sentences import sentences
from nianbao.narrative.sentences import split_sentences

__all__ = [
    "METRICS",
    "NOT_COMPARED",
    "SCOPE_REASONS",
    "Claim",
    "Fact",
    "Metric",
    "Reading",
    "Sentence",
    "Share",
    "extract_claims",
    "extract_facts",
    "extract_shares",
    "narrative_paragraphs",
    "part_values",
    "read_metric",
    "sentences",
    "split_sentences",
]
