"""Dialogs, the real prompter (answered by a timer, never blocking), translations, start-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from report_desktop import gui
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import new_report
from report_desktop.session.report_session import ReportSession
from report_desktop.storage.autosave import Recovery
from report_desktop.storage.backups import Backup
from report_desktop.storage.lock import LockOwner, LockResult, LockState
from report_desktop.storage.settings import SPECS, Settings
from report_desktop.ui.dialogs import BackupDialog, PreferencesDialog, RecoveryDialog
from report_desktop.ui.grid_model import GridModel
from report_desktop.ui.grid_view import GridView
from report_desktop.ui.prompter import LockChoice, QtPrompter, RecoveryAction, SaveChoice

NOW = dt.datetime(2025, 1, 20, 8, 30, tzinfo=dt.UTC)


def click_when_shown(qtbot: QtBot, text: str) -> None:
    """Click the button labelled ``text`` in the next modal dialog, once it is shown."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, click)
            return
        buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
        assert buttons, [b.text() for b in dialog.findChildren(QPushButton)]
        buttons[0].click()

    QTimer.singleShot(0, click)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(
    ("button", "choice"),
    [("保存", SaveChoice.SAVE), ("不保存", SaveChoice.DISCARD), ("取消", SaveChoice.CANCEL)],
)
def test_save_question_buttons(
    qtbot: QtBot, parent: QWidget, button: str, choice: SaveChoice
) -> None:
    click_when_shown(qtbot, button)
    assert QtPrompter(parent).ask_save_changes("报告.json") is choice


@pytest.mark.parametrize(
    ("button", "choice"),
    [
        ("只读打开", LockChoice.READ_ONLY),
        ("接管", LockChoice.TAKE_OVER),
        ("取消", LockChoice.CANCEL),
    ],
)
def test_lock_question_buttons(
    qtbot: QtBot, parent: QWidget, tmp_path: Path, button: str, choice: LockChoice
) -> None:
    owner = LockOwner("pc-17", "clerk", 4242, NOW)
    result = LockResult(
        LockState.HELD_BY_OTHER, tmp_path / "a.json", tmp_path / ".~a.json.lock", owner
    )
    click_when_shown(qtbot, button)
    assert QtPrompter(parent).ask_lock(result) is choice


def test_error_box_uses_the_chinese_ok_button(qtbot: QtBot, parent: QWidget) -> None:
    assert gui.install_translations(QApplication.instance())  # type: ignore[arg-type]
    seen: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, close)
            return
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        box.accept()

    QTimer.singleShot(0, close)
    QtPrompter(parent).show_error("草稿文件已损坏", "文件在第 3 行中断。")
    assert seen[0] == "文件在第 3 行中断。"
    assert any("确定" in text for text in seen[1:])


def test_qt_texts_are_translated(qtbot: QtBot) -> None:
    assert gui.install_translations(QApplication.instance())  # type: ignore[arg-type]
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def recovery(tmp_path: Path, **changes: object) -> Recovery:
    values: dict[str, object] = {
        "path": tmp_path / "a.autosave.json",
        "draft_path": tmp_path / "草稿.json",
        "autosaved_at": NOW,
        "draft_saved_at": NOW - dt.timedelta(hours=1),
        "session_id": "abc",
    }
    values.update(changes)
    return Recovery(**values)  # type: ignore[arg-type]


