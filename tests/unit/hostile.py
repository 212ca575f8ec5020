"""Hostile inputs, built small: each is a file that once cost unbounded memory or time, or stopped a
batch. The tests build them in ``tmp_path``; ``scripts/limits_benchmark.py`` builds them at full size
and measures the run."""

from __future__ import annotations

import os
import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_DOC_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><w:document '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
)


def docx_bomb(path: Path, inflated_mb: int) -> Path:
    """A DOCX whose document.xml inflates to ``inflated_mb`` MB (a text run of spaces: it
    compresses about a thousandfold, so a 4.2 GB member is a file of a few MB)."""
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(_DOC_HEAD.encode())
            for _ in range(inflated_mb):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return path


def span_page(path: Path, rows: int = 300, span: int = 1000) -> Path:
    """An HTML table of ``rows`` rows, each cell spanning ``span`` rows and columns."""
    cells = "".join(f'<tr><td rowspan="{span}" colspan="{span}">{i}</td></tr>\n' for i in range(rows))
    path.write_text(f"<html><body><p>2022年政府信息公开工作年度报告</p><table>\n{cells}</table></body></html>",
                    encoding="utf-8")
    return path


def long_table_page(path: Path, rows: int = 100_000) -> Path:
    """An HTML table of ``rows`` rows of two cells."""
    body = "".join(f"<tr><td>项目{i}</td><td>{i}</td></tr>\n" for i in range(rows))
    path.write_text(f"<html><body><p>2022年政府信息公开工作年度报告</p><table>\n{body}</table></body></html>",
                    encoding="utf-8")
    return path


def deep_page(path: Path, depth: int = 5000) -> Path:
    path.write_text("<html><body>" + "<div>" * depth + "一、总体情况" + "</div>" * depth + "</body></html>",
                    encoding="utf-8")
    return path


def paragraphs_report(path: Path, size: int = 1_000_000) -> Path:
    """A Markdown report of about ``size`` bytes of paragraphs: a few hundred distinct ones, each
    repeated many times, some with a figure changed (near repeats)."""
    lines = ["# 示例区2022年政府信息公开工作年度报告", "", "## 一、总体情况", ""]
    written, n = 0, 0
    while written < size:
        text = (f"第{n % 300}项工作：本机关坚持以公开为常态、不公开为例外，全年通过政府网站发布各类政务信息"
                f"{n % 300 * 7}条，及时回应社会关切，推进决策、执行、管理、服务、结果公开（{n % 5}）。")
        lines += [text, ""]
        written += len(text.encode()) + 2
        n += 1
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def ruled_pdf(path: Path, lines: int = 2000) -> Path:
    """A one-page PDF ruled into a ``lines`` × ``lines`` grid (the content stream is deflated,
    so 2000 × 2000 is a file of about 20 KB)."""
    step = 500 / lines
    ops = ["0.1 w"]
    for i in range(lines + 1):
        pos = 50 + i * step
        ops.append(f"{pos:.3f} 50 m {pos:.3f} 550 l S")
        ops.append(f"50 {pos:.3f} m 550 {pos:.3f} l S")
    stream = zlib.compress("\n".join(ops).encode(), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 600] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def alias_config(folder: Path, levels: int = 9) -> Path:
    """A nianbao.yaml whose nested aliases under ``overrides`` expand tenfold per level (a
    billion laughs in about 500 bytes); the last entry's ``paths`` is not a list of strings, so a
    checker that expands it also prints it in its error."""
    lines = ["overrides:", "  - paths: &a0 [" + ", ".join(['"lol"'] * 10) + "]"]
    for level in range(1, levels + 1):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"  - paths: &a{level} [{refs}]")
    path = folder / "nianbao.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def regex_rule_config(folder: Path, pattern: str = "(a+)+$") -> Path:
    """A nianbao.yaml naming a YAML rule whose pattern backtracks catastrophically on a run of 'a'."""
    (folder / "slow-rules.yaml").write_text(
        "rules:\n"
        "  - id: XX001\n"
        "    name: slow-pattern\n"
        "    title: 灾难性回溯的正则\n"
        "    severity: warning\n"
        "    source: 测试\n"
        "    message: {zh: \"命中\", en: \"matched\"}\n"
        "    doc: |\n"
        "      测试规则。\n\n      ## 要求\n\n      无。\n\n      ## 依据\n\n      无。\n\n"
        "      ## 示例\n\n      无。\n\n      ## 修改\n\n      无。\n"
        "    require:\n"
        f"      pattern: \"{pattern}\"\n",
        encoding="utf-8")
    path = folder / "nianbao.yaml"
    path.write_text("rule-files: [slow-rules.yaml]\n", encoding="utf-8")
    return path


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


GBK_NAME = "报告".encode("gbk") + b".md"  # b"\xb1\xa8\xb8\xe6.md": no byte of it decodes as UTF-8


def gbk_named(folder: Path, text: str) -> Path:
    """A report whose file name is GBK bytes on a UTF-8 filesystem."""
    raw = os.path.join(os.fsencode(folder), GBK_NAME)
    with open(raw, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return Path(os.fsdecode(raw))
