"""Normalise the labels of table rows, columns and section headings so that wordings seen in
published reports compare equal to the format's official labels."""

from __future__ import annotations

import re
import unicodedata

from nianbao.memo import kept_texts

_CN_NUMERALS = "一二三四五六七八九十"
_DROP = re.compile(r"[\s\u00a0\u3000\u200b\ufeff“”\"'‘’「」『』:：;；,，。]")
_NUMBER_COMMA = re.compile(r"(?<=\d)、")
_LEADING_ENUM = re.compile(
    rf"^(?:[{_CN_NUMERALS}]+[、.]|\([{_CN_NUMERALS}]+\)|\d+[.、)]|\(\d+\))"
)


# Reading a report folds the same few hundred labels tens of thousands of times; the caches are
# bounded, so a hostile report with endless distinct labels costs only their misses.
@kept_texts(8192)
def fold(text: str) -> str:
    """Fold width variants and drop whitespace, quotes and punctuation that vary between reports.

    Full-width brackets, digits and letters become their ASCII forms (NFKC), the enumeration
    comma 、 after a number becomes ``.``, and spaces, ``&nbsp;``, quotes and colons disappear.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _DROP.sub("", text)
    if "、" in text:
        text = _NUMBER_COMMA.sub(".", text)
    return text


def strip_enumerator(folded: str) -> str:
    """Remove one leading enumerator such as ``一、``, ``(一)``, ``1.`` from a folded label."""
    return _LEADING_ENUM.sub("", folded, count=1)


@kept_texts(8192)  # the official labels are compared against every row read
def core(text: str) -> str:
    """The comparable core of a label: folded, without its leading enumerator."""
    return strip_enumerator(fold(text))


def enumerator(text: str) -> str | None:
    """The leading enumerator of a label as written after folding (``一、`` → ``一``), if any."""
    folded = fold(text)
    match = _LEADING_ENUM.match(folded)
    if not match:
        return None
    return match.group(0).strip("()、.")
