"""The editor with a panel beside it (last year's text): the editor keeps a usable width; when
the window is too narrow for both, the panel folds away (and comes back when there is room)."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

MIN_EDITOR = 440
"""The narrowest the editor gets while the panel is shown (about 28 characters of text)."""
MIN_PANEL = 220


class SideSplitter(QSplitter):
    def __init__(self, editor: QWidget, panel: QWidget, share: float) -> None:
        super().__init__()
        self.share = share
        self.folded = False
        """The panel was folded away for want of room (not by the clerk)."""
        self.addWidget(editor)
        self.addWidget(panel)
        self.setStretchFactor(0, 1)
        self.setCollapsible(0, False)
        self.setCollapsible(1, True)
        editor.setMinimumWidth(MIN_EDITOR)
        panel.setMinimumWidth(MIN_PANEL)
        width = 1000
        self.setSizes([round(width * (1 - share)), round(width * share)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit(event.size().width())

    def fit(self, width: int) -> None:
        """Fold the panel when the editor would get narrower than :data:`MIN_EDITOR`; unfold it
        (at its usual share) when both fit again."""
        room = width - self.handleWidth()
        panel = round(room * self.share)
        if room - max(panel, MIN_PANEL) < MIN_EDITOR:
            if self.sizes()[1] > 0:
                self.folded = True
                self.setSizes([room, 0])
        elif self.folded:
            self.folded = False
            self.setSizes([room - panel, panel])

    def panel_shown(self) -> bool:
        return self.sizes()[1] > 0
