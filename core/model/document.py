"""The loaded report: one model for every input format, with every value traced to its source.

A loader builds a :class:`Document`; :func:`validate_document` checks its JSON form against
``schemas/document.schema.json`` before any rule runs.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from functools import cache
from typing import Any
from typing import TypeVar

from nianbao.schemas import load_schema

T = TypeVar("T")


@dataclass(slots=True)
class SourceRef:
    """Where something stands in the source file: a line (text, HTML), a page (PDF) and a locator
    (an XPath for HTML, ``table[2]/row[5]/cell[3]`` for DOCX, ``page 3`` for PDF)."""

    line: int | None = None
    page: int | None = None
    locator: str | None = None


@dataclass(slots=True)
class Source:
    path: str
    format: str
    sha256: str
    encoding: str | None = None


@dataclass(slots=True)
class Meta:
    """What the report is. ``edition`` is the one edition its tables are read and checked against,
    decided by the engine (``edition_source`` says how); ``table_edition`` is the edition the tables'
    shape names; ``edition_requested`` is the edition ``--edition`` asked for, if any."""

    title: str | None = None
    agency: str | None = None
    report_year: int | None = None
    report_year_source: str | None = None
    edition: str | None = None
    edition_source: str | None = None
    table_edition: str | None = None
    edition_requested: str | None = None
    body_type: str | None = None
    published_on: str | None = None


@dataclass(slots=True)
class Paragraph:
    text: str
    ref: SourceRef = field(default_factory=SourceRef)


@dataclass(slots=True)
class Section:
    """A numbered heading and what follows it. ``level`` 1 is 一、…, level 2 is （一）…
    ``tables`` names the template tables that stand in it; ``other_tables`` counts the tables in it
    that match no template table (a fee list, a chart's data)."""

    number: str
    title: str
    heading: str
    level: int = 1
    key: str | None = None
    ref: SourceRef = field(default_factory=SourceRef)
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    other_tables: int = 0

    def text(self) -> str:
        """All paragraph text of this section and its children, in order."""
        parts = [p.text for p in self.paragraphs]
        parts += [f"{c.heading}\n{c.text()}" for c in self.children]
        return "\n".join(parts)

    def all_paragraphs(self) -> Iterator[Paragraph]:
        yield from self.paragraphs
        for child in self.children:
            yield Paragraph(child.heading, child.ref)
            # a sub-section without sub-sections of its own (nearly all) is read here, not through
            # one more generator that every paragraph would pass
            yield from child.all_paragraphs() if child.children else child.paragraphs


@dataclass(slots=True)
class CellValue:
    """One value cell of a template table. A blank cell has ``blank=True`` and ``value=None``;
    it is never read as 0."""

    raw: str
    value: int | float | None
    blank: bool
    ref: SourceRef = field(default_factory=SourceRef)
    unit: str | None = None
    problem: str | None = None


@dataclass(slots=True)
class TableRow:
    key: str
    label: str
    ref: SourceRef = field(default_factory=SourceRef)


@dataclass(slots=True)
class Table:
    """A statistical table matched to its template (``key``), with the raw grid as read and the
    values keyed ``row_key.column_key``. A row of an older edition that stands for several of the
    template's rows is kept apart, in ``merged_rows`` and ``merged_values``."""

    key: str
    edition: str
    ref: SourceRef = field(default_factory=SourceRef)
    grid: list[list[str]] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    values: dict[str, CellValue] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    merged_rows: list[TableRow] = field(default_factory=list)
    merged_values: dict[str, CellValue] = field(default_factory=dict)

    def row(self, key: str) -> TableRow | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None

    def merged_row(self, key: str) -> TableRow | None:
        """An older edition's row printed instead of the rows it stands for (see
        ``TableSpec.merged_rows``); its values are in ``merged_values``."""
        for row in self.merged_rows:
            if row.key == key:
                return row
        return None


@dataclass(slots=True)
class Note:
    """Something the loader could not read with certainty, reported to the user by DOC002."""

    code: str
    message: str
    ref: SourceRef = field(default_factory=SourceRef)
    table: str | None = None
    row: str | None = None
    message_en: str | None = None


@dataclass(slots=True)
class Document:
    source: Source
    meta: Meta = field(default_factory=Meta)
    preamble: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    _derived: dict[Callable[[Document], Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, compute: Callable[[Document], T]) -> T:
        """``compute(self)``, worked out once per document and shared by every caller.

        What several rules read from one report (the narrative's sentences and facts) is computed by
        the first rule that asks and handed to the others. ``compute`` must be a module-level
        function of the document alone, or one kept as long as what it is bound to (one function
        per edition, say): it is the memo's key. The document is not changed once rules run.
        """
        try:
            return self._derived[compute]
        except KeyError:
            value = self._derived[compute] = compute(self)
            return value

    def section(self, key: str) -> Section | None:
        for section in self.sections:
            if section.key == key:
                return section
        return None

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every narrative paragraph in reading order, headings of sub-sections included."""
        yield from self.preamble
        for section in self.sections:
            yield Paragraph(section.heading, section.ref)
            yield from section.paragraphs
            for child in section.children:  # Section.all_paragraphs, one generator fewer to pass
                yield Paragraph(child.heading, child.ref)
                yield from child.all_paragraphs() if child.children else child.paragraphs

    def to_dict(self) -> dict[str, Any]:
        """The document as plain data (the memo of derived values left out)."""
        return _plain(self)


_CONVERTERS: dict[type, Callable[[Any], dict[str, Any]] | None] = {}
_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A dataclass tree as dicts and lists, without ``dataclasses.asdict``'s deep copies (a report's
    model has thousands of nodes, and every value in it is immutable). Strings and numbers, most of
    the nodes, are taken as they are without a call."""
    kind = type(value)
    try:
        convert = _CONVERTERS[kind]
    except KeyError:
        convert = _CONVERTERS[kind] = _converter(kind)
    if convert is not None:
        return convert(value)
    atoms, get = _ATOMS, _CONVERTERS.get
    # an item's converter called directly when known: one call a node, not two
    if kind is list or kind is tuple:
        return [item if type(item) in atoms else c(item) if (c := get(type(item))) else _plain(item)
                for item in value]
    if kind is dict:
        return {key: item if type(item) in atoms else c(item) if (c := get(type(item))) else _plain(item)
                for key, item in value.items()}
    return value


def _converter(kind: type) -> Callable[[Any], dict[str, Any]] | None:
    """For a dataclass, a function that builds the dict of one instance (its public fields in
    order); None for any other type. The function is generated, as dataclasses generates
    ``__init__``: reading each field by its name in code is a third faster than ``getattr`` in a loop.
    What a field is declared to hold is taken at its word where that saves asking each value its type:
    strings, numbers, booleans or None (or lists of them) as they are, a model class (or a list or
    dict of one) by its own converter; a value of another type still goes through :func:`_plain`."""
    if not dataclasses.is_dataclass(kind):
        return None
    names = [f.name for f in dataclasses.fields(kind) if not f.name.startswith("_")]
    try:
        hints = typing.get_type_hints(kind)
    except (NameError, TypeError):  # a declared type that cannot be resolved: ask every value
        hints = {}
    namespace: dict[str, Any] = {"atoms": _ATOMS, "plain": _plain, "get": _CONVERTERS.get}
    _BUILDING.add(kind)
    try:
        reads = "".join(f"    v{i} = value.{name}\n" for i, name in enumerate(names))
        items = ", ".join(f"{name!r}: {_field_code(kind, hints.get(name, Any), f'v{i}', namespace)}"
                          for i, name in enumerate(names))
    finally:
        _BUILDING.discard(kind)
    exec(f"def convert(value):\n{reads}    return {{{items}}}\n", namespace)  # field names are identifiers
    return namespace["convert"]


_BUILDING: set[type] = set()  # the classes whose converters are being generated (a model may nest itself)


def _field_code(kind: type, declared: Any, name: str, namespace: dict[str, Any]) -> str:
    """The expression that converts the value in ``name`` of a field of ``kind`` declared as
    ``declared``; the names it uses are put in ``namespace``."""
    if _atomic(declared):
        return name
    generic = f"{name} if type({name}) in atoms else c({name}) if (c := get(type({name}))) else plain({name})"
    origin, args = typing.get_origin(declared), typing.get_args(declared)
    if origin is list and _atomic(args[0]):
        return f"(list({name}) if type({name}) is list else plain({name}))"
    if origin is list and typing.get_origin(args[0]) is list and _atomic(*typing.get_args(args[0])):
        return (f"([list(x) if type(x) is list else plain(x) for x in {name}] if type({name}) is list "
                f"else plain({name}))")
    if origin is list and (item := _model_code(kind, args[0], "x", namespace)):
        return f"([{item} for x in {name}] if type({name}) is list else plain({name}))"
    if origin is dict and args[0] is str and (item := _model_code(kind, args[1], "x", namespace)):
        return f"({{k: {item} for k, x in {name}.items()}} if type({name}) is dict else plain({name}))"
    return _model_code(kind, declared, name, namespace) or generic


def _model_code(kind: type, declared: Any, name: str, namespace: dict[str, Any]) -> str | None:
    """For a field (or item) declared as one model class, the expression that converts ``name`` by that
    class's converter when it is one (else by :func:`_plain`); None for any other declared type."""
    if not (isinstance(declared, type) and dataclasses.is_dataclass(declared)):
        return None
    if declared is kind:
        converter = "convert"  # the function being generated
    elif declared in _BUILDING:
        return None  # two classes that hold each other: leave it to _plain
    else:
        if declared not in _CONVERTERS:
            _CONVERTERS[declared] = _converter(declared)
        converter = f"convert_{declared.__name__}"
        namespace[converter] = _CONVERTERS[declared]
    namespace[f"class_{declared.__name__}"] = declared
    built = _inline(declared, name, namespace) or f"{converter}({name})"
    return f"({built} if type({name}) is class_{declared.__name__} else plain({name}))"


def _inline(declared: type, name: str, namespace: dict[str, Any], depth: int = 0) -> str | None:
    """For a model class whose fields hold only strings, numbers, booleans or None, or one more such
    class (a cell and its source reference), the dict display that builds the dict of ``name`` in place:
    a call fewer for each of the hundreds of cells and references in a report. None for any other."""
    try:
        hints = typing.get_type_hints(declared)
    except (NameError, TypeError):
        return None
    items = []
    for field_ in dataclasses.fields(declared):
        if field_.name.startswith("_"):
            continue
        value, hint = f"{name}.{field_.name}", hints.get(field_.name, Any)
        if _atomic(hint):
            items.append(f"{field_.name!r}: {value}")
            continue
        if not (depth == 0 and isinstance(hint, type) and dataclasses.is_dataclass(hint)):
            return None
        nested = _inline(hint, value, namespace, depth + 1)
        if nested is None:
            return None
        namespace[f"class_{hint.__name__}"] = hint
        items.append(f"{field_.name!r}: ({nested} if type({value}) is class_{hint.__name__} "
                     f"else plain({value}))")
    return "{" + ", ".join(items) + "}"


def _atomic(declared: Any) -> bool:
    """Whether a field declared as ``declared`` holds only strings, numbers, booleans or None."""
    if declared in _ATOMS:
        return True
    return typing.get_origin(declared) in (typing.Union, types.UnionType) and all(
        map(_atomic, typing.get_args(declared)))


class DocumentInvalid(ValueError):
    """The loader produced a document that does not satisfy document.schema.json."""


@cache
def document_validator() -> Any:
    """The document schema compiled once per process (a compiled validator checks a report's model in
    a fraction of a millisecond; the pure-Python one took most of a check's time). Imported here,
    not with the model: the rule catalogue commands validate nothing."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema("document"))


def validate_document(document: Document) -> None:
    validator, plain = document_validator(), document.to_dict()
    if validator.is_valid(plain):  # the errors are gathered only for a document that has some
        return
    errors = list(validator.iter_errors(plain))
    if errors:
        first = min(errors, key=lambda e: len(e.instance_path))
        where = "/" + "/".join(str(p) for p in first.instance_path)
        raise DocumentInvalid(f"{where}: {first.message}")
