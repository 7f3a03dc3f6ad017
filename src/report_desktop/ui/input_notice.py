"""The start-up notice that Chinese input is unavailable (see report_desktop.platform_input)."""

from __future__ import annotations

import sys


def show_at_start(title: str, text: str) -> None:
    """Show ``text`` once the event loop runs (after the main window appears). Creates the
    QApplication if there is none yet; the GUI's start reuses it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "report-desktop"])

    def show() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        QMessageBox.warning(shown[0] if shown else None, title, text)

    QTimer.singleShot(0, app, show)
