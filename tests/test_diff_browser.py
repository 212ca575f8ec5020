"""The comparison page in a real browser (headless Debian chromium, as for the reviewer's page): the
summary on top, a changed cell highlighted, unchanged cells shown on request. A screenshot is saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from nianbao.cli import main

By = pytest.importorskip("selenium.webdriver.common.by").By
CHANGED = "rgba(255, 243, 191, 1)"  # --used-bg in page.css
FLIPPED = "rgba(255, 217, 214, 1)"  # --bad-bg in page.css


def test_what_a_reviewer_sees_in_a_comparison(corpus: Path, tmp_path: Path, browser: object,
                                              screenshot: Callable[[object, str], Path]) -> None:
    page = tmp_path / "diff.html"
    result = CliRunner().invoke(main, ["diff", str(corpus / "027_pingtan-2023.txt"),
                                       str(corpus / "028_pingtan-2024.txt"), "--format", "html",
                                       "-o", str(page)])
    assert result.exit_code == 0, result.output
    driver = browser
    driver.get(page.as_uri())
    assert driver.title.startswith("年度报告对比")

    summary, tables, text = (driver.find_element(By.ID, key) for key in ("summary", "tables", "text"))
    assert summary.location["y"] < tables.location["y"] < text.location["y"]
    assert "正文沿用上年：4%" in summary.text
    figures = [[c.text for c in r.find_elements(By.TAG_NAME, "td")]
               for r in summary.find_elements(By.CSS_SELECTOR, "#key-figures tr")[1:]]
    assert ["新收政府信息公开申请", "81", "218", "+137", "+169.1%"] in figures

    flipped = driver.find_element(By.CSS_SELECTOR, "tr[data-key='withheld_state_secret.total']")
    assert flipped.is_displayed()
    assert [c.text for c in flipped.find_elements(By.TAG_NAME, "td")][1:4] == ["0", "4", "+4"]
    assert flipped.find_element(By.TAG_NAME, "td").value_of_css_property("background-color") == FLIPPED
    changed = driver.find_element(By.CSS_SELECTOR, "tr[data-key='partially_granted.total']")
    assert changed.find_element(By.TAG_NAME, "td").value_of_css_property("background-color") == CHANGED

    unchanged = driver.find_element(By.CSS_SELECTOR, "tr[data-key='carried_over.total']")
    assert not unchanged.is_displayed()
    driver.find_element(By.ID, "only-changed").click()
    assert unchanged.is_displayed()
    cell = unchanged.find_element(By.TAG_NAME, "td")
    assert cell.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"

    assert screenshot(driver, "diff-page").stat().st_size > 10_000
