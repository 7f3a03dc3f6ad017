"""A small note beside a grid cell saying why the value typed there was not taken.

A tooltip would vanish at the release of the very Enter key that was refused; this note stays
until the next good entry, until the grid scrolls or the cursor leaves the cell, or for
:data:`SHOWN_MS`.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QWidget

SHOWN_MS = 10_000
MAX_WIDTH = 320
STYLE = (
    "QLabel { background: #fff4e5; color: #5f2c00; border: 1px solid #b06000;"
    " border-radius: 3px; padding: 3px 6px; }"
)


class RefusalNote(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._area = parent
        self.setObjectName("refusal-note")
        self.setStyleSheet(STYLE)
        self.setWordWrap(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMaximumWidth(MAX_WIDTH)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def show_beside(self, cell: QRect, text: str) -> None:
        """Show ``text`` below the cell (above it when there is no room below)."""
        self.setText(text)
        self.setAccessibleName(text)
        self.adjustSize()
        room = self._area.rect()
        x = max(0, min(cell.left(), room.width() - self.width()))
        y = cell.bottom() + 2
        if y + self.height() > room.height():
            y = max(0, cell.top() - self.height() - 2)
        self.move(x, y)
        self.raise_()
        self.show()
        self._timer.start(SHOWN_MS)
