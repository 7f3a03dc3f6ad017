"""What every page has: a heading, a body (scrolling for text pages) and a way to show a place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from ...session.report_session import ReportSession

if TYPE_CHECKING:
    from ..grid_view import GridView


class Page(QWidget):
    message = Signal(str)
    """A status-bar message."""

    def __init__(
        self, session: ReportSession, page_id: str, title: str, scrolling: bool = True
    ) -> None:
        super().__init__()
        self.session = session
        self.page_id = page_id
        self.setObjectName(f"page-{page_id}")
        self.side_splitter: QSplitter | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        outer.addWidget(heading)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        if scrolling:
            self.scroll_area: QScrollArea | None = QScrollArea()
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setWidget(self.body)
            outer.addWidget(self.scroll_area, 1)
        else:
            self.scroll_area = None
            outer.addWidget(self.body, 1)

    def grid_view(self) -> GridView | None:
        """The page's table grid, if it has one."""
        return None

    def focus_place(self, place: str) -> bool:
        """Show and focus what a place id names; False when the place is not on this page."""
        return False

    def focus_entry(self) -> None:
        """Put the keyboard in the page: its first field (a table page: its current cell)."""
        for widget in self.body.findChildren(QWidget):
            takes_keys = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            if takes_keys and widget.isEnabled() and widget.isVisibleTo(self):
                self.reveal(widget)
                return
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_side_panel(self, panel: QWidget, share: float = 0.38) -> QSplitter:
        """Put ``panel`` beside the page's body (the clerk can drag the divider between them;
        the panel folds away rather than squeeze the body below a usable width)."""
        from ..side_splitter import SideSplitter

        body = self.scroll_area if self.scroll_area is not None else self.body
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        index = outer.indexOf(body)
        splitter = SideSplitter(body, panel, share)
        outer.insertWidget(index, splitter, 1)
        self.side_splitter = splitter
        return splitter

    def reveal(self, widget: QWidget) -> None:
        if self.scroll_area is not None:
            self.scroll_area.ensureWidgetVisible(widget, 20, 40)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def hint(text: str) -> QLabel:
    """A short grey explanation line."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6368;")
    return label
