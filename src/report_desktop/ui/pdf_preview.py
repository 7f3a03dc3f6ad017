"""打印预览: the real PDF of the report, every page, fitted to the width, with 打印 and 导出 PDF.

The dialog only shows the document it is given and says what the clerk asked for (signals);
printing and writing are the export controller's (see :mod:`report_desktop.ui.export`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QSizePolicy, QToolBar, QVBoxLayout, QWidget

from . import pdf_support

if TYPE_CHECKING:
    from .pdf_support import QPdfDocument, QPdfView

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 5.0)
_Keys = QKeySequence.StandardKey


class PdfPreviewDialog(QDialog):
    """Shows a PDF; 打印… and 导出 PDF… are forwarded as signals."""

    print_requested = Signal()
    export_requested = Signal()

    def __init__(
        self, data: bytes, title: str, notice: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"打印预览 - {title}")
        self.document: QPdfDocument = pdf_support.load_document(data, self)
        self.view: QPdfView = pdf_support.new_view(self)
        self.view.setDocument(self.document)
        self.page_label = QLabel()
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.toolbar = QToolBar()
        self._build_toolbar()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.toolbar)
        if notice:
            layout.addWidget(_notice_label(notice))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.view.pageNavigator().currentPageChanged.connect(self._show_page_number)
        self._show_page_number(0)
        self._fit_to_screen()

    def _build_toolbar(self) -> None:
        bar = self.toolbar
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.print_action = self._action("打印…", self.print_requested.emit, _Keys.Print)
        self.export_action = self._action("导出 PDF…", self.export_requested.emit)
        bar.addActions([self.print_action, self.export_action])
        bar.addSeparator()
        fit_width = self._action("适合宽度", lambda: self._fit(whole_page=False))
        fit_page = self._action("整页", lambda: self._fit(whole_page=True))
        zoom_out = self._action("缩小", lambda: self.zoom_by(1 / ZOOM_STEP), _Keys.ZoomOut)
        zoom_in = self._action("放大", lambda: self.zoom_by(ZOOM_STEP), _Keys.ZoomIn)
        bar.addActions([fit_width, fit_page, zoom_out, zoom_in])
        bar.addSeparator()
        bar.addWidget(self.page_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bar.addWidget(spacer)
        bar.addAction(self._action("关闭", self.close))

    def _action(
        self, text: str, slot: Callable[[], object], keys: QKeySequence.StandardKey | None = None
    ) -> QAction:
        item = QAction(text, self)
        if keys is not None:
            item.setShortcut(keys)
        item.triggered.connect(slot)
        return item

    def set_busy(self, busy: bool) -> None:
        """While a print or an export runs, neither can be asked for again."""
        self.print_action.setEnabled(not busy)
        self.export_action.setEnabled(not busy)

    def show_status(self, text: str) -> None:
        self.status.setText(f"  {text}")

    def page_count(self) -> int:
        return self.document.pageCount()

    # Zoom --------------------------------------------------------------------------------------

    def _fit(self, whole_page: bool) -> None:
        modes = type(self.view).ZoomMode
        self.view.setZoomMode(modes.FitInView if whole_page else modes.FitToWidth)

    def zoom_by(self, factor: float) -> None:
        modes = type(self.view).ZoomMode
        mode = self.view.zoomMode()
        if mode == modes.Custom:
            current = self.view.zoomFactor()
        else:
            current = pdf_support.fitted_zoom(self.view, whole_page=mode == modes.FitInView)
        low, high = ZOOM_RANGE
        self.view.setZoomMode(modes.Custom)
        self.view.setZoomFactor(min(high, max(low, current * factor)))

    def _show_page_number(self, page: int) -> None:
        self.page_label.setText(f"  第 {page + 1} 页，共 {self.page_count()} 页  ")

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), max(400, screen.height() - 80))


def _notice_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { background: #fff4e5; color: #8a4b00; padding: 6px 10px; }")
    return label
