"""How fast nianbao reads and checks reports, per input format, beside the bare cost of the parser
each loader stands on, over the reports of the corpus. Prints a Markdown table.

"nianbao load" is the whole way to a validated document; "loader's blocks only" is the loader's
own part (paragraphs and raw tables), before the shared reading and validation.

    python scripts/benchmark.py [--corpus ../shared/corpus] [--repeat 10] [--rounds 3] [--batch-only]
                                [--copies 10] [--startup-only]

The last table times whole runs of ``nianbao check --jobs 1`` and ``--jobs 2`` over a folder of the
corpus reports copied ``--copies`` times, as a user runs them (start-up included).

Each measurement runs in a fresh Python process, so that its peak memory is its own; a format's rows
run ``--rounds`` times in turn and each shows its best round, so that a busy spell of a shared machine
does not fall on one row alone. The check ÷ parser table divides the best rounds. DOCX has no
report in the corpus: when LibreOffice (soffice) is installed, the HTML reports are converted to
DOCX in a temporary folder first; otherwise the DOCX rows are left out. The pdfplumber row needs
the ``bench`` extra (``pip install '.[bench]'``) and is left out, with a message, without it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".html", ".htm", ".pdf", ".docx", ".md", ".txt")
FORMATS = {"html": (".html", ".htm"), "pdf": (".pdf",), "docx": (".docx",), "text": (".md", ".txt")}


def _nianbao(task: str) -> Callable[[Path], object]:
    from nianbao.engine.session import Session

    session = Session()
    return session.load if task == "load" else session.check_file


def _diff() -> Callable[[Path], object]:
    """``nianbao diff`` of a report against its own copy (forced: the same report is not a pair):
    both loads, the year-over-year rules, the comparison and its HTML page."""
    from nianbao.compare.build import compare
    from nianbao.compare.outputs.html import render
    from nianbao.compare.run import history_findings
    from nianbao.engine.session import Session

    session = Session()

    def run(path: Path) -> object:
        last, this = session.load(path), session.load(path)
        comparison = compare(last, this, session.editions, last_path=str(path), this_path=str(path),
                             findings=history_findings(session, last, this, str(path)), force=True)
        return render(comparison)

    return run


def _lxml(path: Path) -> object:
    import lxml.html

    return lxml.html.document_fromstring(path.read_bytes())


def _pypdfium2(path: Path) -> object:
    import pypdfium2

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def _pypdfium2_boxes(path: Path) -> object:
    """What the PDF loader needs from pdfium: each page's characters with their boxes."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(path.read_bytes())
    try:
        pages = []
        left, bottom, right, top = (ctypes.c_double() for _ in range(4))
        for page in document:
            textpage = page.get_textpage()
            chars = []
            for index in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
                pdfium_c.FPDFText_GetCharBox(textpage.raw, index, left, right, bottom, top)
                chars.append((code, left.value, bottom.value, right.value, top.value))
            pages.append(chars)
            textpage.close()
            page.close()
        return pages
    finally:
        document.close()


def _pdfplumber(path: Path) -> object:
    import pdfplumber

    with pdfplumber.open(path) as document:
        return [page.extract_text() for page in document.pages]


def _python_docx(path: Path) -> object:
    import docx

    return docx.Document(str(path))


def _pdf_blocks(path: Path) -> object:
    from nianbao.format.editions import builtin_editions
    from nianbao.loaders.pdf import label_test
    from nianbao.loaders.pdf import read_pdf

    return read_pdf(path.read_bytes(), label_test(_editions(builtin_editions)))


def _docx_blocks(path: Path) -> object:
    from nianbao.loaders.docx import read_blocks
    from nianbao.loaders.wordnumbering import ListNumbering
    from nianbao.loaders.wordpackage import read_package

    parts = read_package(path.read_bytes())
    return read_blocks(parts.body, ListNumbering.of(parts.numbering, parts.styles))


_EDITIONS: list[object] = []


def _editions(load: Callable[[], object]) -> object:
    if not _EDITIONS:
        _EDITIONS.append(load())
    return _EDITIONS[0]


def _read_text(path: Path) -> object:
    return path.read_bytes().decode("utf-8", errors="replace")


PARSERS: dict[str, list[tuple[str, Callable[[Path], object]]]] = {
    "html": [("lxml.html parse", _lxml)],
    "pdf": [("loader's blocks only", _pdf_blocks), ("pypdfium2 text", _pypdfium2),
            ("pypdfium2 text + character boxes", _pypdfium2_boxes),
            ("pdfplumber text", _pdfplumber)],
    "docx": [("loader's blocks only", _docx_blocks), ("python-docx open", _python_docx)],
    "text": [("read and decode", _read_text)],
}
# Parsers that are not dependencies of nianbao, only yardsticks: installed by the ``bench`` extra.
OPTIONAL = {"pdfplumber text": "pdfplumber"}


