"""The autosave of an open report: unsaved work reaches the autosave store within
:data:`AUTOSAVE_DELAY_MS` of any change, and again every interval set in the preferences.

Writing the side file (the whole draft as JSON, atomically, with an fsync) takes 3–20 ms
depending on the disk and the machine's load, more than a frame; so the timers only take a copy
of the report on the GUI thread (about 0.1 ms) and write it on a thread of their own
(``bench/bench_gui.py`` measures both). :meth:`Autosaver.autosave_now` still writes at once, for
the moments the program is about to end.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.model import Report
from ..storage.autosave import AutosaveStore
from ..storage.errors import DraftError
from .report_session import ReportSession

AUTOSAVE_DELAY_MS = 2000
"""A change is written to the side file at most this long after it is made: the first change
starts the countdown, later ones ride along, so continuous typing is saved every 2 s too."""


@functools.cache
def _writer() -> ThreadPoolExecutor:
    """The one thread that writes autosaves in the background (in order)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")


class Autosaver(QObject):
    """Writes the session's report to its side file soon after each change, and every
    ``seconds`` while it has unsaved changes not autosaved yet. A failure is announced once per
    kind of failure, never raised."""

    saved = Signal(str)
    """The side file written."""
    failed = Signal(str)
    """Why an autosave failed (Chinese)."""
    _written = Signal(int, int, str, str)
    """(revision, generation, side file, error) from the writer thread."""

    def __init__(self, session: ReportSession, store: AutosaveStore, seconds: int) -> None:
        super().__init__(session)
        self._session = session
        self._store = store
        self._saved_revision = -1
        self._sent_revision = -1
        self._last_error = ""
        self._lock = threading.Lock()
        """Held while a side file is written or discarded (GUI thread or writer thread)."""
        self._generation = 0
        """Bumped when the autosave is discarded: a write begun before is then not made."""
        self._written_revision = -1
        self._written.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.autosave_soon)
        self.set_interval(seconds)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AUTOSAVE_DELAY_MS)
        self._soon.timeout.connect(self.autosave_soon)
        session.changed.connect(self._changed)
        session.modified_changed.connect(self._modified_changed)

    def set_interval(self, seconds: int) -> None:
        self._timer.start(max(1, seconds) * 1000)

    def interval_seconds(self) -> int:
        return self._timer.interval() // 1000

    def due(self) -> bool:
        session = self._session
        return session.is_modified() and session.revision != self._saved_revision

    def pending(self) -> bool:
        """Whether a change is waiting for its autosave."""
        return self._soon.isActive()

    def autosave_now(self) -> bool:
        """Write the autosave now, on this thread, if there is unsaved work not written yet;
        returns whether it did."""
        if not self.due():
            return False
        session = self._session
        job = (session.snapshot(), session.path, session.session_id)
        path, error = self._write(*job, session.revision, self._generation)
        self._finished(session.revision, self._generation, path, error)
        return not error

    def autosave_soon(self) -> bool:
        """Hand a copy of the unsaved work to the writer thread; returns whether it did."""
        session = self._session
        if not self.due() or self._sent_revision == session.revision:
            return False
        self._sent_revision = session.revision
        job = (session.snapshot(), session.path, session.session_id)
        _writer().submit(self._write_and_tell, *job, session.revision, self._generation)
        return True

    def discard(self) -> None:
        """Forget the autosave made obsolete by a save (or by the clerk's 不保存)."""
        with self._lock:
            self._generation += 1
            self._store.discard(self._session.path, self._session.session_id)
        self._saved_revision = self._session.revision

    def _write(
        self, report: Report, path: Path | None, session_id: str, revision: int, generation: int
    ) -> tuple[str, str]:
        """(side file, "") or ("", why not); nothing when discarded or written newer since."""
        with self._lock:
            if generation != self._generation or revision <= self._written_revision:
                return "", ""
            try:
                written = self._store.write(report, path, session_id)
            except DraftError as error:
                return "", error.message
            self._written_revision = revision
            return str(written), ""

    def _write_and_tell(self, *job: object) -> None:
        """On the writer thread: write, then tell the GUI thread (the signal is queued)."""
        written = self._write(*job)  # type: ignore[arg-type]
        with contextlib.suppress(RuntimeError):  # the report was closed meanwhile
            self._written.emit(job[3], job[4], *written)

    def _finished(self, revision: int, generation: int, path: str, error: str) -> None:
        if error:
            self._sent_revision = -1  # try again at the next change or interval
            if error != self._last_error:
                self._last_error = error
                self.failed.emit(error)
            return
        if path and generation == self._generation:
            self._last_error = ""
            self._saved_revision = max(self._saved_revision, revision)
            self.saved.emit(path)

    def _changed(self) -> None:
        if not self._soon.isActive():
            self._soon.start()

    def _modified_changed(self, modified: bool) -> None:
        if not modified:
            self._saved_revision = self._session.revision
