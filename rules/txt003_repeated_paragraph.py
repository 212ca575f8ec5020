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
from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher
from itertools import repeat
from operator import sub

from nianbao.model.document import Document
from nianbao.model.document import SourceRef
from nianbao.model.findings import Violation
from nianbao.model.rule import Context
from nianbao.model.rule import Rule
from nianbao.narrative import narrative_paragraphs
from nianbao.narrative.evidence import narrative_location
from nianbao.narrative.evidence import place
from nianbao.narrative.evidence import place_en
from nianbao.narrative.evidence import quote
from nianbao.narrative.places import paragraph_places
from nianbao.narrative.sentences import paragraph_sentences

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
_WORDS = re.compile(r"\w+")  # runs of letters, digits and _: all but whitespace and punctuation


def _normal(text: str) -> str:
    r"""The text without whitespace, punctuation and _ (its letters and digits joined costs less than
    cutting the rest out; a pattern of \w, with the rare _ taken out after, less than one of [^\W_])."""
    return "".join(_WORDS.findall(text)).replace("_", "")


def _violation(document: Document, ref: SourceRef, first: SourceRef, text: str,
               paragraphs: tuple[int, int]) -> Violation:
    """The finding for a repeat at ``ref`` of what the paragraph at ``first`` says; ``paragraphs``:
    the two paragraphs' indexes, whose places (worked out when first asked) are its key."""
    places = paragraph_places(document)
    return Violation(
        location=narrative_location(ref),
        args={"place": place(ref), "first_place": place(first), "place_en": place_en(ref),
              "first_place_en": place_en(first), "quote": quote(text, 0, 0),
              "line": ref.line, "first_line": first.line},
        variant="same-place" if place(ref) == place(first) else "default",
        key=(places[paragraphs[0]], places[paragraphs[1]]),
    )


GRAM = 12  # characters: every sentence compared is longer, so it holds whole grams
SHINGLE = 6  # characters, for finding paragraphs that may be near repeats
POSTINGS = 8  # earlier texts remembered per gram: the earliest are the ones a repeat points to


class _Postings:
    """For each gram, the first :data:`POSTINGS` texts holding it, by number. The first is kept apart
    from the rest: most grams are held by one text only, and those are filed without a list."""

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        self.more: dict[str, list[int]] = {}

    def add(self, grams: list[str], number: int) -> tuple[Counter[int], int]:
        """File text ``number`` under ``grams`` (repeats allowed). How many of its grams each earlier
        text was filed under, and how many different grams it has."""
        first = self.first
        before = len(first)
        # one lookup a gram, in C: a gram an earlier text holds keeps that text as its first
        holders = list(map(first.setdefault, grams, repeat(number)))
        new = len(first) - before
        shared: Counter[int] = Counter()
        if new == len(grams):
            return shared, new
        # the grams earlier texts hold, each once, with the first of them
        known = {gram: holder for gram, holder in zip(grams, holders, strict=True) if holder != number}
        shared.update(known.values())
        more = self.more
        for gram in known:
            postings = more.get(gram)
            if postings is None:
                more[gram] = [number]
                continue
            shared.update(postings)
            if len(postings) < POSTINGS - 1:
                postings.append(number)
        return shared, new + len(known)

    def file(self, gram: str, number: int) -> None:
        """File text ``number`` under one gram, as :meth:`add` does, without counting what it shares."""
        if self.first.setdefault(gram, number) == number:
            return
        postings = self.more.get(gram)
        if postings is None:
            self.more[gram] = [number]
        elif len(postings) < POSTINGS - 1:
            postings.append(number)

    def of(self, gram: str) -> list[int]:
        """The texts filed under ``gram``, earliest first."""
        first = self.first.get(gram)
        return [] if first is None else [first, *self.more.get(gram, ())]


# An earlier sentence inside a later one is found by grams taken every SAMPLE characters of the
# later one: an earlier sentence of MIN_CHARS characters or more starting anywhere in it holds one of
# them within its first SAMPLE characters (SAMPLE - 1 + GRAM <= MIN_CHARS), where it is filed.
SAMPLE = 8
# Whether a later sentence stands inside an earlier one is first asked of all earlier sentences
# joined (a search in C); only once one does, or this many characters have been searched, is every
# gram of every sentence filed, which answers it in time linear in the report.
SEARCH_BUDGET = 1_000_000


