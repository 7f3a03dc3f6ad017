"""Takes the screenshots in this folder: every page with the example draft, at 1366×768.

xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots/take_screenshots.py
(or QT_QPA_PLATFORM=offscreen). Works on a copy of the example in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

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


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["REPORT_DESKTOP_HOME"] = str(folder / "home")
    draft = folder / EXAMPLE.name
    shutil.copy(EXAMPLE, draft)
    from report_desktop import gui

    app, window = gui.start([str(draft)])
    window.resize(1366, 768)
    window.move(0, 0)
    while window.drafts.current is None:
        app.processEvents()
    session = window.drafts.session
    session.set_cells({"table3.new_applications.natural_person": 5})  # the text says 0: findings
    session.validate_now()
    for name, page in PAGES:
        window.nav.show_page(page)
        app.processEvents()
        window.grab().save(str(HERE / f"{name}.png"))
    _dialogs(window, folder)
    gui.close_down(window)
    shutil.rmtree(folder, ignore_errors=True)


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


if __name__ == "__main__":
    sys.exit(main())
