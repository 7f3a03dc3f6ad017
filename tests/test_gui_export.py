"""Export, print and print preview from the window; opening an exported PDF as a draft.

Every question goes to a scripted prompter (printing goes to a PDF file), and every export is
waited for with qtbot.waitUntil, so nothing blocks.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from gui_support import NEW, ScriptedPrompter, Windows, prompter_of, same_report
from report_desktop import gui, render
from report_desktop.render.pdf_draft import draft_from_pdf
from report_desktop.session import export_worker
from report_desktop.session.export_worker import JobResult, WarmUp, failure_message
from report_desktop.session.render_process import RENDERER
from report_desktop.storage.draft import load_draft
from report_desktop.ui import pdf_support
from report_desktop.ui.export import (
    DOCX,
    HTML,
    PDF,
    ExportController,
    document_name,
    errors_question,
    with_format_suffix,
)
from report_desktop.ui.main_window import MainWindow
from report_desktop.ui.prompter import OPEN_FILTER, QtPrompter

AGENCY = "威海市环翠区统计局"
REPORT_FILE = f"{AGENCY}2024年政府信息公开工作年度报告"
A4_POINTS = (595.28, 841.89)
JOB_TIMEOUT_MS = 60_000


class Prompter(ScriptedPrompter):
    """The scripted prompter, with the questions export and print add."""

    def __init__(self) -> None:
        super().__init__()
        self.print_to: Path | None = None
        """Where ``setup_printer`` sends the print (a PDF file); None: the clerk cancels."""

    def export_path(self, title: str, folder: str, name: str, file_filter: str) -> Path | None:
        return self._answer("export_path", None, title, folder, name, file_filter)  # type: ignore[no-any-return]

    def setup_printer(self, printer: QPrinter, pages: int) -> bool:
        self.calls.append(("setup_printer", (printer, pages)))
        if self.print_to is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_to))
        return True


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def quick_print(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are rasterised at 100 dpi here (600 in use): the same code, a fraction of the time."""
    monkeypatch.setattr(pdf_support, "MAX_PRINT_DPI", 100)


def open_window(windows: Windows, path: Path | None) -> tuple[MainWindow, Prompter]:
    window = windows(path, Prompter())
    prompter = prompter_of(window)
    assert isinstance(prompter, Prompter)
    return window, prompter


def wait_done(qtbot: QtBot, export: ExportController) -> None:
    qtbot.waitUntil(lambda: not export.is_busy(), timeout=JOB_TIMEOUT_MS)


def with_errors(window: MainWindow) -> None:
    window.drafts.session.set_cells({NEW: 5})  # 一 + 二 ≠ 三 + 四 in two columns


