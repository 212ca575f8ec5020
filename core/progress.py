"""A one-line progress bar on stderr while a batch is checked: reports done of the total, reports
with errors so far, and the rate. Drawn only on a terminal, at most a few times a second."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING
from typing import TextIO

if TYPE_CHECKING:
    from nianbao.model.results import CheckedReport

WIDTH = 24
INTERVAL = 0.2


class Progress:
    def __init__(self, stream: TextIO, total: int, lang: str = "zh") -> None:
        self.stream = stream
        self.total = total
        self.lang = lang
        self.done = 0
        self.with_errors = 0
        self.start = time.monotonic()
        self.drawn = 0.0

    def __call__(self, report: CheckedReport) -> None:
        self.done += 1
        if any(f.severity == "error" and not f.suppressed for f in report.findings):
            self.with_errors += 1
        now = time.monotonic()
        if now - self.drawn >= INTERVAL or self.done == self.total:
            self.drawn = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * share)
        bar = "█" * filled + "·" * (WIDTH - filled)
        elapsed = max(now - self.start, 1e-6)
        rate = self.done / elapsed
        if self.lang == "en":
            return f"[{bar}] {self.done}/{self.total}  with errors {self.with_errors}  {rate:.1f}/s"
        return f"[{bar}] {self.done}/{self.total}  有错误 {self.with_errors} 份  {rate:.1f} 份/秒"

    def clear(self) -> None:
        """Take the bar off the line (before output is written to the same terminal); it is drawn
        again with the next report done."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = 0.0

    def close(self) -> None:
        if self.done:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
