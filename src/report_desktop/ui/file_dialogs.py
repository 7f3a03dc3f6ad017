"""Qt's own file dialog, all in Chinese.

Qt's zh_CN catalogue (loaded by ``gui.install_translations``) lacks a few of the dialog's
strings, and the file list shows sizes and dates in the system locale ("0 bytes", "2.00 KiB",
"5 01 2026" where the desktop's locale is not Chinese). A translator supplies the missing
strings (see :mod:`.qt_supplement`); :class:`ChineseFileList` shows sizes and dates the Chinese
way. A platform's native dialog (when Qt uses one) is left as it is: it speaks the desktop's
language.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

SIZE_COLUMN, DATE_COLUMN = 1, 3
UNITS = ("KB", "MB", "GB", "TB")


def size_text(size: int) -> str:
    """「0 字节」「850 字节」「2.0 KB」「1.3 MB」, as Chinese desktops show file sizes."""
    if size < 1024:
        return f"{size} 字节"
    value = size / 1024
    for unit in UNITS:
        if value < 1024 or unit == UNITS[-1]:
            return f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


class ChineseFileList(QIdentityProxyModel):
    """The dialog's file list with sizes and dates written the Chinese way."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        source = self.sourceModel()
        column = index.column()
        display = role == Qt.ItemDataRole.DisplayRole
        if (
            display
            and column in (SIZE_COLUMN, DATE_COLUMN)
            and isinstance(source, QFileSystemModel)
        ):
            inner = self.mapToSource(index)
            if column == DATE_COLUMN:
                return self._locale.toString(source.lastModified(inner), "yyyy/M/d HH:mm")
            return "" if source.isDir(inner) else size_text(source.size(inner))
        return super().data(index, role)


def file_dialog(parent: QWidget | None, title: str, folder: str, file_filter: str) -> QFileDialog:
    """A file dialog starting in ``folder``, Chinese throughout when Qt draws it itself."""
    dialog = QFileDialog(parent, title, folder, file_filter)
    dialog.setProxyModel(ChineseFileList(dialog))
    return dialog
