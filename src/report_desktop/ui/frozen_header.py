"""Header rows that stay in view while a tall grid scrolls (表三 at 1366×768).

The classic Qt "frozen column" technique, for rows: a second view over the same model shows only
the header rows, laid over the top of the grid's viewport; the grid hides those rows and keeps
room for them with a viewport margin. Column widths and horizontal scrolling stay in step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from .grid_layout import GridLayout


class FrozenHeader(QTableView):
    def __init__(self, grid: QTableView, layout: GridLayout, rows: int) -> None:
        super().__init__(grid)
        self.grid = grid
        self.rows = rows
        self.setModel(grid.model())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setPalette(grid.palette())
        for cell in layout.cells:
            if cell.row < rows and cell.spanned:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        for row in range(rows, layout.rows):
            self.setRowHidden(row, True)
        grid.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        grid.horizontalHeader().sectionResized.connect(self._column_resized)
        self.sync()

    def height_needed(self) -> int:
        return sum(self.rowHeight(row) for row in range(self.rows))

    def sync(self) -> None:
        """Match the grid's columns and header row heights; keep the grid's rows out of the way."""
        for col in range(self.model().columnCount()):
            self.setColumnWidth(col, self.grid.columnWidth(col))
        for row in range(self.rows):
            self.setRowHeight(row, self.grid.rowHeight(row))
            self.grid.setRowHidden(row, True)
        self.place()

    def place(self) -> None:
        """Lay the header over the top of the grid's viewport."""
        frame = self.grid.frameWidth()
        self.setGeometry(frame, frame, self.grid.viewport().width(), self.height_needed())

    def _column_resized(self, col: int, _old: int, new: int) -> None:
        self.setColumnWidth(col, new)
