"""A Word file (.docx, written by Word or WPS) reduced to paragraphs and tables.

Only the document body (``word/document.xml``) and the title property (``docProps/core.xml``)
are read, straight from the zip archive: nothing is extracted to disk (so no member name can
reach outside a folder), the archive's member count and each member's size are bounded, and the
bytes read are bounded whatever the archive claims (no zip bomb). A member declaring a DTD or an
entity is refused before parsing (no billion-laughs, no external entities). Images, links,
headers and embedded objects are never opened.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from lzma import LZMAError
from pathlib import Path
from xml.etree import ElementTree

from .markup import SourceCell, SourceDocument, join_cell_text
from .sheet import CellImportError

MAX_MEMBERS = 2000
MAX_BODY_BYTES = 40 * 1024 * 1024
"""The uncompressed document body: a 100-page report is about 2 MB."""
MAX_CORE_BYTES = 256 * 1024
BODY = "word/document.xml"
CORE = "docProps/core.xml"
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
_GRID_LIMIT = 200
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, zlib.error, LZMAError)
"""What a damaged archive raises while a member is unpacked (a broken deflate stream: zlib)."""


def read_docx(path: Path) -> SourceDocument:
    """Paragraphs and tables of a .docx. Raises :class:`~.sheet.CellImportError` (Chinese)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise CellImportError(
                    f"Word文件包含的部件过多（{len(members)} 个），不像正常文件。"
                )
            names = {info.filename: info for info in members}
            if BODY not in names:
                raise CellImportError("这不是Word文档（.docx）：文件中没有正文部分。")
            body = _read_member(archive, names[BODY], MAX_BODY_BYTES)
            core = _read_member(archive, names[CORE], MAX_CORE_BYTES) if CORE in names else b""
    except _BROKEN as error:
        raise CellImportError("Word文件已损坏或不是.docx格式，无法读取。") from error
    except NotImplementedError as error:
        raise CellImportError("Word文件使用了不支持的压缩方式，无法读取。") from error
    except OSError as error:
        raise CellImportError(f"无法读取Word文件：{error.strerror or error}。") from error
    document = SourceDocument("Word文件")
    _read_body(document, _parse(body))
    if core:
        document.titles = [t for t in _core_titles(_parse(core)) if t.strip()]
    return document


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    if info.file_size > limit:
        raise CellImportError(
            f"Word文件的正文过大（解压后 {info.file_size // 1024 // 1024} MB），不像年度报告。"
        )
    with archive.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise CellImportError("Word文件的正文过大（解压后超过限制），不像年度报告。")
    if any(marker in data for marker in _FORBIDDEN):
        raise CellImportError("Word文件中含有文档类型声明（DTD），正常的Word文件没有，已拒绝读取。")
    return data


def _parse(data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, LookupError, ValueError) as error:  # LookupError: encoding
        raise CellImportError("Word文件的正文已损坏（XML格式错误），无法读取。") from error


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _core_titles(root: ElementTree.Element) -> Iterator[str]:
    for element in root:
        if _local(element.tag) == "title" and element.text:
            yield element.text


# The body ----------------------------------------------------------------------------------------


def _read_body(document: SourceDocument, root: ElementTree.Element) -> None:
    body = next((e for e in root if _local(e.tag) == "body"), None)
    if body is None:
        raise CellImportError("这不是Word文档（.docx）：文件中没有正文部分。")
    for element in _blocks(body):
        if _local(element.tag) == "p":
            for line in _paragraph_lines(element):
                document.add_text(line)
        else:
            document.add_table(_table_rows(element))


def _blocks(parent: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Paragraphs and tables in reading order; content controls (``sdt``) opened."""
    for element in parent:
        name = _local(element.tag)
        if name in ("p", "tbl"):
            yield element
        elif name in ("sdt", "sdtContent", "customXml", "ins", "smartTag"):
            yield from _blocks(element)


def _paragraph_lines(paragraph: ElementTree.Element) -> list[str]:
    """A paragraph's text; a manual line break starts a new line."""
    lines: list[list[str]] = [[]]
    for element in paragraph.iter():
        name = _local(element.tag)
        if name == "t" and element.text:
            lines[-1].append(element.text)
        elif name == "tab":
            lines[-1].append(" ")
        elif name in ("br", "cr"):
            lines.append([])
    return ["".join(parts) for parts in lines]


def _table_rows(table: ElementTree.Element) -> list[list[SourceCell]]:
    rows: list[list[SourceCell]] = []
    for row in (e for e in table if _local(e.tag) == "tr"):
        cells: list[SourceCell] = [SourceCell("")] * _skipped_before(row)
        for cell in (e for e in row if _local(e.tag) == "tc"):
            cells.append(_cell(cell))
        rows.append(cells)
    return rows


def _skipped_before(row: ElementTree.Element) -> int:
    for element in row.iter():
        if _local(element.tag) == "gridBefore":
            return min(_int_value(element), _GRID_LIMIT)
    return 0


def _cell(cell: ElementTree.Element) -> SourceCell:
    colspan, continues = 1, False
    for prop in (e for e in cell if _local(e.tag) == "tcPr"):
        for element in prop:
            name = _local(element.tag)
            if name == "gridSpan":
                colspan = min(_int_value(element), _GRID_LIMIT)
            elif name == "vMerge":
                continues = _attribute(element, "val") in ("", "continue")
    lines = [
        line
        for paragraph in cell.iter()
        if _local(paragraph.tag) == "p"
        for line in _paragraph_lines(paragraph)
    ]
    return SourceCell(join_cell_text(lines), colspan=colspan, continues=continues)


def _attribute(element: ElementTree.Element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


def _int_value(element: ElementTree.Element) -> int:
    text = _attribute(element, "val")
    return int(text) if text.isdigit() and len(text) < 5 else 1
