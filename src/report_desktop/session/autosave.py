"""The autosave of an open report: unsaved work reaches the autosave store within
:data:`AUTOSAVE_DELAY_MS` of any change (about 3 ms per write for a full report, on the GUI
thread; see ``bench/bench_gui.py``), and again every interval set in the preferences."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..storage.autosave import AutosaveStore
from ..storage.errors import DraftError
from .report_session import ReportSession

AUTOSAVE_DELAY_MS = 2000
"""A change is written to the side file at most this long after it is made: the first change
starts the countdown, later ones ride along, so continuous typing is saved every 2 s too."""


class Autosaver(QObject):
    """Writes the session's report to its side file soon after each change, and every
    ``seconds`` while it has unsaved changes not autosaved yet. A failure is announced once per
    kind of failure, never raised."""

    saved = Signal(str)
    """The side file written."""
    failed = Signal(str)
    """Why an autosave failed (Chinese)."""

    def __init__(self, session: ReportSession, store: AutosaveStore, seconds: int) -> None:
        super().__init__(session)
        self._session = session
        self._store = store
        self._saved_revision = -1
        self._last_error = ""
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.autosave_now)
        self.set_interval(seconds)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AUTOSAVE_DELAY_MS)
        self._soon.timeout.connect(self.autosave_now)
        session.changed.connect(self._changed)
        session.modified_changed.connect(self._modified_changed)

    def set_interval(self, seconds: int) -> None:
        self._timer.start(max(1, seconds) * 1000)

    def interval_seconds(self) -> int:
        return self._timer.interval() // 1000

    def due(self) -> bool:
        session = self._session
        return session.is_modified() and session.revision != self._saved_revision

    def autosave_now(self) -> bool:
        """Write the autosave if there is unsaved work not written yet; returns whether it did."""
        if not self.due():
            return False
        session = self._session
        try:
            path = self._store.write(session.snapshot(), session.path, session.session_id)
        except DraftError as error:
            if error.message != self._last_error:
                self._last_error = error.message
                self.failed.emit(error.message)
            return False
        self._last_error = ""
        self._saved_revision = session.revision
        self.saved.emit(str(path))
        return True

    def discard(self) -> None:
        """Forget the autosave made obsolete by a save (or by the clerk's 不保存)."""
        self._store.discard(self._session.path, self._session.session_id)
        self._saved_revision = self._session.revision

    def pending(self) -> bool:
        """Whether a change is waiting for its autosave."""
        return self._soon.isActive()

    def _changed(self) -> None:
        if not self._soon.isActive():
            self._soon.start()

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self._saved_revision = self._session.revision
