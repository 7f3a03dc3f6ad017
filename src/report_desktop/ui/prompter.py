"""Every modal question the program asks goes through a :class:`Prompter`.

:class:`QtPrompter` asks with dialogs; tests hand the window a scripted prompter instead, so no
dialog ever blocks a test.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox

    from ..interchange.report_import import ReportImport
    from ..workflow.files import Backup, LockResult, Recovery
    from ..workflow.settings import Settings

DRAFT_FILTER = "报告草稿 (*.json);;所有文件 (*)"
OPEN_FILTER = "报告草稿 (*.json *.pdf);;草稿文件 (*.json);;本程序导出的 PDF (*.pdf);;所有文件 (*)"
"""Opening also takes a PDF the program exported: it carries its draft."""
LAST_YEAR_FILTER = (
    "上年报告 (*.json *.html *.htm *.docx);;报告草稿 (*.json);;"
    "已发布的报告（网页、Word 文件） (*.html *.htm *.docx);;所有文件 (*)"
)
"""Last year's report may also be the published web page or Word file (it is imported)."""
IMPORT_FILTER = (
    "报告文件 (*.html *.htm *.shtml *.mht *.docx *.pdf *.csv *.xlsx);;"
    "保存的网页 (*.html *.htm *.shtml *.mht);;Word 文件 (*.docx);;本程序导出的 PDF (*.pdf);;"
    "单元格表格 (*.csv *.xlsx);;所有文件 (*)"
)


class SaveChoice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class LockChoice(enum.Enum):
    READ_ONLY = "read_only"
    TAKE_OVER = "take_over"
    CANCEL = "cancel"


