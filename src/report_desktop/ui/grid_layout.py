"""The printed grid of a table, derived from the format declaration (no Qt here).

Every table becomes a rectangle of grid positions holding header cells, captions, row labels and
value cells, with the merges of the official template. The grid view shows it as it is; keyboard
movement between value cells is worked out here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from ..domain.declaration import ReportFormat, Table
from ..domain.table_geometry import PlacedCell, table_geometry

GridCell = PlacedCell
"""A cell of the grid: as the table's one geometry places it."""


class Step(Enum):
    DOWN = (1, 0)
    UP = (-1, 0)
    NEXT = (0, 1)
    PREVIOUS = (0, -1)


class GridLayout:
    """A table as a grid: ``cells`` are the origins of merged areas, in row-major order."""

    def __init__(
        self,
        table: Table,
        rows: int,
        cols: int,
        cells: list[GridCell],
        label_widths_mm: tuple[float, ...] = (),
    ) -> None:
        self.table = table
        self.label_widths_mm = label_widths_mm
        """The printed widths of the row-label columns (the first columns), as declared."""
        self.rows = rows
        self.cols = cols
        self.cells = sorted(cells, key=lambda c: (c.row, c.col))
        self._covering: dict[tuple[int, int], GridCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    if (r, c) in self._covering:
                        raise ValueError(f"{table.id}: overlapping cells at {(r, c)}")
                    self._covering[(r, c)] = cell
        self._by_id = {c.spec.id: c for c in self.cells if c.spec is not None}

    def at(self, row: int, col: int) -> GridCell | None:
        """The cell covering a grid position (its merge origin), or None for an empty position."""
        return self._covering.get((row, col))

    def value_cell(self, spec_id: str) -> GridCell:
        return self._by_id[spec_id]

    def value_cells(self) -> Iterator[GridCell]:
        return (c for c in self.cells if c.is_value)

    def has_cell(self, spec_id: str) -> bool:
        return spec_id in self._by_id

    def step(self, row: int, col: int, step: Step) -> GridCell | None:
        """The next typed cell from a position: DOWN/UP in the same column, NEXT/PREVIOUS along
        the row and on to the following (preceding) rows. None at the end of the table."""
        here = self.at(row, col)
        if step in (Step.DOWN, Step.UP):
            return self._step_vertical(here, row, col, step.value[0])
        return self._step_reading(here, row, col, step.value[1])

    def _step_vertical(
        self, here: GridCell | None, row: int, col: int, delta: int
    ) -> GridCell | None:
        r = row
        while 0 <= r + delta < self.rows:
            r += delta
            cell = self.at(r, col)
            if cell is not None and cell is not here and cell.editable:
                return cell
        return None

    def _step_reading(
        self, here: GridCell | None, row: int, col: int, delta: int
    ) -> GridCell | None:
        position = row * self.cols + col
        while 0 <= position + delta < self.rows * self.cols:
            position += delta
            cell = self.at(*divmod(position, self.cols))
            if cell is not None and cell is not here and cell.editable:
                return cell
        return None


# Building ------------------------------------------------------------------------------------


def build_layout(fmt: ReportFormat, table: Table) -> GridLayout:
    """The grid of a declared table, as its one geometry places it."""
    geometry = table_geometry(fmt, table)
    labels = geometry.widths_mm[: geometry.label_columns]
    return GridLayout(table, geometry.rows, geometry.cols, list(geometry.cells), labels)
