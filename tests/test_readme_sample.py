"""The README's sample output is what ``nianbao check examples/`` prints, line for line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_shows_the_real_output_of_checking_the_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"## Sample output\n\n```\n(.*?)```", readme, re.DOTALL)
    assert shown is not None
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "examples/"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == shown.group(1).splitlines()
