"""The built-in reporters register through the plugin hook, like a pack's would."""

from __future__ import annotations

from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.reporters import nianbao_register_reporters
from nianbao.reporters.csv import CsvReporter
from nianbao.reporters.github import GithubReporter
from nianbao.reporters.html import HtmlReporter
from nianbao.reporters.json import JsonReporter
from nianbao.reporters.junit import JunitReporter
from nianbao.reporters.sarif import SarifReporter
from nianbao.reporters.text import TextReporter
from nianbao.reporters.xlsx import XlsxReporter

BUILTIN = {"text": TextReporter, "json": JsonReporter, "sarif": SarifReporter, "github": GithubReporter,
           "junit": JunitReporter, "csv": CsvReporter, "xlsx": XlsxReporter, "html": HtmlReporter}


def test_hook_returns_every_builtin_format() -> None:
    assert {entry.name: entry.load() for entry in nianbao_register_reporters()} == BUILTIN
    assert [name for name, cls in BUILTIN.items() if cls.name != name] == []


def test_session_offers_them_by_name() -> None:
    reporters = Session(Config()).reporters
    for name, cls in BUILTIN.items():
        assert reporters[name] is cls
        assert cls.description.strip() == cls.description and cls.description
