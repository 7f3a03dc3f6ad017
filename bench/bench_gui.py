"""How fast the editor starts and reacts. Prints figures, asserts nothing.

.venv/bin/python bench/bench_gui.py [--runs N] [--edits N]

Start-up: wall-clock time of a fresh process that shows a window and exits once it is painted,
for a bare PySide6 QMainWindow and for our window with the example draft open (offscreen, in a
private REPORT_DESKTOP_HOME). Target: ours within 1.5 × bare. Two more rows show what any editor
of this kind pays: the same Qt widgets as ours with no program code, and those widgets plus
reading and checking the draft with our code (the floor for an editor with a draft open).

Per edit: a value committed in a 表三 cell, through the session (totals, checks), the grid's
marks, the problems panel, the navigation and the status bar, up to the repaint. Target: within
one frame (16 ms).

During exports: the longest the GUI thread's event loop stood still (the longest gap between the
ticks of a 10-ms QTimer, minus 10 ms) while the renderer warmed up, while PDF/HTML/DOCX exports
ran in the background, and while a print went to a PDF file. Target: about 0 (< one frame).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SAME_WIDGETS = """
import os
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (QApplication, QDateEdit, QDockWidget, QFormLayout, QLabel, QLineEdit,
    QListWidget, QMainWindow, QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QStackedWidget,
    QTreeWidget, QTreeWidgetItem, QWidget)
app = QApplication([])
window = QMainWindow()
window.resize(1280, 740)
navigation = QListWidget()
navigation.addItems([f"part {i}" for i in range(7)])
left = QDockWidget("navigation", window)
left.setWidget(navigation)
window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, left)
tree = QTreeWidget()
for _ in range(3):
    QTreeWidgetItem(tree, ["group"])
bottom = QDockWidget("problems", window)
bottom.setWidget(tree)
window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, bottom)
stack = QStackedWidget()
window.setCentralWidget(stack)
page = QWidget()
form = QFormLayout(page)
for _ in range(5):
    form.addRow("field", QLineEdit())
form.addRow("year", QSpinBox())
form.addRow("date", QDateEdit())
form.addRow("preface", QPlainTextEdit())
form.addRow("", QPushButton("button"))
scroll = QScrollArea()
scroll.setWidget(page)
stack.addWidget(scroll)
group = QUndoGroup(window)
group.addStack(QUndoStack(window))
menu = window.menuBar().addMenu("file")
for number in range(12):
    menu.addAction(QAction(f"action {number}", window))
window.addToolBar("tools").addAction(group.createUndoAction(window))
window.statusBar().addPermanentWidget(QLabel("counts"))
window.show()
app.processEvents()
window.repaint()
os._exit(0)
"""

READ_DRAFT = """
import sys
from report_desktop.domain.rules import check
from report_desktop.storage.draft import load_draft
check(load_draft(sys.argv[1]).report)
"""
"""What no editor can skip: reading the draft with the program's own code and checking it."""

BARE = """
import os, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 740)
window.show()
app.processEvents()
window.repaint()
os._exit(0)
"""

OURS = """
import os, sys
from report_desktop import gui
app, window = gui.start([sys.argv[1]])
while window.drafts.current is None:
    app.processEvents()
app.processEvents()
window.repaint()
if os.environ.get("BENCH_CHECK"):
    print(window.windowTitle(), sorted(m for m in sys.modules if m.split(".")[0] in
          ("weasyprint", "openpyxl", "docx", "jinja2")))
window.drafts.shutdown()  # releases the draft's lock for the next run
os._exit(0)
"""


QUIT = """
import sys, time
from PySide6.QtCore import QTimer
from report_desktop import gui
from report_desktop.session.export_worker import wait_for_warm_up

def quit_now():
    if sys.argv[2] == "warm":
        wait_for_warm_up(120)
    print(time.time(), flush=True)
    window.close()

if __name__ == "__main__":
    app, window = gui.start([sys.argv[1]])
    delay = 100 if sys.argv[2] == "early" else gui.WARM_UP_DELAY_MS + 100
    QTimer.singleShot(delay, quit_now)
    code = app.exec()
    gui.close_down(window)
    sys.exit(code)
"""
"""Quits the program as Ctrl+Q does (the window closes, the program ends as ``gui.run`` ends it);
prints when the clerk asked. ``early``: before the renderer warms up; ``warming``: while it warms
up; ``warm``: once it is ready."""


