"""The parts of a Word package (.docx) that the loader reads, found as Word finds them: the
package's relationships name the main document, and the document's relationships name its list
numbering and its styles. The archive is refused when the sizes it declares are past the limits;
a part the loader reads is then inflated through a stream that stops at the limits (a declared size
may lie), and parsed without entities, network access or huge-tree mode. A part it never reads
(an image, a header) is never inflated.

Only what the loader reads is parsed, into plain lxml elements: opening the package through
python-docx parses every part into its own element classes, which costs more than the reading.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree
from nianbao.loaders.wordml import w
from nianbao.model.limits import LimitExceeded
from nianbao.model.limits import active_limits

# Whitespace between elements is dropped, as python-docx drops it, so that text reads the same. No
# part is looked up by XML id, so ids are not collected (which spares a test of every attribute).
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False,
                          collect_ids=False)
_DOCUMENT, _BODY = w("document"), w("body")
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE_DOCUMENT, _NUMBERING, _STYLES = f"{_RT}officeDocument", f"{_RT}numbering", f"{_RT}styles"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class WordParts:
    """The body of the main document, and the numbering and styles parts when it has them."""

    body: etree._Element
    numbering: etree._Element | None
    styles: etree._Element | None


def read_package(data: bytes) -> WordParts:
    """The parts of the package in ``data``. Raises ``LimitExceeded`` for a part past the limits,
    and ``zipfile.BadZipFile``, ``KeyError``, ``ValueError``, ``etree.XMLSyntaxError`` or
    ``zlib.error`` for a damaged package or one that is no Word document."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_declared_sizes(archive)
        package = _Package(archive)
        main = package.related("/", _OFFICE_DOCUMENT)
        content_type = package.content_type(main)
        if content_type != _WORD_MAIN:
            raise ValueError(f"the main part is not a Word document, its content type is '{content_type}'")
        root = etree.fromstring(package.blob(main), _PARSER)
        body = root.find(_BODY) if root.tag == _DOCUMENT else None
        if body is None:
            raise ValueError(f"{main[1:]} holds no document body")
        numbering = styles = None
        try:
            numbering = etree.fromstring(package.blob(package.related(main, _NUMBERING)), _PARSER)
        except _NoRelationship:
            pass
        else:
            try:
                styles = etree.fromstring(package.blob(package.related(main, _STYLES)), _PARSER)
            except _NoRelationship:
                pass
        return WordParts(body, numbering, styles)


def check_declared_sizes(archive: zipfile.ZipFile) -> None:
    """Refuse a package whose parts declare more than the limits unpacked."""
    limits = active_limits()
    total_cap, xml_cap = limits.bytes("max-unzipped-mb"), limits.bytes("max-xml-mb")
    members = archive.infolist()
    for info in members:
        if _is_xml(info.filename) and info.file_size > xml_cap:
            raise LimitExceeded("max-xml-mb", _mb(info.file_size))
    declared = sum(info.file_size for info in members)
    if declared > total_cap:
        raise LimitExceeded("max-unzipped-mb", _mb(declared))


def inflate(archive: zipfile.ZipFile, name: str, inflated_before: int) -> bytes:
    """The bytes of member ``name``, read through a stream that stops at the limits: the XML limit
    for an XML part, and the total limit counting ``inflated_before`` bytes read already."""
    limits = active_limits()
    total_cap = limits.bytes("max-unzipped-mb")
    xml = _is_xml(name)
    cap = limits.bytes("max-xml-mb") if xml else total_cap
    chunks: list[bytes] = []
    size = 0
    with archive.open(name) as stream:  # KeyError when the archive holds no such member
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > cap:
                raise LimitExceeded("max-xml-mb" if xml else "max-unzipped-mb", f"> {_mb(size)}")
            if inflated_before + size > total_cap:
                raise LimitExceeded("max-unzipped-mb", f"> {_mb(inflated_before + size)}")
            chunks.append(chunk)
    return b"".join(chunks)


class _NoRelationship(KeyError):
    pass


class _Package:
    """Relationships, content types and part bytes, by part name (``/word/document.xml``)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._inflated = 0
        self._overrides: dict[str, str] = {}
        self._defaults: dict[str, str] = {}
        types = etree.fromstring(self._member("[Content_Types].xml"), _PARSER)
        for override in types.iterchildren(f"{_TYPES}Override"):
            self._overrides[override.get("PartName", "").lower()] = override.get("ContentType", "")
        for default in types.iterchildren(f"{_TYPES}Default"):
            self._defaults[default.get("Extension", "").lower()] = default.get("ContentType", "")

    def related(self, source: str, relationship_type: str) -> str:
        """The part name of the one part ``source`` (a part name, or ``/`` for the package)
        relates to by ``relationship_type``."""
        folder, name = posixpath.split(source)
        try:
            rels = self._member(posixpath.join(folder, "_rels", f"{name}.rels")[1:])
        except KeyError:
            rels = None
        matching = [] if rels is None else [
            rel for rel in etree.fromstring(rels, _PARSER).iterchildren(_RELATIONSHIP)
            if rel.get("Type") == relationship_type]
        if not matching:
            raise _NoRelationship(f"no relationship of type '{relationship_type}' in collection")
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{relationship_type}' in collection")
        if matching[0].get("TargetMode") == "External":
            raise ValueError(f"the relationship of type '{relationship_type}' points outside the package")
        return posixpath.normpath(posixpath.join(folder, matching[0].get("Target", "")))

    def content_type(self, part: str) -> str:
        found = self._overrides.get(part.lower())
        if found is None:
            found = self._defaults.get(posixpath.splitext(part)[1][1:].lower())
        if found is None:
            raise KeyError(f"no content type for partname '{part}' in [Content_Types].xml")
        return found

    def blob(self, part: str) -> bytes:
        return self._member(part[1:])

    def _member(self, name: str) -> bytes:
        data = inflate(self._archive, name, self._inflated)
        self._inflated += len(data)
        return data


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _mb(size: int) -> float:
    return round(size / 1024 / 1024, 1)
