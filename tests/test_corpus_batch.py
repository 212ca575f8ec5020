"""The real reports at scale: a folder of about 150 copies with broken files and a README, pages
served over HTTP from 127.0.0.1, and a history store standing in for last year's file.

Copies and altered files are written to tmp_path only; the corpus is read in place.
"""

from __future__ import annotations

import http.server
import json
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from nianbao.cli import main
from nianbao.config.settings import Config
from nianbao.engine.session import Session
from nianbao.model.results import display_path

REPORTS = ("001_guancheng-district-2020.md", "002_shanghai-govoffice-2019.html",
           "011_hongze-district-2024.pdf", "022_pingtan-2018-older.txt", "023_pingtan-2019.txt",
           "025_pingtan-2021.txt", "026_pingtan-2022.txt",
           "027_pingtan-2023.txt", "028_pingtan-2024.txt", "029_pingtan-2025.txt", "030_pingtan-2025.html",
           "041_pingtan-jinjing-2021.html", "042_pingtan-zone-2022.html", "043_pingtan-czj-2023.html")
COPIES = 10
# 2023's 表三 row 四 (all 0) altered to carry one natural person's application forward: the 2024
# report's 二、上年结转 (all 0) then disagrees with it (HIS001)
CARRY_ONE_FORWARD = ("四、结转下年度继续办理0000000", "四、结转下年度继续办理1000001")


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def record(finding: dict) -> tuple:
    location = finding["location"]
    return (finding["rule_id"], finding["severity"], location["line"], location["page"], finding["message"],
            finding["fingerprint"])


# --- a folder of about 150 reports ----------------------------------------------------------------


