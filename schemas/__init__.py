"""JSON Schemas and edition templates shipped with nianbao."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema import ValidationError

HERE = Path(__file__).parent


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed ``<name>.schema.json`` shipped in this package."""
    return json.loads((HERE / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator_for(name: str) -> Draft202012Validator:
    """A validator for ``<name>.schema.json`` (jsonschema is imported on first use: commands that
    validate nothing start without it)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema(name))


@cache
def compiled_validator(name: str) -> Any:
    """``<name>.schema.json`` compiled by jsonschema-rs, once per process."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(name))


def schema_errors(name: str, data: Any) -> list[ValidationError]:
    """Every error of ``data`` against ``<name>.schema.json``, as jsonschema reports them (their paths
    and messages make the errors a user reads).

    Valid data, nearly always the case, is recognised by the compiled validator alone, so that a run
    with valid configuration, rules and editions never imports jsonschema (a tenth of a second of
    start-up) nor runs its slower validation. Whatever the compiled validator refuses, or cannot take
    (a value JSON has no type for, such as a YAML date), is decided by jsonschema: the answer is
    always jsonschema's.
    """
    try:
        if compiled_validator(name).is_valid(data):
            return []
    except Exception:  # noqa: BLE001,S110 - a value it cannot convert: jsonschema decides below
        pass
    return list(validator_for(name).iter_errors(data))
