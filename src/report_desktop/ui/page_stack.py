"""The pages of the open report, each built when first shown (start-up stays fast)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from ..session.report_session import ReportSession
from .pages.base import Page


class PageStack(QStackedWidget):
    message = Signal(str)
    paste_refused = Signal(list)
    page_built = Signal(Page)
    """A page was just built (pages are built when first shown, again for each report)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: ReportSession | None = None
        self.pages: dict[str, Page] = {}

    def set_session(self, session: ReportSession) -> None:
        for page in self.pages.values():
            self.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self._session = session

    def page(self, page_id: str) -> Page:
        """The page, built now if it was not yet."""
        page = self.pages.get(page_id)
        if page is None:
            assert self._session is not None
            from .pages import make_page  # page modules load when their page is first shown

            page = make_page(self._session, page_id)
            page.message.connect(self.message)
            view = getattr(page, "view", None)
            if view is not None:
                view.paste_refused.connect(self.paste_refused)
            self.pages[page_id] = page
            self.addWidget(page)
            self.page_built.emit(page)
        return page

    def show_page(self, page_id: str) -> Page:
        page = self.page(page_id)
        self.setCurrentWidget(page)
        return page

    def current_page(self) -> Page | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, Page) else None
