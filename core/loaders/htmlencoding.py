"""HTML pages' bytes decoded, their encoding decided here and never by lxml: a page declaring
gb2312 routinely holds GBK-only characters, and lxml given such bytes stops at the first one."""

from __future__ import annotations

import re

from nianbao.loaders.base import Decoded
from nianbao.loaders.base import LoadError
from nianbao.loaders.base import decode_text
from nianbao.loaders.base import looks_binary
from nianbao.loaders.base import normalise_encoding

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_\-:.]+)[\"']", re.I)
# Single-byte codecs decode any bytes at all, so success proves nothing about them.
_PERMISSIVE = {"latin_1", "iso8859-1", "cp1252", "windows-1252", "ascii"}


def declared_charset(data: bytes) -> str | None:
    """The charset an XML declaration or a ``<meta>`` in the first 4 KB names, if any."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def decode_html(data: bytes) -> Decoded:
    """Decode an HTML file's bytes.

    Valid UTF-8 is UTF-8 whatever the page declares (a GBK text is almost never valid UTF-8);
    otherwise the declared charset (gb2312/gbk read as gb18030) when it decodes every byte, and
    charset-normalizer when nothing is declared or the declaration is wrong.
    """
    return decode_html_utf8(data)[0]


def decode_html_utf8(data: bytes) -> tuple[Decoded, bool]:
    """:func:`decode_html`'s answer, and whether its text is the whole of ``data`` read as UTF-8
    (then lxml may be given the bytes themselves)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or looks_binary(data):
        return decode_text(data), False
    try:
        return Decoded(data.decode("utf-8"), "utf-8"), True
    except UnicodeDecodeError as exc:
        text = _cut_tail(data, "utf-8", exc)
    if text is not None:
        return Decoded(text, "utf-8"), False
    declared = declared_charset(data)
    if declared:
        name = normalise_encoding(declared)
        text = _decode_cut(data, name) if name not in _PERMISSIVE else None
        if text is not None:
            return Decoded(text, name), False
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return Decoded(str(best), normalise_encoding(best.encoding)), False
    try:
        return Decoded(data.decode("gb18030"), "gb18030"), False
    except UnicodeDecodeError as exc:
        raise LoadError("无法识别网页的字符编码", "cannot tell the page's character encoding",
                        reason="encoding") from exc


def _decode_cut(data: bytes, name: str) -> str | None:
    """``data`` decoded, tolerating a last character cut in half (a file saved or downloaded only
    in part); None when the codec does not decode it."""
    try:
        return data.decode(name)
    except LookupError:
        return None
    except UnicodeDecodeError as exc:
        return _cut_tail(data, name, exc)


def _cut_tail(data: bytes, name: str, error: UnicodeDecodeError) -> str | None:
    """``data`` without a last character cut in half, when that is what ``error`` is about."""
    if error.end < len(data) or len(data) - error.start > 3:
        return None
    try:
        return data[: error.start].decode(name)
    except UnicodeDecodeError:
        return None
