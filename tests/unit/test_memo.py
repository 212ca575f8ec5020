"""Bounded caches: values kept by the identity of the objects they were worked out from, and plain
dicts added to with memo.keep."""

from __future__ import annotations

from nianbao.memo import KeptByIdentity
from nianbao.memo import keep


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
