"""Form fields bound to a field of the open report: every edit is an undoable session change,
and undo/redo (or any other change) shows up in the field.

Ctrl+Z / Ctrl+Y in a field undo the report's changes, not the field's private history, so one
undo stack covers cells and text alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ..session.fields import get_field
from ..session.report_session import ReportSession

NO_YEAR = 1990
"""The year box shows 未填写 at this value (no report is that old)."""
NO_DATE = QDate(2000, 1, 1)
"""The date box shows 未填写 at this date."""
EMPTY_TEXT = "未填写"


class _UndoToSession(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's undo actions instead of a field's own history."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
                if event.matches(key):
                    event.ignore()
                    return True
            if _is_ctrl_y(event):
                event.ignore()
                return True
        return False


def _is_ctrl_y(event: QKeyEvent) -> bool:
    return event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier


def route_undo(widget: QWidget) -> None:
    widget.installEventFilter(_UndoToSession(widget))


class _Bound:
    """What every field does with its field of the report: ``session`` and ``key`` kept, undo
    routed to the session, read-only with the session, the value shown, the clerk's edits sent
    by ``edited`` to ``on_edit``, and the value shown again whenever the session changes it."""

    session: ReportSession
    key: str

    def bind(
        self,
        session: ReportSession,
        key: str,
        edited: SignalInstance,
        on_edit: Callable[..., Any],
    ) -> None:
        assert isinstance(self, QLineEdit | QPlainTextEdit | QAbstractSpinBox)
        self.session = session
        self.key = key
        route_undo(self)
        self.setReadOnly(session.read_only)
        self.show_value()
        edited.connect(on_edit)
        session.field_changed.connect(self._changed)

    def show_value(self) -> None:
        raise NotImplementedError

    def _changed(self, key: str) -> None:
        if key == self.key:
            self.show_value()


class LineField(QLineEdit, _Bound):
    def __init__(self, session: ReportSession, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bind(session, key, self.textEdited, self._edited)

    def show_value(self) -> None:
        value = self.session_value()
        if value != self.text():
            position = self.cursorPosition()
            self.setText(value)
            self.setCursorPosition(min(position, len(value)))

    def session_value(self) -> str:
        value = get_field(self.session.report, self.key)
        return value if isinstance(value, str) else ""

    def _edited(self, text: str) -> None:
        self.session.set_field(self.key, text)


class TextField(QPlainTextEdit, _Bound):
    """Multi-line text; pasted text is taken as plain text (no input method is assumed).

    With ``lines`` = (fewest, most), the field grows with its text between those many lines
    (for pages that scroll); otherwise it takes the room it is given.
    """

    def __init__(
        self,
        session: ReportSession,
        key: str,
        lines: tuple[int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lines = lines
        self._showing = False
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.bind(session, key, self.textChanged, self._edited)
        if lines is not None:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
            self._fit_height()

    def _fit_height(self) -> None:
        assert self.lines is not None
        fewest, most = self.lines
        shown = min(max(int(self.document().size().height()), fewest), most)
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        padding = 2 * int(self.document().documentMargin())
        height = shown * self.fontMetrics().lineSpacing() + frame + padding
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.lines is not None:
            self._fit_height()

    def session_value(self) -> str:
        value = get_field(self.session.report, self.key)
        return value if isinstance(value, str) else ""

    def show_value(self) -> None:
        value = self.session_value()
        if value == self.toPlainText():
            return
        position = self.textCursor().position()
        self._showing = True
        try:
            self.setPlainText(value)
        finally:
            self._showing = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(value)))
        self.setTextCursor(cursor)

    def _edited(self) -> None:
        if not self._showing:
            self.session.set_field(self.key, self.toPlainText())


class YearField(QSpinBox, _Bound):
    """The reporting year; stored when the clerk presses Enter or leaves the box."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NO_YEAR, 2100)
        self.setSpecialValueText(EMPTY_TEXT)
        self.setKeyboardTracking(False)
        self.setSuffix(" 年")
        self.bind(session, "meta.year", self.valueChanged, self._edited)

    def show_value(self) -> None:
        year = self.session.report.meta.year
        self.blockSignals(True)
        self.setValue(NO_YEAR if year is None else year)
        self.blockSignals(False)

    def _edited(self, value: int) -> None:
        self.session.set_field(self.key, None if value == NO_YEAR else value, mergeable=False)


class DateField(QDateEdit, _Bound):
    """The publication date, with a calendar; 未填写 until chosen."""

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(EMPTY_TEXT)
        self.bind(session, "meta.publication_date", self.dateChanged, self._edited)

    def show_value(self) -> None:
        date = self.session.report.meta.publication_date
        self.blockSignals(True)
        self.setDate(NO_DATE if date is None else QDate(date.year, date.month, date.day))
        self.blockSignals(False)

    def _edited(self, value: QDate) -> None:
        date = None if value == NO_DATE else dt.date(value.year(), value.month(), value.day())
        self.session.set_field(self.key, date, mergeable=False)
