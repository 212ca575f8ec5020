"""What a command imports before it answers: each command loads only what it uses, so that
`nianbao --version`, `rules` and checking one page start quickly (their times are measured in
scripts/benchmark.py, never asserted here)."""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
from importlib import import_module
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from nianbao import __version__
from nianbao.format.editions import builtin_edition_paths
from nianbao.lazyre import lazy_compile
from nianbao.loaders import BUILTIN_LOADERS
from nianbao.schemas import schema_errors
from nianbao.schemas import validator_for

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# Run a command line in a fresh interpreter and write the names of the modules it imported to FILE.
PROBE = """
import json, sys
out, sys.argv = sys.argv[1], ["nianbao", *sys.argv[2:]]
from nianbao.cli import run
try:
    run()
except SystemExit:
    pass
with open(out, "w") as handle:
    json.dump(sorted(sys.modules), handle)
"""

PARSERS = ("lxml", "docx", "pypdfium2", "pypdfium2_raw", "openpyxl", "jinja2")
# Describing configuration errors, fetching pages, and finding entry points the slow way.
NOT_FOR_VALID_INPUT = ("jsonschema", "urllib3", "importlib.metadata")


def imported(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    result = subprocess.run([sys.executable, "-c", PROBE, str(out), *args], capture_output=True,
                            text=True, cwd=ROOT, check=False)
    assert out.exists(), result.stderr
    names = set(json.loads(out.read_text()))
    return names | {name.split(".")[0] for name in names}


def test_version_imports_no_engine_and_no_package_metadata(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--version")
    assert {"yaml", *PARSERS, *NOT_FOR_VALID_INPUT} & modules == set()
    assert [n for n in modules if n.startswith(("nianbao.engine", "nianbao.rules"))] == []


@pytest.mark.parametrize("command", [["rules"], ["rules", "--json"], ["explain", "REC002"]])
def test_catalogue_commands_import_no_parser_and_no_validator(tmp_path: Path, command: list[str]) -> None:
    assert {*PARSERS, *NOT_FOR_VALID_INPUT, "jsonschema_rs"} & imported(tmp_path, *command) == set()


def test_the_builtin_editions_are_valid_against_the_edition_schema() -> None:
    # they are not validated when loaded (builtin_editions): they are part of the package
    for path in builtin_edition_paths():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [error.message for error in schema_errors("edition", data)] == [], path.name
        assert validator_for("edition").is_valid(data), path.name


def test_checking_a_text_report_imports_no_parser(tmp_path: Path) -> None:
    modules = imported(tmp_path, "check", "--exit-zero", str(EXAMPLES / "2022-clean-2021-edition.md"))
    unused = {"xml.etree", "nianbao.reporters.junit", "multiprocessing"}  # other formats; workers
    assert {*PARSERS, *NOT_FOR_VALID_INPUT, *unused} & modules == set()


def test_checking_a_page_imports_lxml_but_not_the_pdf_and_word_libraries(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    modules = imported(tmp_path, "check", "--exit-zero", str(page))
    assert "lxml" in modules
    others = {"docx", "pypdfium2", "pypdfium2_raw", "openpyxl", "jinja2"}
    assert {*others, *NOT_FOR_VALID_INPUT} & modules == set()


def test_checking_a_word_report_imports_lxml_but_not_python_docx(tmp_path: Path) -> None:
    # the loader reads the package itself; python-docx only writes (diff --format docx)
    import docx

    report = docx.Document()
    report.add_paragraph("一、总体情况")
    report.save(str(tmp_path / "report.docx"))
    modules = imported(tmp_path, "check", "--exit-zero", str(tmp_path / "report.docx"))
    assert "lxml" in modules
    others = {"docx", "pypdfium2", "pypdfium2_raw", "openpyxl", "jinja2"}
    assert {*others, *NOT_FOR_VALID_INPUT} & modules == set()


def test_deferred_loaders_are_registered_as_their_loaders_declare() -> None:
    for name, suffixes, home in BUILTIN_LOADERS:
        module, _, cls = home.partition(":")
        loader = getattr(import_module(module), cls)
        assert (loader.name, loader.suffixes) == (name, suffixes)


def test_the_version_is_the_installed_distributions() -> None:
    assert __version__ == version("nianbao")


def test_a_lazy_pattern_is_compiled_when_first_used_and_then_matches_as_compiled() -> None:
    pattern = lazy_compile(r"(?P<n>\d+)\s*件", re.I)
    assert pattern.pattern == r"(?P<n>\d+)\s*件"
    assert vars(pattern)["_compiled"] is None  # not compiled yet
    compiled = re.compile(r"(?P<n>\d+)\s*件", re.I)
    text = "收到申请 32 件，办结 30件"
    assert [m.group("n") for m in pattern.finditer(text)] == ["32", "30"]
    assert pattern.sub("#", text) == compiled.sub("#", text)
    assert pattern.search("无") is None
    assert pattern.flags == compiled.flags and pattern.groupindex == compiled.groupindex


def test_a_lazy_pattern_survives_copying_and_pickling() -> None:
    for fresh in (True, False):
        pattern = lazy_compile(r"(\d+)件")
        if not fresh:
            pattern.search("1件")
        for twin in (copy.copy(pattern), copy.deepcopy(pattern), pickle.loads(pickle.dumps(pattern))):
            assert twin.pattern == pattern.pattern
            assert twin.findall("收到3件，办结2件") == ["3", "2"]


def test_a_batch_compiles_the_lazy_patterns_before_its_workers_are_forked(tmp_path: Path) -> None:
    """Workers inherit the patterns compiled: none is compiled again in each worker. Run in a fresh
    interpreter, where no pattern has been used yet."""
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# 无关\n", encoding="utf-8")
    script = """
import sys
from pathlib import Path
import nianbao.narrative.facts
from nianbao.engine import batch
from nianbao.engine.inputs import Input
from nianbao.engine.session import Session
from nianbao.lazyre import _made
pending = [lazy for lazy in _made if lazy._compiled is None]
assert pending, "no pattern waits to be compiled"
items = [Input(name=str(p), path=p) for p in sorted(Path(sys.argv[1]).iterdir())]
list(batch._in_workers(Session(), items, batch.BatchOptions(jobs=2)))
print(sum(lazy._compiled is None for lazy in pending), "of", len(pending), "not compiled")
"""
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("0 of "), done.stdout
