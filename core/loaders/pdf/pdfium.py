"""What pdfium gives: the document opened (or refused with the reason), and each page's characters
and rulings as the page is shown (top-down, /Rotate applied, form XObjects placed by their matrices)."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c
from nianbao.loaders.base import LoadError
from nianbao.loaders.pdf.chars import Char
from nianbao.loaders.pdf.chars import drop_overprints
from nianbao.loaders.pdf.ruled import Edge
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import active_limits

_THIN = 3.0  # a path no wider (or taller) than this is a ruling, not a filled area

_ADDRESS = ctypes.c_void_p


def _by_address(function: object, restype: type, *argtypes: type) -> Callable[..., Any]:
    """The pdfium function behind a pypdfium2 binding, taking and giving plain addresses. Called
    once for every character and every object of a page, pypdfium2's typed pointers cost a Python
    object per call; the few objects that are looked at further are typed again with
    :func:`_typed`."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, _ADDRESS).value)


def _address(pointer: object) -> int | None:
    return ctypes.cast(pointer, _ADDRESS).value


def _typed(address: int | None) -> object:
    return ctypes.cast(address, pdfium_c.FPDF_PAGEOBJECT)


_get_unicode = _by_address(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _ADDRESS, ctypes.c_int)
_page_object = _by_address(pdfium_c.FPDFPage_GetObject, _ADDRESS, _ADDRESS, ctypes.c_int)
_form_object = _by_address(pdfium_c.FPDFFormObj_GetObject, _ADDRESS, _ADDRESS, ctypes.c_ulong)
_object_type = _by_address(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, _ADDRESS)


def open_pdf(data: bytes) -> pypdfium2.PdfDocument:
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise LoadError("文件不是 PDF（缺少 %PDF- 文件头）", "the file is not a PDF (no %PDF- header)",
                        reason="format")
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        detail = str(exc)
        if "password" in detail.lower():
            raise LoadError("PDF 文件有密码保护，无法读取",
                            "the PDF is password-protected and cannot be read", reason="unreadable") from exc
        raise LoadError(f"PDF 文件已损坏，无法解析（{detail}）",
                        f"the PDF is damaged and cannot be parsed ({detail})", reason="unreadable") from exc


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True, slots=True)
class PageFrame:
    """Turns PDF user space (y up, before the page's /Rotate) into the page as it is shown:
    top-down, origin at the top left, rotation applied."""

    rotation: int
    width: float  # of user space, before rotation
    height: float

    @classmethod
    def of(cls, page: pypdfium2.PdfPage) -> PageFrame:
        rotation = page.get_rotation() % 360
        shown_width, shown_height = page.get_size()
        if rotation in (90, 270):
            return cls(rotation, shown_height, shown_width)
        return cls(rotation, shown_width, shown_height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """``(x0, top, x1, bottom)`` as shown."""
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` and then ``outer``."""
    a, b, c, d, e, f = inner
    x0, y0 = _apply(outer, e, f)
    ax, ay = _apply(outer, a, b)
    cx, cy = _apply(outer, c, d)
    ox, oy = _apply(outer, 0.0, 0.0)
    return ax - ox, ay - oy, cx - ox, cy - oy, x0, y0


def page_chars(page: pypdfium2.PdfPage) -> list[Char]:
    """Every drawn character with its box, as the page is shown (top-down, rotation applied)."""
    frame = PageFrame.of(page)
    upright, height = frame.rotation == 0, frame.height  # the common case, kept fast
    textpage = page.get_textpage()
    chars = []
    try:
        handle, address = textpage.raw, _address(textpage.raw)
        get_unicode, get_box = _get_unicode, pdfium_c.FPDFText_GetCharBox
        left, bottom, right, top = (ctypes.c_double() for _ in range(4))
        for index in range(textpage.count_chars()):
            # pdfium's generated characters are the spaces and line ends it infers: skipped with
            # the other white space, since spacing is worked out here from the boxes
            code = get_unicode(address, index)
            if code == 0 or code == 0xFFFE:
                continue
            text = chr(code)
            if text.isspace():
                continue
            get_box(handle, index, left, right, bottom, top)
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
            if x1 <= x0 and y1 <= y0:
                continue
            if upright:
                chars.append(Char(text, x0, height - y1, x1, height - y0))
            else:
                chars.append(Char(text, *frame.box(x0, y0, x1, y1)))
    finally:
        textpage.close()
    return drop_overprints(chars)


def page_edges(page: pypdfium2.PdfPage) -> list[Edge]:
    """The page's rulings: stroked lines and rectangle outlines, and thin filled bars, also those
    drawn inside form XObjects, as the page is shown."""
    edges: list[Edge] = []
    handle = page.raw
    address = _address(handle)
    objects = [_page_object(address, i) for i in range(pdfium_c.FPDFPage_CountObjects(handle))]
    _collect_edges(objects, _IDENTITY, PageFrame.of(page), edges, depth=0)
    if len(edges) > active_limits()["max-rulings"]:
        raise LimitExceeded("max-rulings", len(edges))
    return edges


_FORM_DEPTH = 8


def _collect_edges(objects: list[int | None], matrix: Matrix, frame: PageFrame, edges: list[Edge],
                   depth: int) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    cap = active_limits()["max-rulings"]
    for address in objects:
        if len(edges) > cap:
            raise LimitExceeded("max-rulings", f"> {int(cap)}")
        kind = _object_type(address)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _FORM_DEPTH:
            obj = _typed(address)
            # a form's own objects stand in the form's space; its matrix places them on the page
            form = pdfium_c.FS_MATRIX()
            if not pdfium_c.FPDFPageObj_GetMatrix(obj, form):
                continue
            inner = _compose((form.a, form.b, form.c, form.d, form.e, form.f), matrix)
            count = pdfium_c.FPDFFormObj_CountObjects(obj)
            children = [_form_object(address, i) for i in range(count)]
            _collect_edges(children, inner, frame, edges, depth + 1)
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        obj = _typed(address)
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        corners = [_apply(matrix, x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        x0, y0, x1, y1 = frame.box(min(xs), min(ys), max(xs), max(ys))
        width, tall = x1 - x0, y1 - y0
        pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        thin = width <= _THIN or tall <= _THIN
        if not stroke.value:
            if not (fill_mode.value and thin):
                continue
            pdfium_c.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha)
            if min(red.value, green.value, blue.value) > 200 or alpha.value == 0:
                continue  # a white bar is background, not a ruling
        if tall <= _THIN and width > _THIN:
            edges.append(Edge(True, (y0 + y1) / 2, x0, x1))
        elif width <= _THIN and tall > _THIN:
            edges.append(Edge(False, (x0 + x1) / 2, y0, y1))
        elif stroke.value and not thin:
            edges += [Edge(True, y0, x0, x1), Edge(True, y1, x0, x1),
                      Edge(False, x0, y0, y1), Edge(False, x1, y0, y1)]
