"""What the scripted GUI tests share: a prompter answering from queues, a window maker, helpers.

Fixtures using these (``home``, ``example``, ``windows``) are in ``conftest.py``.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from report_desktop.domain.model import Report
from report_desktop.interchange.report_import import ReportImport
from report_desktop.storage.autosave import Recovery
from report_desktop.storage.backups import Backup
from report_desktop.storage.codec import report_to_dict
from report_desktop.storage.lock import LockResult
from report_desktop.storage.paths import app_paths
from report_desktop.storage.settings import Settings
from report_desktop.ui.context import AppContext
from report_desktop.ui.grid_view import GridView
from report_desktop.ui.main_window import MainWindow
from report_desktop.ui.pages.table_page import TablePage
from report_desktop.ui.prompter import LockChoice, RecoveryAction, SaveChoice

NEW = "table3.new_applications.natural_person"
DISCLOSED = "table3.disclosed.natural_person"


class ScriptedPrompter:
    """Answers from queues filled by the test; records every question."""

    def __init__(self) -> None:
        self.answers: dict[str, deque[Any]] = {}
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def script(self, question: str, *answers: Any) -> None:
        self.answers.setdefault(question, deque()).extend(answers)

    def asked(self, question: str) -> list[tuple[Any, ...]]:
        return [args for name, args in self.calls if name == question]

    def _answer(self, question: str, default: Any, *args: Any) -> Any:
        self.calls.append((question, args))
        queue = self.answers.get(question)
        return queue.popleft() if queue else default

    def ask_save_changes(self, name: str) -> SaveChoice:
        return self._answer("ask_save_changes", SaveChoice.DISCARD, name)  # type: ignore[no-any-return]

    def ask_lock(self, result: LockResult) -> LockChoice:
        return self._answer("ask_lock", LockChoice.CANCEL, result)  # type: ignore[no-any-return]

    def ask_recovery(self, items: list[Recovery]) -> tuple[RecoveryAction, Recovery | None]:
        answer = self._answer("ask_recovery", RecoveryAction.LATER, items)
        return answer, (items[0] if items else None)

    def choose_backup(self, draft: Path, backups: list[Backup]) -> Backup | None:
        index = self._answer("choose_backup", None, draft, backups)
        return None if index is None else backups[index]

    def open_path(self, folder: str) -> Path | None:
        return self._answer("open_path", None, folder)  # type: ignore[no-any-return]

    def import_path(self, folder: str) -> Path | None:
        return self._answer("import_path", None, folder)  # type: ignore[no-any-return]

    def confirm_import(self, result: ReportImport, accept: str) -> bool:
        return self._answer("confirm_import", True, result, accept)  # type: ignore[no-any-return]

    def save_path(self, folder: str, name: str) -> Path | None:
        return self._answer("save_path", None, folder, name)  # type: ignore[no-any-return]

    def edit_preferences(self, settings: Settings) -> Settings | None:
        return self._answer("edit_preferences", None, settings)  # type: ignore[no-any-return]

    def show_error(self, title: str, message: str) -> None:
        self._answer("show_error", None, title, message)

    def show_info(self, title: str, message: str, details: str = "") -> None:
        self._answer("show_info", None, title, message, details)

    def confirm(self, title: str, message: str, yes: str, no: str) -> bool:
        return self._answer("confirm", False, title, message, yes, no)  # type: ignore[no-any-return]


class Windows:
    """Makes main windows as the program does, each with its own scripted prompter."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.made: list[MainWindow] = []

    def __call__(
        self, path: Path | None = None, prompter: ScriptedPrompter | None = None
    ) -> MainWindow:
        paths = app_paths().ensure()
        window = MainWindow(AppContext.load(paths), prompter or ScriptedPrompter())
        self.qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow)
        window.open_at_start(path)
        self.made.append(window)
        return window


def prompter_of(window: MainWindow) -> ScriptedPrompter:
    assert isinstance(window.prompter, ScriptedPrompter)
    return window.prompter


def grid(window: MainWindow, page: str = "requests") -> GridView:
    window.nav.show_page(page)
    shown = window.stack.current_page()
    assert isinstance(shown, TablePage)
    return shown.view


def send_text(widget: QWidget, text: str) -> None:
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def enter_cell(qtbot: QtBot, view: GridView, spec_id: str, text: str) -> None:
    view.select_spec(spec_id)
    qtbot.waitUntil(view.hasFocus)
    send_text(view, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    send_text(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def same_report(a: Report, b: Report) -> bool:
    return report_to_dict(a) == report_to_dict(b)


# Entry and live checks -------------------------------------------------------------------------
