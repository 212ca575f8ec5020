"""同一段文字在报告中重复出现。

## 要求

报告正文不应把同一段（或几乎相同的一段）文字写在两处。本规则找出逐字重复的长句（去掉空白和标点后
不少于 30 个字）和几乎相同的段落（相似度 90% 以上），指出后一处和它重复的前一处。

## 依据

《条例》第五十条要求年度报告报告本年度的工作情况；照搬的段落不提供新的信息，往往是编写时复制粘贴
留下的，也可能掩盖了本该写在这里的内容。

## 示例

第 7 行的段落已写过微信公众号发布信息的情况，第 11 行又逐字写了一遍。

```
TXT003 [警告] 第 11 行重复了第 7 行已有的文字：“全年通过“示例发布”微信公众号累计发布全区各类重要信息动态2000余条，及时发布涉及群众切身利益的政务信息。”
```

## 修改

删去重复的一处，或把它改写成这一部分本该报告的内容。

## Requirement

The report's text should not say the same paragraph (or an almost identical one) in two places. This rule
finds long sentences repeated word for word (at least 30 characters without whitespace and punctuation) and
nearly identical paragraphs (90% similar or more), and names the later place and the earlier one it repeats.

## Source

Regulation Article 50 requires the annual report to report this year's work; a copied paragraph adds no
information, is usually left over from copy and paste, and may hide what should have been written there.

## Example

The paragraph on line 7 already described the information published on the WeChat account; line 11
repeats it word for word.

## Fix

Delete one of the two, or rewrite it into what this part should report.
"""  # noqa: E501 - the 示例 output line is quoted whole

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative import narrative_paragraphs
from nianbao.narrative import split_sentences
from nianbao.narrative.evidence import narrative_location
from nianbao.narrative.evidence import place
from nianbao.narrative.evidence import place_en
from nianbao.narrative.evidence import quote
from nianbao.narrative.places import paragraph_places

RULE = Rule(
    id="TXT003",
    name="repeated-paragraph",
    title="段落重复",
    title_en="A paragraph is repeated",
    severity="warning",
    source="《条例》第五十条",
    message={
        "zh": "{place}重复了{first_place}已有的文字：“{quote}”",
        "en": "{place_en} repeats text already at {first_place_en}: “{quote}”",
    },
    variants={"same-place": {"zh": "{place}的同一段文字中，这句话出现了两次：“{quote}”",
                             "en": "this sentence appears twice in the text at {place_en}: “{quote}”"}},
    articles=("art50",),
    editions=("2019", "2021"),
    doc=__doc__,
)

MIN_CHARS = 30
NEAR = 0.9
_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def _normal(text: str) -> str:
    return _NOISE.sub("", text)


def _violation(ref: SourceRef, first: SourceRef, text: str, key: tuple[str, str]) -> Violation:
    return Violation(
        location=narrative_location(ref),
        args={"place": place(ref), "first_place": place(first), "place_en": place_en(ref),
              "first_place_en": place_en(first), "quote": quote(text, 0, 0),
              "line": ref.line, "first_line": first.line},
        variant="same-place" if place(ref) == place(first) else "default",
        key=key,
    )


GRAM = 12  # characters: every sentence compared is longer, so it holds whole grams
SHINGLE = 6  # characters, for finding paragraphs that may be near repeats
POSTINGS = 8  # earlier texts remembered per gram: the earliest are the ones a repeat points to


class _Sentences:
    """The sentences seen so far, found again in linear time: exactly by their key, and by
    containment (one holding the other) through their grams."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, int, SourceRef]] = []
        self.exact: dict[str, int] = {}
        self.heads: dict[int, list[int]] = {}  # hash of a key's first gram -> entries
        self.grams: dict[int, list[int]] = {}  # hash of any gram of a key -> entries

    def find(self, key: str) -> tuple[str, str, int, SourceRef] | None:
        if key in self.exact:
            return self.entries[self.exact[key]]
        found: set[int] = set()
        for start in range(len(key) - GRAM + 1):  # an earlier sentence inside this one
            heads = self.heads.get(hash(key[start:start + GRAM]), ())
            found.update(n for n in heads if self.entries[n][0] in key)
        found.update(n for n in self.grams.get(hash(key[:GRAM]), ()) if key in self.entries[n][0])
        return self.entries[min(found)] if found else None

    def add(self, key: str, sentence: str, index: int, ref: SourceRef) -> None:
        number = len(self.entries)
        self.entries.append((key, sentence, index, ref))
        self.exact[key] = number
        _post(self.heads, hash(key[:GRAM]), number)
        for gram in {hash(key[i:i + GRAM]) for i in range(len(key) - GRAM + 1)}:
            _post(self.grams, gram, number)


def _post(index: dict[int, list[int]], gram: int, number: int) -> None:
    postings = index.setdefault(gram, [])
    if len(postings) < POSTINGS:
        postings.append(number)


def _near_candidates(key: str, shingles: dict[int, list[int]], number: int) -> list[int]:
    """Earlier paragraphs sharing many shingles with this one, most shared first; this one is
    added to the index."""
    grams = {hash(key[i:i + SHINGLE]) for i in range(len(key) - SHINGLE + 1)}
    shared: dict[int, int] = {}
    for gram in grams:
        for other in shingles.get(gram, ()):
            shared[other] = shared.get(other, 0) + 1
        _post(shingles, gram, number)
    wanted = len(grams) / 2
    likely = [n for n, count in shared.items() if count >= wanted]
    return sorted(likely, key=lambda n: (-shared[n], n))[:POSTINGS]


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    paragraphs = list(narrative_paragraphs(document))
    places = paragraph_places(document)
    seen = _Sentences()
    reported: set[tuple[int, int]] = set()
    for index, text, ref in paragraphs:
        for sentence in split_sentences(text):
            key = _normal(sentence)
            if len(key) < MIN_CHARS:
                continue
            # A repeated sentence may come with a lead-in of its own ("政务新媒体方面，…"): one
            # holding the other counts as a repeat.
            earlier = seen.find(key)
            if earlier is None:
                seen.add(key, sentence, index, ref)
                continue
            first_key, first_sentence, first_index, first_ref = earlier
            if (first_index, index) not in reported:
                reported.add((first_index, index))
                repeated = first_sentence if len(first_key) <= len(key) else sentence
                yield _violation(ref, first_ref, repeated, (places[first_index], places[index]))
    long = [(i, _normal(t), t, r) for i, t, r in paragraphs if len(_normal(t)) >= MIN_CHARS]
    shingles: dict[int, list[int]] = {}
    for n, (index, key, text, ref) in enumerate(long):
        for other in sorted(_near_candidates(key, shingles, n)):
            first_index, first_key, _, first_ref = long[other]
            if (first_index, index) in reported:
                continue
            matcher = SequenceMatcher(None, first_key, key, autojunk=False)
            quick = matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR
            if quick and matcher.ratio() >= NEAR:
                reported.add((first_index, index))
                yield _violation(ref, first_ref, text, (places[first_index], places[index]))
