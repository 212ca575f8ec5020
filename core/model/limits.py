"""Resource limits: how much of one input the checker reads, expands and compares, and for how long.

Every limit has a key, used in the configuration file (``limits: {max-table-rows: 20000}``) and on
the command line (``--limit max-table-rows=20000``). A report that goes over a limit is not read
further: it becomes one DOC001 finding that names the limit and how to raise it, and the batch goes
on. The limits in force for the report being read are set with :func:`using_limits`; loaders and
rules read them with :func:`active_limits`, so a loader's signature does not change.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from dataclasses import field
from typing import Any


@dataclass(frozen=True, slots=True)
class LimitSpec:
    key: str
    default: float
    what: str
    what_en: str
    unit: str = ""
    unit_en: str = ""
    integer: bool = True


_MB = (" MB", " MB")
SPECS: dict[str, LimitSpec] = {spec.key: spec for spec in (
    LimitSpec("max-file-mb", 64, "文件大小", "the file size", *_MB),
    LimitSpec("max-text-mb", 8, "文本文件（网页、Markdown、纯文本）大小",
              "the size of a text file (HTML, Markdown, text)", *_MB),
    LimitSpec("max-unzipped-mb", 128, "DOCX 解压后的总大小", "the unpacked size of the DOCX", *_MB),
    LimitSpec("max-xml-mb", 16, "DOCX 中一个 XML 部件解压后的大小",
              "the unpacked size of one XML part of the DOCX", *_MB),
    LimitSpec("max-table-rows", 5000, "一张表格的行数", "the rows of one table", " 行", " rows"),
    LimitSpec("max-table-cells", 50000, "一张表格展开合并单元格后的格数",
              "the cells of one table after spans are expanded", " 格", " cells"),
    LimitSpec("max-nesting", 128, "网页元素的嵌套层数", "the nesting depth of the page's elements",
              " 层", " levels"),
    LimitSpec("max-rulings", 2000, "PDF 一页中的表格线数", "the ruled lines on one PDF page",
              " 条", " lines"),
    LimitSpec("max-findings", 200, "同一规则在一份报告中列出的发现数",
              "the findings one rule lists for one report", " 个", ""),
    LimitSpec("timeout", 60, "检查一份报告所用的时间", "the time to check one report", " 秒", " s",
              integer=False),
    LimitSpec("regex-timeout", 1, "YAML 规则中一个正则表达式的匹配时间",
              "the time one regular expression of a YAML rule may run", " 秒", " s", integer=False),
)}


class LimitExceeded(Exception):
    """An input went over a limit; the message names the limit and how to raise it."""

    def __init__(self, key: str, actual: float | str | None = None) -> None:
        spec = SPECS[key]
        limit = active_limits()[key]
        shown = _number(limit)
        beyond = f"（{_number(actual)}{spec.unit}）" if actual is not None else ""
        beyond_en = f" ({_number(actual)}{spec.unit_en})" if actual is not None else ""
        self.key = key
        self.message = (f"{spec.what}超过上限 {shown}{spec.unit}{beyond}，未继续读取；"
                        f"如确需检查，可在配置文件 limits 中设置 {key}，或使用 --limit {key}=N 提高上限")
        self.message_en = (f"{spec.what_en} is over the limit of {shown}{spec.unit_en}{beyond_en}; "
                           f"not read further. To raise it, set limits: {key} in the configuration file "
                           f"or use --limit {key}=N")
        super().__init__(self.message_en)


def findings_capped(rule_id: str, cap: int) -> str:
    """The notice that a rule's findings on one report were cut at ``max-findings``."""
    return (f"规则 {rule_id} 在此报告中的发现多于 {cap} 个，只列出前 {cap} 个；"
            f"如需全部列出，可设置 limits: max-findings 或 --limit max-findings=N "
            f"({rule_id} found more than {cap} problems here; only the first {cap} are listed)")


def _number(value: float | str | None) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits of one run: the defaults, with the values the user set over them."""

    values: Mapping[str, float] = field(default_factory=dict)

    def __getitem__(self, key: str) -> float:
        return self.values.get(key, SPECS[key].default)

    def bytes(self, key: str) -> int:
        """A limit given in MB, as bytes."""
        return int(self[key] * 1024 * 1024)

    @classmethod
    def parse(cls, raw: Mapping[str, Any], base: Limits | None = None) -> Limits:
        """Limits from ``{key: number}``; raises ValueError naming a key that is unknown or a
        value that is not a positive number."""
        values = dict(base.values) if base is not None else {}
        for key, value in raw.items():
            spec = SPECS.get(key)
            if spec is None:
                raise ValueError(f"unknown limit {key!r} (known: {', '.join(sorted(SPECS))})")
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"limit {key} needs a number, not {str(value)[:40]!r}") from None
            if not number > 0 or number == float("inf"):
                raise ValueError(f"limit {key} needs a positive number, not {str(value)[:40]!r}")
            values[key] = int(number) if spec.integer else number
        return cls(values)


_ACTIVE: ContextVar[Limits | None] = ContextVar("nianbao_limits", default=None)
_DEFAULTS = Limits()


def active_limits() -> Limits:
    """The limits in force for the report being read (the defaults outside a run)."""
    return _ACTIVE.get() or _DEFAULTS


@contextmanager
def using_limits(limits: Limits) -> Iterator[Limits]:
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


class _Timeout(BaseException):
    """Raised by the alarm inside whatever code runs; a BaseException, so that no ``except
    Exception`` in a loader or rule swallows it. :func:`time_limit` turns it into LimitExceeded."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`LimitExceeded` ("timeout") when the block runs longer than ``seconds``.

    A real-time alarm interrupts Python code between bytecodes; a long call into a C library
    ends first. Outside the main thread (where no alarm can be set) the block runs unlimited;
    worker processes set their own alarm.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    outer = signal.getitimer(signal.ITIMER_REAL)[0] if usable else 0.0
    if not usable or seconds <= 0 or 0 < outer <= seconds:
        yield  # an enclosing limit that ends sooner stands
        return

    def _alarm(signum: int, frame: object) -> None:
        raise _Timeout

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise LimitExceeded("timeout") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # give the enclosing limit back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))
