from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import pytest
from nianbao.engine.session import Session
from nianbao.testing import collect_cases

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
# NIANBAO_CORPUS points elsewhere, for a checkout that does not sit beside the corpus
CORPUS = Path(os.environ.get("NIANBAO_CORPUS") or ROOT.parent / "shared" / "corpus")


@pytest.fixture(autouse=True)
def _strict_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the tests, two findings of one rule with one fingerprint are an error, never dropped."""
    monkeypatch.setattr(Session, "strict_identity", True)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if CASES in file_path.parents:
        return collect_cases(file_path, parent)
    return None


@pytest.fixture
def broken_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed distribution whose ``nianbao`` entry point names a module that does not exist."""
    dist = tmp_path / "site" / "nianbao_pack_broken-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: nianbao-pack-broken\nVersion: 0.1\n",
                                   encoding="utf-8")
    (dist / "entry_points.txt").write_text("[nianbao]\nbroken = nianbao_pack_broken_missing\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real published reports in ../shared/corpus (read in place, never copied)."""
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip(f"the corpus of real reports is not available at {CORPUS} "
                    "(it sits beside the checkout in CI)")
    return CORPUS


CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
BROWSER_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium from Debian's packages, driven by Selenium through the packaged chromedriver
    (nothing is downloaded at run time); skipped where either is not installed."""
    webdriver = pytest.importorskip("selenium.webdriver",
                                    reason="selenium is not installed (pip install -e '.[test]')")
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("Debian's chromium and chromium-driver are not installed "
                    "(apt-get install chromium chromium-driver; .ci/run does it)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))  # never Selenium Manager's download
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[[object, str], Path]:
    """Save the whole page the browser shows as ``NAME.png``, to ``$NIANBAO_ARTIFACTS`` when set, else
    to the test's temporary folder, and print where."""
    def save(driver: object, name: str) -> Path:
        folder = Path(os.environ.get("NIANBAO_ARTIFACTS") or tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"{name}.png"
        driver.execute_script("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
        height = driver.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
        driver.set_window_size(1400, min(height + 140, 6000))  # type: ignore[attr-defined]
        assert driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
        print(f"screenshot: {shot}")
        return shot
    return save
