"""Reporters: one module per output format."""

from __future__ import annotations

from nianbao.plugin.markers import hookimpl
from nianbao.plugin.reporter import Reporter

__all__ = ["Reporter"]


@hookimpl
def nianbao_register_reporters() -> list[type[Reporter]]:
    from nianbao.reporters.csv import CsvReporter
    from nianbao.reporters.github import GithubReporter
    from nianbao.reporters.html import HtmlReporter
    from nianbao.reporters.json import JsonReporter
    from nianbao.reporters.junit import JunitReporter
    from nianbao.reporters.sarif import SarifReporter
    from nianbao.reporters.text import TextReporter
    from nianbao.reporters.xlsx import XlsxReporter

    return [TextReporter, JsonReporter, SarifReporter, GithubReporter, JunitReporter, CsvReporter,
            XlsxReporter, HtmlReporter]
