"""Read numbers: the values written in table cells, and numbers written in narrative text (Arabic,
full-width and Chinese numerals)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from nianbao.memo import kept_texts

_NUMBER = re.compile(r"^[+\-−－]?\d+(?:\.\d+)?$")
_UNIT = re.compile(r"(万元|元|件|条|项|个|次)$")
# int() refuses a string of over 4300 digits (sys.int_info.default_max_str_digits): a longer run
# (hostile or garbled input) is read as not a number rather than stopping the reading. Anything
# shorter is read as before, so that a garbled but readable figure is still compared and shown.
MAX_DIGITS = 4000
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: int | float | None
    blank: bool
    unit: str | None = None
    problem: str | None = None


@kept_texts(8192)
def parse_cell(raw: str) -> ParsedNumber:
    """Parse one cell: blank, an integer, a decimal, or text that is not a number.

    Thousands separators and a trailing unit (``251000元``) are accepted and the unit kept, so
    that a rule can judge it; anything else leaves ``value`` as None with the reason in ``problem``.
    """
    text = unicodedata.normalize("NFKC", raw).replace("\u00a0", " ").strip()
    text = _SPACES.sub("", text)
    if text in ("", "-", "—", "/", "／"):
        return ParsedNumber(None, blank=True)
    unit = None
    match = _UNIT.search(text)
    if match and match.start() > 0:
        unit = match.group(1)
        text = text[: match.start()]
    text = text.replace(",", "").replace("−", "-").replace("－", "-")
    if not _NUMBER.match(text) or len(text) > MAX_DIGITS + 2:  # a sign and a point besides the digits
        return ParsedNumber(None, blank=False, unit=unit, problem="not-a-number")
    if "." in text:
        return ParsedNumber(float(text), blank=False, unit=unit)
    return ParsedNumber(int(text), blank=False, unit=unit)


# Full-width digits and signs become their ASCII forms; every other character keeps its place, so
# offsets found in the folded text are offsets in the original sentence too.
_FOLD = tuple(zip("０１２３４５６７８９％．，", "0123456789%.,", strict=True))

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千万]+"
NUMBER = rf"(?:{ARABIC}|{CHINESE})"
_ARABIC = re.compile(ARABIC)
_CHINESE = re.compile(CHINESE)


def fold(text: str) -> str:
    """The text with full-width digits, ``％`` and ``．`` in ASCII; same length as ``text``."""
    return replace_each(text, _FOLD)


def replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` with each character of ``pairs`` replaced by its partner (``str.translate`` gives the
    same, but looks every character of a Chinese text up in a dict: ten times slower)."""
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def parse_number(token: str) -> int | float | None:
    """The value of one number token (``32``, ``1,024``, ``51.85``, ``一百零三``, ``两千``), or None
    when the token is not a number."""
    token = fold(token).strip()
    if _ARABIC.fullmatch(token):
        plain = token.replace(",", "")
        if len(plain) > MAX_DIGITS + 1:  # a point besides the digits
            return None
        return float(plain) if "." in plain else int(plain)
    if _CHINESE.fullmatch(token):
        try:
            value = _cn2an()(token, "smart")
        except (ValueError, KeyError):
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value
    return None


def decimals(token: str) -> int:
    """How many decimal places a written number shows (``51.85`` → 2)."""
    token = fold(token)
    return len(token.split(".", 1)[1]) if "." in token else 0


@cache
def _cn2an() -> Callable[[str, str], int | float]:
    """cn2an's converter, imported on first use: the package takes a third of a second to import, and
    most reports write their figures in Arabic numerals."""
    import cn2an

    return cn2an.cn2an
