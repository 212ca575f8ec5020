from __future__ import annotations

from pathlib import Path

import pytest
from nianbao.testing import collect_cases

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if CASES in file_path.parents:
        return collect_cases(file_path, parent)
    return None


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real published reports in ../shared/corpus (read in place, never copied)."""
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip(f"the corpus of real reports is not available at {CORPUS} "
                    "(it sits beside the checkout in CI)")
    return CORPUS
