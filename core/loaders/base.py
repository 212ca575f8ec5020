"""What every loader shares: the :class:`Loader` protocol, :class:`LoadError`, and text decoding."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from nianbao.format.editions import Edition
from nianbao.model.errors import BilingualError
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import Limits
from nianbao.model.limits import using_limits
from nianbao.reading.assemble import Draft


class LoadError(BilingualError):
    """A file that cannot be read as a report. The message says what is wrong, in Chinese, and
    ``message_en`` in English; the engine reports it as DOC001."""

    def __init__(self, message: str, message_en: str, *, reason: str = "unreadable") -> None:
        super().__init__(message, message_en)
        self.reason = reason


class Loader(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def sniff(self, head: bytes) -> bool:
        """True when the first bytes of a file look like this loader's format."""

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Draft:
        """Read the whole file into a :class:`~nianbao.reading.assemble.Draft` (most loaders end with
        :func:`~nianbao.reading.assemble.draft_document`); the engine decides the edition and reads
        the tables against it. Raise :class:`LoadError` for a file that is not a readable report."""


TEXT_LOADERS = frozenset({"html", "markdown", "text"})


def read_input(path: Path, limits: Limits) -> bytes:
    """A report file's bytes. Only a regular file is read: a FIFO or a device is refused
    without opening it for reading (it could block, or never end), and a file over
    ``max-file-mb`` is refused before reading it."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise LoadError("文件不存在", "no such file", reason="missing") from exc
    except OSError as exc:
        raise LoadError(f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise LoadError("这是一个目录，不是文件", "this is a directory, not a file", reason="missing")
    if not stat.S_ISREG(info.st_mode):
        kind, kind_en = _special_kind(info.st_mode)
        raise LoadError(f"这是{kind}，不是普通文件，未读取",
                        f"this is {kind_en}, not a regular file; not read",
                        reason="special")
    cap = limits.bytes("max-file-mb")
    if info.st_size > cap:
        raise _too_big(info.st_size, "max-file-mb")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise LoadError(f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}") from exc
    with os.fdopen(fd, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if not stat.S_ISREG(opened.st_mode):  # replaced since the check above
            raise LoadError("这不是普通文件，未读取", "this is not a regular file; not read",
                            reason="special")
        # As much as the file holds and a byte more: read(cap + 1) would first allocate a buffer
        # of the cap's size (64 MB) for every file. A file that grew since is read on, to the cap.
        data = handle.read(min(opened.st_size, cap) + 1)
        if len(data) > opened.st_size:
            data += handle.read(cap + 1 - len(data))
    if len(data) > cap:
        raise _too_big(len(data), "max-file-mb")
    return data


def open_report(path: Path, limits: Limits, pick: Callable[[Path, bytes], Loader | None],
                data: bytes | None = None) -> tuple[Loader, bytes]:
    """The file's bytes (or ``data``, a fetched page's) and the loader ``pick`` chooses for them,
    within the size limits."""
    data = read_input(path, limits) if data is None else data
    loader = pick(path, data[:2048])
    if loader is None:
        raise LoadError("不支持的文件格式", "unsupported file format", reason="format")
    if loader.name in TEXT_LOADERS:
        check_text_size(data, limits)
    return loader, data


@contextmanager
def limits_as_load_errors(limits: Limits) -> Iterator[Limits]:
    """Run a load with ``limits`` in force; going over one is a :class:`LoadError` (DOC001)."""
    try:
        with using_limits(limits):
            yield limits
    except LimitExceeded as exc:
        raise LoadError(exc.message, exc.message_en, reason="limit") from exc
    except RecursionError as exc:
        raise LoadError("文件结构嵌套过深，无法读取", "the file is nested too deeply to read",
                        reason="limit") from exc


def check_text_size(data: bytes, limits: Limits) -> None:
    """Text formats are parsed whole, and their parse takes many times their size: their own cap."""
    if len(data) > limits.bytes("max-text-mb"):
        raise _too_big(len(data), "max-text-mb")


def _too_big(size: int, key: str) -> LimitExceeded:
    return LimitExceeded(key, round(size / 1024 / 1024, 1))


def _special_kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）", "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


_GB_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
               "gb_2312-80": "gb18030"}


def normalise_encoding(name: str) -> str:
    """Map a declared charset to the codec that decodes it safely: GB2312/GBK pages routinely hold
    characters outside those sets, so both are read as their superset GB18030."""
    lowered = name.strip().lower()
    if lowered in _GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return lowered


# Control bytes other than tab, line ends and form feed; counted by deleting every other byte
# (bytes.translate), not by a Python loop over the sample.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _NOT_CONTROL))
    return bool(sample) and controls / len(sample) > 0.05


def decode_text(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes: BOM, then the declared charset, then UTF-8, then GB18030, then detection.

    Raises :class:`LoadError` for binary data or bytes no candidate decodes.
    """
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return Decoded(data.decode(name), name)
    if looks_binary(data):
        raise LoadError("文件是二进制数据，不是文本", "the file holds binary data, not text", reason="binary")
    candidates = [normalise_encoding(declared)] if declared else []
    candidates += ["utf-8", "gb18030"]
    for name in candidates:
        try:
            return Decoded(data.decode(name), name)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError("无法识别文件的字符编码", "cannot tell the file's character encoding",
                        reason="encoding")
    return Decoded(str(best), normalise_encoding(best.encoding))
