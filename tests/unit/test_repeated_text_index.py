"""TXT003's index of grams: which earlier texts a gram leads to, and the repeats found through it
when many texts share their words (where the index keeps only the earliest holders)."""

from __future__ import annotations

import pytest
from nianbao.model.document import Document
from nianbao.model.document import Meta
from nianbao.model.document import Paragraph
from nianbao.model.document import Source
from nianbao.model.document import SourceRef
from nianbao.model.rule import Context
from nianbao.rules import txt003_repeated_paragraph as txt003
from nianbao.rules.txt003_repeated_paragraph import POSTINGS
from nianbao.rules.txt003_repeated_paragraph import SAMPLE
from nianbao.rules.txt003_repeated_paragraph import SEARCH_BUDGET
from nianbao.rules.txt003_repeated_paragraph import _Postings
from nianbao.rules.txt003_repeated_paragraph import check


def test_a_gram_leads_to_its_first_holders_each_once() -> None:
    postings = _Postings()
    # text 0 holds 甲 twice; 乙 first appears in text 3; every text holds 甲
    texts = [["甲", "丙", "甲"], ["甲"], ["甲", "甲", "甲"], ["乙", "甲"], *[["甲", "乙"]] * 8]
    added = [postings.add(grams, number) for number, grams in enumerate(texts)]
    assert [different for _, different in added] == [2, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]
    assert postings.of("甲") == list(range(POSTINGS))
    assert postings.of("乙") == [3, *range(4, 4 + POSTINGS - 1)]
    assert postings.of("丙") == [0]
    assert postings.of("丁") == []
    # how many grams of the last text each earlier one is filed under: the first eight under 甲,
    # texts 3–10 under 乙
    shared, _ = added[-1]
    assert shared == {**dict.fromkeys(range(3), 1), **dict.fromkeys(range(3, 8), 2),
                      **dict.fromkeys(range(8, 11), 1)}
    assert [added[n][0] for n in (0, 1, 4)] == [{}, {0: 1}, {0: 1, 1: 1, 2: 1, 3: 2}]


def _findings(*texts: str) -> list[tuple[int, int]]:
    paragraphs = [Paragraph(text, SourceRef(line=n + 1)) for n, text in enumerate(texts)]
    document = Document(Source("t.md", "markdown", ""), Meta(report_year=2022, edition="2021"),
                        preamble=paragraphs, tables={})
    return [(v.args["line"], v.args["first_line"]) for v in check(document, Context(None, {}))]


# 80 characters, no 6 of them twice; one sentence, so variants of it hold no sentence of another
_PARAGRAPH = ("本机关全年主动公开政府信息一千余条其中规范性文件二十件政策解读三十篇"
              "回应社会关切四十次办理依申请公开五十件并在门户网站开设专栏集中发布重点领域信息接受群众监督和。")


def _variant(k: int) -> str:
    """The paragraph with one character changed, 7 characters after the previous variant's."""
    at = 3 + 7 * k
    return _PARAGRAPH[:at] + "某" + _PARAGRAPH[at + 1:]


def test_near_repeats_are_found_among_the_first_holders_of_their_shingles() -> None:
    found = _findings(*(_variant(k) for k in range(10)))
    # Every variant is 98% like every other. The tenth is compared with eight earlier paragraphs:
    # each of the first eight shares 63 of its 75 shingles, while the ninth is filed only under
    # the 48 shingles that some earlier paragraph changed (the others have eight earlier holders).
    assert found == [(later, earlier) for later in range(2, 10) for earlier in range(1, later)] + [
        (10, earlier) for earlier in range(1, 9)]


def test_a_sentence_with_its_words_twice_is_found_again_inside_a_longer_one() -> None:
    twice = "公开申请公开申请公开申请公开申请公开申请公开申请公开申请公开申请。"
    other = "另有说明的内容与此完全无关，并且足够长以便参与比较。"
    assert _findings(twice, "此外" + twice, other) == [(2, 1)]


_LONG = "区政府门户网站全年发布政府信息四百余条其中政策解读三十篇回应关切四十次"  # 36 characters
_OTHER = "无关的内容在这里写成一个足够长的句子以便参与比较而已并无其他意思。"
_MORE = "等各项工作都已按照计划全部完成。"  # enough that the two paragraphs are not near repeats


@pytest.mark.parametrize("lead", range(SAMPLE + 4))
def test_an_earlier_sentence_is_found_wherever_it_starts_in_a_later_one(lead: int) -> None:
    later = "此外又及另有说明在此一并"[:lead] + _LONG + _MORE
    assert _findings(_LONG + "。", _OTHER, later) == [(3, 1)]


@pytest.mark.parametrize("budget", [SEARCH_BUDGET, 0])
def test_a_later_sentence_is_found_inside_an_earlier_one(monkeypatch: pytest.MonkeyPatch,
                                                         budget: int) -> None:
    # with no budget for searching the joined sentences, every gram is filed from the start
    monkeypatch.setattr(txt003, "SEARCH_BUDGET", budget)
    assert _findings("据统计" + _LONG + _MORE, _OTHER, _LONG + "。") == [(3, 1)]


def test_texts_near_alike_are_never_ruled_out_by_their_character_counts() -> None:
    import random
    from difflib import SequenceMatcher

    rnd = random.Random(12)
    alphabet = "政府信息公开申请件年度报告办理结果予以部分不予0123456789abc"
    near = 0
    for _ in range(3000):
        first = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(30, 120)))
        edited = list(first)
        for _ in range(rnd.randint(0, 12)):
            at = rnd.randrange(len(edited))
            edited[at:at + rnd.randint(0, 1)] = rnd.choice(["", rnd.choice(alphabet)])
        second = "".join(edited)
        if SequenceMatcher(None, first, second, autojunk=False).ratio() >= txt003.NEAR:
            near += 1
            assert txt003._may_be_near(["无关的段落" * 8, second, first])
    assert near > 500
    # paragraphs of one length and different words are told apart by their counts alone
    assert not txt003._may_be_near(["甲乙丙丁" * 10, "戊己庚辛" * 10, "子丑寅卯" * 10])
    assert not txt003._may_be_near(["政府信息公开" * 6, "年度报告办理" * 6])


def test_sentences_holding_none_of_the_others_are_told_apart_by_counting() -> None:
    first, second, third = "甲乙丙丁戊己庚辛" * 4, "子丑寅卯辰巳午未" * 4, "天地玄黄宇宙洪荒" * 4
    assert not txt003._may_repeat([first, second, third])
    assert txt003._may_repeat([first, second, first])  # the same sentence twice
    assert txt003._may_repeat([first, "前言" + second + "后语", second])  # one holding another
    assert txt003._may_repeat([second[3:], first, second])  # held by a later one
