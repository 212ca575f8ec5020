"""Regular expressions compiled on first use.

Python compiles a pattern in Python code, about half a millisecond for a narrative pattern; the rules
and the narrative reader define well over a hundred at import. A module-level pattern made with
:func:`lazy_compile` costs nothing until it is first used, so that `nianbao rules` and `explain`,
which import every rule but match nothing, do not compile them.
"""

from __future__ import annotations

import re
import weakref
from typing import Any
from typing import cast

_made: weakref.WeakSet[_LazyPattern] = weakref.WeakSet()


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiled the first time one of its methods or
    compiled attributes is used, after which the compiled pattern's bound methods are kept on the
    instance, so that later calls cost what calling the compiled pattern costs."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_compiled", "_flags", "pattern"):
            # special names (copy and pickle probe for __setstate__ on an instance not yet filled)
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        value = getattr(self._compiled, name)
        if callable(value):
            setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used. For patterns used through their
    methods (``search``, ``match``, ``finditer``, ``sub``…) and ``pattern``; to give the pattern to
    ``re`` functions or ``regex``, pass ``.pattern``."""
    lazy = _LazyPattern(pattern, flags)
    _made.add(lazy)
    return cast("re.Pattern[str]", lazy)


def compile_all() -> None:
    """Compile every lazy pattern made so far: before a batch forks its workers, so that each worker
    inherits them compiled instead of compiling them all again."""
    for lazy in list(_made):
        if lazy._compiled is None:
            lazy._compiled = re.compile(lazy.pattern, lazy._flags)

