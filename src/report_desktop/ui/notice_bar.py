"""A bar across the top of the window for a notice that must not block: a lost link to last
year's report, what a new report took over from last year. Buttons offer the way out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

WARNING_STYLE = "#notice-bar { background: #fff4ce; border-bottom: 1px solid #e3c35a; }"
INFO_STYLE = "#notice-bar { background: #e8f0fe; border-bottom: 1px solid #a7c1f2; }"

Choice = tuple[str, Callable[[], object]]
"""A button: its text and what it does."""


class NoticeBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice-bar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._row.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        close = QToolButton()
        close.setText("×")
        close.setToolTip("关闭此提示")
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        self._close = close
        self._row.addWidget(close)
        self.hide()

    def show_notice(self, text: str, choices: Sequence[Choice] = (), warning: bool = True) -> None:
        """Show ``text`` with a button per choice (the bar stays until closed or replaced)."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for caption, slot in choices:
            button = QPushButton(caption)
            button.clicked.connect(slot)
            self._row.insertWidget(self._row.count() - 1, button)
            self.buttons.append(button)
        self.label.setText(f"{'⚠' if warning else 'ℹ'} {text}")
        self.setStyleSheet(WARNING_STYLE if warning else INFO_STYLE)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def button(self, caption: str) -> QPushButton | None:
        return next((b for b in self.buttons if b.text() == caption), None)