def bench_quit(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "huancui-statistics-2024.json"
        shutil.copy(ROOT / "examples" / "huancui-statistics-2024.json", draft)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REPORT_DESKTOP_HOME=f"{folder}/home")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for when in ("early", "warming", "warm"):
            times = []
            for _ in range(runs):
                process = subprocess.run(
                    [sys.executable, "-c", QUIT, str(draft), when],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                ended = time.time()
                times.append(ended - float(process.stdout.split()[-1]))
            median = statistics.median(times)
            print(
                f"quit ({when:7}): median {median * 1000:4.0f} ms, max {max(times) * 1000:4.0f} ms"
            )
    print(f"({runs} runs each; from Ctrl+Q to the process gone; target ≤ 500 ms)")


def timed_run(code: str, *args: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], env=env, check=True)
    return time.perf_counter() - started


def bench_startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / "huancui-statistics-2024.json"
        shutil.copy(ROOT / "examples" / "huancui-statistics-2024.json", draft)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REPORT_DESKTOP_HOME=f"{folder}/home")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program runs from cached bytecode
        check = subprocess.run(
            [sys.executable, "-c", OURS, str(draft)],
            env=dict(env, BENCH_CHECK="1"),
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"our window: {check.stdout.strip()}")
        floor_code = READ_DRAFT + SAME_WIDGETS
        for code in (BARE, SAME_WIDGETS, floor_code):  # warm the file and bytecode caches
            timed_run(code, str(draft), env=env)
        bare, same, floor, ours = [], [], [], []
        for _ in range(runs):  # interleaved, so load on the machine affects all alike
            bare.append(timed_run(BARE, env=env))
            same.append(timed_run(SAME_WIDGETS, env=env))
            floor.append(timed_run(floor_code, str(draft), env=env))
            ours.append(timed_run(OURS, str(draft), env=env))
    base, fastest = statistics.median(bare), min(bare)
    for label, times in (
        ("bare QMainWindow", bare),
        ("same Qt widgets, no app code", same),
        ("same widgets + draft read, checked", floor),
        ("editor with the example draft", ours),
    ):
        median, least = statistics.median(times), min(times)
        print(
            f"start-up, {label:35}: median {median * 1000:4.0f} ms = {median / base:.2f} × bare;"
            f" fastest {least * 1000:4.0f} ms = {least / fastest:.2f} × bare's fastest"
        )
    print(f"({runs} runs each; target: editor ≤ 1.5 × bare)")