@pytest.fixture(scope="module")
def big_folder(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sweep") / "reports"
    folder.mkdir()
    for copy in range(COPIES):
        for name in REPORTS:
            shutil.copyfile(corpus / name, folder / f"{copy:02d}-{name}")
    pdf = (corpus / "011_hongze-district-2024.pdf").read_bytes()
    (folder / "cut-off.pdf").write_bytes(pdf[: len(pdf) // 3])
    docx.Document().save(folder / "empty.docx")
    shutil.copyfile(corpus / "README.md", folder / "README.md")
    return folder


def test_a_folder_of_150_reports(big_folder: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(big_folder.parent)
    code, stdout, _ = run("check", "--format", "json", "--jobs", "2", "reports")
    output = json.loads(stdout)
    names = sorted([f"{c:02d}-{n}" for c in range(COPIES) for n in REPORTS] + ["cut-off.pdf", "empty.docx"])
    assert [r["path"] for r in output["reports"]] == [f"reports/{n}" for n in names]
    assert len(names) == 142
    assert output["summary"]["skipped"] == [
        {"path": "reports/README.md", "reason": "项目说明文件", "reason_en": "a project file"}]
    by_name = {r["path"].split("/", 1)[1]: r for r in output["reports"]}
    broken = {name: [(f["rule_id"], f["message"]) for f in by_name[name]["findings"]]
              for name in ("cut-off.pdf", "empty.docx")}
    assert broken == {
        "cut-off.pdf": [("DOC001", "无法检查此文件：PDF 文件已损坏，无法解析"
                                   "（Failed to load document (PDFium: Data format error).）")],
        "empty.docx": [("DOC001", "不是一份可识别的政府信息公开工作年度报告："
                                  "未找到任何报告章节（一、总体情况 …）或统计表")],
    }
    # every copy is checked as its original is checked alone: the same findings, the same
    # fingerprints (ten copies of each year of a body are several candidates, so none is paired)
    session = Session(Config())
    for name in REPORTS:
        alone = session.check_file(corpus / name)
        expected = [(f.rule_id, f.severity, f.location.line, f.location.page, f.message, f.fingerprint)
                    for f in alone.findings]
        for copy in range(COPIES):
            assert [record(f) for f in by_name[f"{copy:02d}-{name}"]["findings"]] == expected, (copy, name)
    assert not output["summary"]["pairs"]
    reasons = {u["reason"] for u in output["summary"]["unpaired"]}
    assert reasons == {"candidates", "no-previous", "no-agency", "unread"}
    assert code == 1


# --- pages over HTTP ------------------------------------------------------------------------------


class _Pages(http.server.BaseHTTPRequestHandler):
    corpus: Path
    pages: dict[str, tuple[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        return None

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        if self.path == "/moved":
            self._send(302, {"Location": "/corpus/002_shanghai-govoffice-2019.html"}, b"")
        elif self.path == "/loop":
            self._send(302, {"Location": "/loop"}, b"")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, {"Content-Type": "text/html; charset=utf-8"}, b"<html></html>")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path in self.pages:
            kind, body = self.pages[self.path]
            self._send(200, {"Content-Type": kind}, body)
        elif self.path.startswith("/corpus/") and (self.corpus / self.path[8:]).is_file():
            name = self.path[8:]
            kind = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
                    ".pdf": "application/pdf"}[Path(name).suffix]
            self._send(200, {"Content-Type": kind}, (self.corpus / name).read_bytes())
        else:
            self._send(404, {"Content-Type": "text/plain"}, b"not found")

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server(corpus: Path) -> Iterator[str]:
    html = (corpus / "002_shanghai-govoffice-2019.html").read_text(encoding="utf-8")
    declared = html.replace('charset="utf-8"', 'charset="gb2312"').replace("charset=utf-8", "charset=gb2312")
    _Pages.corpus = corpus
    _Pages.pages = {
        # a page that declares gb2312 and holds GBK characters beyond it, as such pages do
        "/gb2312.html": ("text/html; charset=gb2312", declared.encode("gb18030")),
        # the charset said only by the server
        "/gbk-header.html": ("text/html; charset=GBK", html.encode("gb18030")),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def checked(*args: str) -> dict:
    _, stdout, _ = run("check", "--format", "json", "--jobs", "1", *args)
    return json.loads(stdout)


@pytest.mark.parametrize("name", ["002_shanghai-govoffice-2019.html", "041_pingtan-jinjing-2021.html",
                                  "027_pingtan-2023.txt", "011_hongze-district-2024.pdf"])
def test_a_page_checks_exactly_like_its_file(server: str, corpus: Path, name: str) -> None:
    url = f"{server}/corpus/{name}"
    (page,) = checked(url)["reports"]
    (file,) = checked(str(corpus / name))["reports"]
    assert page["path"] == url
    assert page["meta"] == file["meta"]
    assert page["findings"] == file["findings"]
    assert page["findings"], "each of these reports has findings to compare"


@pytest.mark.parametrize("path", ["/gb2312.html", "/gbk-header.html", "/moved"])
def test_gb2312_and_redirected_pages_read_as_the_file(server: str, corpus: Path, path: str) -> None:
    (page,) = checked(server + path)["reports"]
    (file,) = checked(str(corpus / "002_shanghai-govoffice-2019.html"))["reports"]
    assert page["path"] == server + path
    assert page["meta"] == file["meta"]
    assert [record(f) for f in page["findings"]] == [record(f) for f in file["findings"]]


@pytest.mark.parametrize(("path", "options", "problem"), [
    ("/missing.html", (), "无法获取网页：服务器返回 HTTP 404"),
    ("/loop", (), "无法获取网页：重定向超过 5 次"),
    ("/slow", ("--fetch-timeout", "1"), "无法获取网页：超过 1 秒仍未收完"),
    ("/huge", ("--limit", "max-file-mb=1"), "无法获取网页：网页大于 1 MiB 的上限"),
])
def test_a_page_that_cannot_be_fetched_is_one_doc001(server: str, path: str, options: tuple[str, ...],
                                                     problem: str) -> None:
    output = checked(*options, server + path)
    (report,) = output["reports"]
    assert report["path"] == server + path
    found = [(f["rule_id"], f["message"]) for f in report["findings"]]
    assert found == [("DOC001", f"无法检查此文件：{problem}")]


def test_nothing_is_fetched_unless_named(server: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that links to the server, checked as a file, sends it no request."""
    requests: list[str] = []
    original = _Pages.do_GET

    def counting(self: _Pages) -> None:
        requests.append(self.path)
        original(self)

    monkeypatch.setattr(_Pages, "do_GET", counting)
    page = tmp_path / "links.html"
    page.write_text(f'<html><body><a href="{server}/corpus/002_shanghai-govoffice-2019.html">年报</a>'
                    f'<img src="{server}/logo.png"></body></html>', encoding="utf-8")
    checked(str(page))
    assert requests == []


# --- history --------------------------------------------------------------------------------------


def test_history_stands_in_for_last_years_file(corpus: Path, tmp_path: Path) -> None:
    """The 平潭 series: 2024 (028) checked against a store holding 2023 (027) gives the HIS findings
    of checking it with --previous on the 2023 file; the store holds 2023 once however often it is
    checked, and its file may be gone."""
    text = (corpus / "027_pingtan-2023.txt").read_text(encoding="utf-8")
    assert text.count(CARRY_ONE_FORWARD[0]) == 1
    last_year = tmp_path / "2023.txt"
    last_year.write_text(text.replace(*CARRY_ONE_FORWARD), encoding="utf-8")
    this_year = corpus / "028_pingtan-2024.txt"
    with_previous = checked(str(this_year), "--previous", str(last_year))
    expected = [f for r in with_previous["reports"] for f in r["findings"] if f["rule_id"].startswith("HIS")]
    assert [(f["rule_id"], f["evidence"]["expected"], f["evidence"]["actual"]) for f in expected] == [
        ("HIS001", 1, 0), ("HIS001", 1, 0)]

    store = tmp_path / "history.sqlite"
    for _ in range(2):
        checked(str(last_year), "--history", str(store))
    code, listing, _ = run("history", "list", store)
    assert code == 0
    stored = [line.split("\t")[1:5] for line in listing.splitlines()]
    assert stored == [["2023", "平潭综合实验区", "2021", "text"]]
    last_year.unlink()
    from_store = checked(str(this_year), "--history", str(store))
    got = [f for r in from_store["reports"] for f in r["findings"] if f["rule_id"].startswith("HIS")]
    assert got == expected
    assert from_store["summary"]["pairs"] == [
        {"path": display_path(this_year), "previous": str(last_year.resolve()), "agency": "平潭综合实验区",
         "year": 2024, "origin": "history"}]
    _, listing, _ = run("history", "list", store)
    assert [line.split("\t")[1] for line in listing.splitlines()] == ["2023", "2024"]
