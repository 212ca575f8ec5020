"""Compare the text of two years' reports: sections aligned by the format's section keys (sub-headings
by their titles), paragraphs matched across years, changed paragraphs marked character by character.

Paragraphs are matched in three passes, each bounded: identical paragraphs in order (unchanged), identical
paragraphs out of order or in another section (moved), then the most similar remaining pairs above
:data:`SIMILAR` (changed). What is left was added this year or removed from last year's.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from nianbao.checks.history import masked_sentences
from nianbao.compare.model import ParagraphChange
from nianbao.compare.model import Run
from nianbao.compare.model import SectionComparison
from nianbao.model.document import Document
from nianbao.model.document import Paragraph
from nianbao.model.document import Section

SIMILAR = 0.5
# Pairwise similarity is quadratic in the paragraphs left after exact matching; past this many pairs
# only paragraphs with a common opening are tried, which keeps a long report linear in practice.
MAX_PAIRS = 4000
# Character marking is quadratic in a paragraph's length; longer paragraphs are marked by sentence.
MAX_CHARS = 3000
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[。！？；])")
PREAMBLE = "preamble"


def normalise(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _fold_title(title: str) -> str:
    return re.sub(r"[（）()、，,。.:：\s]", "", unicodedata.normalize("NFKC", title))


def compare_text(last: Document, this: Document) -> list[SectionComparison]:
    """Every section of either report, in this year's order (last year's sections that have no
    counterpart follow where they stood), with its paragraphs matched."""
    last_sentences = set(masked_sentences(last.sections))
    pairs = _align(_top_blocks(last), _top_blocks(this))
    out = [_compare_section(key, a, b, last_sentences) for key, a, b in pairs]
    _find_moves(out)
    return out


def _top_blocks(document: Document) -> list[tuple[str, Section]]:
    blocks: list[tuple[str, Section]] = []
    if document.preamble:
        blocks.append((PREAMBLE, Section(number="", title="标题及前言", heading="",
                                         paragraphs=list(document.preamble))))
    for index, section in enumerate(document.sections):
        blocks.append((section.key or f"{section.number}:{_fold_title(section.title)}:{index}", section))
    return blocks


def _align(last: list[tuple[str, Section]],
           this: list[tuple[str, Section]]) -> list[tuple[str, Section | None, Section | None]]:
    """Pair blocks with the same key; unpaired ones keep their place in their own year's order."""
    last_by_key = {key: section for key, section in last}
    this_keys = {key for key, _ in this}
    out: list[tuple[str, Section | None, Section | None]] = []
    pending = [(key, section) for key, section in last if key not in this_keys]
    last_order = [key for key, _ in last]
    for key, section in this:
        if key in last_by_key:
            position = last_order.index(key)
            while pending and last_order.index(pending[0][0]) < position:
                gone = pending.pop(0)
                out.append((gone[0], gone[1], None))
        out.append((key, last_by_key.get(key), section))
    out.extend((key, section, None) for key, section in pending)
    return out


def _compare_section(key: str, last: Section | None, this: Section | None,
                     last_sentences: set[str]) -> SectionComparison:
    shown = this or last
    assert shown is not None
    result = SectionComparison(
        key=key, title=shown.title,
        last_heading=last.heading if last is not None else None,
        this_heading=this.heading if this is not None else None,
    )
    result.paragraphs = match_paragraphs(last.paragraphs if last else [], this.paragraphs if this else [])
    if this is not None and key != PREAMBLE:
        own = masked_sentences([Section(number="", title="", heading="", paragraphs=this.paragraphs)])
        result.sentences = len(own)
        result.carried_sentences = sum(1 for s in own if s in last_sentences)
    last_children = {_fold_title(c.title): c for c in (last.children if last else [])}
    this_children = {_fold_title(c.title): c for c in (this.children if this else [])}
    order = list(this_children) + [t for t in last_children if t not in this_children]
    for title in order:
        sub = _compare_section(title, last_children.get(title), this_children.get(title), last_sentences)
        result.subsections.append(sub)
        result.sentences += sub.sentences
        result.carried_sentences += sub.carried_sentences
    return result


