"""文件 → 导入… and the summary a clerk sees before an imported report opens.

The import itself is :func:`report_desktop.interchange.report_import.import_file`, the same
workflow the command line runs; this module only asks for the file, shows the summary (cells
filled, blanks, labels matched by a variant, totals that disagree, what could not be placed) and
hands the draft to the window. 从上年报告新建 uses :meth:`Imports.review` for a web page or Word
file picked as last year's report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from ..workflow.files import DOCUMENT_SUFFIXES, IMPORTED_SUFFIXES, opens_by_import
from .actions import action
from .context import AppContext
from .drafts import Drafts
from .prompter import Prompter
from .window_part import WindowPart

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from ..interchange.report_import import ReportImport

__all__ = [
    "DOCUMENT_SUFFIXES",
    "IMPORTED_SUFFIXES",
    "Imports",
    "opens_by_import",
    "summary_dialog",
]


def summary_dialog(result: ReportImport, accept: str, parent: QWidget | None = None) -> QDialog:
    """The summary before the draft opens, with every item behind it; 取消 keeps everything."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle("导入摘要")
    layout = QVBoxLayout(dialog)
    intro = QLabel("导入前请过目：数字已逐格读出，下列情况请在草稿中核对。选“取消”则不做任何改动。")
    intro.setWordWrap(True)
    layout.addWidget(intro)
    summary = QLabel("\n".join(result.summary_lines()))
    summary.setWordWrap(True)
    summary.setObjectName("import-summary")
    layout.addWidget(summary)
    details = result.detail_lines()
    if details:
        layout.addWidget(QLabel("明细（含在原文中的位置）："))
        text = QPlainTextEdit("\n".join(details))
        text.setReadOnly(True)
        text.setObjectName("import-details")
        layout.addWidget(text, 1)
    box = QDialogButtonBox()
    box.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    layout.addWidget(box)
    dialog.resize(640, 420 if details else 220)
    return dialog


class Imports(WindowPart):
    """文件 → 导入…: import a file, show the summary, open it as a new unsaved draft."""

    def __init__(
        self, window: QMainWindow, ctx: AppContext, drafts: Drafts, prompter: Prompter
    ) -> None:
        super().__init__(window, ctx, drafts, prompter)
        self.action: QAction = action(
            window,
            "导入(&I)…",
            self.import_dialog,
            tip="从已发布的报告（保存的网页、Word 文件）、本程序导出的 PDF 或单元格表格新建草稿",
        )

    def import_dialog(self) -> bool:
        path = self.prompter.import_path(self.drafts.folder())
        if path is None:
            return False
        self.ctx.used_file(path)
        return self.import_path(path)

    def import_path(self, path: Path) -> bool:
        result = self.review(path, "打开为新草稿")
        if result is None or not self.drafts.new_from(result.report):
            return False
        self.message.emit(f"已从“{path.name}”导入为新草稿；请核对后保存")
        return True

    def review(self, path: Path, accept: str) -> ReportImport | None:
        """Import ``path`` and let the clerk see the summary; None when refused or cancelled."""
        from ..interchange.report_import import ImportRefused, import_file

        try:
            result = import_file(path)
        except ImportRefused as error:
            self.prompter.show_error("无法导入", error.message)
            return None
        if not result.ok:
            self.prompter.show_error("无法导入", "\n".join(result.errors))
            return None
        return result if self.prompter.confirm_import(result, accept) else None
