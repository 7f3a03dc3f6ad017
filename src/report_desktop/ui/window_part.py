"""The common start of the window's command groups (import, last year's report)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow

from .context import AppContext
from .drafts import Drafts
from .prompter import Prompter


class WindowPart(QObject):
    """A group of the window's commands: works on the open report through ``drafts``, asks the
    clerk through ``prompter`` and says what it did on ``message`` (Chinese, for the status bar)."""

    message = Signal(str)

    def __init__(
        self, window: QMainWindow, ctx: AppContext, drafts: Drafts, prompter: Prompter
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.drafts = drafts
        self.prompter = prompter
