"""Bounded caches: values kept by the identity of the objects they were worked out from, and plain
dicts added to with memo.keep, and answers kept by text; long texts are not kept."""

from __future__ import annotations

from nianbao.memo import LONGEST_KEPT
from nianbao.memo import KeptByIdentity
from nianbao.memo import keep
from nianbao.memo import kept_texts


def test_a_value_is_made_once_per_objects_and_extra_and_a_full_memo_is_emptied() -> None:
    made: list[str] = []

    def make(name: str):  # noqa: ANN202 - a small factory
        return lambda: made.append(name) or name

    kept: KeptByIdentity[str] = KeptByIdentity(2)
    a, b, equal_to_a = ["a"], ["b"], ["a"]
    assert kept.get((a,), make("a")) == "a"
    assert kept.get((a,), make("again")) == "a"
    assert kept.get((equal_to_a,), make("equal")) == "equal"  # identity, not equality
    assert kept.get((a,), make("a rows"), extra=("rows",)) == "a rows"  # full: (a,) and (equal_to_a,) went
    assert kept.get((a,), make("a anew")) == "a anew"
    assert kept.get((a,), make("a rows again"), extra=("rows",)) == "a rows"
    assert kept.get((b,), make("b")) == "b"
    assert kept.get((equal_to_a,), make("equal anew")) == "equal anew"
    assert made == ["a", "equal", "a rows", "a anew", "b", "equal anew"]


def test_keep_adds_to_a_plain_dict_and_empties_it_when_full() -> None:
    cache: dict[str, int] = {}
    assert keep(cache, "one", 1, 2) == 1
    assert keep(cache, "two", 2, 2) == 2
    assert cache == {"one": 1, "two": 2}
    assert keep(cache, "three", 3, 2) == 3
    assert cache == {"three": 3}
    assert type(cache) is dict


def test_keep_leaves_out_a_key_of_long_texts() -> None:
    cache: dict[object, int] = {}
    long = "无" * (LONGEST_KEPT + 1)
    assert keep(cache, long, 1, 8) == 1
    assert keep(cache, ("表三", ("自然人", long)), 2, 8) == 2
    assert keep(cache, ("表三", ("自然人", "总计")), 3, 8) == 3
    assert keep(cache, "总计" * (LONGEST_KEPT // 2), 4, 8) == 4  # as long as is kept
    many = tuple("总计" * (LONGEST_KEPT // 2) for _ in range(4))  # a header's texts: each short
    assert keep(cache, many, 5, 8) == 5
    assert cache == {("表三", ("自然人", "总计")): 3, "总计" * (LONGEST_KEPT // 2): 4, many: 5}


def test_kept_texts_keeps_the_answers_for_short_texts_only() -> None:
    worked_out: list[str] = []

    @kept_texts(2)
    def shout(text: str) -> str:
        """A text in upper case."""
        worked_out.append(text)
        return text.upper()

    long = "x" * (LONGEST_KEPT + 1)
    assert [shout("a"), shout("a"), shout(long), shout(long)] == ["A", "A", long.upper(), long.upper()]
    assert worked_out == ["a", long, long]
    assert shout.__doc__ == "A text in upper case."
    for text in ("b", "c", "a"):  # at most two kept: "a" went first
        shout(text)
    assert worked_out == ["a", long, long, "b", "c", "a"]
