"""Fetch a published report page named by the user (an http or https address).

Only addresses the user names are fetched. Each fetch has a connect and read timeout and an overall
deadline, reads at most ``max_bytes`` (a longer body is refused, not cut), follows at most
``max_redirects`` redirects (to http and https addresses only) and sends no cookies. Every failure is
a :class:`LoadError` whose message names the reason, so the page becomes one DOC001 finding.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from urllib.parse import urlsplit

from nianbao._version import __version__
from nianbao.loaders.base import LoadError

# urllib3 (with ssl and http.client) and the email package are imported by the first fetch: most
# runs name no address, and the batch imports this module for its defaults.
if TYPE_CHECKING:
    import urllib3

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_SUFFIX_OF_TYPE = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
}


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the address asked for, the address it came from after redirects, its body,
    its media type and declared charset (from Content-Type), and the suffix a file of that type
    would carry (for choosing the loader)."""

    url: str
    final_url: str
    data: bytes
    media_type: str | None
    charset: str | None
    suffix: str | None


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    from email.message import Message

    message = Message()
    message["content-type"] = value
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _suffix(url: str, media_type: str | None) -> str | None:
    if media_type in _SUFFIX_OF_TYPE:
        return _SUFFIX_OF_TYPE[media_type]
    path = urlsplit(url).path.lower()
    for suffix in (".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".txt", ".md", ".wps"):
        if path.endswith(suffix):
            return ".html" if suffix in (".htm", ".shtml") else suffix
    return None


def _fail(zh: str, en: str, reason: str = "fetch") -> LoadError:
    return LoadError(f"无法获取网页：{zh}", f"cannot fetch the page: {en}", reason=reason)


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
          max_redirects: int = DEFAULT_MAX_REDIRECTS, pool: urllib3.PoolManager | None = None) -> Page:
    """Fetch ``url``; raises :class:`LoadError` naming the reason when the page cannot be had."""
    import urllib3

    pool = pool or urllib3.PoolManager(headers={"User-Agent": f"nianbao/{__version__}"})
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(max_redirects + 1):
        if urlsplit(current).scheme.lower() not in ("http", "https"):
            raise _fail(f"只能获取 http 或 https 地址（{current}）",
                        f"only http and https addresses are fetched ({current})")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _timeout(timeout)
        try:
            response = pool.request("GET", current, preload_content=False, redirect=False, retries=False,
                                    timeout=urllib3.Timeout(connect=min(remaining, 10.0), read=remaining))
        except urllib3.exceptions.TimeoutError as exc:
            raise _timeout(timeout) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise _fail(f"连接失败（{_reason(exc)}）", f"connection failed ({_reason(exc)})") from exc
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise _fail(f"HTTP {response.status} 重定向没有给出新地址",
                                f"HTTP {response.status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if response.status >= 400:
                raise _fail(f"服务器返回 HTTP {response.status}",
                            f"the server answered HTTP {response.status}", reason="http")
            data = _read(response, max_bytes, deadline, timeout)
        finally:
            response.release_conn()
        media_type, charset = _content_type(response.headers.get("Content-Type"))
        return Page(url=url, final_url=current, data=data, media_type=media_type, charset=charset,
                    suffix=_suffix(current, media_type))
    raise _fail(f"重定向超过 {max_redirects} 次", f"more than {max_redirects} redirects")


def _read(response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: float, timeout: float) -> bytes:
    import urllib3

    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise _too_large(max_bytes)
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = response.read(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(max_bytes)
            parts.append(chunk)
            if time.monotonic() > deadline:
                raise _timeout(timeout)
    except urllib3.exceptions.TimeoutError as exc:
        raise _timeout(timeout) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise _fail(f"读取中断（{_reason(exc)}）", f"the transfer broke off ({_reason(exc)})") from exc
    return b"".join(parts)


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc)


def _timeout(seconds: float) -> LoadError:
    return _fail(f"超过 {seconds:g} 秒仍未收完", f"not received within {seconds:g} s", reason="timeout")


def _too_large(limit: int) -> LoadError:
    mib = limit / (1024 * 1024)
    return _fail(f"网页大于 {mib:g} MiB 的上限", f"the page is larger than the {mib:g} MiB limit",
                 reason="size")
