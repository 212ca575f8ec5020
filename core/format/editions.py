"""Edition templates: the national format's sections, tables and reconciliation identities, read
from ``schemas/editions/*.yaml`` (and any file a plugin registers) and validated on load."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from functools import cache
from operator import is_
from pathlib import Path
from typing import Any

import yaml
from nianbao.format import labels
from nianbao.memo import KeptByIdentity
from nianbao.memo import keep
from nianbao.schemas import HERE as SCHEMA_DIR
from nianbao.schemas import schema_errors


class EditionError(ValueError):
    """An edition file is not valid; the message names the file and the offending key."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    key: str
    label: str
    variants: tuple[str, ...] = ()
    group: str | None = None
    unit: str | None = None
    signed: bool = False


@dataclass(frozen=True, slots=True)
class RowSpec:
    """A row of a template table. A merged row (``parts``) is an older edition's row that stands
    for several rows of this one."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    group: str | None = None
    parts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """One 第二十条 item of the active-disclosure table: its own columns and rows."""

    key: str
    label: str
    article_item: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]


@dataclass(frozen=True, slots=True)
class TableSpec:
    key: str
    section: str
    title: str
    number: str
    columns: tuple[ColumnSpec, ...] = ()
    rows: tuple[RowSpec, ...] = ()
    blocks: tuple[BlockSpec, ...] = ()
    merged_rows: tuple[RowSpec, ...] = ()
    # Worked out once, as the spec is made: reading and the rules ask these for every row they read.
    _all_rows: tuple[RowSpec, ...] = field(init=False, repr=False, compare=False)
    _blocks_by_row: dict[str, BlockSpec] = field(init=False, repr=False, compare=False)
    _cell_keys: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_all_rows", tuple(r for b in self.blocks for r in b.rows)
                           if self.blocks else self.rows)
        by_row: dict[str, BlockSpec] = {}
        for block in self.blocks:
            for row in block.rows:
                by_row.setdefault(row.key, block)  # the first block holding the row, as a search finds
        object.__setattr__(self, "_blocks_by_row", by_row)
        object.__setattr__(self, "_cell_keys", {
            row.key: tuple(f"{row.key}.{column.key}" for column in self.columns_for(row.key))
            for row in (*self.merged_rows, *self._all_rows)})

    def all_rows(self) -> tuple[RowSpec, ...]:
        return self._all_rows

    def columns_for(self, row_key: str) -> tuple[ColumnSpec, ...]:
        block = self._blocks_by_row.get(row_key)
        return self.columns if block is None else block.columns

    def block_of(self, row_key: str) -> BlockSpec | None:
        return self._blocks_by_row.get(row_key)

    def row(self, key: str) -> RowSpec:
        for row in (*self.all_rows(), *self.merged_rows):
            if row.key == key:
                return row
        raise KeyError(key)

    def column(self, row_key: str, key: str) -> ColumnSpec:
        for column in self.columns_for(row_key):
            if column.key == key:
                return column
        raise KeyError(key)

    def cell_keys(self) -> list[str]:
        return [key for r in self.all_rows() for key in self.row_cell_keys(r.key)]

    def row_cell_keys(self, row_key: str) -> tuple[str, ...]:
        """The keys (``row.column``) of a row's cells, in its columns' order; a reader asks for every
        row it reads."""
        keys = self._cell_keys.get(row_key)
        if keys is None:
            keys = tuple(f"{row_key}.{column.key}" for column in self.columns_for(row_key))
        return keys

    def match_row(self, label: str, candidates: tuple[RowSpec, ...] | None = None) -> RowSpec | None:
        """The row whose official label or a known variant has the same core as ``label``."""
        return _match(label, candidates if candidates is not None else self.all_rows())

    def match_merged(self, label: str) -> RowSpec | None:
        """The merged row (an older edition's row standing for several of this one's) ``label`` names."""
        return _match(label, self.merged_rows) if self.merged_rows else None

    def match_column(self, label: str, columns: tuple[ColumnSpec, ...] | None = None) -> ColumnSpec | None:
        return _match(label, columns if columns is not None else self.columns)


_MATCHES: dict[tuple[str | int, ...], tuple[tuple[Any, ...], Any]] = {}
_MATCH_CACHE_SIZE = 16384


def _match(label: str, specs: tuple[Any, ...]) -> Any:
    """The spec of ``specs`` that ``label`` names (see :meth:`TableSpec.match_row`), remembered per
    label and spec tuple: specs are frozen and live as long as their edition."""
    key = (label, *map(id, specs))
    cached = _MATCHES.get(key)
    # The entry keeps its specs alive, so their ids cannot be taken by other objects meanwhile.
    if cached is not None and all(map(is_, cached[0], specs)):
        return cached[1]
    found = _find_match(label, specs)
    keep(_MATCHES, key, (specs, found), _MATCH_CACHE_SIZE)
    return found


def _find_match(label: str, specs: tuple[Any, ...]) -> Any:
    wanted = labels.core(label)
    if not wanted:
        return None
    first, cores = _cores(specs)
    found = first.get(wanted)
    if found is not None:
        return found
    # Long official labels are often cut short or carry a trailing remark; accept a unique
    # prefix match of at least four characters either way.
    prefixed = [
        spec
        for text, spec in cores
        if len(min(wanted, text, key=len)) >= 4 and (wanted.startswith(text) or text.startswith(wanted))
    ]
    unique = {id(s): s for s in prefixed}
    if len(unique) == 1:
        return prefixed[0]
    return None


_CORES: KeptByIdentity[tuple[dict[str, Any], tuple[tuple[str, Any], ...]]] = KeptByIdentity(1024)


def _cores(specs: tuple[Any, ...]) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """The cores of ``specs``' labels and variants, worked out once per spec tuple (a label a report
    words its own way misses :func:`_match`'s cache and is compared with all of them): the first spec
    of each core, and every (core, spec) in order."""
    def make() -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
        cores = tuple((labels.core(text), spec) for spec in specs for text in (spec.label, *spec.variants))
        first: dict[str, Any] = {}
        for text, spec in cores:
            first.setdefault(text, spec)
        return first, cores
    return _CORES.get(specs, make)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    number: str
    title: str
    basis: str
    variants: tuple[str, ...] = ()
    # the comparable cores of the title and its variants, worked out once: every heading is asked
    _cores: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cores", frozenset(labels.core(t) for t in (self.title, *self.variants)))

    def matches(self, title: str) -> bool:
        return labels.core(title) in self._cores


@dataclass(frozen=True, slots=True)
class Identity:
    """A reconciliation identity: for every binding of ``for_each``, sum(left) must equal sum(right)."""

    id: str
    rule: str
    table: str
    text: str
    basis: str
    for_each: dict[str, Any]
    left: tuple[str, ...]
    right: tuple[str, ...]

    def expand(
        self, table: TableSpec, extra_rows: tuple[str, ...] = ()
    ) -> Iterator[tuple[dict[str, str], list[str], list[str]]]:
        """Yield ``(binding, left_cell_keys, right_cell_keys)`` for every binding of the variables;
        ``extra_rows`` adds rows to a ``rows`` domain (merged rows a report printed). The expansion
        depends on the edition alone, so it is worked out once and each caller gets its own copy."""
        for binding, left, right in self.bindings(table, extra_rows):
            yield dict(binding), list(left), list(right)

    def bindings(
        self, table: TableSpec, extra_rows: tuple[str, ...] = ()
    ) -> tuple[tuple[dict[str, str], tuple[str, ...], tuple[str, ...]], ...]:
        """:meth:`expand` worked out once and shared, for callers that only read it."""
        return _EXPANSIONS.get((self, table), lambda: tuple(
            (binding, tuple(left), tuple(right)) for binding, left, right in self._expand(table, extra_rows)),
            extra=extra_rows)

    def _expand(
        self, table: TableSpec, extra_rows: tuple[str, ...]
    ) -> Iterator[tuple[dict[str, str], list[str], list[str]]]:
        names = list(self.for_each)
        domains = []
        for name in names:
            domain = self.for_each[name]
            if domain == "columns":
                domain = [c.key for c in table.columns]
            elif domain == "rows":
                domain = [r.key for r in table.all_rows()] + list(extra_rows)
            domains.append(domain)
        for values in itertools.product(*domains):
            binding = dict(zip(names, values, strict=True))
            yield (
                binding,
                [ref.format(**binding) for ref in self.left],
                [ref.format(**binding) for ref in self.right],
            )


_EXPANSIONS: KeptByIdentity[tuple[tuple[dict[str, str], tuple[str, ...], tuple[str, ...]], ...]] = \
    KeptByIdentity(1024)


@dataclass(frozen=True, slots=True)
class Edition:
    edition: str
    title: str
    source: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    identities: tuple[Identity, ...] = field(default=())
    path: str = ""

    def table(self, key: str) -> TableSpec:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def section(self, key: str) -> SectionSpec:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


def _columns(data: list[dict[str, Any]]) -> tuple[ColumnSpec, ...]:
    return tuple(
        ColumnSpec(
            key=c["key"],
            label=c["label"],
            variants=tuple(c.get("variants", ())),
            group=c.get("group"),
            unit=c.get("unit"),
            signed=c.get("signed", False),
        )
        for c in data
    )


def _rows(data: list[dict[str, Any]]) -> tuple[RowSpec, ...]:
    return tuple(
        RowSpec(key=r["key"], label=r["label"], variants=tuple(r.get("variants", ())), group=r.get("group"))
        for r in data
    )


def parse_edition(data: Any, path: str, *, validate: bool = True) -> Edition:
    """Build an :class:`Edition` from parsed YAML, after validating it against edition.schema.json
    (unless ``validate`` is False: see :func:`builtin_editions`)."""
    errors = sorted(schema_errors("edition", data), key=lambda e: list(e.absolute_path)) if validate else []
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise EditionError(f"{path}: {where}: {first.message}")
    tables = []
    for t in data["tables"]:
        tables.append(
            TableSpec(
                key=t["key"],
                section=t["section"],
                title=t["title"],
                number=t["number"],
                columns=_columns(t.get("columns", [])),
                rows=_rows(t.get("rows", [])),
                merged_rows=tuple(
                    RowSpec(key=r["key"], label=r["label"], variants=tuple(r.get("variants", ())),
                            group=r.get("group"), parts=tuple(r["parts"]))
                    for r in t.get("merged_rows", [])
                ),
                blocks=tuple(
                    BlockSpec(
                        key=b["key"],
                        label=b["label"],
                        article_item=b["article_item"],
                        columns=_columns(b["columns"]),
                        rows=_rows(b["rows"]),
                    )
                    for b in t.get("blocks", [])
                ),
            )
        )
    edition = Edition(
        edition=str(data["edition"]),
        title=data["title"],
        source=data["source"],
        first_year=data["report_years"]["first"],
        last_year=data["report_years"].get("last"),
        sections=tuple(
            SectionSpec(
                key=s["key"], number=s["number"], title=s["title"], basis=s["basis"],
                variants=tuple(s.get("variants", ())),
            )
            for s in data["sections"]
        ),
        tables=tuple(tables),
        identities=tuple(
            Identity(
                id=i["id"], rule=i["rule"], table=i["table"], text=i["text"], basis=i["basis"],
                for_each=i["for_each"], left=tuple(i["left"]), right=tuple(i["right"]),
            )
            for i in data.get("identities", [])
        ),
        path=path,
    )
    _check_references(edition)
    return edition


def _check_references(edition: Edition) -> None:
    keys = {t.key: set(t.cell_keys()) for t in edition.tables}
    for table in edition.tables:
        rows = {r.key for r in table.all_rows()}
        for merged in table.merged_rows:
            unknown = [p for p in merged.parts if p not in rows]
            if unknown or merged.key in rows:
                raise EditionError(f"{edition.path}: table {table.key}: merged row {merged.key!r} must "
                                   f"stand for rows of the table under a key of its own (unknown: {unknown})")
    for identity in edition.identities:
        if identity.table not in keys:
            raise EditionError(f"{edition.path}: identity {identity.id}: unknown table {identity.table!r}")
        for _binding, left, right in identity.expand(edition.table(identity.table)):
            for ref in (*left, *right):
                if ref not in keys[identity.table]:
                    raise EditionError(f"{edition.path}: identity {identity.id}: unknown cell {ref!r}")


# libyaml's safe loader where PyYAML was built with it (the wheels are): the same data, parsed about
# ten times faster, which every run pays at start-up for the built-in editions.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_edition_file(path: Path, *, validate: bool = True) -> Edition:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise EditionError(f"{path}: {exc}") from exc
    return parse_edition(data, str(path), validate=validate)


def builtin_edition_paths() -> list[Path]:
    folder = SCHEMA_DIR / "editions"
    return sorted(folder.glob("*.yaml"))


@cache
def builtin_editions() -> dict[str, Edition]:
    """The editions nianbao ships. Their files are part of the package, so they are validated
    against the schema by the test suite (tests/test_startup.py) rather than at every start, which
    would import the schema validator for `nianbao rules`; their references are still checked."""
    return {e.edition: e for e in (load_edition_file(p, validate=False) for p in builtin_edition_paths())}


def edition_for_year(editions: dict[str, Edition], year: int) -> Edition | None:
    for edition in editions.values():
        if edition.covers_year(year):
            return edition
    return None


def cell_label(spec: TableSpec, key: str) -> str:
    """``（七）总计 / 自然人``: the row's and the column's official labels (remembered per table and
    key: evidence names the same cells again and again)."""
    labels_of = _CELL_LABELS.get((spec,), dict)
    found = labels_of.get(key)
    if found is None:
        found = keep(labels_of, key, _cell_label(spec, key), _CELL_LABELS_PER_TABLE)
    return found


_CELL_LABELS: KeptByIdentity[dict[str, str]] = KeptByIdentity(64)
_CELL_LABELS_PER_TABLE = 1024


def _cell_label(spec: TableSpec, key: str) -> str:
    row_key, column_key = key.split(".", 1)
    row = spec.row(row_key)
    column = spec.column(row_key, column_key)
    column_label = column.label
    if column.group and spec.key == "reviews":
        column_label = f"{column.group.split()[-1]}{column.label}"
    return f"{row.label} / {column_label}"
