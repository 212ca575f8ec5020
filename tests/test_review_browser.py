"""The reviewer's page in a real browser: headless Chromium from Debian's packages, driven by
Selenium through the packaged chromedriver (nothing is downloaded at run time). The test checks
what a person sees: rows sorted on a click, the filter, a failing cell highlighted in its table,
the cells of one finding focused on a click, the body × year matrix. It saves a screenshot of the
page, to ``$NIANBAO_ARTIFACTS`` when set, else to the test's temporary folder, and prints its path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main

ROOT = Path(__file__).resolve().parent.parent
HIGHLIGHT = "rgba(255, 217, 214, 1)"  # --bad-bg in page.css, as the browser computes it

By = pytest.importorskip("selenium.webdriver.common.by").By
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    shutil.copytree(ROOT / "examples", folder / "examples")
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(main, ["check", "examples", "--format", "html", "-o", "page.html"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 1, result.output
    return folder / "page.html"


def column(driver: object, index: int) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#report-table tbody tr")
    return [r.find_elements(By.TAG_NAME, "td")[index].text for r in rows if r.is_displayed()]


def test_what_a_reviewer_sees(page: Path, browser: object, screenshot: Callable[[object, str], Path]) -> None:
    driver = browser
    driver.get(page.as_uri())
    assert driver.title == "政府信息公开工作年度报告检查结果"

    # the table of reports sorts on a click on a header, and again in reverse
    files = column(driver, 1)
    assert sorted(files) == ["examples/2020-clean-2019-edition.md", "examples/2022-clean-2021-edition.md",
                             "examples/2022-with-defects.md"]
    errors_header = driver.find_element(By.XPATH, "//table[@id='report-table']//th[text()='错误']")
    errors_header.click()
    assert errors_header.get_attribute("aria-sort") == "ascending"
    assert column(driver, 6) == ["0", "0", "4"]
    errors_header.click()
    assert errors_header.get_attribute("aria-sort") == "descending"
    assert column(driver, 6) == ["4", "0", "0"]
    assert column(driver, 1)[0] == "examples/2022-with-defects.md"

    # the filter hides the rows that do not match
    search = driver.find_element(By.CSS_SELECTOR, ".toolbar[data-table=report-table] input[type=search]")
    search.send_keys("示例镇")
    assert column(driver, 1) == ["examples/2022-with-defects.md"]
    search.clear()
    search.send_keys(" ")  # an input event with an empty filter shows every row again
    assert len(column(driver, 1)) == 3

    # the report's link opens it; the failing cells of 表三 are highlighted where they stand
    driver.find_element(By.LINK_TEXT, "examples/2022-with-defects.md").click()
    details = WebDriverWait(driver, 10).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "details.report[open]"))
    assert "examples/2022-with-defects.md" in details.find_element(By.TAG_NAME, "summary").text
    bad = [c for c in details.find_elements(By.CSS_SELECTOR, "table.cells td.bad") if c.is_displayed()]
    assert ("total.business", "4") in [(c.get_attribute("data-key"), c.text) for c in bad]
    assert {c.value_of_css_property("background-color") for c in bad} == {HIGHLIGHT}
    plain = details.find_element(By.CSS_SELECTOR, "table.cells td[data-key]:not(.bad):not(.used)")
    assert plain.value_of_css_property("background-color") != HIGHLIGHT
    # a click on the REC002 finding focuses exactly the cells of its identity
    finding = next(r for r in details.find_elements(By.CSS_SELECTOR, "tr.finding") if "REC002" in r.text)
    finding.click()
    focused = details.find_elements(By.CSS_SELECTOR, "table.cells td.focus")
    assert focused and "total.business" in [c.get_attribute("data-key") for c in focused]

    # the body × year matrix: a row per body, a column per year, the missing years marked
    driver.find_element(By.LINK_TEXT, "机关 × 年度").click()
    matrix = driver.find_element(By.ID, "matrix-table")
    years = [th.text for th in matrix.find_elements(By.CSS_SELECTOR, "thead th")]
    assert years == ["机关", "2020", "2021", "2022"]
    rows = [[c.text for c in r.find_elements(By.XPATH, "th|td")]
            for r in matrix.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert rows == [["示例县人民政府", "缺", "缺", "markdown"],
                    ["示例市示例区人民政府", "markdown", "缺", "缺"],
                    ["示例镇人民政府", "缺", "缺", "markdown"]]

    shot = screenshot(driver, "review-page")
    assert shot.stat().st_size > 10_000
