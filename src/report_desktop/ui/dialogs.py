"""Dialogs that collect a choice: recovering autosaved work, opening a backup, preferences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..workflow.files import Backup, Recovery
from ..workflow.settings import SPECS, Settings, SettingsValueError, Spec, changed
from .prompter import RecoveryAction


def local_time(moment: dt.datetime | None, missing: str = "—") -> str:
    if moment is None:
        return missing
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    if rows:
        table.selectRow(0)
    return table


def _fit_width(table: QTableWidget, stretched: tuple[int, ...]) -> None:
    """No sideways scrolling: the ``stretched`` columns share the width left by the others and
    elide their text in the middle (the whole text is in each cell's tooltip)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for col in range(table.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if col in stretched
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(col, mode)
    table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    table.setWordWrap(False)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def _accept_or_cancel(dialog: QDialog, accept: str, on_accept: Callable[[], None]) -> QWidget:
    box = QDialogButtonBox()
    box.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(on_accept)
    box.rejected.connect(dialog.reject)
    return box


class RecoveryDialog(QDialog):
    """Unsaved work found from an earlier run: restore it, discard it, or decide later."""

    def __init__(self, items: list[Recovery], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("恢复未保存的工作")
        self.items = items
        self.action = RecoveryAction.LATER
        layout = QVBoxLayout(self)
        intro = QLabel(
            "上次运行时有未保存的修改被自动保存了下来。请选择一项恢复或丢弃；"
            "选“以后再说”则保留这些文件，下次启动时再询问。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        headers = ["草稿", "自动保存时间", "草稿文件保存时间", "状态"]
        self.table = _table(headers, [_recovery_row(item) for item in items])
        _fit_width(self.table, stretched=(0, 3))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.restore_button = self._button("恢复", RecoveryAction.RESTORE, buttons)
        self.discard_button = self._button("丢弃", RecoveryAction.DISCARD, buttons)
        buttons.addStretch(1)
        self._button("以后再说", RecoveryAction.LATER, buttons)
        self.restore_button.setDefault(True)
        layout.addLayout(buttons)
        self.resize(760, 320)
        self._selection_changed()

    def _button(self, text: str, action: RecoveryAction, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.choose(action))
        row.addWidget(button)
        return button

    def selected(self) -> Recovery | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def choose(self, action: RecoveryAction) -> None:
        self.action = action
        self.accept()

    def _selection_changed(self) -> None:
        item = self.selected()
        self.restore_button.setEnabled(item is not None and item.error is None)
        self.discard_button.setEnabled(item is not None)

    def ask(self) -> tuple[RecoveryAction, Recovery | None]:
        self.exec()
        return self.action, self.selected()


def _recovery_row(item: Recovery) -> list[str]:
    name = "未命名报告（从未保存）" if item.draft_path is None else str(item.draft_path)
    if item.error is not None:
        state = f"无法恢复：{item.error}"
    elif item.draft_path is not None and item.draft_saved_at is None:
        state = "草稿文件已不存在"
    else:
        state = "比草稿文件新" if item.draft_path is not None else "从未保存"
    missing = "（无）" if item.draft_path is None else "（文件不存在）"
    return [name, local_time(item.autosaved_at), local_time(item.draft_saved_at, missing), state]


class BackupDialog(QDialog):
    """The backups of the open draft, newest first: open one in place of the current text."""

    def __init__(self, draft: Path, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.backups = backups
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"草稿“{draft.name}”每次保存前都会备份原来的版本。选择一个版本打开，"
            "核对后保存即可替换草稿（保存前当前版本也会被备份）。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = [
            [local_time(b.saved_at), local_time(b.backed_up_at), f"{b.size / 1024:.1f} KB"]
            for b in backups
        ]
        self.table = _table(["该版本保存于", "备份于", "大小"], rows)
        self.table.doubleClicked.connect(self.accept)
        layout.addWidget(self.table, 1)
        layout.addWidget(_accept_or_cancel(self, "打开所选备份", self.accept))
        self.resize(560, 320)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def ask(self) -> Backup | None:
        return self.selected() if self.exec() == QDialog.DialogCode.Accepted else None


class PreferencesDialog(QDialog):
    """首选项: a row for every setting declared editable (:data:`SPECS`), checked on 确定."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("首选项")
        self.settings = settings
        self.numbers: dict[str, QSpinBox] = {}
        self.texts: dict[str, QLineEdit] = {}
        self.checks: dict[str, QCheckBox] = {}
        form = QFormLayout(self)
        group = ""
        for name, spec in SPECS.items():
            if spec.edit and spec.group and spec.group != group:
                heading = QLabel(
                    f"{spec.group}：" if not spec.group.endswith("提示") else spec.group
                )
                heading.setWordWrap(True)
                form.addRow(heading)
            group = spec.group if spec.edit else group
            if spec.edit:
                self._add_row(form, name, spec, getattr(settings, name))
        self.problem = QLabel()
        self.problem.setObjectName("preferences-problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        form.addRow(self.problem)
        form.addRow(_accept_or_cancel(self, "确定", self._accept))

    def _add_row(self, form: QFormLayout, name: str, spec: Spec, value: Any) -> None:
        prompt = spec.prompt or spec.label
        if spec.edit == "check":
            check = QCheckBox(prompt)
            check.setChecked(bool(value))
            check.setToolTip(spec.help)
            self.checks[name] = check
            form.addRow("", check)
        elif spec.edit == "folder":
            self.texts[name] = line = QLineEdit(str(value))
            line.setPlaceholderText(spec.none_text)
            line.setToolTip(spec.help)
            browse = QPushButton("浏览…")
            browse.clicked.connect(lambda: self._browse(line, prompt))
            row = QHBoxLayout()
            row.addWidget(line, 1)
            row.addWidget(browse)
            form.addRow(f"{prompt}：", row)
        else:
            self.numbers[name] = box = _number_box(spec, int(value))
            form.addRow(f"{prompt}：", box)

    def _browse(self, line: QLineEdit, prompt: str) -> None:
        folder = QFileDialog.getExistingDirectory(self, f"选择{prompt}", line.text())
        if folder:
            line.setText(folder)

    def result_settings(self) -> Settings:
        """The settings as edited; raises :class:`SettingsValueError` with the reason."""
        values: dict[str, Any] = {name: box.value() for name, box in self.numbers.items()}
        values.update({name: line.text().strip() for name, line in self.texts.items()})
        values.update({name: check.isChecked() for name, check in self.checks.items()})
        return changed(self.settings, **values)

    def _accept(self) -> None:
        try:
            self.result_settings()
        except SettingsValueError as error:  # stays open, says why; nothing is lost
            self.problem.setText(error.message)
            self.problem.show()
            return
        self.accept()

    def ask(self) -> Settings | None:
        if self.exec() == QDialog.DialogCode.Accepted:
            return self.result_settings()
        return None


def _number_box(spec: Spec, value: int) -> QSpinBox:
    box = QSpinBox()
    assert spec.low is not None and spec.high is not None
    box.setRange(spec.low, spec.high)
    box.setSuffix(spec.unit)
    if spec.none_text:
        box.setSpecialValueText(spec.none_text)
    box.setValue(value)
    box.setToolTip(spec.help)
    return box