def pdf_page_sizes(data: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


# Menu, toolbar, names --------------------------------------------------------------------------


def test_file_menu_and_toolbar_offer_export_and_print(windows: Windows, example: Path) -> None:
    window, _ = open_window(windows, example)
    actions = window.export.actions
    [file_menu] = [o for o in window.commands.save_as.associatedObjects() if isinstance(o, QMenu)]
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    at = texts.index("另存为(&A)…")
    assert texts[at + 1 : at + 6] == [
        "导出 PDF(&E)…",
        "导出网页（HTML）(&H)…",
        "导出 Word(&W)…",
        "打印预览(&V)…",
        "打印(&T)…",
    ]
    assert actions.export_pdf.shortcut().toString() == "Ctrl+E"
    assert actions.print.shortcut().toString() == "Ctrl+P"
    toolbar = window.findChild(QToolBar, "toolbar")
    assert isinstance(toolbar, QToolBar)
    tools = [a.iconText() for a in toolbar.actions() if not a.isSeparator()]
    assert tools[-3:] == ["打印预览", "打印", "导出"]
    menu = actions.export_menu.menu()
    assert isinstance(menu, QMenu)
    assert [a.iconText() for a in menu.actions()] == ["导出 PDF", "导出网页（HTML）", "导出 Word"]


def test_document_names_and_suffixes(tmp_path: Path, example_draft_path: Path) -> None:
    report = load_draft(example_draft_path).report
    assert document_name(report, ".pdf") == f"{REPORT_FILE}.pdf"
    report.meta.agency = '某市/某局:"办公室"'
    assert document_name(report) == "某市某局办公室2024年政府信息公开工作年度报告"
    assert with_format_suffix(tmp_path / "报告", PDF).name == "报告.pdf"
    assert with_format_suffix(tmp_path / "报告.HTM", HTML).name == "报告.HTM"
    assert with_format_suffix(tmp_path / "报告.2024", DOCX).name == "报告.2024.docx"


def test_open_dialog_accepts_pdf() -> None:
    assert "*.pdf" in OPEN_FILTER.split(";;")[0]


# Exporting a clean report ----------------------------------------------------------------------


def test_export_pdf_without_errors_asks_nothing_and_carries_the_draft(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    target = out / "报告"  # no suffix typed: .pdf is added
    prompter.script("export_path", target)
    window.export.actions.export_pdf.trigger()
    wait_done(qtbot, window.export)
    [(title, folder, name, file_filter)] = prompter.asked("export_path")
    assert (title, folder, name) == ("导出 PDF", str(example.parent), f"{REPORT_FILE}.pdf")
    assert "*.pdf" in file_filter
    assert not prompter.asked("confirm") and not prompter.asked("show_error")
    data = (out / "报告.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert len(pdf_page_sizes(data)) >= 2
    assert '"agency": "威海市环翠区统计局"' in draft_from_pdf(data)
    message = window.statusBar().currentMessage()
    assert str(out / "报告.pdf") in message and "草稿" not in message
    assert window.export.indicator.folder_button.isVisible()


def test_export_html_and_docx(qtbot: QtBot, windows: Windows, example: Path, out: Path) -> None:
    import docx

    window, prompter = open_window(windows, example)
    prompter.script("export_path", out / "report.html", out / "report.docx")
    window.export.actions.export_html.trigger()
    wait_done(qtbot, window.export)
    window.export.actions.export_docx.trigger()
    wait_done(qtbot, window.export)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert AGENCY in html and "未定稿" not in html
    document = docx.Document(str(out / "report.docx"))
    assert any(AGENCY in p.text for p in document.paragraphs)
    assert not prompter.asked("show_error")


# Reports with errors ---------------------------------------------------------------------------


def test_errors_are_listed_and_cancel_writes_nothing(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    with_errors(window)
    prompter.script("confirm", False)
    prompter.script("export_path", out / "report.html")
    assert not window.export.export_html()
    [(title, message, yes, no)] = prompter.asked("confirm")
    assert "错误" in title and (yes, no) == ("仍然导出", "取消")
    assert "还有 2 个错误" in message and "自然人" in message and "「草稿」" in message
    assert not prompter.asked("export_path")
    assert not window.export.is_busy()
    assert list(out.iterdir()) == []


def test_confirmed_export_is_marked_draft(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    with_errors(window)
    prompter.script("confirm", True)
    prompter.script("export_path", out / "report.html")
    window.export.actions.export_html.trigger()
    wait_done(qtbot, window.export)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "草稿" in html and "未定稿" in html
    assert "标有「草稿」" in window.statusBar().currentMessage()


def test_confirmation_lists_the_first_ten_errors() -> None:
    errors = tuple(f"错误 {number}" for number in range(13))
    question = errors_question(errors, "打印")
    assert "还有 13 个错误" in question
    assert "错误 9" in question and "错误 10" not in question
    assert "另有 3 个错误" in question and "仍要打印" in question


def test_text_typed_just_before_counts(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    """A change still waiting for its debounced check is checked before asking."""
    window, prompter = open_window(windows, example)
    window.drafts.session.set_field("meta.agency", "")
    assert window.drafts.session.validation_pending()
    prompter.script("confirm", False)
    window.export.export_pdf()
    [(_, message, _, _)] = prompter.asked("confirm")
    assert "机关" in message or "单位" in message


# Off the GUI thread ----------------------------------------------------------------------------


def test_export_runs_in_a_worker_on_a_copy_while_the_window_stays_live(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    prompter.script("export_path", out / "report.html")
    results: list[JobResult] = []
    window.export.done.connect(results.append)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    assert window.export.export_html()
    assert window.export.is_busy()
    assert not window.export.actions.export_pdf.isEnabled()
    assert not window.export.actions.print.isEnabled()
    assert window.export.indicator.bar.isVisible()
    window.drafts.session.set_field("meta.agency", "改过的机关")  # after the request: not exported
    assert not window.export.export_pdf()  # one at a time, and nothing asked meanwhile
    assert len(prompter.asked("export_path")) == 1
    assert "请等" in window.statusBar().currentMessage()
    wait_done(qtbot, window.export)
    timer.stop()
    [result] = results
    assert result.ok and result.thread_id != threading.get_ident()
    assert window.export.actions.export_pdf.isEnabled()
    assert not window.export.indicator.bar.isVisible()
    html = (out / "report.html").read_text(encoding="utf-8")
    assert AGENCY in html and "改过的机关" not in html
    assert ticks  # the event loop ran while the document was made


def test_closing_the_window_waits_for_the_export(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    prompter.script("export_path", out / "report.pdf")
    assert window.export.export_pdf()
    window.close()
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")


# Failures --------------------------------------------------------------------------------------


def test_missing_folder_is_a_chinese_message_and_the_window_goes_on(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    prompter.script("export_path", out / "不存在" / "report.pdf", out / "report.pdf")
    window.export.actions.export_pdf.trigger()
    wait_done(qtbot, window.export)
    [(title, message)] = prompter.asked("show_error")
    assert title == "导出 PDF 失败"
    assert "文件夹" in message and "不存在" in message and "Traceback" not in message
    assert window.export.actions.export_pdf.isEnabled()
    window.export.actions.export_pdf.trigger()
    wait_done(qtbot, window.export)
    assert (out / "report.pdf").is_file()
    assert len(prompter.asked("show_error")) == 1


def test_render_failure_is_a_chinese_message(
    qtbot: QtBot, windows: Windows, example: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> None:
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(RENDERER, "document_bytes", broken)
    window, prompter = open_window(windows, example)
    prompter.script("export_path", out / "report.docx")
    window.export.actions.export_docx.trigger()
    wait_done(qtbot, window.export)
    [(title, message)] = prompter.asked("show_error")
    assert title == "导出 Word 文档失败"
    assert "内部错误" in message and "layout exploded" not in message
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(13, "Permission denied"), "没有写入权限"),
        (IsADirectoryError(21, "Is a directory"), "文件夹"),
        (OSError(28, "No space left on device"), "磁盘空间不足"),
        (OSError(5, "Input/output error"), "输入/输出错误"),
        (MemoryError(), "内存不足"),
        (render.UnsupportedExportError("不支持导出为“.txt”格式"), "不支持"),
    ],
)
def test_failure_messages(error: BaseException, words: str) -> None:
    assert words in failure_message(error, Path("/tmp/报告.pdf"))


# Preview and print -----------------------------------------------------------------------------


def test_preview_shows_every_page_and_exports_and_prints_it(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    window.export.actions.preview.trigger()
    qtbot.waitUntil(lambda: window.export.preview_dialog is not None, timeout=JOB_TIMEOUT_MS)
    dialog = window.export.preview_dialog
    assert dialog is not None
    report = window.drafts.session.snapshot()
    pages = len(pdf_page_sizes(render.document_bytes(report, ".pdf", draft_mark=False)))
    assert dialog.page_count() == pages >= 2
    assert "第 1 页，共" in dialog.page_label.text()
    assert dialog.view.zoomMode() == type(dialog.view).ZoomMode.FitToWidth
    dialog.zoom_by(1.25)
    assert dialog.view.zoomMode() == type(dialog.view).ZoomMode.Custom
    prompter.script("export_path", out / "preview.pdf")
    dialog.export_action.trigger()
    wait_done(qtbot, window.export)
    assert len(pdf_page_sizes((out / "preview.pdf").read_bytes())) == pages
    prompter.print_to = out / "printed.pdf"
    dialog.print_action.trigger()
    wait_done(qtbot, window.export)
    [(_, asked_pages)] = prompter.asked("setup_printer")
    assert asked_pages == pages
    assert len(pdf_page_sizes((out / "printed.pdf").read_bytes())) == pages
    assert "printed.pdf" in dialog.status.text()
    dialog.close()
    assert window.export.preview_dialog is None


def test_preview_of_a_report_with_errors_says_so(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window, prompter = open_window(windows, example)
    with_errors(window)
    window.export.preview()
    qtbot.waitUntil(lambda: window.export.preview_dialog is not None, timeout=JOB_TIMEOUT_MS)
    assert not prompter.asked("confirm")  # looking asks nothing; printing from it does
    dialog = window.export.preview_dialog
    assert dialog is not None
    texts = [w.text() for w in dialog.findChildren(QWidget) if hasattr(w, "text")]
    assert any("2 个错误" in str(t) for t in texts)
    prompter.script("confirm", False)
    dialog.print_action.trigger()
    assert len(prompter.asked("confirm")) == 1 and not prompter.asked("setup_printer")
    dialog.close()


def test_print_goes_to_the_whole_a4_sheet(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    window, prompter = open_window(windows, example)
    prompter.print_to = out / "printed.pdf"
    window.export.actions.print.trigger()
    wait_done(qtbot, window.export)
    [(printer, pages)] = prompter.asked("setup_printer")
    assert pages == 0  # asked before the document is made
    assert printer.fullPage()
    report = window.drafts.session.snapshot()
    expected = len(pdf_page_sizes(render.document_bytes(report, ".pdf", draft_mark=False)))
    sizes = pdf_page_sizes((out / "printed.pdf").read_bytes())
    assert len(sizes) == expected
    for width, height in sizes:
        assert width == pytest.approx(A4_POINTS[0], abs=1)
        assert height == pytest.approx(A4_POINTS[1], abs=1)
    assert "printed.pdf" in window.statusBar().currentMessage()


def test_cancelled_print_dialog_prints_nothing(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window, prompter = open_window(windows, example)
    assert not window.export.print_report()
    assert prompter.asked("setup_printer") and not window.export.is_busy()


def test_only_the_pages_chosen_in_the_print_dialog_are_printed(
    qtbot: QtBot, example_draft_path: Path, out: Path
) -> None:
    data = render.document_bytes(load_draft(example_draft_path).report, ".pdf", draft_mark=False)
    count = len(pdf_page_sizes(data))
    printer = pdf_support.new_printer("报告")
    assert pdf_support.pages_to_print(printer, count) == list(range(count))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert pdf_support.pages_to_print(printer, count) == [1, 2]
    printer.setFromTo(5, 99)
    assert pdf_support.pages_to_print(printer, 6) == [4, 5]
    printer.setFromTo(2, 3)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out / "two.pdf"))
    assert pdf_support.print_pdf(data, printer) == 2
    assert len(pdf_page_sizes((out / "two.pdf").read_bytes())) == 2


def test_real_print_dialog_can_be_cancelled(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, cancel)
            return
        dialog.close()

    QTimer.singleShot(0, cancel)
    printer = pdf_support.new_printer("报告")
    assert not QtPrompter(parent).setup_printer(printer, 6)


# Opening an exported PDF -----------------------------------------------------------------------


def test_pdf_with_its_draft_opens_as_a_new_unsaved_report(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    original = load_draft(example).report
    pdf = out / "环翠区2024年报.pdf"
    pdf.write_bytes(render.document_bytes(original, ".pdf"))
    window, prompter = open_window(windows, None)
    prompter.script("open_path", pdf)
    assert window.drafts.open_dialog()
    session = window.drafts.session
    assert same_report(session.report, original)
    assert session.path is None and session.is_modified()
    assert window.windowTitle().startswith("环翠区2024年报（来自 PDF）")
    prompter.script("save_path", out / "环翠区2024年报.json")
    assert window.drafts.save()
    [(folder, name)] = prompter.asked("save_path")
    assert (folder, name) == (str(out), "环翠区2024年报.json")
    assert same_report(load_draft(out / "环翠区2024年报.json").report, original)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_saving_a_draft_over_a_pdf_is_refused(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    pdf = out / "报告.pdf"
    pdf.write_bytes(render.document_bytes(load_draft(example).report, ".pdf"))
    window, prompter = open_window(windows, None)
    window.drafts.open_path(pdf)
    prompter.script("save_path", pdf)
    assert not window.drafts.save()
    [(title, _)] = prompter.asked("show_error")
    assert title == "无法保存"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_pdf_without_a_draft_is_a_message(
    qtbot: QtBot, windows: Windows, example: Path, out: Path
) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    pdf = out / "别处的.pdf"
    with pdf.open("wb") as handle:
        writer.write(handle)
    window, prompter = open_window(windows, example)
    before = window.drafts.session
    assert not window.drafts.open_path(pdf)
    [(title, message)] = prompter.asked("show_error")
    assert "PDF" in title and "不包含报告草稿数据" in message
    assert window.drafts.session is before and window.drafts.session.path == example.absolute()
    (out / "坏的.pdf").write_bytes(b"not a pdf")
    assert not window.drafts.open_path(out / "坏的.pdf")
    assert "已损坏" in prompter.asked("show_error")[1][1]


# Warming up ------------------------------------------------------------------------------------


def test_warm_up_runs_once_off_the_gui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = WarmUp()
    monkeypatch.setattr(export_worker, "WARM_UP", fresh)
    gone = QWidget()
    gui.schedule_warm_up(gone, 100)
    gone.deleteLater()  # the window closed before the time: nothing happens
    qtbot.wait(300)
    assert not fresh.started
    context = QWidget()
    qtbot.addWidget(context)
    gui.schedule_warm_up(context, 0)
    qtbot.waitUntil(fresh.done.is_set, timeout=JOB_TIMEOUT_MS)
    assert fresh.thread_id is not None and fresh.thread_id != threading.get_ident()
    assert fresh.error == "" and fresh.seconds > 0
    assert not export_worker.start_warm_up()  # once per process
    assert export_worker.wait_for_warm_up(1)


STARTUP_PROBE = """
import os, sys
from report_desktop import gui
app, window = gui.start([sys.argv[1]])
while window.drafts.current is None:
    app.processEvents()
app.processEvents()
window.repaint()
print(window.windowTitle())
print(sorted(m for m in sys.modules if m.startswith(tuple(sys.argv[2:]))))
window.drafts.shutdown()
sys.stdout.flush()  # os._exit skips the flush; without PYTHONUNBUFFERED the output would be lost
os._exit(0)
"""
LEFT_FOR_LATER = (
    "weasyprint",
    "docx",
    "openpyxl",
    "report_desktop.render",
    "report_desktop.interchange",
    "report_desktop.session.export_worker",
    "report_desktop.ui.grid",  # the table pages' grid: built when a table page is first shown
    "report_desktop.ui.text_jump",
    "report_desktop.ui.reference_panel",
    "report_desktop.ui.file_dialogs",  # the file dialogs, the 导入 flow: when first asked for
    "report_desktop.ui.importer",
    "report_desktop.ui.refusal_note",
    "PySide6.QtPdf",
    "PySide6.QtPrintSupport",
)


def test_start_up_leaves_exports_and_other_pages_for_later(tmp_path: Path, example: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REPORT_DESKTOP_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(example), *LEFT_FOR_LATER],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    title, imported = result.stdout.strip().splitlines()
    assert title.startswith(example.name)  # the draft is open
    assert imported == "[]"


def test_real_export_dialog_adds_the_suffix(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QFileDialog

    parent = QWidget()
    qtbot.addWidget(parent)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, answer)
            return
        dialog.selectFile(str(tmp_path / "报告"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    chosen = QtPrompter(parent).export_path("导出 PDF", str(tmp_path), "x.pdf", PDF.file_filter)
    assert chosen == tmp_path / "报告.pdf"


def test_the_name_offered_for_a_new_draft_survives_a_slash_in_the_agency(
    windows: Windows, out: Path
) -> None:
    window, prompter = open_window(windows, None)
    window.drafts.new()
    window.drafts.session.report.meta.agency = "某市/某区统计局"
    assert not window.drafts.save()  # the scripted dialog is cancelled: only the offer is seen
    [(_, name)] = prompter.asked("save_path")
    assert (out / name).parent == out
    assert name == "某市某区统计局政府信息公开工作年度报告.json"