def test_recovery_dialog_shows_both_times_and_choices(qtbot: QtBot, tmp_path: Path) -> None:
    items = [
        recovery(tmp_path),
        recovery(tmp_path, draft_path=None, draft_saved_at=None),
        recovery(tmp_path, draft_path=None, draft_saved_at=None, error="文件已损坏"),
    ]
    dialog = RecoveryDialog(items)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert table.rowCount() == 3
    row = [table.item(0, c).text() for c in range(4)]  # type: ignore[union-attr]
    assert row[1] == NOW.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert row[2] == (NOW - dt.timedelta(hours=1)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert row[3] == "比草稿文件新"
    assert table.item(1, 0).text().startswith("未命名报告")  # type: ignore[union-attr]
    table.selectRow(2)
    assert not dialog.restore_button.isEnabled() and dialog.discard_button.isEnabled()
    table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    dialog.discard_button.click()
    assert dialog.action is RecoveryAction.DISCARD and dialog.selected() is items[0]


def test_recovery_dialog_fits_without_sideways_scrolling(qtbot: QtBot, tmp_path: Path) -> None:
    deep = (
        tmp_path.joinpath(*["一个很长的文件夹名称"] * 12)
        / "二〇二四年政府信息公开工作年度报告.json"
    )
    long_error = "文件已损坏：" + "第 12 行第 3 列附近不是合法的 JSON。" * 6
    items = [recovery(tmp_path, draft_path=deep), recovery(tmp_path, error=long_error)]
    dialog = RecoveryDialog(items)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.horizontalScrollBar().maximum() == 0
    used = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert used <= table.viewport().width()
    assert table.item(0, 0).toolTip() == str(deep)  # type: ignore[union-attr]
    assert dialog.restore_button.isDefault()


def test_backup_dialog_lists_versions(qtbot: QtBot, tmp_path: Path) -> None:
    backups = [
        Backup(tmp_path / "2.json", NOW, 2048, NOW + dt.timedelta(minutes=5)),
        Backup(tmp_path / "1.json", NOW - dt.timedelta(days=1), 1024, NOW),
    ]
    dialog = BackupDialog(tmp_path / "草稿.json", backups)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "2.0 KB"  # type: ignore[union-attr]
    dialog.table.selectRow(1)
    assert dialog.selected() is backups[1]


def test_preferences_dialog_returns_new_settings(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Settings(autosave_seconds=60, backups_kept=10))
    qtbot.addWidget(dialog)
    dialog.numbers["autosave_seconds"].setValue(5)  # below the minimum: clamped by the box
    dialog.numbers["backups_kept"].setValue(0)
    dialog.texts["default_folder"].setText(" /tmp/reports ")
    chosen = dialog.result_settings()
    assert (chosen.autosave_seconds, chosen.backups_kept, chosen.default_folder) == (
        10,
        0,
        "/tmp/reports",
    )
    assert dialog.numbers["backups_kept"].text() == "不备份"


def test_preferences_dialog_refuses_a_relative_folder_and_says_why(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.texts["default_folder"].setText("报告/2024")
    dialog.show()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.accepted.emit()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "须是完整的文件夹路径" in dialog.problem.text() and dialog.problem.isVisible()
    assert dialog.texts["default_folder"].text() == "报告/2024"  # what was typed is kept
    dialog.texts["default_folder"].setText("")
    buttons.accepted.emit()
    assert not dialog.isVisible()


def test_preferences_dialog_has_a_row_for_every_editable_setting(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    edited = {*dialog.numbers, *dialog.texts, *dialog.checks}
    assert edited == {name for name, spec in SPECS.items() if spec.edit}
    assert dialog.numbers["autosave_seconds"].maximum() == SPECS["autosave_seconds"].high


def test_frozen_header_keeps_the_header_rows(qtbot: QtBot) -> None:
    session = ReportSession(new_report())
    view = GridView(GridModel(session, FORMAT_2021.table("table3")))
    qtbot.addWidget(view)
    view.resize(1100, 400)
    view.show()
    qtbot.waitExposed(view)
    assert view.frozen is not None
    frozen = view.frozen.top
    assert frozen.isVisible()
    assert all(view.isRowHidden(row) for row in range(3))
    assert not any(frozen.isRowHidden(row) for row in range(3))
    assert frozen.height() == frozen.height_needed() > 0
    assert view.viewport().geometry().top() >= frozen.height_needed()
    view.select_spec("table3.carried_forward.other_org")
    assert view.verticalScrollBar().value() > 0
    assert frozen.rowViewportPosition(0) == 0


def test_start_opens_the_draft_given(
    start_gui: Any, tmp_path: Path, example_draft_path: Path
) -> None:
    draft = tmp_path / "a.json"
    draft.write_bytes(example_draft_path.read_bytes())
    window = start_gui(draft)
    assert window.drafts.session.path == draft
    assert window.windowTitle().startswith("a.json")
    assert gui.draft_argument(["--x", "b.json"]) == Path("b.json")
    assert gui.draft_argument([]) is None