def missing_module(label: str) -> str | None:
    module = OPTIONAL.get(label)
    return module if module is not None and importlib.util.find_spec(module) is None else None


def worker(task: str, files: list[Path], repeat: int) -> dict[str, float]:
    """Time one task over the files (after one warm-up pass) and report its peak memory."""
    if task in ("load", "check"):
        run = _nianbao(task)
    elif task == "diff":
        run = _diff()
    else:
        name, _, label = task.partition(":")
        run = dict(PARSERS[name])[label]
    for path in files:
        run(path)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for path in files:
            run(path)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    count = repeat * len(files)
    return {
        "reports_per_second": count / wall,
        "ms_wall": 1000 * wall / count,
        "ms_cpu": 1000 * cpu / count,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(task: str, files: list[Path], repeat: int) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", task, "--repeat", str(repeat), *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark of {task} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def startup(corpus: Path, repeat: int) -> None:
    """Commands run as a user runs them, start-up included: the best and the median wall time and CPU
    time (the process and its children) of ``repeat`` runs after a warm-up run (on a shared machine the
    best is the nearer to what the command costs). The runs use compiled bytecode, as
    an installed package has it: the warm-up writes it to a scratch folder even where
    PYTHONDONTWRITEBYTECODE is set."""
    html = sorted(corpus.glob("*.html"))
    commands = [("nianbao --version", ["--version"]), ("nianbao rules", ["rules"]),
                ("nianbao explain REC002", ["explain", "REC002"])]
    if html:
        commands.append((f"nianbao check {html[0].name}", ["check", "--exit-zero", str(html[0])]))
    print("\n| command | ms wall, best | ms wall, median | ms CPU, best | ms CPU, median |\n"
          "|---|---:|---:|---:|---:|")
    scratch = tempfile.mkdtemp(prefix="nianbao-bytecode-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = scratch
    for label, args in commands:
        command = [sys.executable, "-c", "from nianbao.cli import run; run()", *args]
        walls, cpus = [], []
        for run in range(repeat + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=env)
            wall = time.perf_counter() - wall
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if run:
                walls.append(wall)
                cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        print(f"| `{label}` | {1000 * min(walls):.0f} | {1000 * statistics.median(walls):.0f} "
              f"| {1000 * min(cpus):.0f} | {1000 * statistics.median(cpus):.0f} |", flush=True)
    shutil.rmtree(scratch, ignore_errors=True)


def docx_copies(html_files: list[Path], workdir: Path) -> list[Path]:
    """The corpus's HTML reports converted to DOCX by LibreOffice, in ``workdir``."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or not html_files:
        return []
    sources = []
    for path in html_files:
        copy = workdir / path.name
        shutil.copyfile(path, copy)
        sources.append(copy)
    profile = f"-env:UserInstallation=file://{workdir / 'profile'}"
    subprocess.run([office, "--headless", profile, "--convert-to", "docx:MS Word 2007 XML",
                    "--outdir", str(workdir / "docx"), *map(str, sources)],
                   capture_output=True, check=False, timeout=600)
    return sorted((workdir / "docx").glob("*.docx"))


def batch_folder(reports: list[Path], copies: int, workdir: Path) -> Path:
    """A folder of the corpus reports, each copied ``copies`` times under distinct names."""
    folder = workdir / "batch"
    folder.mkdir()
    for copy in range(copies):
        for path in (p for p in reports if p.suffix.lower() in SUFFIXES):
            shutil.copyfile(path, folder / f"{copy:02d}-{path.name}")
    return folder


def time_batch(folder: Path, jobs: int, repeat: int) -> float:
    """The best wall time of ``nianbao check --jobs N`` over the folder, in seconds, each run in a
    fresh process as a user runs it (start-up, plugins and workers included)."""
    command = [sys.executable, "-c", "from nianbao.cli import run; run()", "check", "--format", "json",
               "--jobs", str(jobs), str(folder)]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise RuntimeError(f"nianbao check --jobs {jobs} failed: {done.stderr.decode(errors='replace')}")
        best = min(best, elapsed)
    return best


def batch_table(reports: list[Path], copies: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = batch_folder(reports, copies, Path(scratch))
        count = len(list(folder.iterdir()))
        print(f"\n`nianbao check` over {count} reports ({copies} copies of each corpus report), "
              f"best of {repeat} runs, start-up included:\n")
        print("| --jobs | seconds | reports/s | speed-up |")
        print("|---:|---:|---:|---:|")
        base = None
        for jobs in (1, 2):
            seconds = time_batch(folder, jobs, repeat)
            base = base or seconds
            print(f"| {jobs} | {seconds:.1f} | {count / seconds:.1f} | {base / seconds:.2f}× |", flush=True)


# The best round of each row, by (format, row).
Best = dict[tuple[str, str], dict[str, float]]


def tasks_of(name: str) -> list[tuple[str, str]]:
    tasks = [("nianbao load", "load"), ("nianbao check", "check"), ("nianbao diff of a pair", "diff")]
    tasks += [(label, f"{name}:{label}") for label, _ in PARSERS[name]]
    for label, _ in PARSERS[name]:
        module = missing_module(label)
        if module is not None:
            print(f"skipped {name} / {label}: {module} is not installed (pip install '.[bench]')",
                  file=sys.stderr, flush=True)
            tasks.remove((label, f"{name}:{label}"))
    return tasks


def format_rows(name: str, files: list[Path], repeat: int, rounds: int) -> Best:
    """Every row of one format, measured ``rounds`` times in turn (so that a busy spell of a shared
    machine falls on all rows alike); each row keeps its best round, the one least disturbed."""
    tasks = tasks_of(name)
    best: Best = {}
    for _ in range(rounds):
        for label, task in tasks:
            result = measure(task, files, repeat)
            kept = best.get((name, label))
            if kept is None or result["ms_cpu"] < kept["ms_cpu"]:
                best[(name, label)] = result
    for label, _ in tasks:
        result = best[(name, label)]
        print(f"| {name} | {len(files)} | {label} | {result['reports_per_second']:.1f} | "
              f"{result['ms_wall']:.1f} | {result['ms_cpu']:.1f} | {result['peak_mib']:.0f} |", flush=True)
    return best


# The goals of the check against the parser each format stands on: (format, yardstick, at most).
RATIOS = [("html", "lxml.html parse", 5.0), ("docx", "python-docx open", 2.0),
          ("pdf", "pypdfium2 text + character boxes", None)]


def ratio_table(best: Best) -> None:
    rows = [(name, label, goal) for name, label, goal in RATIOS
            if (name, "nianbao check") in best and (name, label) in best]
    if not rows:
        return
    print("\n| format | check, ms CPU | yardstick | yardstick, ms CPU | check ÷ yardstick | goal |\n"
          "|---|---:|---|---:|---:|---|")
    for name, label, goal in rows:
        check, base = best[(name, "nianbao check")]["ms_cpu"], best[(name, label)]["ms_cpu"]
        verdict = "—" if goal is None else f"≤ {goal:g}×: {'met' if check <= goal * base else 'not met'}"
        print(f"| {name} | {check:.1f} | {label} | {base:.1f} | {check / base:.2f}× | {verdict} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=10, help="passes over the files after a warm-up pass")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of each format's rows in turn; each row shows its best round")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--batch-only", action="store_true",
                        help="only the batch table: nianbao check --jobs 1 and --jobs 2 over copies "
                             "of the corpus")
    parser.add_argument("--startup-only", action="store_true",
                        help="only the start-up table: --version, rules, explain and checking one page")
    parser.add_argument("--copies", type=int, default=10, help="copies of each corpus report in the batch")
    parser.add_argument("--batch-repeat", type=int, default=3, help="runs of each batch; the best is shown")
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.files, args.repeat)))
        return 0
    if not args.corpus.is_dir():
        print(f"no corpus folder at {args.corpus}", file=sys.stderr)
        return 2
    reports = sorted(p for p in args.corpus.iterdir() if p.is_file() and p.name != "README.md")
    if args.batch_only:
        batch_table(reports, args.copies, args.batch_repeat)
        return 0
    if args.startup_only:
        startup(args.corpus, args.repeat)
        return 0
    by_format = {name: [p for p in reports if p.suffix.lower() in suffixes]
                 for name, suffixes in FORMATS.items()}
    with tempfile.TemporaryDirectory() as scratch:
        by_format["docx"] = docx_copies(by_format["html"], Path(scratch))
        print(f"{len(reports)} corpus files, {args.repeat} passes after a warm-up; each row in its own "
              f"process, {args.rounds} rounds of the rows in turn, the best round shown.\n")
        print("| format | files | what runs | reports/s | ms/report (wall) | ms/report (CPU) "
              "| peak RSS (MiB) |")
        print("|---|---:|---|---:|---:|---:|---:|")
        best: Best = {}
        for name, files in by_format.items():
            if files:
                best.update(format_rows(name, files, args.repeat, args.rounds))
        ratio_table(best)
    startup(args.corpus, args.repeat)
    batch_table(reports, args.copies, args.batch_repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
