"""Loaders: one module per input format, each turning a file into the same :class:`Document`."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from nianbao.loaders.base import Loader
from nianbao.loaders.base import LoadError
from nianbao.plugin.markers import hookimpl

if TYPE_CHECKING:
    from nianbao.format.editions import Edition
    from nianbao.reading.assemble import Draft

__all__ = ["DeferredLoader", "LoadError", "Loader", "prepare_loaders"]


class DeferredLoader:
    """A built-in loader registered by its name and suffixes alone. The module that reads the format,
    and the parser library it stands on (lxml, python-docx, pypdfium2), is imported when a file is
    first sniffed or read with it: checking a web page never imports the PDF and DOCX libraries, and
    `nianbao rules` imports none of them."""

    __slots__ = ("_home", "_loader", "name", "suffixes")

    def __init__(self, name: str, suffixes: tuple[str, ...], home: str) -> None:
        self.name = name
        self.suffixes = suffixes
        self._home = home  # "module:Class"
        self._loader: Loader | None = None

    @property
    def loader(self) -> Loader:
        """The loader itself, its module imported on first use."""
        if self._loader is None:
            module, _, cls = self._home.partition(":")
            self._loader = getattr(import_module(module), cls)()
        return self._loader

    def sniff(self, head: bytes) -> bool:
        return self.loader.sniff(head)

    def load(self, path: Path, data: bytes, editions: Mapping[str, Edition]) -> Draft:
        return self.loader.load(path, data, editions)

    def __repr__(self) -> str:
        return f"DeferredLoader({self.name!r}, {self._home!r})"


BUILTIN_LOADERS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("html", (".html", ".htm", ".shtml", ".xhtml"), "nianbao.loaders.html:HtmlLoader"),
    ("pdf", (".pdf",), "nianbao.loaders.pdf:PdfLoader"),
    ("docx", (".docx", ".doc", ".wps"), "nianbao.loaders.docx:DocxLoader"),
    ("markdown", (".md", ".markdown"), "nianbao.loaders.text:MarkdownLoader"),
    ("text", (".txt", ".text"), "nianbao.loaders.text:TextLoader"),
)


def prepare_loaders(loaders: Iterable[Loader], suffixes: Iterable[str] | None = None) -> None:
    """Import the deferred loaders now: those for ``suffixes`` (lower case, with the dot), or all of
    them when ``suffixes`` is None (files whose format is known only from their first bytes). A batch
    does this once before starting its workers, which then inherit the imported parsers."""
    wanted = None if suffixes is None else set(suffixes)
    for loader in loaders:
        if isinstance(loader, DeferredLoader) and (wanted is None or wanted & set(loader.suffixes)):
            _ = loader.loader


@hookimpl
def nianbao_register_loaders() -> list[Loader]:
    return [DeferredLoader(name, suffixes, home) for name, suffixes, home in BUILTIN_LOADERS]
