"""JSON Schemas and edition templates shipped with nianbao."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

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
