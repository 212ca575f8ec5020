"""Loaders: one module per input format, each turning a file into the same :class:`Document`."""

from __future__ import annotations

from nianbao.loaders.base import Loader
from nianbao.loaders.base import LoadError
from nianbao.plugin.markers import hookimpl

__all__ = ["LoadError", "Loader"]


@hookimpl
def nianbao_register_loaders() -> list[Loader]:
    from nianbao.loaders.docx import DocxLoader
    from nianbao.loaders.html import HtmlLoader
    from nianbao.loaders.pdf import PdfLoader
    from nianbao.loaders.text import MarkdownLoader
    from nianbao.loaders.text import TextLoader

    return [HtmlLoader(), PdfLoader(), DocxLoader(), MarkdownLoader(), TextLoader()]
