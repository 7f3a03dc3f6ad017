"""The window's answer to an unexpected error: a Chinese message naming the log file."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox


def show_crash(message: str) -> None:
    """Show ``message`` in a modal box when a window is up; nothing otherwise."""
    if QApplication.instance() is None:
        return
    QMessageBox.critical(QApplication.activeWindow(), "程序内部出错", message)
