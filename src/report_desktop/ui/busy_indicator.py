"""The status bar's busy indicator of exports and prints, and the way to the file written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class BusyIndicator(QWidget):
    """In the status bar: what runs, with a busy bar; afterwards a way to the written file."""

    def __init__(self) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(110, 14)
        self.folder_button = QToolButton()
        self.folder_button.setText("打开所在文件夹")
        self.folder_button.setAutoRaise(True)
        self.folder_button.clicked.connect(self._open_folder)
        for widget in (self.label, self.bar, self.folder_button):
            layout.addWidget(widget)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._folder: Path | None = None
        self.stop()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.folder_button.hide()
        for widget in (self.label, self.bar, self):
            widget.show()

    def stop(self) -> None:
        self.label.hide()
        self.bar.hide()
        self.setVisible(self.folder_button.isVisible())

    def offer_folder(self, folder: Path) -> None:
        self._folder = folder
        self.folder_button.setToolTip(str(folder))
        self.folder_button.show()
        self.show()

    def message_changed(self, text: str) -> None:
        """The offer goes with the status message that announced the file."""
        if not text and not self.bar.isVisible():
            self.folder_button.hide()
            self.hide()

    def _open_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))
