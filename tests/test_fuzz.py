"""A seeded mutator over the corpus: byte flips, deleted lines, swapped numbers, cut files and odd
file names. Every mutant is checked in one batch; none may raise, hit the time limit or break the
JSON or SARIF output. The seed is fixed, so a failure is reproducible."""

from __future__ import annotations

import io
import json
import os
import random
import re
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.limits import Limits
from nianbao.model.results import Summary

SEED = 13
PER_FILE = 18  # about 250 mutants over the corpus
SARIF_SCHEMA = Path(__file__).resolve().parents[1].parent / "shared" / "spec" / "sarif-schema-2.1.0.json"
_NUMBER = re.compile(rb"\d+")
_ODD_NAMES = ["空 格 报告", "-dash", "name;with'quote\"", "x" * 120, "报告\u200b", "tab\tname", "…"]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 5)):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def _swap_numbers(data: bytes, rng: random.Random) -> bytes:
    numbers = list(_NUMBER.finditer(data))
    if len(numbers) < 2:
        return data
    a, b = sorted(rng.sample(numbers, 2), key=lambda m: m.start())
    return data[:a.start()] + b.group() + data[a.end():b.start()] + a.group() + data[b.end():]


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data))]


MUTATIONS = (_flip, _delete_lines, _swap_numbers, _cut)


def mutants(corpus: Path, folder: Path) -> list[Path]:
    rng = random.Random(SEED)
    made = []
    sources = sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt", ".html", ".pdf"))
    for source in sources:
        data = source.read_bytes()
        for n in range(PER_FILE):
            mutate = MUTATIONS[n % len(MUTATIONS)]
            text = mutate(data, rng) if data else data
            stem = f"{source.stem}-{n:02d}-{mutate.__name__.strip('_')}"
            if n % 7 == 0:
                stem = f"{rng.choice(_ODD_NAMES)}-{stem}"
            path = folder / f"{stem}{source.suffix}"
            path.write_bytes(text)
            made.append(path)
    # a name that is not UTF-8 at all
    raw = os.path.join(os.fsencode(folder), "报告".encode("gbk") + b".md")
    with open(raw, "wb") as handle:
        handle.write((sources[0]).read_bytes())
    return made


def test_mutated_reports_never_break_the_run(corpus: Path, tmp_path: Path) -> None:
    made = mutants(corpus, tmp_path)
    assert len(made) >= 240
    session = Session(Config(limits=Limits.parse({"timeout": 20})))
    outputs = {fmt: io.StringIO() for fmt in ("json", "sarif")}
    reporters = [session.reporters[fmt](stream, lang="zh") for fmt, stream in outputs.items()]
    for reporter in reporters:
        reporter.start(session.rules)
    summary = Summary()
    problems = []
    for report in session.check_paths([tmp_path]):
        summary.add(report)
        for reporter in reporters:
            reporter.add(report)
        problems += [f"{report.display_path}: {n.message[-300:]}" for n in report.notifications
                     if n.level == "error"]
        problems += [f"{report.display_path}: {f.message}" for f in report.findings
                     if f.rule_id == "DOC001" and "时间超过上限" in f.message]
    for reporter in reporters:
        reporter.finish(summary)
    assert problems == []
    assert summary.files == len(made) + 1
    assert len(json.loads(outputs["json"].getvalue())["reports"]) == summary.files
    log = json.loads(outputs["sarif"].getvalue())
    if SARIF_SCHEMA.exists():
        validator = Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
        assert [e.message for e in validator.iter_errors(log)][:3] == []
    else:  # pragma: no cover - the spec folder sits beside the checkout in CI
        pytest.skip(f"the SARIF schema is not available at {SARIF_SCHEMA}")
