"""Measure the hostile inputs of tests/unit/hostile.py at full size: each alone, then the files
together in one batch with two ordinary reports. Every run is its own ``nianbao check`` process;
the figures are its wall time and peak RSS (from ``wait4``) and the findings it printed.

    python scripts/limits_benchmark.py            # prints a Markdown table
    python scripts/limits_benchmark.py --bomb-gb 1  # a smaller DOCX bomb, built faster
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

import hostile  # noqa: E402 - the builders live with the tests
from test_reporters_support import report_text  # noqa: E402

COMMAND = [sys.executable, "-c", "from nianbao.cli import run; run()", "check", "--format", "json"]


def measure(args: list[str], cwd: Path) -> dict:
    started = time.monotonic()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([*COMMAND, *args], cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    try:
        reports = json.loads(text)["reports"]
        found = "; ".join(f"{Path(r['path']).name}: " + _rules(r) for r in reports)
    except (ValueError, KeyError):
        found = f"(no JSON: exit status {os.waitstatus_to_exitcode(status)})"
    return {"seconds": seconds, "mib": usage.ru_maxrss / 1024, "found": found}


def _rules(report: dict) -> str:
    return ", ".join(sorted({f["rule_id"] for f in report["findings"]})) or "no finding"


def build(folder: Path, bomb_gb: float) -> dict[str, Path]:
    files = {
        f"DOCX bomb ({bomb_gb:g} GB inflated)": hostile.docx_bomb(folder / "bomb.docx", int(bomb_gb * 1000)),
        "300 rows × rowspan=colspan=1000": hostile.span_page(folder / "spans.html"),
        "100,000-row table": hostile.long_table_page(folder / "rows.html"),
        "1 MB Markdown of repeated paragraphs": hostile.paragraphs_report(folder / "paragraphs.md"),
        "2000×2000 ruled PDF": hostile.ruled_pdf(folder / "grid.pdf"),
        "FIFO": hostile.fifo(folder / "pipe.md"),
        "GBK file name": hostile.gbk_named(folder, report_text()),
    }
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-gb", type=float, default=4.2)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "batch"
        folder.mkdir()
        files = build(folder, options.bomb_gb)
        sizes = {name: (path.stat().st_size if path.is_file() else 0) for name, path in files.items()}
        for name, path in files.items():
            rows.append((name, sizes[name], measure([path.name], folder)))
        slow = lambda f: hostile.regex_rule_config(f, "(a|aa)+$")  # noqa: E731
        for name, builder in (("nianbao.yaml with nested aliases", hostile.alias_config),
                              ("YAML rule (a|aa)+$ on 30 a's", slow)):
            place = Path(scratch) / name.split()[0].replace(".", "_")
            place.mkdir()
            config = builder(place)
            (place / "report.md").write_text(report_text().replace("。", "。" + "a" * 30 + "b。", 1),
                                             encoding="utf-8")
            rows.append((name, config.stat().st_size, measure(["report.md"], place)))
        for n in (1, 2):
            good = report_text(agency=f"示例市第{n}区人民政府")
            (folder / f"good{n}.md").write_text(good, encoding="utf-8")
        batch = [p.name for p in folder.iterdir()]
        for jobs in (1, 2):
            rows.append((f"all files above + 2 reports, one batch, --jobs {jobs}", 0,
                         measure([*batch, "--jobs", str(jobs)], folder)))
    print("| input | size (bytes) | wall s | peak RSS MiB | findings |")
    print("|---|---:|---:|---:|---|")
    for name, size, result in rows:
        print(f"| {name} | {size:,} | {result['seconds']:.1f} | {result['mib']:.0f} | {result['found']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
