"""The problems panel: every finding, grouped by severity with counts; a click jumps to it."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDockWidget, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from ..domain.findings import Finding, Severity
from ..session.report_session import ReportSession
from .marks import COLORS, SIGNS
from .places import finding_place_label, place_label

_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


class FindingItem(QTreeWidgetItem):
    def __init__(self, parent: QTreeWidgetItem, finding: Finding, place: str) -> None:
        super().__init__(parent, [finding.message, place])
        self.finding = finding
        self.setToolTip(0, finding.message)
        self.setToolTip(1, place)


class PlaceItem(QTreeWidgetItem):
    """Under a finding about a text that names table cells: one more place to jump to."""

    def __init__(self, parent: FindingItem, place: str, label: str) -> None:
        super().__init__(parent, [f"转到{label}", label])
        self.place = place
        self.setToolTip(0, f"转到{label}")


def _add_cell_places(session: ReportSession, item: FindingItem) -> None:
    """A text finding (「写“…”，表三…为 N 件」) jumps to the words; its children to the cells."""
    cells = item.finding.cells
    if len(cells) > 1 and cells[0].startswith("text."):
        for place in cells[1:]:
            PlaceItem(item, place, place_label(session.report, place))


def counts_text(findings: list[Finding]) -> str:
    """「错误 2 · 警告 1 · 提示 3」"""
    counts = {s: 0 for s in _ORDER}
    for finding in findings:
        counts[finding.severity] += 1
    return " · ".join(f"{SIGNS[s]} {s.label} {counts[s]}" for s in _ORDER)


class ProblemsPanel(QDockWidget):
    place_activated = Signal(str)
    """A finding was chosen: the id of its first place."""
    finding_activated = Signal(object)
    """The :class:`Finding` chosen, right after ``place_activated`` (to point inside a place)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("检查结果", parent)
        self.setObjectName("problems")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["问题", "位置"])
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 420)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        self.setWidget(self.tree)
        self._session: ReportSession | None = None
        self._items: list[QTreeWidgetItem] = []
        self._collapsed: set[Severity] = set()
        self._shown: list[Finding] | None = None

    def set_session(self, session: ReportSession) -> None:
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the old session may be gone
                self._session.findings_changed.disconnect(self.refresh)
        self._session = session
        self._shown = None
        session.findings_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        session = self._session
        if session is None or session.findings == self._shown:
            return
        self._shown = list(session.findings)
        self._remember_collapsed()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        self._items = []
        for severity in _ORDER:
            group = [f for f in session.findings if f.severity is severity]
            self._add_group(session, severity, group)
        self.tree.setUpdatesEnabled(True)
        self.setWindowTitle(f"检查结果（{counts_text(session.findings)}）")

    def _add_group(self, session: ReportSession, severity: Severity, group: list[Finding]) -> None:
        head = QTreeWidgetItem(self.tree, [f"{SIGNS[severity]} {severity.label}（{len(group)}）"])
        # A QColor, converted by Qt: a QBrush made here would set up QBrush's enums (4 ms).
        head.setForeground(0, COLORS[severity])
        head.setFirstColumnSpanned(True)
        self._items.append(head)
        for finding in group:
            item = FindingItem(head, finding, finding_place_label(session.report, finding))
            _add_cell_places(session, item)
            self._items.append(item)
        head.setExpanded(severity not in self._collapsed)

    def _remember_collapsed(self) -> None:
        for index, severity in enumerate(_ORDER):
            head = self.tree.topLevelItem(index)
            if head is None:
                return
            if head.isExpanded():
                self._collapsed.discard(severity)
            else:
                self._collapsed.add(severity)

    def finding_items(self) -> list[FindingItem]:
        return [item for item in self._items if isinstance(item, FindingItem)]

    def _chosen(self, item: QTreeWidgetItem, column: int = 0) -> None:
        if isinstance(item, PlaceItem):
            self.place_activated.emit(item.place)
        elif isinstance(item, FindingItem) and item.finding.cells:
            self.place_activated.emit(item.finding.cells[0])
            self.finding_activated.emit(item.finding)
