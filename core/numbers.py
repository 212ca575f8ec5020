"""Read the numbers written in table cells."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NUMBER = re.compile(r"^[+\-−－]?\d+(?:\.\d+)?$")
_UNIT = re.compile(r"(万元|元|件|条|项|个|次)$")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: int | float | None
    blank: bool
    unit: str | None = None
    problem: str | None = None


def parse_cell(raw: str) -> ParsedNumber:
    """Parse one cell: blank, an integer, a decimal, or text that is not a number.

    Thousands separators and a trailing unit (``251000元``) are accepted and the unit kept, so
    that a rule can judge it; anything else leaves ``value`` as None with the reason in ``problem``.
    """
    text = unicodedata.normalize("NFKC", raw).replace("\u00a0", " ").strip()
    text = re.sub(r"\s+", "", text)
    if text in ("", "-", "—", "/", "／"):
        return ParsedNumber(None, blank=True)
    unit = None
    match = _UNIT.search(text)
    if match and match.start() > 0:
        unit = match.group(1)
        text = text[: match.start()]
    text = text.replace(",", "").replace("−", "-").replace("－", "-")
    if not _NUMBER.match(text):
        return ParsedNumber(None, blank=False, unit=unit, problem="not-a-number")
    if "." in text:
        return ParsedNumber(float(text), blank=False, unit=unit)
    return ParsedNumber(int(text), blank=False, unit=unit)
