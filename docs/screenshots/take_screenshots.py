"""Takes the screenshots in this folder: every page with the example draft, at 1366×768.

xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_screenshots.py
(or QT_QPA_PLATFORM=offscreen). Works on a copy of the example in a temporary folder.
With ``last-year`` as argument, takes only the screenshots of a report started from last year's;
with ``export``, only those of exporting (the question about errors, the print preview).
With ``small NAME``, every page as the window opens on the screen it is given (maximised on a
small one), into ``small/NAME-*.png``; the table pages also scrolled to their right edge:

xvfb-run -a -s "-screen 0 1024x768x24" \
    .venv/bin/python docs/screenshots/take_screenshots.py small 1024x768
QT_SCALE_FACTOR=1.5 xvfb-run -a -s "-screen 0 1366x768x24" \
    .venv/bin/python docs/screenshots/take_screenshots.py small 1366x768-150pct
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parents[1] / "examples" / "huancui-statistics-2024.json"
PAGES = [
    ("01-meta", "meta"),
    ("02-overview", "overview"),
    ("03-table2", "proactive"),
    ("04-table3-findings", "requests"),
    ("05-table4", "appeals"),
    ("06-problems-section", "problems"),
    ("07-other-items", "other"),
]


LAST_YEAR_PAGES = [("09-last-year-values", "requests"), ("10-last-year-reference", "problems")]
LAST_YEAR_CELLS = {  # illustrative figures for "last year" (the example's own are all 0)
    "table3.new_applications.natural_person": 12,
    "table3.new_applications.commercial": 3,
    "table3.disclosed.natural_person": 6,
    "table3.disclosed.commercial": 2,
    "table3.partially_disclosed.natural_person": 2,
    "table3.carried_forward.natural_person": 4,
    "table3.carried_forward.commercial": 1,
    "table2.licensing.decisions": 356,
    "table2.punishment.decisions": 28,
}
THIS_YEAR_CELLS = {
    "table3.new_applications.natural_person": 15,
    "table3.new_applications.commercial": 2,
    "table3.disclosed.natural_person": 11,
    "table3.disclosed.commercial": 3,
    "table3.carried_forward.natural_person": 8,
}


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["REPORT_DESKTOP_HOME"] = str(folder / "home")
    draft = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, draft)
    from report_desktop import gui

    app, window = gui.start([str(draft)])
    if "small" in sys.argv[1:]:
        _small_screen(app, window, sys.argv[sys.argv.index("small") + 1])
        gui.close_down(window)
        return
    window.resize(1366, 768)
    window.move(0, 0)
    while window.drafts.current is None:
        app.processEvents()
    if "export" in sys.argv[1:]:
        _export(app, window)
    else:
        if "last-year" not in sys.argv[1:]:
            _example_pages(app, window, folder)
            _export(app, window)
        _last_year_pages(app, window, draft)
    gui.close_down(window)
    shutil.rmtree(folder, ignore_errors=True)


def _example_pages(app: Any, window: Any, folder: Path) -> None:
    session = window.drafts.session
    session.set_cells({"table3.new_applications.natural_person": 5})  # the text says 0: findings
    session.validate_now()
    for name, page in PAGES:
        window.nav.show_page(page)
        app.processEvents()
        window.grab().save(str(HERE / f"{name}.png"))
    _dialogs(window, folder)


def _small_screen(app: Any, window: Any, name: str) -> None:
    """Every page as it opens on this screen; the grids also scrolled to their right edge."""
    folder = HERE / "small"
    folder.mkdir(exist_ok=True)
    while window.drafts.current is None:
        app.processEvents()
    _settle(app, 1.0)
    window.drafts.session.set_cells({"table3.new_applications.natural_person": 5})
    window.drafts.session.validate_now()
    for number, (_, page) in enumerate(PAGES, start=1):
        window.enter_page(page)
        _settle(app, 0.3)
        window.grab().save(str(folder / f"{name}-{number}-{page}.png"))
        view = window.stack.current_page().grid_view()
        if view is not None and view.horizontalScrollBar().maximum() > 0:
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
            _settle(app, 0.3)
            window.grab().save(str(folder / f"{name}-{number}-{page}-right.png"))
    from report_desktop.storage.recent import recent_paths
    from report_desktop.ui.prompter import SaveChoice

    window.prompter.ask_save_changes = lambda _name: SaveChoice.DISCARD  # instead of asking
    window.drafts.new()
    window.front.show_start(recent_paths(window.ctx.settings))
    _settle(app, 0.3)
    window.grab().save(str(folder / f"{name}-0-start.png"))
    _small_dialogs(app, window, folder, name)


def _small_dialogs(app: Any, window: Any, folder: Path, name: str) -> None:
    """The recovery dialog (a long path, a long error) and the manual, as they open here."""
    from report_desktop.storage.autosave import Recovery
    from report_desktop.ui.dialogs import RecoveryDialog
    from report_desktop.ui.help import manual_dialog

    now = dt.datetime.now(dt.UTC)
    deep = Path(
        "/home/科员/文档/政府信息公开/年度报告/2024年度/环翠区统计局2024年政府信息公开工作年度报告.json"
    )
    items = [
        Recovery(folder / "a.autosave.json", deep, now, now - dt.timedelta(minutes=42), "s1"),
        Recovery(folder / "b.autosave.json", None, now, None, "s2", error="文件已损坏：" * 8),
    ]
    for dialog, shot in (
        (RecoveryDialog(items, window), "recovery"),
        (manual_dialog(window), "manual"),
    ):
        dialog.show()
        _settle(app, 0.3)
        dialog.grab().save(str(folder / f"{name}-8-{shot}.png"))
        dialog.close()


def _last_year_pages(app: Any, window: Any, draft: Path) -> None:
    """The example as last year's report (with some figures), this year's started from it."""
    from report_desktop.storage.draft import load_draft, save_draft

    last = load_draft(draft).report
    last.cells.update(LAST_YEAR_CELLS)
    save_draft(draft, last)
    window.prompter.last_year_path = lambda folder: draft  # instead of the file dialog
    window.drafts.session.undo_stack.setClean()  # nothing to ask about on the way
    window.last_year.new_from_last_year()
    session = window.drafts.session
    session.set_cells(THIS_YEAR_CELLS)
    session.set_cells({"table2.licensing.decisions": 380, "table2.punishment.decisions": 61})
    for name, page in LAST_YEAR_PAGES:
        window.nav.show_page(page)
        app.processEvents()
        if page == "requests":
            window.stack.current_page().view.select_spec("table3.new_applications.natural_person")
        app.processEvents()
        window.grab().save(str(HERE / f"{name}.png"))


def _dialogs(window: object, folder: Path) -> None:
    from report_desktop.storage.autosave import Recovery
    from report_desktop.ui.dialogs import RecoveryDialog

    now = dt.datetime.now(dt.UTC)
    items = [
        Recovery(
            folder / "a.autosave.json",
            folder / "环翠区统计局2024年报.json",
            now,
            now - dt.timedelta(minutes=42),
            "s1",
        ),
        Recovery(folder / "b.autosave.json", None, now - dt.timedelta(days=1), None, "s2"),
    ]
    dialog = RecoveryDialog(items, window)  # type: ignore[arg-type]
    dialog.show()
    dialog.grab().save(str(HERE / "08-recovery-dialog.png"))
    dialog.close()
    dialog.deleteLater()


def _export(app: Any, window: Any) -> None:
    """The 文件 menu (looked at, not kept), the question before exporting a report with errors,
    the print preview of the clean example."""
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QMenu, QPushButton

    session = window.drafts.session
    session.set_cells({"table3.new_applications.natural_person": 5})  # the text says 0: errors
    menu = next(o for o in window.commands.save_as.associatedObjects() if isinstance(o, QMenu))
    menu.popup(window.mapToGlobal(QPoint(0, window.menuBar().height())))
    _settle(app, 0.5)
    shot = QApplication.primaryScreen().grabWindow(0).copy(menu.geometry().adjusted(0, -30, 300, 0))
    shot.save(str(Path(tempfile.gettempdir()) / "report-desktop-file-menu.png"))
    menu.close()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(50, answer)
            return
        box.grab().save(str(HERE / "11-export-confirm.png"))
        next(b for b in box.findChildren(QPushButton) if b.text() == "取消").click()

    QTimer.singleShot(300, answer)
    window.export.export_pdf()  # asks first (the real dialog, answered by the timer)
    session.set_cells({"table3.new_applications.natural_person": 0})
    window.export.preview()
    while window.export.preview_dialog is None:
        app.processEvents()
    dialog = window.export.preview_dialog
    dialog.move(233, 0)
    _settle(app, 2.0)  # the view renders its pages in the background
    dialog.grab().save(str(HERE / "12-print-preview.png"))
    dialog.close()


def _settle(app: Any, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(main())
