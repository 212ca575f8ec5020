"""A sum that does not hold says which way it is off: 多 N / 少 N, N too many / N too few."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from nianbao.checks import gap_args
from nianbao.cli import main

CASE = Path(__file__).parents[1] / "cases" / "REC004" / "2019-review-total-zero.md"


def test_gap_args_keep_the_signed_difference_and_say_it_in_words() -> None:
    assert gap_args(0, 11) == {"difference": -11, "gap": "少 11", "gap_en": "11 too few"}
    assert gap_args(568, 565) == {"difference": 3, "gap": "多 3", "gap_en": "3 too many"}
    assert gap_args(2.5, 2) == {"difference": 0.5, "gap": "多 0.5", "gap_en": "0.5 too many"}


def _messages(*options: str) -> list[str]:
    arguments = ["check", "--select", "REC004", "--format", "json", *options, str(CASE)]
    result = CliRunner().invoke(main, arguments)
    return [f["message"] for f in json.loads(result.output)["reports"][0]["findings"]]


def test_a_total_written_short_reads_as_fewer_in_both_languages() -> None:
    assert _messages() == [
        "表四“案件数 / 行政复议总计”为 0，应为结果维持、结果纠正、其他结果、尚未审结之和 11（少 11）"]
    assert _messages("--lang", "en") == [
        "表四 “案件数 / 行政复议总计” is 0; upheld + corrected + other + pending is 11 (11 too few)"]