class _Sentences:
    """The sentences seen so far, found again in linear time: exactly by their key, and by
    containment (one holding the other) through their grams. An earlier sentence inside a later one
    is looked for among the first :data:`POSTINGS` starting with each gram of the later one; a later
    one inside an earlier one among the first :data:`POSTINGS` holding its first gram."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, int, SourceRef]] = []
        self.exact: dict[str, int] = {}
        self.heads = _Postings()  # a key's first gram -> entries
        self.starts: dict[str, int] = {}  # a gram -> the offsets (a bit each) below SAMPLE it is at in a key
        self.grams: _Postings | None = None  # any gram of a key -> entries, once needed
        self.keys: list[str] = []  # the keys, joined to be searched until the grams are filed
        self.joined = ""
        self.joined_keys = 0  # how many keys ``joined`` holds
        self.searched = 0

    def find(self, key: str) -> tuple[str, str, int, SourceRef] | None:
        """The earliest sentence seen that ``key`` holds or is held by."""
        if key in self.exact:
            return self.entries[self.exact[key]]
        entries = self.entries
        heads, starts = self.heads, self.starts
        found = set()
        for at in range(0, len(key) - GRAM + 1, SAMPLE):  # an earlier sentence inside this one
            offsets = starts.get(key[at:at + GRAM], 0)
            while offsets:
                offset = offsets.bit_length() - 1
                offsets ^= 1 << offset
                if at >= offset and (head := key[at - offset:at - offset + GRAM]) in heads.first:
                    found.update(n for n in heads.of(head) if entries[n][0] in key)
        if self._may_be_inside(key):
            grams = self._filed()
            found.update(n for n in grams.of(key[:GRAM]) if key in entries[n][0])
        return entries[min(found)] if found else None

    def _may_be_inside(self, key: str) -> bool:
        """Whether an earlier sentence may hold ``key``: surely not when the joined keys lack it."""
        if self.grams is not None:
            return True
        if self.joined_keys != len(self.keys):
            self.joined, self.joined_keys = "\n".join(self.keys), len(self.keys)  # keys hold no whitespace
        self.searched += 2 * len(self.joined)
        return key in self.joined or self.searched > SEARCH_BUDGET

    def _filed(self) -> _Postings:
        """Every gram of every key seen, filed (from now on, as each key is added)."""
        if self.grams is None:
            self.grams = _Postings()
            for number, (key, *_) in enumerate(self.entries):
                self.grams.add(_grams(key, GRAM), number)
            self.keys, self.joined = [], ""
        return self.grams

    def add(self, key: str, sentence: str, index: int, ref: SourceRef) -> None:
        number = len(self.entries)
        self.entries.append((key, sentence, index, ref))
        self.exact[key] = number
        self.heads.file(key[:GRAM], number)
        starts = self.starts
        for offset in range(SAMPLE):
            gram = key[offset:offset + GRAM]
            starts[gram] = starts.get(gram, 0) | 1 << offset
        if self.grams is None:
            self.keys.append(key)
        else:
            self.grams.add(_grams(key, GRAM), number)


def _grams(key: str, size: int) -> list[str]:
    """Every ``size`` characters of ``key`` in order, repeats kept (a list costs less than a set,
    and every use of it looks each gram up once anyway)."""
    return [key[i:i + size] for i in range(len(key) - size + 1)]


# Two texts are NEAR alike only if their characters' counts are: SequenceMatcher's ratio is at most
# 1 - (characters one has more of than the other) / (both lengths), and counting characters by
# their code point modulo some number of buckets finds no more of those than counting each
# character apart. The counts cost a few calls in C, and in a report without near repeats (most)
# prove there are none far sooner than filing every paragraph's shingles would; COARSE buckets,
# cheaper still, rule out most pairs before BUCKETS are counted. (Measured on the corpus reports:
# 12 coarse buckets cost four counts more than 8 but leave fewer pairs to count 32 for; 16 cost more.)
COARSE, BUCKETS = 12, 32
_BUCKET = {buckets: bytes(byte % buckets for byte in range(256)) for buckets in (COARSE, BUCKETS)}


def _histogram(key: str, buckets: int) -> list[int]:
    """How many of ``key``'s characters fall in each bucket (by the low byte of their code point)."""
    low = key.encode("utf-32-le", "surrogatepass")[::4].translate(_BUCKET[buckets])
    return list(map(low.count, range(buckets)))


