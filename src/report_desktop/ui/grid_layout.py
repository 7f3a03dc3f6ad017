"""The printed grid of a table, derived from the format declaration (no Qt here).

Every table becomes a rectangle of grid positions holding header cells, captions, row labels and
value cells, with the merges of the official template. The grid view shows it as it is; keyboard
movement between value cells is worked out here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from ..domain.declaration import (
    Block,
    CellSpec,
    Column,
    HeaderCell,
    ReportFormat,
    RowNode,
    Table,
    cell_id,
)


class Kind(Enum):
    HEADER = "header"
    CAPTION = "caption"
    LABEL = "label"
    VALUE = "value"


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    kind: Kind
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    spec: CellSpec | None = None
    """The declared value cell (``VALUE`` only)."""

    @property
    def editable(self) -> bool:
        return self.spec is not None and not self.spec.computed

    @property
    def spanned(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


class Step(Enum):
    DOWN = (1, 0)
    UP = (-1, 0)
    NEXT = (0, 1)
    PREVIOUS = (0, -1)


class GridLayout:
    """A table as a grid: ``cells`` are the origins of merged areas, in row-major order."""

    def __init__(self, table: Table, rows: int, cols: int, cells: list[GridCell]) -> None:
        self.table = table
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
        return (c for c in self.cells if c.kind is Kind.VALUE)

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
    """The grid of a declared table, by its layout kind."""
    builders = {"grid": _grid, "strip": _strip, "blocks": _blocks}
    return builders[table.layout](fmt, table)


def _header_cells(header: tuple[tuple[HeaderCell, ...], ...]) -> list[GridCell]:
    """Header rows placed like an HTML table: each cell takes the next free column."""
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    for r, header_row in enumerate(header):
        c = 0
        for head in header_row:
            while (r, c) in taken:
                c += 1
            cells.append(GridCell(r, c, Kind.HEADER, head.label, head.rowspan, head.colspan))
            taken.update(
                (r + dr, c + dc) for dr in range(head.rowspan) for dc in range(head.colspan)
            )
            c += head.colspan
    return cells


def _specs(fmt: ReportFormat, table: Table, block: Block, row: RowNode) -> list[CellSpec]:
    return [fmt.cell(cell_id(table.id, row.id, column.id)) for column in block.columns]


def _grid(fmt: ReportFormat, table: Table) -> GridLayout:
    """表三: header rows, then the row tree as nested merged label columns, then the values."""
    block = table.blocks[0]
    placer = _TreePlacer(fmt, table, block)
    row = len(table.header)
    for node in block.rows:
        row = placer.place(node, row, 0)
    return GridLayout(table, row, placer.depth + len(block.columns), placer.cells)


class _TreePlacer:
    """Places a row tree: a group's label merges down over its rows, a leaf's label merges right
    up to the value columns."""

    def __init__(self, fmt: ReportFormat, table: Table, block: Block) -> None:
        self.fmt = fmt
        self.table = table
        self.block = block
        self.depth = block.row_depth()
        self.cells = _header_cells(table.header)

    def place(self, node: RowNode, row: int, level: int) -> int:
        """Place ``node`` (and its children) from grid row ``row``; returns the next free row."""
        if node.is_group:
            height = sum(1 for _ in node.leaves())
            self.cells.append(GridCell(row, level, Kind.LABEL, node.label, rowspan=height))
            for child in node.children:
                row = self.place(child, row, level + 1)
            return row
        self.cells.append(GridCell(row, level, Kind.LABEL, node.label, colspan=self.depth - level))
        for offset, spec in enumerate(_specs(self.fmt, self.table, self.block, node)):
            self.cells.append(GridCell(row, self.depth + offset, Kind.VALUE, spec=spec))
        return row + 1


def _strip(fmt: ReportFormat, table: Table) -> GridLayout:
    """表四: header rows, then one row holding every block row's cells side by side."""
    block = table.blocks[0]
    cells = _header_cells(table.header)
    row = len(table.header)
    col = 0
    for node in block.leaf_rows():
        for spec in _specs(fmt, table, block, node):
            cells.append(GridCell(row, col, Kind.VALUE, spec=spec))
            col += 1
    return GridLayout(table, row + 1, col, cells)


def _blocks(fmt: ReportFormat, table: Table) -> GridLayout:
    """表二: per block a caption row, a header row (信息内容 | columns) and its rows."""
    width = 1 + max(len(b.columns) for b in table.blocks)
    cells: list[GridCell] = []
    row = 0
    for block in table.blocks:
        cells.append(GridCell(row, 0, Kind.CAPTION, block.caption, colspan=width))
        cells.append(GridCell(row + 1, 0, Kind.HEADER, block.corner))
        for col, span, column in _spread(block, width):
            cells.append(GridCell(row + 1, col, Kind.HEADER, column.label, colspan=span))
        row += 2
        for node in block.leaf_rows():
            cells.append(GridCell(row, 0, Kind.LABEL, node.label))
            specs = _specs(fmt, table, block, node)
            for (col, span, _), spec in zip(_spread(block, width), specs, strict=True):
                cells.append(GridCell(row, col, Kind.VALUE, colspan=span, spec=spec))
            row += 1
    return GridLayout(table, row, width, cells)


def _spread(block: Block, width: int) -> Iterator[tuple[int, int, Column]]:
    """Columns of a block across the value area; the last one takes what is left."""
    count = len(block.columns)
    for index, column in enumerate(block.columns):
        span = width - 1 - index if index == count - 1 else 1
        yield 1 + index, span, column
