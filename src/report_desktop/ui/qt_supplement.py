"""Strings of Qt's own dialogs that its zh_CN catalogue leaves in English, in Chinese.

Installed after qtbase_zh_CN (Qt asks the translator installed last first). QtCore only: it is
installed at start-up, before any dialog exists.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

SUPPLEMENT = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
}
"""Strings of Qt's file dialog that qtbase_zh_CN.qm leaves in English (PySide6 6.8–6.11)."""


class QtSupplement(QTranslator):
    """Answers only for the strings in :data:`SUPPLEMENT` (Qt asks it before qtbase's)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:  # None: not ours (an empty text would hide qtbase's translation)
        return SUPPLEMENT.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_supplement(app: QCoreApplication) -> bool:
    return app.installTranslator(QtSupplement(app))
