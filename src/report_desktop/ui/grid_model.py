"""A Qt table model of one report table, laid out as the official grid (headers included).

Painting a grid asks ``data`` some ten times per visible cell, so everything it answers is
prepared when the values or the findings change, not when it is asked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ..domain.crossyear import compared_with_last_year
from ..domain.declaration import Table
from ..domain.findings import Finding, Severity
from ..domain.table_geometry import CellRole
from ..domain.values import CellValueError, as_number, format_value, parse_cell
from ..session.report_session import ReportSession
from .grid_layout import GridCell, GridLayout, build_layout

AnyIndex = QModelIndex | QPersistentModelIndex

HEADER_BACKGROUND = QColor("#e9edf2")
TOTAL_BACKGROUND = QColor("#eef1e4")
TOTAL_HINT = "∑ 自动计算的合计，不能直接填写"

_CENTER = Qt.AlignmentFlag.AlignCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# Roles as plain ints: comparing ints is much cheaper than looking up enum members per call.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SHOWN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_TYPED = _SHOWN | Qt.ItemFlag.ItemIsEditable


class GridModel(QAbstractTableModel):
    """Header rows, labels and value cells of a table, with spans taken from its grid layout.

    Values and totals come from the session; a typed entry is parsed here and handed to the
    session as an undoable change. A refused entry is announced by ``entry_refused``.
    """

    entry_refused = Signal(str, str)
    """(cell id, Chinese reason) for an entry that was not stored."""
    entry_taken = Signal(str)
    """The cell id of an entry that was stored (it clears an earlier refusal's explanation)."""

    def __init__(self, session: ReportSession, table: Table, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.layout: GridLayout = build_layout(session.report.format, table)
        self._total_font = QFont()
        self._total_font.setItalic(True)
        self._origins: list[list[GridCell | None]] = [
            [None] * self.layout.cols for _ in range(self.layout.rows)
        ]
        for cell in self.layout.cells:
            self._origins[cell.row][cell.col] = cell
        self._display: dict[str, str] = {}
        self._marks: dict[str, Severity] = {}
        self._previous: dict[str, str] = {}
        self._prepare_values()
        self._prepare_marks()
        self._prepare_last_year()
        session.cells_changed.connect(self._values_changed)
        session.findings_changed.connect(self._findings_changed)
        session.last_year_changed.connect(self._last_year_changed)

    # Structure ---------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.cols

    def cell(self, index: AnyIndex) -> GridCell | None:
        """The grid cell at an index, only at a merge's origin."""
        row, col = index.row(), index.column()
        if 0 <= row < self.layout.rows and 0 <= col < self.layout.cols:
            return self._origins[row][col]
        return None

    def edit_text(self, index: AnyIndex) -> str:
        found = self.cell(index)
        return self._display[found.spec.id] if found is not None and found.spec else ""

    def severity_at(self, index: AnyIndex) -> Severity | None:
        """The most severe finding at a value cell (what its mark shows)."""
        found = self.cell(index)
        return self._marks.get(found.spec.id) if found is not None and found.spec else None

    def last_year_text(self, index: AnyIndex) -> str:
        """Last year's value of a value cell, to show beside this year's ('' when last year's
        report is not linked, or the value was 0 or not filled)."""
        found = self.cell(index)
        return self._previous.get(found.spec.id, "") if found is not None and found.spec else ""

    def index_of(self, spec_id: str) -> QModelIndex:
        found = self.layout.value_cell(spec_id)
        return self.index(found.row, found.col)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        found = self.cell(index)
        if found is None or found.spec is None:
            return _NO_FLAGS
        return _TYPED if found.editable and not self.session.read_only else _SHOWN

    # Data --------------------------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        found = self.cell(index)
        if found is None:
            return None
        if found.spec is None:
            return self._label_data(found, role)
        return self._value_data(found, role)

    def _label_data(self, found: GridCell, role: int) -> Any:
        if role in (_DISPLAY, _TOOLTIP):
            return found.text
        if role == _ALIGN:
            return _LEFT if found.role is CellRole.LABEL else _CENTER
        if role == _BACKGROUND and found.role is not CellRole.LABEL:
            return HEADER_BACKGROUND
        return None

    def _value_data(self, found: GridCell, role: int) -> Any:
        spec = found.spec
        assert spec is not None
        if role in (_DISPLAY, _EDIT):
            return self._display[spec.id]
        if role == _ALIGN:
            return _RIGHT
        if role == _TOOLTIP:
            return self._tooltip(found)
        if role == _ACCESSIBLE:
            return f"{spec.place_name} {self._display[spec.id] or '未填写'}"
        return self._total_data(role) if spec.computed else None

    def _total_data(self, role: int) -> Any:
        """Totals look different: shaded and italic (and say so in the tooltip)."""
        if role == _BACKGROUND:
            return TOTAL_BACKGROUND
        return self._total_font if role == _FONT else None

    def _tooltip(self, found: GridCell) -> str:
        assert found.spec is not None
        lines = [found.spec.place_name]
        if found.spec.computed:
            lines.append(TOTAL_HINT)
        before = self.session.last_year_values
        if before is not None:
            now = self.session.values[found.spec.id]
            lines.append(compared_with_last_year(now, before[found.spec.id]))
        for finding in self.session.findings_at(found.spec.id):
            lines.append(f"{finding.severity.label}：{finding.message}")
        return "\n".join(lines)

    def setData(self, index: AnyIndex, value: Any, role: int = _EDIT) -> bool:
        found = self.cell(index)
        if role != _EDIT or found is None or not found.editable:
            return False
        assert found.spec is not None
        try:
            parsed = parse_cell(found.spec.kind, str(value))
        except CellValueError as error:
            self.entry_refused.emit(found.spec.id, f"{found.spec.place_name}：{error}，未填入")
            return False
        self.session.set_cells({found.spec.id: parsed})
        self.entry_taken.emit(found.spec.id)
        return True

    # Keeping up with the session ---------------------------------------------------------------

    def _prepare_values(self) -> None:
        values = self.session.values
        self._display = {
            cell.spec.id: format_value(values[cell.spec.id])
            for cell in self.layout.value_cells()
            if cell.spec is not None
        }

    def _prepare_marks(self) -> None:
        marks: dict[str, Severity] = {}
        for cell in self.layout.value_cells():
            assert cell.spec is not None
            severity = worst(self.session.findings_at(cell.spec.id))
            if severity is not None:
                marks[cell.spec.id] = severity
        self._marks = marks

    def _prepare_last_year(self) -> None:
        before = self.session.last_year_values or {}
        self._previous = {
            cell.spec.id: format_value(before[cell.spec.id])
            for cell in self.layout.value_cells()
            if cell.spec is not None and cell.spec.id in before and as_number(before[cell.spec.id])
        }

    def _last_year_changed(self) -> None:
        self._prepare_last_year()
        self._all_changed()

    def _values_changed(self) -> None:
        before = self._display
        self._prepare_values()
        self._cells_changed([key for key, text in self._display.items() if before[key] != text])

    def _findings_changed(self) -> None:
        before = self._marks
        self._prepare_marks()
        after = self._marks
        self._cells_changed(
            [key for key in before.keys() | after.keys() if before.get(key) != after.get(key)]
        )

    def _cells_changed(self, spec_ids: list[str]) -> None:
        """Only the cells whose text or mark changed are repainted (a keystroke changes a few
        cells of a table; repainting all of them costs more than a frame)."""
        for spec_id in spec_ids:
            index = self.index_of(spec_id)
            self.dataChanged.emit(index, index)

    def _all_changed(self) -> None:
        last = self.index(self.rowCount() - 1, self.columnCount() - 1)
        self.dataChanged.emit(self.index(0, 0), last)


def worst(findings: list[Finding]) -> Severity | None:
    """The most severe of some findings."""
    if not findings:
        return None
    return min((f.severity for f in findings), key=lambda s: s.rank)