def _may_be_near(keys: list[str]) -> bool:
    """Whether two of ``keys`` may be at least NEAR alike (SequenceMatcher's ratio), or telling
    would cost more than a few comparisons for each key. Pairs too different in length are never
    compared (their ratio is at most that of the lengths); the rest by their buckets' counts."""
    keys = sorted(keys, key=len)
    # each key's counts by number of buckets, counted when first compared
    histograms: dict[int, list[list[int] | None]] = {buckets: [None] * len(keys)
                                                     for buckets in (COARSE, BUCKETS)}

    def differing(earlier: int, later: int, buckets: int) -> int:
        counts = histograms[buckets]
        first, second = counts[earlier], counts[later]
        if first is None:
            first = counts[earlier] = _histogram(keys[earlier], buckets)
        if second is None:
            second = counts[later] = _histogram(keys[later], buckets)
        return sum(map(abs, map(sub, first, second)))

    budget = 8 * len(keys)
    shortest = 0
    for later, key in enumerate(keys):
        size = len(key)
        while 2 * len(keys[shortest]) / (len(keys[shortest]) + size) < NEAR:
            shortest += 1
        for earlier in range(shortest, later):
            budget -= 1
            if budget < 0:
                return True
            total = size + len(keys[earlier])
            if ((total - differing(earlier, later, COARSE)) / total >= NEAR
                    and (total - differing(earlier, later, BUCKETS)) / total >= NEAR):
                return True
    return False


def _near_candidates(key: str, shingles: _Postings, number: int) -> list[int]:
    """Earlier paragraphs sharing many shingles with this one, most shared first; this one is
    added to the index."""
    shared, different = shingles.add(_grams(key, SHINGLE), number)
    wanted = different / 2
    likely = [n for n, count in shared.items() if count >= wanted]
    return sorted(likely, key=lambda n: (-shared[n], n))[:POSTINGS]


def _may_repeat(keys: list[str]) -> bool:
    """Whether one of ``keys`` may hold another or equal it: surely not when each is found once in
    them all joined (a count in C for each), which is asked unless it would search more than
    :data:`SEARCH_BUDGET` characters."""
    joined = "\n".join(keys)  # keys hold no whitespace
    if len(keys) * len(joined) > SEARCH_BUDGET:
        return True
    return sum(map(joined.count, keys)) != len(keys)


def _repeated_sentences(document: Document, paragraphs: tuple[tuple[int, str, SourceRef], ...],
                        sentences: tuple[tuple[str, ...], ...], keys: list[list[str]],
                        reported: set[tuple[int, int]]) -> Iterator[Violation]:
    seen = _Sentences()
    for (index, _, ref), parts, sentence_keys in zip(paragraphs, sentences, keys, strict=True):
        for sentence, key in zip(parts, sentence_keys, strict=True):
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
                yield _violation(document, ref, first_ref, repeated, (first_index, index))


@RULE.check
def check(document: Document, context: Context) -> Iterator[Violation]:
    paragraphs = narrative_paragraphs(document)
    sentences = paragraph_sentences(document)
    # each sentence without noise; a paragraph shorter than MIN_CHARS is none to compare and holds
    # none, so its sentences are given empty keys rather than worked out
    keys = [list(map(_normal, parts)) if len(text) >= MIN_CHARS else [""] * len(parts)
            for (_, text, _), parts in zip(paragraphs, sentences, strict=True)]
    reported: set[tuple[int, int]] = set()
    if _may_repeat([key for sentence_keys in keys for key in sentence_keys if len(key) >= MIN_CHARS]):
        yield from _repeated_sentences(document, paragraphs, sentences, keys, reported)
    normals = ["".join(sentence_keys) for sentence_keys in keys]  # each paragraph without noise
    long = [(index, key, text, ref) for (index, text, ref), key in zip(paragraphs, normals, strict=True)
            if len(key) >= MIN_CHARS]
    if not _may_be_near([key for _, key, _, _ in long]):
        return
    shingles = _Postings()
    for n, (index, key, text, ref) in enumerate(long):
        for other in sorted(_near_candidates(key, shingles, n)):
            first_index, first_key, _, first_ref = long[other]
            if (first_index, index) in reported:
                continue
            matcher = SequenceMatcher(None, first_key, key, autojunk=False)
            quick = matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR
            if quick and matcher.ratio() >= NEAR:
                reported.add((first_index, index))
                yield _violation(document, ref, first_ref, text, (first_index, index))
