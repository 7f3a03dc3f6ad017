"""The desktop program: ``report-desktop`` without a subcommand (or with a draft's path).

Builds the QApplication (with Qt's own Chinese translations), finds the program's folders and
settings, shows the main window with the draft given (or a new report), then offers any unsaved
work left by an earlier run. Heavy modules (rendering, spreadsheets) are imported only when used.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from .ui.main_window import MainWindow

WARM_UP_DELAY_MS = 2000
"""The renderer is warmed up this long after the window shows."""
QUIT_POLLS = 600
"""At the end, a warm-up still running is waited for at most this many times 0.05 s."""


def run(argv: list[str]) -> int:
    """Run the GUI; ``argv`` is the program's arguments (an optional draft path), not argv[0]."""
    app, window = start(argv)
    handle_termination(app, window)
    code = app.exec()
    close_down(window)
    return code


def handle_termination(app: QApplication, window: MainWindow) -> None:
    """Logout or shutdown (SIGTERM, SIGHUP) ends the program without asking anybody: unsaved work
    goes to the autosave (offered again at the next start) and the draft's lock is released."""
    import signal

    from PySide6.QtCore import QTimer

    def end() -> None:
        keep_unsaved_work(window)
        app.exit(0)  # close_down (in run) releases the lock

    def on_signal(signum: int, frame: object) -> None:
        QTimer.singleShot(0, end)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, on_signal)
    ticker = QTimer(app)  # lets the interpreter run signal handlers while Qt waits for events
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def keep_unsaved_work(window: MainWindow) -> None:
    """Write unsaved work to the autosave now (the program is about to end without asking)."""
    current = window.drafts.current
    if current is not None:
        current.autosaver.autosave_now()


def close_down(window: MainWindow) -> None:
    """Delete the window while the application still exists: left to Python's finalizer, the
    order of destruction is arbitrary and Qt may crash on the way out."""
    import shiboken6

    from .session.export_worker import wait_for_warm_up
    from .session.render_process import RENDERER

    window.drafts.shutdown()
    RENDERER.end()  # ended, not awaited: a warm-up in progress then stops at once
    for _ in range(QUIT_POLLS):  # no Python left running on a pool thread as the interpreter ends
        if wait_for_warm_up(0.05):
            break
        RENDERER.end()  # a worker that was just being started when it was first ended
    if shiboken6.isValid(window):
        shiboken6.delete(window)


def start(argv: list[str]) -> tuple[QApplication, MainWindow]:
    """The application and its shown main window; the draft opens as soon as events run, and
    the renderer warms up in the background a little later (never on the GUI thread)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .domain.format2021 import FORMAT_2021

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "report-desktop"])
    assert isinstance(app, QApplication)
    app.setApplicationName("report-desktop")
    app.setApplicationDisplayName(FORMAT_2021.title)
    install_translations(app)
    from .ui.fallback_font import ensure_chinese_font

    ensure_chinese_font(app)
    window = make_window()
    window.show()
    draft = draft_argument(argv)
    QTimer.singleShot(0, lambda: window.open_at_start(draft))
    schedule_warm_up(window)
    return app, window


def schedule_warm_up(window: QObject, delay_ms: int = WARM_UP_DELAY_MS) -> None:
    """Warm the renderer up ``delay_ms`` after now (once the window shows), unless ``window`` is
    gone by then. The worker module itself is imported only then, not while the window starts."""
    from PySide6.QtCore import QTimer

    def warm_up() -> None:
        from .session.export_worker import start_warm_up

        start_warm_up()

    QTimer.singleShot(delay_ms, window, warm_up)


def install_translations(app: QApplication) -> bool:
    """Qt's own texts (standard buttons, file dialogs, context menus) in 简体中文."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder):
        return False
    from .ui.qt_supplement import install_supplement

    return app.installTranslator(translator) and install_supplement(app)


def make_window() -> MainWindow:
    """The main window with the program's folders and settings (REPORT_DESKTOP_HOME honoured)."""
    from .storage.paths import app_paths
    from .ui.context import AppContext
    from .ui.main_window import MainWindow

    paths = app_paths()
    with contextlib.suppress(OSError):  # the services report their own failures when writing
        paths.ensure()
    return MainWindow(AppContext.load(paths))


def draft_argument(argv: list[str]) -> Path | None:
    """The draft named on the command line, if any."""
    paths = [arg for arg in argv if not arg.startswith("-")]
    return Path(paths[0]) if paths else None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run(sys.argv[1:]))
