"""Where every cell of a declared table sits when drawn: the one table geometry (no Qt, no HTML).

A table declaration becomes a rectangle of grid positions holding positioned cells — captions,
corner and column headers, row labels, value cells and totals — with the merges of the official
template and the printed width of every grid column. The editor's grid, the HTML/PDF context and
the Word writer all draw this geometry; none of them places cells on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from .declaration import Block, CellSpec, HeaderCell, ReportFormat, RowNode, Table, cell_id

PRINT_WIDTH_MM = 156.0
"""The 版心 of the official template: a table without declared widths shares it evenly."""


class CellRole(StrEnum):
    """What a placed cell is: a block ``CAPTION`` spanning the table (表二: 第二十条第（一）项),
    a ``CORNER`` header above the row labels (表二: 信息内容; 表三's note), a column ``HEADER``,
    a row ``LABEL`` (a group's merged down over its rows, a leaf's merged right), a ``VALUE``
    the clerk types or a computed ``TOTAL``."""

    CAPTION = "caption"
    CORNER = "corner"
    HEADER = "header"
    LABEL = "label"
    VALUE = "value"
    TOTAL = "total"


@dataclass(frozen=True)
class PlacedCell:
    """A cell at its merge origin (``row``, ``col``) with its spans. ``spec`` is the declared
    value cell (``VALUE`` and ``TOTAL`` only); a row label has its ``level`` in the row tree
    (from 1) and ``group`` when it heads a group of rows."""

    row: int
    col: int
    role: CellRole
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    spec: CellSpec | None = None
    level: int = 0
    group: bool = False

    @property
    def is_value(self) -> bool:
        return self.spec is not None

    @property
    def editable(self) -> bool:
        return self.spec is not None and not self.spec.computed

    @property
    def spanned(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class GridLine:
    """One grid row: its ``id``, whether it is a ``head`` row of the table (repeated on every
    page), the ``group`` of rows printed together (a top-level row group, a block; ``""`` in the
    head) and its ``style`` (``caption``, ``head``, ``total`` or ``""``)."""

    id: str
    head: bool
    group: str
    style: str = ""


@dataclass(frozen=True)
class TableGeometry:
    table: Table
    cols: int
    cells: tuple[PlacedCell, ...]
    """Merge origins in row-major order."""
    lines: tuple[GridLine, ...]
    widths_mm: tuple[float, ...]
    """The printed width of every grid column."""
    label_columns: int
    """How many grid columns hold row labels (left of the values)."""

    @property
    def rows(self) -> int:
        return len(self.lines)

    def cells_in_row(self, row: int) -> Iterator[PlacedCell]:
        return (cell for cell in self.cells if cell.row == row)


def table_geometry(fmt: ReportFormat, table: Table) -> TableGeometry:
    """The geometry of a declared table, by its layout kind (worked out once per format)."""
    cache: dict[str, TableGeometry] = fmt.__dict__.setdefault("_geometries", {})
    found = cache.get(table.id)
    if found is None or found.table is not table:
        found = cache[table.id] = _built(fmt, table)
    return found


def _built(fmt: ReportFormat, table: Table) -> TableGeometry:
    builders = {"grid": _grid, "strip": _strip, "blocks": _blocks}
    cells, lines, cols, label_columns = builders[table.layout](fmt, table)
    _check_no_overlap(table, cells)
    ordered = tuple(sorted(cells, key=lambda c: (c.row, c.col)))
    return TableGeometry(table, cols, ordered, tuple(lines), _widths(table, cols), label_columns)


def spread(count: int, width: int) -> list[int]:
    """Colspans of ``count`` columns filling ``width`` grid columns evenly (the last takes the
    rest): 2 columns beside 4 take [2, 2]."""
    base = width // count
    return [base] * (count - 1) + [width - base * (count - 1)]


_Built = tuple[list[PlacedCell], list[GridLine], int, int]


def _widths(table: Table, cols: int) -> tuple[float, ...]:
    if len(table.widths_mm) == cols:
        return table.widths_mm
    return (round(PRINT_WIDTH_MM / cols, 2),) * cols


def _check_no_overlap(table: Table, cells: list[PlacedCell]) -> None:
    taken: set[tuple[int, int]] = set()
    for cell in cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                if (r, c) in taken:
                    raise ValueError(f"{table.id}: overlapping cells at {(r, c)}")
                taken.add((r, c))


def _header(header: tuple[tuple[HeaderCell, ...], ...], label_columns: int) -> list[PlacedCell]:
    """Header rows placed like an HTML table: each cell takes the next free column."""
    taken: set[tuple[int, int]] = set()
    cells: list[PlacedCell] = []
    for r, header_row in enumerate(header):
        c = 0
        for head in header_row:
            while (r, c) in taken:
                c += 1
            role = CellRole.CORNER if c < label_columns else CellRole.HEADER
            cells.append(PlacedCell(r, c, role, head.label, head.rowspan, head.colspan))
            taken.update(
                (r + dr, c + dc) for dr in range(head.rowspan) for dc in range(head.colspan)
            )
            c += head.colspan
    return cells


def _head_lines(table: Table) -> list[GridLine]:
    return [GridLine(f"head-{i}", True, "", "head") for i in range(1, len(table.header) + 1)]


def _value(fmt: ReportFormat, spec_id: str, at: tuple[int, int], span: int = 1) -> PlacedCell:
    spec = fmt.cell(spec_id)
    role = CellRole.TOTAL if spec.computed else CellRole.VALUE
    return PlacedCell(at[0], at[1], role, colspan=span, spec=spec)


def _grid(fmt: ReportFormat, table: Table) -> _Built:
    """表三: header rows, then the row tree as nested merged label columns, then the values."""
    (block,) = table.blocks
    placer = _TreePlacer(fmt, table, block)
    for node in block.rows:
        placer.place(node, 1, node.id)
    return placer.cells, placer.lines, placer.depth + len(block.columns), placer.depth


class _TreePlacer:
    """A group's label merges down over its rows, a leaf's label merges right to the values."""

    def __init__(self, fmt: ReportFormat, table: Table, block: Block) -> None:
        self.fmt = fmt
        self.table = table
        self.block = block
        self.depth = block.row_depth()
        self.cells = _header(table.header, self.depth)
        self.lines = _head_lines(table)

    def place(self, node: RowNode, level: int, group: str) -> None:
        row = len(self.lines)
        if node.is_group:
            height = sum(1 for _ in node.leaves())
            label = PlacedCell(row, level - 1, CellRole.LABEL, node.label, rowspan=height)
            self.cells.append(_with(label, level=level, group=True))
            for child in node.children:
                self.place(child, level + 1, group)
            return
        span = self.depth - level + 1
        label = PlacedCell(row, level - 1, CellRole.LABEL, node.label, colspan=span)
        self.cells.append(_with(label, level=level))
        for offset, column in enumerate(self.block.columns):
            spec_id = cell_id(self.table.id, node.id, column.id)
            self.cells.append(_value(self.fmt, spec_id, (row, self.depth + offset)))
        self.lines.append(GridLine(node.id, False, group, "total" if node.computed else ""))


def _with(cell: PlacedCell, *, level: int, group: bool = False) -> PlacedCell:
    return PlacedCell(
        cell.row, cell.col, cell.role, cell.text, cell.rowspan, cell.colspan, None, level, group
    )


def _strip(fmt: ReportFormat, table: Table) -> _Built:
    """表四: header rows, then one row holding every block row's cells side by side."""
    (block,) = table.blocks
    cells = _header(table.header, 0)
    lines = _head_lines(table)
    row = len(lines)
    col = 0
    for node in block.leaf_rows():
        for column in block.columns:
            cells.append(_value(fmt, cell_id(table.id, node.id, column.id), (row, col)))
            col += 1
    lines.append(GridLine("values", False, block.id))
    return cells, lines, col, 0


def _blocks(fmt: ReportFormat, table: Table) -> _Built:
    """表二: per block a caption row, a header row (corner | columns) and its rows; the widest
    block sets the grid, narrower blocks spread their columns evenly across it."""
    width = max(len(b.columns) for b in table.blocks)
    cells: list[PlacedCell] = []
    lines: list[GridLine] = []
    for block in table.blocks:
        spans = spread(len(block.columns), width)
        starts = [1 + sum(spans[:i]) for i in range(len(spans))]
        row = len(lines)
        cells.append(PlacedCell(row, 0, CellRole.CAPTION, block.caption, colspan=width + 1))
        cells.append(PlacedCell(row + 1, 0, CellRole.CORNER, block.corner))
        for start, span, column in zip(starts, spans, block.columns, strict=True):
            cells.append(PlacedCell(row + 1, start, CellRole.HEADER, column.label, colspan=span))
        lines.append(GridLine(f"{block.id}-caption", False, block.id, "caption"))
        lines.append(GridLine(f"{block.id}-head", False, block.id, "head"))
        for node in block.leaf_rows():
            row = len(lines)
            cells.append(_with(PlacedCell(row, 0, CellRole.LABEL, node.label), level=1))
            for start, span, column in zip(starts, spans, block.columns, strict=True):
                spec_id = cell_id(table.id, node.id, column.id)
                cells.append(_value(fmt, spec_id, (row, start), span))
            lines.append(GridLine(node.id, False, block.id))
    return cells, lines, 1 + width, 1
