"""The report as a PDF laid out like the official document (weasyprint, imported lazily).

The same draft always gives the same bytes: the PDF's dates come from the report (its
publication date, else 1 January of the year after the reporting year), the file identifier is a
hash of the draft, fonts are subset by HarfBuzz, and every resource is loaded through the
restricted fetcher. The draft itself travels inside the PDF as the attachment
``report-draft.json`` (see :mod:`report_desktop.render.pdf_draft`), so a published PDF opens as a
draft again. The file is PDF/A-3b, whose associated files are meant for exactly that.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from typing import Any

import report_desktop
from report_desktop.domain.model import Report

from .context import LANGUAGE, draft_mark_for, report_title
from .fonts import pdf_stylesheet_text
from .html import document_html
from .pdf_draft import DRAFT_ATTACHMENT

DRAFT_ATTACHMENT_DESCRIPTION = (
    "本报告的草稿数据（report-desktop 草稿文件），可用本程序打开后继续编辑"
)
PDF_VARIANT = "pdf/a-3a"
"""PDF/A-3b: an archival PDF that may carry the draft as an associated file."""
FALLBACK_DATE = dt.date(2000, 1, 1)
"""The document date of a report that has neither a publication date nor a year."""


def document_date(report: Report) -> dt.date:
    """The date written into the PDF: fixed by the report, never the clock."""
    if report.meta.publication_date is not None:
        return report.meta.publication_date
    if report.meta.year and dt.MINYEAR <= report.meta.year < dt.MAXYEAR:
        return dt.date(report.meta.year + 1, 1, 1)
    return FALLBACK_DATE


def render_pdf(
    report: Report,
    draft_mark: bool | None = None,
    on_request: Callable[[str], None] | None = None,
) -> bytes:
    """The PDF of ``report``. ``draft_mark=None``: mark it 「草稿」 iff the checks find errors.

    ``on_request`` sees every URL the layout asks the fetcher for (tests use it).
    """
    import weasyprint

    html = document_html(report, draft_mark_for(report, draft_mark))
    fetcher, font_config, stylesheet = _styles(on_request)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(
        font_config=font_config, stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
    )
    draft_json = _draft_json(report)
    _set_metadata(document.metadata, report)
    pdf: bytes = document.write_pdf(
        attachments=[_draft_attachment(weasyprint, draft_json, report, fetcher)],
        pdf_variant=PDF_VARIANT,
        pdf_identifier=hashlib.md5(draft_json.encode("utf-8"), usedforsecurity=False)
        .hexdigest()
        .encode("ascii"),
    )
    return pdf


_STYLES_LOCK = threading.Lock()
_styles_cache: tuple[Any, Any, Any] | None = None


def _styles(on_request: Callable[[str], None] | None) -> tuple[Any, Any, Any]:
    """The fetcher, font configuration and parsed stylesheet. Loading the bundled fonts costs
    about 0.1 s, so they are made once per process — except when a caller watches the fetcher."""
    global _styles_cache  # noqa: PLW0603 - a process-wide cache of immutable inputs
    if on_request is not None:
        return _make_styles(on_request)
    with _STYLES_LOCK:
        if _styles_cache is None:
            _styles_cache = _make_styles(None)
            atexit.register(_forget_styles)  # before interpreter teardown breaks weasyprint
        return _styles_cache


def _forget_styles() -> None:
    global _styles_cache  # noqa: PLW0603
    with _STYLES_LOCK:
        _styles_cache = None


def _make_styles(on_request: Callable[[str], None] | None) -> tuple[Any, Any, Any]:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from .fetcher import restricted_fetcher

    fetcher = restricted_fetcher(on_request)
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(
        string=pdf_stylesheet_text(), url_fetcher=fetcher, font_config=font_config
    )
    return fetcher, font_config, stylesheet


def _moment(report: Report) -> dt.datetime:
    return dt.datetime.combine(document_date(report), dt.time(0, 0), tzinfo=dt.UTC)


def _draft_json(report: Report) -> str:
    from report_desktop.storage.draft import dumps_draft

    return dumps_draft(report, saved_at=_moment(report))


def _set_metadata(metadata: Any, report: Report) -> None:
    """Title, author, language and fixed dates (W3C format) of the PDF."""
    stamp = _moment(report).strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata.title = report_title(report)
    metadata.authors = [report.meta.agency.strip()] if report.meta.agency.strip() else []
    metadata.lang = LANGUAGE
    metadata.generator = f"report-desktop {report_desktop.__version__}"
    metadata.created = stamp
    metadata.modified = stamp
    metadata.attachments = []  # nothing from the HTML (<link rel=attachment>) is ever embedded


def _draft_attachment(weasyprint: Any, draft_json: str, report: Report, fetcher: Any) -> Any:
    moment = _moment(report).replace(tzinfo=None)
    return weasyprint.Attachment(
        string=draft_json.encode("utf-8"),
        name=DRAFT_ATTACHMENT,
        description=DRAFT_ATTACHMENT_DESCRIPTION,
        created=moment,
        modified=moment,
        relationship="Source",
        url_fetcher=fetcher,
    )
