"""Whether memory stays flat over a long batch: one process checks the corpus reports over and over
(10,000 checks by default), keeping nothing of a report once it is checked, as the command line
does when it streams to a reporter, and prints the resident memory every 1,000 checks.

    python scripts/memory.py [--corpus ../shared/corpus] [--checks 10000] [--every 1000]

The last line gives the peak resident memory of the whole run.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".html", ".htm", ".pdf", ".docx", ".md", ".txt"}


def rss_mib() -> float:
    """The process's resident memory now (Linux), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--checks", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1_000)
    args = parser.parse_args(argv)
    reports = sorted(p for p in args.corpus.iterdir()
                     if p.suffix.lower() in SUFFIXES and p.name != "README.md")
    if not reports:
        print(f"no reports in {args.corpus}", file=sys.stderr)
        return 2
    from nianbao.engine.session import Session

    session = Session()
    print(f"{len(reports)} corpus reports, checked in turn {args.checks} times in one process\n")
    print("| checks | RSS (MiB) | CPU s so far |")
    print("|---:|---:|---:|")
    print(f"| 0 | {rss_mib():.0f} | 0 |", flush=True)
    start = time.process_time()
    for done, path in enumerate(itertools.islice(itertools.cycle(reports), args.checks), start=1):
        session.check_file(path)
        if done % args.every == 0:
            print(f"| {done} | {rss_mib():.0f} | {time.process_time() - start:.0f} |", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:.0f} MiB over {args.checks} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
