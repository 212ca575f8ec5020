"""Where the narrative cuts a sentence before a figure (the clause since the last stop, the part since
the last “；”), whether a figure stands in parentheses, and a figure's value: each is worked out by a
shortcut (one greedy match, counts in place, int() for plain digits) that must give what the plain
definition gives, on texts of every mark, full-width digit and wrap."""

from __future__ import annotations

import random

from nianbao.format.numerals import parse_number
from nianbao.narrative import facts
from nianbao.narrative import scope

MARKS = "，,。；;、：（）()\n 年件"
WORDS = ("申请", "2021", "１２", "十二", "代表", "全市", "历年", "受理", "其中", "1,024", "51.85")


def _texts(count: int) -> list[str]:
    rnd = random.Random(2024)
    texts = []
    for _ in range(count):
        pieces = [rnd.choice(WORDS) if rnd.random() < 0.5 else rnd.choice(MARKS)
                  for _ in range(rnd.randint(0, 16))]
        texts.append("".join(pieces))
    return texts


def test_the_cuts_before_a_place_are_those_of_the_last_mark_found_by_rfind() -> None:
    for text in _texts(3000):
        for position in range(len(text) + 1):
            clause = max(text.rfind(mark, 0, position) for mark in facts._STOP) + 1
            assert facts._clause_start(text, position) == clause, (text, position)
            semicolon = max(text.rfind("；", 0, position), text.rfind(";", 0, position)) + 1
            assert scope.since_semicolon(text, position) == text[semicolon:position], (text, position)
            before = text[:position]
            opened = before.count("（") + before.count("(") > before.count("）") + before.count(")")
            assert scope.in_parentheses(text, position) is opened, (text, position)


def test_a_figure_of_plain_digits_has_the_value_parse_number_gives() -> None:
    for written in ("0", "007", "17", "１７", "٣٤", "9" * 30, "1,024", "51.85", "十二", "两千"):
        value = facts._value(written)
        assert (value, type(value)) == (parse_number(written), type(parse_number(written))), written