class RecoveryAction(enum.Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class Prompter(Protocol):
    def ask_save_changes(self, name: str) -> SaveChoice: ...

    def ask_lock(self, result: LockResult) -> LockChoice: ...

    def ask_recovery(self, items: list[Recovery]) -> tuple[RecoveryAction, Recovery | None]: ...

    def choose_backup(self, draft: Path, backups: list[Backup]) -> Backup | None: ...

    def open_path(self, folder: str) -> Path | None: ...

    def save_path(self, folder: str, name: str) -> Path | None: ...

    def last_year_path(self, folder: str) -> Path | None: ...

    def import_path(self, folder: str) -> Path | None: ...

    def confirm_import(self, result: ReportImport, accept: str) -> bool: ...

    def edit_preferences(self, settings: Settings) -> Settings | None: ...

    def show_error(self, title: str, message: str) -> None: ...

    def show_info(self, title: str, message: str, details: str = "") -> None: ...

    def confirm(self, title: str, message: str, yes: str, no: str) -> bool: ...

    def export_path(self, title: str, folder: str, name: str, file_filter: str) -> Path | None: ...

    def setup_printer(self, printer: QPrinter, pages: int) -> bool:
        """Let the clerk choose the printer, pages, copies (``pages``: 0 when not known yet)."""
        ...


class QtPrompter:
    """Asks with dialogs, parented to the main window (dialog classes load when first asked)."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def ask_save_changes(self, name: str) -> SaveChoice:
        from PySide6.QtWidgets import QMessageBox

        box = self._box(QMessageBox.Icon.Warning, "保存修改", f"“{name}”有未保存的修改。")
        box.setInformativeText("关闭前是否保存？不保存则本次的修改会丢失。")
        choices = (SaveChoice.SAVE, SaveChoice.DISCARD, SaveChoice.CANCEL)
        return choices[self._three_way(box, ("保存", "不保存", "取消"))]

    def ask_lock(self, result: LockResult) -> LockChoice:
        from PySide6.QtWidgets import QMessageBox

        from ..workflow.files import LockState

        if result.state is LockState.STALE:  # nobody is editing it: editing is the default
            box = self._box(QMessageBox.Icon.Question, "草稿的锁文件无效", result.message)
            box.setInformativeText(f"草稿：{result.draft_path}")
            choices = (LockChoice.TAKE_OVER, LockChoice.READ_ONLY, LockChoice.CANCEL)
            return choices[self._three_way(box, ("接管编辑", "只读打开", "取消"))]
        box = self._box(QMessageBox.Icon.Warning, "草稿正在别处编辑", result.message)
        box.setInformativeText(f"草稿：{result.draft_path}")
        choices = (LockChoice.READ_ONLY, LockChoice.TAKE_OVER, LockChoice.CANCEL)
        return choices[self._three_way(box, ("只读打开", "接管", "取消"))]

    def ask_recovery(self, items: list[Recovery]) -> tuple[RecoveryAction, Recovery | None]:
        from .dialogs import RecoveryDialog

        return RecoveryDialog(items, self.parent).ask()

    def choose_backup(self, draft: Path, backups: list[Backup]) -> Backup | None:
        from .dialogs import BackupDialog

        return BackupDialog(draft, backups, self.parent).ask()

    def open_path(self, folder: str) -> Path | None:
        return self._open("打开草稿", folder, OPEN_FILTER)

    def last_year_path(self, folder: str) -> Path | None:
        title = "选择上年的报告（草稿，或已发布的网页、Word 文件）"
        return self._open(title, folder, LAST_YEAR_FILTER)

    def import_path(self, folder: str) -> Path | None:
        title = "导入报告（网页、Word 文件、PDF 或单元格表格）"
        return self._open(title, folder, IMPORT_FILTER)

    def confirm_import(self, result: ReportImport, accept: str) -> bool:
        from PySide6.QtWidgets import QDialog

        from .importing import summary_dialog

        return summary_dialog(result, accept, self.parent).exec() == QDialog.DialogCode.Accepted

    def save_path(self, folder: str, name: str) -> Path | None:
        chosen = self._save("草稿另存为", folder, name, DRAFT_FILTER)
        if chosen is None:
            return None
        return chosen if chosen.suffix else chosen.with_suffix(".json")

    def edit_preferences(self, settings: Settings) -> Settings | None:
        from .dialogs import PreferencesDialog

        return PreferencesDialog(settings, self.parent).ask()

    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self._box(QMessageBox.Icon.Critical, title, message).exec()

    def show_info(self, title: str, message: str, details: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        box = self._box(QMessageBox.Icon.Information, title, message)
        if details:
            box.setDetailedText(details)
        box.exec()

    def confirm(self, title: str, message: str, yes: str, no: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = self._box(QMessageBox.Icon.Question, title, message)
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is accept

    def export_path(self, title: str, folder: str, name: str, file_filter: str) -> Path | None:
        return self._save(title, folder, name, file_filter, Path(name).suffix.lstrip("."))

    def _open(self, title: str, folder: str, file_filter: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        from .file_dialogs import file_dialog

        dialog = file_dialog(self.parent, title, folder, file_filter)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def _save(
        self, title: str, folder: str, name: str, file_filter: str, suffix: str = ""
    ) -> Path | None:
        """``suffix``: added to a name typed without one (the dialog then asks to overwrite)."""
        from PySide6.QtWidgets import QFileDialog

        from .file_dialogs import file_dialog

        start = str(Path(folder) / name) if folder else name
        dialog = file_dialog(self.parent, title, start, file_filter)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        if suffix:
            dialog.setDefaultSuffix(suffix)
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def setup_printer(self, printer: QPrinter, pages: int) -> bool:
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle("打印")
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        if pages > 0:
            dialog.setMinMax(1, pages)
        return dialog.exec() == QPrintDialog.DialogCode.Accepted

    @staticmethod
    def _three_way(box: QMessageBox, labels: tuple[str, str, str]) -> int:
        """Ask with three buttons — go ahead (default), the destructive way, cancel (Esc) — and
        return the index of the one clicked; closing the box counts as cancel."""
        from PySide6.QtWidgets import QMessageBox

        roles = (
            QMessageBox.ButtonRole.AcceptRole,
            QMessageBox.ButtonRole.DestructiveRole,
            QMessageBox.ButtonRole.RejectRole,
        )
        buttons = [box.addButton(label, role) for label, role in zip(labels, roles, strict=True)]
        box.setDefaultButton(buttons[0])
        box.setEscapeButton(buttons[2])
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, button in enumerate(buttons) if button is clicked), 2)

    def _box(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton.NoButton
        if icon in (QMessageBox.Icon.Critical, QMessageBox.Icon.Information):
            buttons = QMessageBox.StandardButton.Ok
        return QMessageBox(icon, title, text, buttons, self.parent)
