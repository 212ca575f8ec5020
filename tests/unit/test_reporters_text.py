"""``--format text`` for what a CLI run rarely shows: accepted findings and internal errors."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.results import Notification
from nianbao.model.results import Summary
from nianbao.reporters.text import TextReporter
from nianbao.reporters.text import notification_text
from test_reporters_support import SELECT
from test_reporters_support import line_of
from test_reporters_support import write_report


def test_notification_text() -> None:
    trace = 'Traceback (most recent call last):\n  File "x.py", line 1, in <module>\nKeyError: \'总计\'\n'
    assert notification_text(trace) == "KeyError: '总计'"
    assert notification_text("插件 a 未能加载：\n  ImportError") == "插件 a 未能加载： ImportError"


@pytest.mark.parametrize("lang, accepted, summary", [
    ("zh", "已接受", "共检查 1 个文件：错误 1 个，警告 0 个，提示 0 个，已接受 1 个"),
    ("en", "accepted", "Checked 1 file(s): 1 error(s), 0 warning(s), 0 note(s), 1 accepted"),
])
def test_accepted_findings_and_internal_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
                                               accepted: str, summary: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_report(tmp_path, "r.md")
    session = Session(Config(select=tuple(SELECT.split(",")), lang=lang))
    report = session.check_file(Path("r.md"))
    report.findings[0] = dataclasses.replace(report.findings[0], suppressed="口径已说明")
    trace = "Traceback (most recent call last):\nValueError: boom"
    report.notifications.append(Notification("error", trace, "r.md"))
    counts = Summary()
    counts.add(report)
    for show in (False, True):
        stream = io.StringIO()
        reporter = TextReporter(stream, lang=lang, show_suppressed=show)
        reporter.start(session.rules)
        reporter.add(report)
        reporter.finish(counts)
        lines = [line for line in stream.getvalue().splitlines() if not line.startswith("    ")]
        level = "错误" if lang == "zh" else "error"
        checked = ("r.md: 检查：2019 版格式（据统计表），2020 年度（据标题）；规则 5 条；"
                   "勾稽关系 40 处中 38 处成立" if lang == "zh" else
                   "r.md: checked as the 2019 edition (from the tables), year 2020 "
                   "(from the title): 5 rules; 38 of 40 identity sums hold")
        shown = [f"r.md:{line_of(path, '三、本年度办理结果')}: REC002 [{level}] {report.findings[0].message}"
                 f"  ({accepted}: 口径已说明)"] if show else []
        assert lines == [*shown,
                         f"r.md:{line_of(path, '三、本年度办理结果')}: REC003 [{level}] "
                         f"{report.findings[1].message}",
                         "r.md: nianbao error: ValueError: boom",
                         checked, summary]
