"""Rendering a report: the template context, HTML, PDF (weasyprint) and DOCX (python-docx).

Importing this package imports nothing heavy: weasyprint is imported only when a PDF is made,
python-docx only when a DOCX is made.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from report_desktop.domain.model import Report

EXPORT_SUFFIXES = (".pdf", ".html", ".docx")


class UnsupportedExportError(ValueError):
    """The target's suffix names no document format this program writes."""


class NarrativeTooLongError(UnsupportedExportError):
    """The report's text is far longer than any report (laying it out would take minutes)."""


def export_document(
    report: Report, path: str | os.PathLike[str], draft_mark: bool | None = None
) -> None:
    """Write ``report`` to ``path`` as PDF, HTML or DOCX, chosen by the suffix, atomically.

    ``draft_mark``: ``None`` marks the document 「草稿」 iff the checks find errors.
    """
    target = Path(path)
    data = document_bytes(report, target.suffix, draft_mark)
    from report_desktop.storage.atomic import atomic_write_bytes

    atomic_write_bytes(target, data)


def document_bytes(report: Report, suffix: str, draft_mark: bool | None = None) -> bytes:
    """The document for a file suffix (``.pdf``, ``.html``, ``.docx``)."""
    from report_desktop.domain.model import narrative_problem

    if problem := narrative_problem(report):
        raise NarrativeTooLongError(f"{problem}。")
    kind = suffix.lower()
    if kind == ".pdf":
        from .pdf import render_pdf

        return render_pdf(report, draft_mark)
    if kind in (".html", ".htm"):
        from .context import draft_mark_for
        from .html import render_html

        return render_html(report, draft_mark_for(report, draft_mark)).encode("utf-8")
    if kind == ".docx":
        from .docx import render_docx

        return render_docx(report, draft_mark)
    raise UnsupportedExportError(
        f"不支持导出为“{suffix or '（无扩展名）'}”格式，请使用 .pdf、.html 或 .docx。"
    )