def match_paragraphs(last: list[Paragraph], this: list[Paragraph]) -> list[ParagraphChange]:
    """Match one section's paragraphs across years, in this year's order with removed ones placed
    after the paragraph that preceded them last year."""
    a = [normalise(p.text) for p in last]
    b = [normalise(p.text) for p in this]
    match_this: dict[int, tuple[int, str]] = {}
    used_last: set[int] = set()
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for offset in range(block.size):
            match_this[block.b + offset] = (block.a + offset, "unchanged")
            used_last.add(block.a + offset)
    free_last: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(a):
        if index not in used_last:
            free_last[text].append(index)
    for index, text in enumerate(b):
        if index not in match_this and free_last.get(text):
            other = free_last[text].pop(0)
            match_this[index] = (other, "moved")
            used_last.add(other)
    left_last = [i for i in range(len(a)) if i not in used_last]
    left_this = [i for i in range(len(b)) if i not in match_this]
    for i, j, _ratio in _similar_pairs(a, b, left_last, left_this):
        if j in match_this or i in used_last:
            continue
        match_this[j] = (i, "changed")
        used_last.add(i)
    changes: list[ParagraphChange] = []
    placed_last: set[int] = set()
    for j, paragraph in enumerate(this):
        if j in match_this:
            i, status = match_this[j]
            changes.extend(_removed_before(last, i, used_last, placed_last))
            changes.append(_change(status, last[i], paragraph))
            placed_last.add(i)
        else:
            changes.append(ParagraphChange("added", this=paragraph.text, this_line=paragraph.ref.line,
                                           this_page=paragraph.ref.page, similarity=0.0))
    changes.extend(_removed_before(last, len(last), used_last, placed_last))
    return changes


def _removed_before(last: list[Paragraph], index: int, used: set[int],
                    placed: set[int]) -> list[ParagraphChange]:
    out = []
    for i in range(index):
        if i not in used and i not in placed:
            placed.add(i)
            out.append(ParagraphChange("removed", last=last[i].text, last_line=last[i].ref.line,
                                       last_page=last[i].ref.page, similarity=0.0))
    return out


def _similar_pairs(a: list[str], b: list[str], left_last: list[int],
                   left_this: list[int]) -> list[tuple[int, int, float]]:
    """Remaining paragraph pairs at least :data:`SIMILAR` alike, most alike first."""
    if len(left_last) * len(left_this) > MAX_PAIRS:
        candidates = _same_opening(a, b, left_last, left_this)
    else:
        candidates = [(i, j) for i in left_last for j in left_this]
    scored = []
    for i, j in candidates:
        matcher = SequenceMatcher(None, a[i], b[j], autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
            continue
        ratio = matcher.ratio()
        if ratio >= SIMILAR:
            scored.append((i, j, ratio))
    scored.sort(key=lambda item: (-item[2], item[1], item[0]))
    return scored


def _same_opening(a: list[str], b: list[str], left_last: list[int],
                  left_this: list[int]) -> list[tuple[int, int]]:
    by_opening: dict[str, list[int]] = defaultdict(list)
    for i in left_last:
        by_opening[a[i][:6]].append(i)
    return [(i, j) for j in left_this for i in by_opening.get(b[j][:6], [])[:8]]


def _change(status: str, last: Paragraph, this: Paragraph) -> ParagraphChange:
    change = ParagraphChange(status, last=last.text, this=this.text,  # type: ignore[arg-type]
                             last_line=last.ref.line, this_line=this.ref.line,
                             last_page=last.ref.page, this_page=this.ref.page)
    if status == "changed":
        change.runs = mark_changes(last.text, this.text)
        kept = sum(len(r.text) for r in change.runs if r.kind == "equal")
        change.similarity = round(2 * kept / max(1, len(last.text) + len(this.text)), 3)
    return change


def mark_changes(last: str, this: str) -> list[Run]:
    """The runs that turn last year's paragraph into this year's, character by character (sentence by
    sentence for very long paragraphs)."""
    if len(last) + len(this) > MAX_CHARS:
        a, b = _SENTENCE.split(last), _SENTENCE.split(this)
    else:
        a, b = list(last), list(this)
    runs: list[Run] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(runs, "equal", "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _add(runs, "delete", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _add(runs, "insert", "".join(b[j1:j2]))
    return runs


def _add(runs: list[Run], kind: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1].kind == kind:
        runs[-1] = Run(kind, runs[-1].text + text)  # type: ignore[arg-type]
    else:
        runs.append(Run(kind, text))  # type: ignore[arg-type]


def _find_moves(sections: Iterable[SectionComparison]) -> None:
    """A paragraph removed from one section and added unchanged to another was moved."""
    sections = list(sections)
    removed: dict[str, list[tuple[SectionComparison, ParagraphChange]]] = defaultdict(list)
    for section in sections:
        for change in section.all_paragraphs():
            if change.status == "removed" and change.last:
                removed[normalise(change.last)].append((section, change))
    if not removed:
        return
    for section in sections:
        for change in section.all_paragraphs():
            if change.status != "added" or not change.this:
                continue
            candidates = removed.get(normalise(change.this))
            if not candidates:
                continue
            origin, gone = candidates.pop(0)
            _drop(origin, gone)
            change.status = "moved"
            change.last, change.last_line, change.last_page = gone.last, gone.last_line, gone.last_page
            change.similarity = 1.0
            change.moved_from = origin.title


def _drop(section: SectionComparison, change: ParagraphChange) -> None:
    for index, candidate in enumerate(section.paragraphs):
        if candidate is change:
            del section.paragraphs[index]
            return
    for sub in section.subsections:
        _drop(sub, change)
