"""Header rows and row-label columns that stay in view while a grid scrolls, as in a spreadsheet
(表三 at 1024×768 or at 150 %: its 22 rows scroll under the header, its 8 columns of figures
under the labels).

The classic Qt "frozen column" technique, for rows and columns: up to three more views over the
same model, laid over the grid's viewport margins — the header rows (they follow the grid
sideways), the label columns (they follow it up and down) and the corner where both meet (it
never moves). The grid hides what they show and keeps room for them with its viewport margins.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableView

from .grid_layout import GridLayout


class FrozenPane(QTableView):
    """A view of some rows × columns of the grid's model, never taking the keyboard."""

    def __init__(
        self, grid: QTableView, layout: GridLayout, rows: range, cols: range, sizes: Sizes
    ) -> None:
        super().__init__(grid)
        self.grid = grid
        self.rows = rows
        self.cols = cols
        self.setModel(grid.model())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setPalette(grid.palette())
        for cell in layout.cells:
            if cell.row in rows and cell.col in cols and cell.spanned:
                self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        for row in range(layout.rows):
            self.setRowHidden(row, row not in rows)
            self.setRowHeight(row, sizes.heights[row])
        for col in range(layout.cols):
            self.setColumnHidden(col, col not in cols)
            self.setColumnWidth(col, sizes.widths[col])

    def height_needed(self) -> int:
        return sum(self.rowHeight(row) for row in self.rows)

    def width_needed(self) -> int:
        return sum(self.columnWidth(col) for col in self.cols)


class Sizes:
    """The grid's column widths and row heights (a hidden column reads as 0 wide in Qt)."""

    def __init__(self, widths: list[int], heights: list[int]) -> None:
        self.widths = widths
        self.heights = heights


class FrozenPanes:
    """The header rows (``top``), the label columns (``left``) and their ``corner``; the grid
    itself shows only the figures."""

    def __init__(self, grid: QTableView, layout: GridLayout, sizes: Sizes) -> None:
        self.grid = grid
        header_rows = len(layout.table.header)
        label_cols = frozen_columns(layout)
        body_rows = range(header_rows, layout.rows)
        value_cols = range(label_cols, layout.cols)
        self.top = FrozenPane(grid, layout, range(header_rows), value_cols, sizes)
        self.left: FrozenPane | None = None
        self.corner: FrozenPane | None = None
        if label_cols:
            self.left = FrozenPane(grid, layout, body_rows, range(label_cols), sizes)
            self.corner = FrozenPane(grid, layout, range(header_rows), range(label_cols), sizes)
            self._centre_merged_labels(self.left)
        for row in range(header_rows):
            grid.setRowHidden(row, True)
        for col in range(label_cols):
            grid.setColumnHidden(col, True)
        self._follow(grid)

    @staticmethod
    def _centre_merged_labels(pane: FrozenPane) -> None:
        """A label merged over many rows is written in the middle of its visible part."""
        from .grid_delegate import GridDelegate
        from .grid_model import GridModel

        model = pane.model()
        assert isinstance(model, GridModel)
        delegate = GridDelegate(model, pane)
        delegate.visible_area = lambda: pane.viewport().rect()
        pane.setItemDelegate(delegate)

    def _follow(self, grid: QTableView) -> None:
        grid.horizontalScrollBar().valueChanged.connect(self.top.horizontalScrollBar().setValue)
        if self.left is not None:
            mine, theirs = self.left.verticalScrollBar(), grid.verticalScrollBar()
            theirs.valueChanged.connect(mine.setValue)
            mine.valueChanged.connect(theirs.setValue)  # the wheel over the labels scrolls too

    def margins(self) -> tuple[int, int]:
        """(left, top): the room the grid keeps for the frozen panes."""
        left = self.left.width_needed() if self.left is not None else 0
        return left, self.top.height_needed()

    def place(self) -> None:
        """Lay the panes over the grid's margins (after a resize or a change of margins)."""
        frame = self.grid.frameWidth()
        left, top = self.margins()
        viewport = self.grid.viewport()
        self.top.setGeometry(QRect(frame + left, frame, viewport.width(), top))
        if self.left is not None and self.corner is not None:
            self.left.setGeometry(QRect(frame, frame + top, left, viewport.height()))
            self.corner.setGeometry(QRect(frame, frame, left, top))
        self.top.horizontalScrollBar().setValue(self.grid.horizontalScrollBar().value())


def frozen_columns(layout: GridLayout) -> int:
    """How many columns at the left hold only labels and captions (0 when a cell reaches across
    from them into the figures, which would cut it in two)."""
    values = [cell.col for cell in layout.cells if cell.is_value]
    first = min(values) if values else 0
    crosses = any(cell.col < first < cell.col + cell.colspan for cell in layout.cells)
    return 0 if crosses else first
