"""The form's pages, one per part of the report, built from the format declaration.

Each page's module is imported when the page is first built, so start-up loads only what the
first page needs.
"""

from __future__ import annotations

from ...domain.declaration import SectionKind
from ...session.report_session import ReportSession
from ..places import META_PAGE
from .base import Page


def make_page(session: ReportSession, page_id: str) -> Page:
    """The page for a page id (see :func:`report_desktop.ui.places.page_ids`)."""
    if page_id == META_PAGE:
        from .meta_page import MetaPage

        return MetaPage(session)
    section = session.report.format.section(page_id)
    if section.table:
        from .table_page import TablePage

        return TablePage(session, section)
    if section.kind is SectionKind.PARTS:
        from .overview_page import OverviewPage

        return OverviewPage(session, section)
    if section.kind is SectionKind.TEXT:
        from .text_page import ProblemsPage

        return ProblemsPage(session, section)
    from .other_page import OtherPage

    return OtherPage(session, section)


__all__ = ["Page", "make_page"]
