"""One cause, one story: the single cell whose correction makes every failing identity of a table hold.

One mistyped cell of 表三 breaks two identities at once: the column sum (REC002, at （七）总计) and
the row sum (REC003, at the row's 总计). Neither total is wrong; the cell where the failing row meets
the failing column is. A cell is the likely cause when

* it takes part in every failing binding of the table's identities,
* it takes part in no binding that was checked and holds (changing it would break that one), and
* one and the same change of it makes every failing binding hold;

and it is named only when exactly one cell qualifies. Otherwise nothing is claimed and each identity
reports for itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass

from nianbao.format.editions import Edition
from nianbao.format.editions import Identity
from nianbao.format.editions import cell_label
from nianbao.memo import KeptByIdentity
from nianbao.model.document import Document
from nianbao.model.document import Table
from nianbao.model.identities import TOLERANCE
from nianbao.model.identities import checkable_sums


@dataclass(frozen=True, slots=True)
class Cause:
    """The likely wrong cell: its key and label, what it reads, what it should read, and the
    failing bindings it explains as (rule, identity id, key of the binding's first left cell)."""

    key: str
    label: str
    value: int | float
    should: int | float
    explains: tuple[tuple[str, str, str], ...]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(sorted({rule for rule, _, _ in self.explains}))

    @property
    def first_rule(self) -> str:
        """The rule whose finding names the cause; the others refer to it."""
        return self.rules[0]


def _number(x: float) -> int | float:
    return int(round(x)) if abs(x - round(x)) <= TOLERANCE else round(x, 6)


# An identity's bindings: (variables, left cells, right cells), from Identity.bindings.
Bindings = tuple[tuple[dict[str, str], tuple[str, ...], tuple[str, ...]], ...]
_BY_TABLE: KeptByIdentity[dict[str, list[tuple[Identity, Bindings]]]] = KeptByIdentity(16)


def _bindings(edition: Edition,
              table: Table) -> list[tuple[Identity, Sequence[str], Sequence[str], tuple[float, float]]]:
    """Every binding of the edition's identities on ``table`` that can be checked (every cell read and
    a number, neither side all blank), with its two sides' sums."""
    values = table.values
    return [(identity, left, right, sums)
            for identity, bindings in _identities_by_table(edition).get(table.key, ())
            for _, left, right in bindings
            if (sums := checkable_sums(values, left, right)) is not None]


def _identities_by_table(edition: Edition) -> dict[str, list[tuple[Identity, Bindings]]]:
    """Per table, the edition's identities on it with their bindings (worked out once per edition)."""
    def work_out() -> dict[str, list[tuple[Identity, Bindings]]]:
        by_table: dict[str, list[tuple[Identity, Bindings]]] = {}
        for identity in edition.identities:
            by_table.setdefault(identity.table, []).append(
                (identity, identity.bindings(edition.table(identity.table))))
        return by_table

    return _BY_TABLE.get((edition,), work_out)


# A binding that can be checked: its identity, its two sides' cell keys, and their sums.
CheckedBinding = tuple[Identity, Sequence[str], Sequence[str], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class CheckedBindings:
    """The bindings of an edition's identities that can be checked on one report (every cell read and
    a number, neither side all blank), per table key, with their sums; and which identities fail."""

    by_table: dict[str, list[CheckedBinding]]
    failing: frozenset[int]  # id() of each identity with a binding that does not hold

    def holds(self, identity: Identity) -> bool:
        """Whether every binding of ``identity`` that can be checked holds (true of one with none)."""
        return id(identity) not in self.failing

    def tally(self) -> tuple[int, int]:
        """How many bindings can be checked, and how many of those hold."""
        checked = held = 0
        for bindings in self.by_table.values():
            for _, _, _, (actual, expected) in bindings:
                checked += 1
                held += abs(actual - expected) <= TOLERANCE
        return checked, held


def checked_bindings(edition: Edition, document: Document) -> CheckedBindings:
    """The report's :class:`CheckedBindings` against ``edition``, worked out once per report: the
    identity rules and the engine's tally of identities read the same sums."""
    compute = _COMPUTE.get((edition,), lambda: functools.partial(_checked_bindings, edition))
    return document.derived(compute)


# One function per edition, kept as long as the edition: Document.derived keeps values by function.
_COMPUTE: KeptByIdentity[Callable[[Document], CheckedBindings]] = KeptByIdentity(16)


def _checked_bindings(edition: Edition, document: Document) -> CheckedBindings:
    by_table = {key: _bindings(edition, table) for key, table in document.tables.items()}
    failing = frozenset(id(identity) for bindings in by_table.values()
                        for identity, _, _, (actual, expected) in bindings
                        if abs(actual - expected) > TOLERANCE)
    return CheckedBindings(by_table, failing)


def identity_tally(edition: Edition, document: Document) -> tuple[int, int]:
    """How many bindings of the edition's identities could be checked on the report (every cell read
    and a number, neither side all blank), and how many of those hold."""
    return checked_bindings(edition, document).tally()


def likely_cause(edition: Edition, table: Table) -> Cause | None:
    """The single cell whose correction makes every failing identity of ``table`` hold, if any."""
    spec = edition.table(table.key)
    failing: list[tuple[str, str, str, Sequence[str], Sequence[str], float]] = []
    holding: set[str] = set()
    for identity, left, right, (actual, expected) in _bindings(edition, table):
        if abs(actual - expected) <= TOLERANCE:
            holding.update(left)
            holding.update(right)
        else:
            failing.append((identity.rule, identity.id, left[0], left, right, expected - actual))
    if not failing:
        return None
    shared = set(failing[0][3]) | set(failing[0][4])
    for _, _, _, left, right, _ in failing[1:]:
        shared &= set(left) | set(right)
    candidates = []
    for key in sorted(shared - holding):
        changes = set()
        for _, _, _, left, right, gap in failing:
            if key in left and key in right:
                break
            changes.add(_number(gap if key in left else -gap))
        else:
            value = table.values[key].value
            if len(changes) == 1 and value is not None and not table.values[key].blank:
                candidates.append((key, value, value + changes.pop()))
    if len(candidates) != 1:
        return None
    key, value, should = candidates[0]
    if should < 0:
        return None  # a count cannot be negative: the story does not hold
    return Cause(key, cell_label(spec, key), _number(value), _number(should),
                 tuple((rule, identity_id, first) for rule, identity_id, first, _, _, _ in failing))
