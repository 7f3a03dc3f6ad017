"""The open report: its undo stack, modified flag, computed totals and live findings."""

from __future__ import annotations

import copy
import functools
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..domain.crossyear import DEFAULTS, CheckOptions
from ..domain.findings import Finding, sort_findings
from ..domain.model import LastYearLink, Report, TextItem, resolved_values
from ..domain.rules import check
from ..domain.values import CellValue
from ..storage.autosave import new_session_id
from ..storage.last_year import rebase_link
from .commands import (
    ApplyCommand,
    CellChanges,
    FieldChange,
    SetFieldCommand,
    cells_command,
)
from .fields import FieldValue, get_field, items_of, set_field
from .last_year import NO_LAST_YEAR, LastYear, LinkState
from .preface import PREFACE, followed_preface

VALIDATION_DELAY_MS = 150
"""Checks run this long after the last keystroke in a text field (cells are checked at once)."""


class ReportSession(QObject):
    """One open report. Forms change it only through ``set_*``; every change is undoable."""

    cells_changed = Signal()
    """Typed cells changed (totals are recomputed already)."""
    field_changed = Signal(str)
    """A field changed (by undo, redo or a programmatic change); the argument is its key."""
    items_changed = Signal(str)
    """A list of text items changed shape; the argument is ``overview_parts`` or ``other_items``."""
    findings_changed = Signal()
    modified_changed = Signal(bool)
    path_changed = Signal()
    changed = Signal()
    """Anything in the report changed (for autosave and the like)."""
    last_year_changed = Signal()
    """Last year's report, the link to it or its notice changed."""

    def __init__(
        self,
        report: Report,
        path: Path | None = None,
        *,
        read_only: bool = False,
        modified: bool = False,
        session_id: str = "",
        parent: QObject | None = None,
    ) -> None:
        """``modified``: the report differs from its file already (restored from an autosave or
        a backup); ``session_id`` names its autosave (a new one when empty)."""
        super().__init__(parent)
        self._report = report
        self._path = path
        self._read_only = read_only
        self._restored = modified
        self.session_id = session_id or new_session_id()
        self._values = resolved_values(report)
        self._findings: list[Finding] = []
        self._by_place: dict[str, list[Finding]] = {}
        self._last_year = NO_LAST_YEAR
        self._last_values: dict[str, CellValue] | None = None
        self._options = DEFAULTS
        self.revision = 0
        """Counts every change applied (undo and redo included)."""
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATION_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        self.validate_now()

    # State -------------------------------------------------------------------------------------

    @property
    def report(self) -> Report:
        """The live report; never change it directly, use ``set_*``."""
        return self._report

    def snapshot(self) -> Report:
        """A copy of the report, safe to hand to storage or another thread."""
        return self._report.copy()

    def snapshot_for(self, path: Path) -> Report:
        """A copy to be saved at ``path``: the link to last year's report made relative to it."""
        report = self._report.copy()
        if report.last_year_link is not None:
            report.last_year_link = rebase_link(report.last_year_link, self._path, path)
        return report

    @property
    def values(self) -> dict[str, CellValue]:
        """Every cell's value, computed totals included."""
        return self._values

    @property
    def findings(self) -> list[Finding]:
        return self._findings

    def findings_at(self, place: str) -> list[Finding]:
        return self._by_place.get(place, [])

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def read_only(self) -> bool:
        return self._read_only

    def is_modified(self) -> bool:
        return self._restored or not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        """The report was written to ``path``: it is now the clean state."""
        if self._report.last_year_link is not None:
            self._report.last_year_link = rebase_link(self._report.last_year_link, self._path, path)
        self.set_path(path)
        self._read_only = False
        was_modified = self.is_modified()
        self._restored = False
        self.undo_stack.setClean()
        if was_modified:
            self.modified_changed.emit(False)

    def set_path(self, path: Path | None) -> None:
        if path != self._path:
            self._path = path
            self.path_changed.emit()

    # Changes (undoable) ------------------------------------------------------------------------

    def set_cells(self, new_values: dict[str, CellValue], text: str = "") -> bool:
        """Change typed cells in one undo step; returns False when nothing changes."""
        changes: CellChanges = {}
        for key, value in new_values.items():
            old = self._report.cells.get(key)
            if old != value or type(old) is not type(value):
                changes[key] = (old, value)
        if not changes or self._read_only:
            return False
        self.undo_stack.push(cells_command(self, changes, text or self._cells_text(changes)))
        return True

    def set_field(
        self, key: str, value: FieldValue, mergeable: bool = True, text: str = ""
    ) -> None:
        old = get_field(self._report, key)
        if old == value or self._read_only:
            return
        preface = followed_preface(self._report, key, value)
        follower = None if preface is None else FieldChange(PREFACE, self._report.preface, preface)
        command = SetFieldCommand(
            self, key, old, value, text=text or "修改文字", mergeable=mergeable, follower=follower
        )
        self.undo_stack.push(command)

    def set_items(self, list_name: str, items: list[TextItem], text: str) -> None:
        before = copy.deepcopy(items_of(self._report, list_name))
        if before == items or self._read_only:
            return
        apply = functools.partial(self.apply_items, list_name)
        self.undo_stack.push(ApplyCommand(text, apply, before, copy.deepcopy(items)))

    # Applied by the undo commands --------------------------------------------------------------

    def apply_cells(self, new_values: dict[str, CellValue]) -> None:
        for key, value in new_values.items():
            if value is None:
                self._report.cells.pop(key, None)
            else:
                self._report.cells[key] = value
        self._values = resolved_values(self._report)
        self._touched()
        self.cells_changed.emit()
        self.validate_now()

    def apply_field(self, key: str, value: FieldValue) -> None:
        set_field(self._report, key, value)
        self._touched()
        self.field_changed.emit(key)
        self.schedule_validation()

    def apply_items(self, list_name: str, items: list[TextItem]) -> None:
        setattr(self._report, list_name, copy.deepcopy(items))
        self._touched()
        self.items_changed.emit(list_name)
        self.validate_now()

    # Last year's report -------------------------------------------------------------------------

    @property
    def last_year(self) -> LastYear:
        return self._last_year

    @property
    def last_year_values(self) -> dict[str, CellValue] | None:
        """Every cell of last year's report (totals included), or None without one."""
        return self._last_values

    def set_last_year(self, last_year: LastYear) -> None:
        """Last year's report as read for the current link (not a change of the draft)."""
        self._last_year = last_year
        report = last_year.report
        self._last_values = resolved_values(report) if report is not None else None
        self.last_year_changed.emit()
        self.validate_now()

    def change_link(self, link: LastYearLink | None, last_year: LastYear, text: str) -> None:
        """Link to another report (or none, with ``link`` None), as an undoable change."""
        if self._read_only:
            return
        if link == self._report.last_year_link:
            self.set_last_year(last_year)
            return
        before = LinkState(self._report.last_year_link, self._path, self._last_year)
        after = LinkState(link, self._path, last_year)
        self.undo_stack.push(ApplyCommand(text, self.apply_link, before, after))

    def apply_link(self, state: LinkState) -> None:
        link = state.link
        self._report.last_year_link = (
            None if link is None else rebase_link(link, state.base, self._path)
        )
        self._touched()
        self.set_last_year(state.last_year)

    def set_check_options(self, options: CheckOptions) -> None:
        if options != self._options:
            self._options = options
            self.validate_now()

    # Validation --------------------------------------------------------------------------------

    def schedule_validation(self) -> None:
        """Check again after a short pause (typing in a text field)."""
        self._timer.start()

    def validate_now(self) -> None:
        self._timer.stop()
        findings = check(self._report, self._last_year.report, self._options)
        notice = self._last_year.finding()
        if notice is not None:
            findings = sort_findings([*findings, notice])
        by_place: dict[str, list[Finding]] = {}
        for finding in findings:
            for place in finding.cells:
                by_place.setdefault(place, []).append(finding)
        self._findings = findings
        self._by_place = by_place
        self.findings_changed.emit()

    def validation_pending(self) -> bool:
        return self._timer.isActive()

    # Internals ---------------------------------------------------------------------------------

    def _touched(self) -> None:
        self.revision += 1
        self.changed.emit()

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(self.is_modified())

    def _cells_text(self, changes: CellChanges) -> str:
        if len(changes) == 1:
            spec = self._report.format.cell(next(iter(changes)))
            return f"填写{spec.place_name}"
        return f"修改 {len(changes)} 个单元格"
