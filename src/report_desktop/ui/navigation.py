"""The list of the report's parts, each with its count of errors and warnings."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QWidget

from ..domain.findings import Severity
from ..session.report_session import ReportSession
from .marks import severity_icon
from .places import page_ids, page_of_place, page_title

_TYPING_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class Navigation(QListWidget):
    page_chosen = Signal(str)
    entered = Signal(str)
    """The clerk chose a part to work in (a click, Enter, or typing): the page takes the keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setWordWrap(True)
        self.setAccessibleName("报告各部分")
        self._session: ReportSession | None = None
        self._ids: list[str] = []
        self._titles: list[str] = []
        self._shown: dict[str, object] = {}
        self.currentRowChanged.connect(self._row_changed)
        self.itemClicked.connect(self._enter)
        self.itemActivated.connect(self._enter)

    def set_session(self, session: ReportSession, page: str = "") -> None:
        """Show the parts of ``session``'s report; stay on the current part (else ``page``)."""
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the old session may be gone
                self._session.findings_changed.disconnect(self.refresh)
        self._session = session
        report = session.report
        current = self.current_page() or page
        self.blockSignals(True)
        self.clear()
        self._ids = page_ids(report)
        self._titles = [page_title(report, page) for page in self._ids]
        self._shown = {}
        for title in self._titles:
            QListWidgetItem(title, self)
        self.blockSignals(False)
        session.findings_changed.connect(self.refresh)
        self.refresh()
        self.show_page(current or self._ids[0])

    def current_page(self) -> str:
        row = self.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else ""

    def show_page(self, page: str) -> None:
        if page in self._ids:
            self.setCurrentRow(self._ids.index(page))

    def refresh(self) -> None:
        session = self._session
        if session is None:
            return
        counts: dict[str, list[int]] = {page: [0, 0] for page in self._ids}
        for finding in session.findings:
            if finding.severity is Severity.INFO:
                continue
            pages = {page_of_place(session.report, place) for place in finding.cells}
            for page in pages & counts.keys():
                counts[page][finding.severity.rank] += 1
        for row, page in enumerate(self._ids):
            errors, warnings = counts[page]
            worst = Severity.ERROR if errors else Severity.WARNING if warnings else None
            item = self.item(row)
            if item is None or self._shown.get(page, "") == (worst, errors, warnings):
                continue
            self._shown[page] = (worst, errors, warnings)
            item.setIcon(severity_icon(worst))
            tip = f"错误 {errors} 个，警告 {warnings} 个" if worst else "没有错误和警告"
            item.setToolTip(f"{self._titles[row]}：{tip}")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Typing while the list has the keyboard goes to the part shown, not to the list."""
        plain = not event.modifiers() & ~_TYPING_MODIFIERS
        if not (plain and event.text() and event.text().isprintable()) or not self.current_page():
            super().keyPressEvent(event)
            return
        self.entered.emit(self.current_page())
        target = QApplication.focusWidget()
        if target is not None and target is not self:
            copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(target, copy)
        event.accept()

    def _enter(self, item: QListWidgetItem) -> None:
        row = self.row(item)
        if 0 <= row < len(self._ids):
            self.entered.emit(self._ids[row])

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._ids):
            self.page_chosen.emit(self._ids[row])