def bench_edits(count: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["REPORT_DESKTOP_HOME"] = f"{folder}/home"
        draft = Path(folder) / "draft.json"
        shutil.copy(ROOT / "examples" / "huancui-statistics-2024.json", draft)
        _measure_edits(draft, count)


def _measure_edits(draft: Path, count: int) -> None:
    from report_desktop import gui
    from report_desktop.session.export_worker import start_warm_up, wait_for_warm_up
    from report_desktop.ui.pages.table_page import TablePage

    app, window = gui.start([str(draft)])
    while window.drafts.current is None:
        app.processEvents()
    start_warm_up()  # done before the edits, not amid them (bench_export_stalls measures it)
    wait_for_warm_up(120)
    window.resize(1366, 768)
    window.nav.show_page("requests")
    app.processEvents()
    page = window.stack.current_page()
    assert isinstance(page, TablePage)
    model = page.model
    index = model.index_of("table3.new_applications.natural_person")
    cell_times: list[float] = []
    full_times: list[float] = []
    text_times: list[float] = []
    for number in range(count):
        started = time.perf_counter()
        model.setData(index, str(number % 7))  # alternately balanced and not: findings change
        app.processEvents()  # the repaints Qt scheduled: grid, panel, navigation, status bar
        cell_times.append(time.perf_counter() - started)
    for number in range(count):
        started = time.perf_counter()
        model.setData(index, str(number % 7))
        window.repaint()  # worst case: the whole window painted again
        app.processEvents()
        full_times.append(time.perf_counter() - started)
    autosaver = window.drafts.current.autosaver
    saved_times: list[float] = []
    handed_times: list[float] = []
    for number in range(count):  # worst case: an autosave falls on every keystroke
        started = time.perf_counter()
        model.setData(index, str(number % 7))
        app.processEvents()
        handed = time.perf_counter()
        autosaver.autosave_soon()  # what the timer does: a copy to the writer thread
        done = time.perf_counter()
        saved_times.append(done - started)
        handed_times.append(done - handed)
    time.sleep(0.5)  # the writer thread catches up
    write_times: list[float] = []
    for _ in range(min(count, 50)):  # the write itself (normally on the writer thread)
        session = window.drafts.session
        started = time.perf_counter()
        window.ctx.autosaves.write(session.snapshot(), session.path, session.session_id)
        write_times.append(time.perf_counter() - started)
    session = window.drafts.session
    for number in range(count):
        started = time.perf_counter()
        session.set_field("problems", "本年度存在的问题" + "。" * number)
        session.validate_now()  # what the debounce timer runs after a pause
        app.processEvents()
        text_times.append(time.perf_counter() - started)
    _report("per cell edit (totals, checks, marks, panel, repaint)", cell_times)
    _report("per cell edit, whole window repainted", full_times)
    _report("per text keystroke + the debounced check", text_times)
    _report("autosave write (whole draft, atomic, fsync), off the GUI thread", write_times)
    _report("autosave on the GUI thread (a copy handed over)", handed_times)
    _report("per cell edit + an autosave at each (worst case)", saved_times)
    print("(an autosave runs at most once per 2 s of typing; target: within one frame, 16 ms)")
    window.drafts.shutdown()


def _report(what: str, times: list[float]) -> None:
    ordered = sorted(times)
    median = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    print(f"{what}: median {median:.2f} ms, p95 {p95:.2f} ms, max {ordered[-1] * 1000:.2f} ms")


TICK_MS = 10


def bench_export_stalls(runs: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["REPORT_DESKTOP_HOME"] = f"{folder}/home"
        draft = Path(folder) / "draft.json"
        shutil.copy(ROOT / "examples" / "huancui-statistics-2024.json", draft)
        _measure_export_stalls(draft, Path(folder), runs)


def _measure_export_stalls(draft: Path, folder: Path, runs: int) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from report_desktop import gui
    from report_desktop.session import export_worker

    app, window = gui.start([str(draft)])
    while window.drafts.current is None:
        app.processEvents()
    export = window.export
    names = iter(range(10_000))
    window.prompter.export_path = lambda _t, _f, name, _x: folder / f"{next(names)}-{name}"  # type: ignore[method-assign]

    def to_pdf_file(printer: QPrinter, _pages: int) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / "printed.pdf"))
        return True

    window.prompter.setup_printer = to_pdf_file  # type: ignore[method-assign]
    warm = export_worker.WARM_UP
    _stall("renderer warm-up", export_worker.start_warm_up, lambda: not warm.done.is_set())
    for _ in range(runs):
        _stall("PDF export", export.export_pdf, export.is_busy)
    _stall("HTML export", export.export_html, export.is_busy)
    _stall("DOCX export", export.export_docx, export.is_busy)
    _stall("print to a PDF file (600 dpi)", export.print_report, export.is_busy)
    gui.close_down(window)


def _stall(what: str, start: Callable[[], object], busy: Callable[[], bool]) -> None:
    """Run ``start`` under a ticking timer until ``busy`` is over; print duration and stall."""
    from PySide6.QtCore import QEventLoop, QTimer

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if not busy():
            loop.quit()

    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.setInterval(TICK_MS)
    timer.timeout.connect(tick)
    began = time.perf_counter()
    timer.start()
    start()  # the GUI-thread part (checks, copy, asking) is inside the first gap
    loop.exec()
    timer.stop()
    took = time.perf_counter() - began
    stall = max(gaps) * 1000 - TICK_MS
    print(f"{what:32}: {took:6.2f} s, longest GUI stall {stall:5.1f} ms ({len(gaps)} ticks)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--exports", type=int, default=3, help="PDF exports timed")
    parser.add_argument("--only", choices=("startup", "quit", "exports", "edits"), default=None)
    args = parser.parse_args()
    if args.only == "quit":
        bench_quit(max(3, args.runs // 2))
        return
    if args.only == "edits":
        bench_edits(args.edits)
        return
    bench_startup(args.runs)
    bench_export_stalls(args.exports)  # first: the warm-up is measured cold, once per process
    bench_edits(args.edits)
    bench_quit(max(3, args.runs // 2))


if __name__ == "__main__":
    main()
