"""Reading the draft back out of a PDF this program exported (pypdf; no weasyprint).

Every exported PDF carries the draft as the attachment ``report-draft.json``; this module gives
its text, which :func:`report_desktop.storage.draft.loads_draft` then reads like any draft file.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from report_desktop.storage.errors import DraftError
from report_desktop.storage.safeio import os_reason, read_limited

if TYPE_CHECKING:
    from report_desktop.storage.draft import Draft

DRAFT_ATTACHMENT = "report-draft.json"
"""The name of the attachment that carries the draft in every exported PDF."""
MAX_DRAFT_BYTES = 64 * 1024 * 1024
MAX_PDF_BYTES = 50 * 1024 * 1024
"""Larger files are not PDFs this program exported (the fonts are subset: about 1 MB)."""


class PdfDraftError(DraftError):
    """The PDF cannot be read, or carries no draft; the message (Chinese) says which."""

    title = "无法从 PDF 打开草稿"


_DAMAGED = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
    OverflowError,
    AssertionError,
    EOFError,
    ZeroDivisionError,
)
"""What pypdf raises on a damaged file besides its own errors."""


def draft_from_pdf(source: bytes | str | os.PathLike[str]) -> str:
    """The draft JSON text embedded in an exported PDF (the PDF's bytes, or its path)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    data = _read(source)
    try:
        with _quiet_pypdf():
            attachments = PdfReader(io.BytesIO(data)).attachments
            contents = attachments.get(DRAFT_ATTACHMENT) or []
    except (PyPdfError, *_DAMAGED) as error:  # pypdf meets a damaged file in many ways
        raise PdfDraftError("无法读取此 PDF 文件：文件已损坏，或不是 PDF 文件。") from error
    if not contents:
        raise PdfDraftError(
            "此 PDF 不包含报告草稿数据，无法作为草稿打开。只有本程序导出的 PDF 才带有草稿数据。"
        )
    return _decode(contents[0])


def load_pdf_draft(source: bytes | str | os.PathLike[str]) -> Draft:
    """The draft an exported PDF carries, read like a draft file (every failure a DraftError)."""
    from report_desktop.storage.draft import loads_draft

    return loads_draft(draft_from_pdf(source))


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs every oddity of a damaged file; the error raised here says what matters."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read(source: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(source, bytes):
        return source
    path = Path(source)
    try:
        data = read_limited(path, MAX_PDF_BYTES)
    except OSError as error:
        raise PdfDraftError(f"无法读取文件“{path}”：{os_reason(error)}。") from error
    if len(data) > MAX_PDF_BYTES:
        limit = MAX_PDF_BYTES // 1024 // 1024
        raise PdfDraftError(
            f"文件“{path.name}”超过 {limit} MB，不是本程序导出的报告 PDF（通常不到 2 MB）。"
        )
    return data


def _decode(content: bytes) -> str:
    if len(content) > MAX_DRAFT_BYTES:
        raise PdfDraftError("此 PDF 中的草稿数据过大，不是本程序导出的草稿。")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PdfDraftError("此 PDF 中的草稿数据已损坏（不是 UTF-8 文本）。") from error
