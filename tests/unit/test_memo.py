"""Values kept by the identity of the objects they were worked out from."""

from __future__ import annotations

from nianbao.memo import KeptByIdentity


def test_a_value_is_made_once_per_objects_and_extra_and_the_oldest_goes_first() -> None:
    made: list[str] = []

    def make(name: str):  # noqa: ANN202 - a small factory
        return lambda: made.append(name) or name

    kept: KeptByIdentity[str] = KeptByIdentity(2)
    a, b, equal_to_a = ["a"], ["b"], ["a"]
    assert kept.get((a,), make("a")) == "a"
    assert kept.get((a,), make("again")) == "a"
    assert kept.get((equal_to_a,), make("equal")) == "equal"  # identity, not equality
    assert kept.get((a,), make("a rows"), extra=("rows",)) == "a rows"  # the oldest, (a,), went
    assert kept.get((a,), make("a anew")) == "a anew"
    assert kept.get((b,), make("b")) == "b"
    assert made == ["a", "equal", "a rows", "a anew", "b"]
