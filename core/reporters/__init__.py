"""Reporters: one module per output format."""

from __future__ import annotations

from nianbao.plugin.markers import hookimpl
from nianbao.plugin.reporter import DeferredReporter
from nianbao.plugin.reporter import Reporter

__all__ = ["BUILTIN_REPORTERS", "Reporter"]

# Each format's module is imported when the format is chosen (see DeferredReporter).
BUILTIN_REPORTERS: tuple[tuple[str, str], ...] = (
    ("text", "nianbao.reporters.text:TextReporter"),
    ("json", "nianbao.reporters.json:JsonReporter"),
    ("sarif", "nianbao.reporters.sarif:SarifReporter"),
    ("github", "nianbao.reporters.github:GithubReporter"),
    ("junit", "nianbao.reporters.junit:JunitReporter"),
    ("csv", "nianbao.reporters.csv:CsvReporter"),
    ("xlsx", "nianbao.reporters.xlsx:XlsxReporter"),
    ("html", "nianbao.reporters.html:HtmlReporter"),
)


@hookimpl
def nianbao_register_reporters() -> list[type[Reporter] | DeferredReporter]:
    return [DeferredReporter(name, home) for name, home in BUILTIN_REPORTERS]
