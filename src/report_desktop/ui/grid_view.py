"""The grid of a table, drawn like the official one and used like a spreadsheet.

Enter moves down, Tab right (Shift reverses), typing replaces, F2 edits, Esc cancels, Delete
empties; copy and paste take tab-separated blocks (Excel, WPS). The header rows are part of the
grid, with the merges of the template.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from ..domain.values import CellValue
from .clipboard import copy_block, parse_block, plan_paste, total_mismatches
from .frozen_header import FrozenPanes, Sizes
from .grid_delegate import GridDelegate
from .grid_layout import GridCell, GridLayout, Step
from .grid_model import GridModel
from .refusal_note import RefusalNote

LABEL_BASE_CHARS = 4
MM_PER_LABEL_CHAR = 5
"""A row-label column on screen follows its printed width (declared once in the format): a
base of 4 CJK characters of the editor's font plus one per 5 mm (表三: 6, 7, 15), so the
narrow printed columns, whose labels wrap at 10 pt, stay readable at screen size."""
VALUE_CHARS = {"grid": 4.8, "blocks": 8, "strip": 4.6}

_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect


class GridView(QTableView):
    message = Signal(str)
    """A status-bar message (a refused entry, a paste summary)."""
    paste_refused = Signal(list)
    """Chinese sentences naming every pasted value that was not taken."""

    def __init__(self, model: GridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen: FrozenPanes | None = None
        self.grid_model = model
        self.layout_: GridLayout = model.layout
        self.setModel(model)
        self._delegate = GridDelegate(model, self)
        self.setItemDelegate(self._delegate)
        self._delegate.advance.connect(self.go)
        self._delegate.visible_area = lambda: self.viewport().rect()
        self.verticalScrollBar().valueChanged.connect(lambda _: self.viewport().update())
        model.entry_refused.connect(self._show_refusal)
        model.entry_taken.connect(self._clear_refusal)
        self.refusal = ""
        """The explanation of the last refused entry, until the next good one."""
        self.note = RefusalNote(self.viewport())
        for bar in (self.verticalScrollBar(), self.horizontalScrollBar()):
            bar.valueChanged.connect(self.note.hide)
        self._label_text_as_enabled()
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        for cell in self.layout_.cells:
            if cell.spanned:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        self.sizes = self.fit_to_contents()
        if self.layout_.table.header:
            self.frozen = FrozenPanes(self, self.layout_, self.sizes)
            self.setViewportMargins(*self.frozen.margins(), 0, 0)
        self.setCurrentIndex(self._first_editable())

    @property
    def delegate(self) -> GridDelegate:
        """Edits and paints the cells (finding marks, last year's values)."""
        return self._delegate

    def _label_text_as_enabled(self) -> None:
        """Header and label cells are disabled (the cursor skips them) but must not look grey."""
        palette = self.palette()
        for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
            active = palette.color(QPalette.ColorGroup.Active, role)
            palette.setColor(QPalette.ColorGroup.Disabled, role, active)
        self.setPalette(palette)

    # Sizes -------------------------------------------------------------------------------------

    def fit_to_contents(self) -> Sizes:
        """Column widths for the labels and numbers, row heights for wrapped labels."""
        metrics = QFontMetrics(self.font())
        char = metrics.horizontalAdvance("中")
        kind = self.layout_.table.layout
        labels = [
            round(LABEL_BASE_CHARS + mm / MM_PER_LABEL_CHAR) for mm in self.layout_.label_widths_mm
        ]
        widths = []
        for col in range(self.layout_.cols):
            chars = labels[col] if col < len(labels) else VALUE_CHARS[kind]
            widths.append(int(chars * char) + 12)
            self.setColumnWidth(col, widths[-1])
        heights = [self._row_height(metrics, row) for row in range(self.layout_.rows)]
        for row, height in enumerate(heights):
            self.setRowHeight(row, height)
        return Sizes(widths, heights)

    def _row_height(self, metrics: QFontMetrics, row: int) -> int:
        height = metrics.height() + 10
        for col in range(self.layout_.cols):
            cell = self.layout_.at(row, col)
            if cell is None or (cell.row, cell.col) != (row, col) or cell.rowspan > 1:
                continue
            width = sum(self.columnWidth(c) for c in range(col, col + cell.colspan)) - 8
            flags = Qt.TextFlag.TextWordWrap
            text_rect = metrics.boundingRect(QRect(0, 0, width, 10_000), flags, cell.text)
            height = max(height, text_rect.height() + 10)
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.frozen is not None:
            self.frozen.place()

    def updateGeometries(self) -> None:
        """QTableView sets the viewport margins to its (hidden) headers' sizes here; keep room
        for the frozen header rows and label columns instead."""
        super().updateGeometries()
        if self.frozen is not None:
            self.setViewportMargins(*self.frozen.margins(), 0, 0)
            self.frozen.place()

    def total_size(self) -> tuple[int, int]:
        width, height = sum(self.sizes.widths), sum(self.sizes.heights)
        return width + 2 * self.frameWidth(), height + 2 * self.frameWidth()

    # Movement ----------------------------------------------------------------------------------

    def go(self, step: Step) -> None:
        """Go to the next typed cell in a direction; stay at the end of the table."""
        current = self.currentIndex()
        if not current.isValid():
            return
        target = self.layout_.step(current.row(), current.column(), step)
        if target is not None:
            self.select_cell(target)

    def select_cell(self, cell: GridCell) -> None:
        index = self.grid_model.index(cell.row, cell.col)
        self.selectionModel().setCurrentIndex(index, _SELECT)
        self.scrollTo(index)

    def select_spec(self, spec_id: str) -> None:
        """Show and select a value cell, and take the focus (from the problems panel)."""
        self.select_cell(self.layout_.value_cell(spec_id))
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_editable(self) -> QModelIndex:
        first = next(c for c in self.layout_.value_cells() if c.editable)
        return self.grid_model.index(first.row, first.col)

    def focus_current(self) -> None:
        """Take the keyboard at the current cell (the first typed cell when there is none), so
        the very next key is an entry there."""
        current = self.grid_model.cell(self.currentIndex())
        if current is None or not current.editable:
            self.selectionModel().setCurrentIndex(self._first_editable(), _SELECT)
        self.scrollTo(self.currentIndex())
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        if current != previous:
            self.note.hide()  # it speaks of the cell the cursor has left

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        if self.state() == QAbstractItemView.State.EditingState:
            return False
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        step = _STEPS.get((int(event.key()), shift))
        if step is not None:
            self.go(step)
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selected()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selected()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selected()
            self.clear_selected()
        else:
            return False
        return True

    # Clipboard and clearing --------------------------------------------------------------------

    def selected_rect(self) -> tuple[range, range] | None:
        indexes = self.selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return None
        top = min(i.row() for i in indexes)
        left = min(i.column() for i in indexes)
        bottom = max(i.row() + self.rowSpan(i.row(), i.column()) for i in indexes)
        right = max(i.column() + self.columnSpan(i.row(), i.column()) for i in indexes)
        return range(top, bottom), range(left, right)

    def copy_selected(self) -> None:
        rect = self.selected_rect()
        if rect is None:
            return
        text = copy_block(self.layout_, self.grid_model.session.values, *rect)
        QGuiApplication.clipboard().setText(text)
        self.message.emit(f"已复制 {len(rect[0])} 行 × {len(rect[1])} 列")

    def clear_selected(self) -> None:
        specs = [self.grid_model.cell(i) for i in self.selectedIndexes()]
        cleared: dict[str, CellValue] = {
            c.spec.id: None for c in specs if c is not None and c.editable and c.spec
        }
        if cleared:
            self.grid_model.session.set_cells(cleared, f"清除 {len(cleared)} 个单元格")

    def paste(self) -> None:
        """Paste a tab-separated block at the selection's top-left cell, as one undo step."""
        text = QGuiApplication.clipboard().text()
        rect = self.selected_rect()
        if not text or rect is None:
            return
        block = parse_block(text)
        plan = plan_paste(self.layout_, block, rect[0].start, rect[1].start)
        session = self.grid_model.session
        session.set_cells(plan.values, f"粘贴 {len(plan.values)} 个单元格")
        refused = plan.refused + total_mismatches(plan, session.values)
        self._select_block(rect[0].start, rect[1].start, block)
        summary = f"已粘贴 {len(plan.values)} 个单元格"
        if refused:
            summary += f"，{len(refused)} 个值未采用"
            self.paste_refused.emit(refused)
        self.message.emit(summary)

    def _select_block(self, row: int, col: int, block: list[list[str]]) -> None:
        bottom = min(row + len(block), self.layout_.rows) - 1
        right = min(col + max(len(r) for r in block), self.layout_.cols) - 1
        model = self.grid_model
        selection = QItemSelection(model.index(row, col), model.index(bottom, right))
        self.selectionModel().select(selection, _SELECT)

    def _show_refusal(self, spec_id: str, message: str) -> None:
        """Explain a refused entry next to its cell and in the status bar."""
        index = self.grid_model.index_of(spec_id)
        rect = self.visualRect(index)
        self.note.show_beside(rect, message)
        self.refusal = message
        self.message.emit(message)

    def _clear_refusal(self, _spec_id: str) -> None:
        """A good entry: the explanation of the refused one goes away."""
        if self.refusal:
            self.refusal = ""
            self.note.hide()
            self.message.emit("")

    def current_spec_id(self) -> str:
        cell = self.grid_model.cell(self.currentIndex())
        return cell.spec.id if cell is not None and cell.spec is not None else ""


_STEPS: dict[tuple[int, bool], Step] = {
    (int(Qt.Key.Key_Return), False): Step.DOWN,
    (int(Qt.Key.Key_Enter), False): Step.DOWN,
    (int(Qt.Key.Key_Return), True): Step.UP,
    (int(Qt.Key.Key_Enter), True): Step.UP,
    (int(Qt.Key.Key_Tab), False): Step.NEXT,
    (int(Qt.Key.Key_Backtab), False): Step.PREVIOUS,
    (int(Qt.Key.Key_Backtab), True): Step.PREVIOUS,
    (int(Qt.Key.Key_Tab), True): Step.PREVIOUS,
}
