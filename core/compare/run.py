"""Load two reports, compare them, and write the comparison in the format asked for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click
from nianbao.compare import THRESHOLD
from nianbao.compare.build import NotAPair
from nianbao.compare.build import compare
from nianbao.compare.model import Comparison
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.loaders.base import LoadError
from nianbao.model.document import Document
from nianbao.model.document import DocumentInvalid


def history_findings(session: Session, last: Document, this: Document, shown: str) -> list:
    """The year-over-year (HIS) findings of the pair, as ``nianbao check --previous`` gives them."""
    rules = [r for r in session.all_rules if r.id.startswith("HIS")]
    if not rules:
        return []
    config = Config(select=tuple(r.id for r in rules), lang=session.config.lang)
    return [f for f in session.run_rules(this, shown, previous=last, config=config)
            if f.rule_id.startswith("HIS")]


def build(session: Session, last_path: Path, this_path: Path, *, force: bool = False,
          threshold: float = THRESHOLD) -> Comparison:
    """Load both reports and compare them; raises ``click.UsageError`` naming the file or the reason."""
    documents = []
    for path in (last_path, this_path):
        try:
            documents.append(session.load(path))
        except LoadError as exc:
            raise click.UsageError(f"{path}: {exc.message} ({exc.message_en})") from exc
        except DocumentInvalid as exc:
            raise click.UsageError(f"{path}: 读取结果不符合文档模型：{exc}") from exc
    last, this = documents
    try:
        return compare(last, this, session.editions, last_path=str(last_path), this_path=str(this_path),
                       findings=history_findings(session, last, this, str(this_path)), force=force,
                       threshold=threshold)
    except NotAPair as exc:
        raise click.UsageError(f"{exc}；确需对比请加 --force (not a body's reports for consecutive years: "
                               "use --force to compare anyway)") from exc


def render(comparison: Comparison, fmt: str, lang: str) -> str | bytes:
    if fmt == "json":
        from nianbao.compare.outputs.json import render as render_json

        return render_json(comparison)
    if fmt == "html":
        from nianbao.compare.outputs.html import render as render_html

        return render_html(comparison, lang)
    if fmt == "docx":
        from nianbao.compare.outputs.docx import render as render_docx

        return render_docx(comparison, lang)
    from nianbao.compare.outputs.text import render as render_text

    return render_text(comparison, lang)


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write to a temporary file beside ``path`` and move it into place, so that a failure never
    leaves a truncated file where a good one was."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
