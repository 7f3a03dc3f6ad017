"""Editing and painting grid cells: spreadsheet keys inside the editor, finding marks.

PySide6 6.12.0 loses a reference to ``None`` each time an empty QVariant reaches Python (e.g.
``index.data(role)`` for a role without data), which crashes Python 3.11 sooner or later. The
delegate therefore asks the Python model directly, never through ``index.data``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from .grid_layout import Step
from .grid_model import GridModel
from .marks import paint_mark

AnyIndex = QModelIndex | QPersistentModelIndex

LAST_YEAR_COLOR = QColor("#6b7075")
LAST_YEAR_SCALE = 0.8
"""Last year's value is drawn this much smaller than the cell's own."""


class GridDelegate(QStyledItemDelegate):
    """Enter/Tab (Shift reverses) commit the entry and ask the view to move on, as in a
    spreadsheet; a refused entry keeps the cursor where it is."""

    advance = Signal(object)
    """The :class:`Step` to take after an entry was stored."""

    def __init__(self, model: GridModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.refused = False
        self.visible_area: Callable[[], QRect] | None = None
        """The view's visible rectangle (viewport coordinates), set by the view."""
        self.show_last_year = False
        """Draw last year's value small and grey in the cell's top-left corner."""
        self._small: tuple[float, QFont, QFontMetrics] | None = None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(self._model.edit_text(index))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QLineEdit)
        self.refused = not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = _step_of(event)
            if step is not None:
                self.refused = False
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
                if not self.refused:
                    self.advance.emit(step)
                return True
        return super().eventFilter(watched, event)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        cell = self._model.cell(index)
        if cell is not None and cell.rowspan > 1 and self.visible_area is not None:
            # A label merged over many rows is written in the middle of its visible part, so
            # 三、本年度办理结果 stays readable while its 22 rows scroll by.
            option = QStyleOptionViewItem(option)
            area = self.visible_area()
            option.rect = option.rect.intersected(area)
        super().paint(painter, option, index)
        if self.show_last_year:
            self._paint_last_year(painter, option, index)
        severity = self._model.severity_at(index)
        if severity is not None:
            paint_mark(painter, option.rect, severity)

    def _paint_last_year(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """「上年12」 in the free left part of the cell (this year's value is right-aligned);
        just 「12」 when the cell is narrow, nothing when even that does not fit."""
        value = self._model.last_year_text(index)
        if not value:
            return
        font, metrics = self._small_font(option.font)
        rect = option.rect.adjusted(3, 1, -3, -1)
        room = rect.width() - option.fontMetrics.horizontalAdvance(self._model.edit_text(index))
        room -= 8
        text = f"上年{value}"
        if metrics.horizontalAdvance(text) > room:
            text = value
            if metrics.horizontalAdvance(text) > room:
                return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setFont(font)
        color = option.palette.highlightedText().color() if selected else LAST_YEAR_COLOR
        painter.setPen(color)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.restore()

    def _small_font(self, base: QFont) -> tuple[QFont, QFontMetrics]:
        size = base.pointSizeF()
        if self._small is None or self._small[0] != size:
            font = QFont(base)
            font.setItalic(False)
            font.setPointSizeF(max(6.0, size * LAST_YEAR_SCALE))
            self._small = (size, font, QFontMetrics(font))
        return self._small[1], self._small[2]


def _step_of(event: QKeyEvent) -> Step | None:
    key = event.key()
    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return Step.UP if shift else Step.DOWN
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
        return Step.PREVIOUS
    if key == Qt.Key.Key_Tab:
        return Step.NEXT
    return None
