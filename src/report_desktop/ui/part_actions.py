"""Ctrl+1 … Ctrl+7: the report's parts in navigation order, listed in the 视图 menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

MAX_KEYED = 9
"""Ctrl+1 … Ctrl+9 at most (the 2021 format has seven parts)."""


class PartActions:
    """One action per part; triggering it shows the part with the keyboard in it."""

    def __init__(self, owner: QWidget, menu: QMenu, enter: Callable[[str], None]) -> None:
        self._owner = owner
        self._menu = menu
        self._enter = enter
        self._parts: list[tuple[str, str]] = []
        self.actions: list[QAction] = []

    def set_parts(self, parts: list[tuple[str, str]]) -> None:
        """``parts``: (page id, title) in navigation order; rebuilt only when they change."""
        if parts == self._parts:
            return
        for item in self.actions:
            self._menu.removeAction(item)
            item.deleteLater()
        self._parts = list(parts)
        self.actions = []
        if parts:
            self.actions.append(self._menu.addSeparator())
        for number, (page, title) in enumerate(parts[:MAX_KEYED], start=1):
            item = QAction(title, self._owner)
            item.setShortcut(QKeySequence(f"Ctrl+{number}"))
            item.setStatusTip(f"转到“{title}”并开始填写")
            item.triggered.connect(lambda _=False, p=page: self._enter(p))
            self._owner.addAction(item)  # the keys work wherever the keyboard is
            self._menu.addAction(item)
            self.actions.append(item)
