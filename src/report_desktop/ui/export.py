"""导出 PDF / 网页 / Word, 打印 and 打印预览: the workflows behind those commands.

The controller asks through the prompter (remaining errors, where to write, which printer), takes
a copy of the report at that moment and hands the work to a background job
(:mod:`report_desktop.session.export_worker`): the window stays responsive, the commands are
disabled and a busy bar shows in the status bar while it runs, and a failure becomes a Chinese
message. While the report has errors, nothing is exported or printed without the clerk's
confirmation, and the document then carries the 「草稿」 mark.

Neither the renderer nor QtPdf is imported before it is first needed.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ..domain.findings import Severity
from ..domain.model import Report
from ..workflow.naming import DOCX, HTML, PDF, DocumentFormat, document_name, with_format_suffix
from .actions import action
from .drafts import Drafts
from .prompter import Prompter

__all__ = [
    "DOCX",
    "HTML",
    "PDF",
    "DocumentFormat",
    "ExportController",
    "document_name",
    "errors_question",
    "with_format_suffix",
]

if TYPE_CHECKING:
    from ..session.export_worker import JobResult, JobRunner
    from .busy_indicator import BusyIndicator
    from .pdf_preview import PdfPreviewDialog
    from .pdf_support import QPrinter

MAX_LISTED_ERRORS = 10
SHUTDOWN_WAIT_MS = 120_000


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """The report as it was when the clerk asked, and the errors it had then."""

    report: Report
    errors: tuple[str, ...]

    @property
    def marked(self) -> bool:
        """Whether the document carries the 「草稿」 mark."""
        return bool(self.errors)

    @property
    def title(self) -> str:
        return document_name(self.report)


@dataclasses.dataclass(frozen=True)
class _Pending:
    failure_title: str
    target: Path | None
    on_done: Callable[[object], None]


def errors_question(errors: tuple[str, ...], verb: str) -> str:
    """The confirmation asked before exporting or printing a report that still has errors."""
    listed = "\n".join(f"· {message}" for message in errors[:MAX_LISTED_ERRORS])
    more = len(errors) - MAX_LISTED_ERRORS
    rest = f"\n……另有 {more} 个错误，见“检查结果”面板" if more > 0 else ""
    return (
        f"这份报告还有 {len(errors)} 个错误：\n{listed}{rest}\n\n"
        f"仍要{verb}的话，文档每页都会标上「草稿」字样（未定稿，请勿对外发布）。"
    )


@dataclasses.dataclass
class ExportActions:
    export_pdf: QAction
    export_html: QAction
    export_docx: QAction
    preview: QAction
    print: QAction
    export_menu: QAction
    """The toolbar's 导出 button: a click exports a PDF, its menu offers every format."""

    def commands(self) -> list[QAction]:
        return [self.export_pdf, self.export_html, self.export_docx, self.preview, self.print]


def build_export_actions(window: QMainWindow, controller: ExportController) -> ExportActions:
    def act(text: str, slot: Callable[[], object], keys: QKeySequence | None, tip: str) -> QAction:
        return action(window, text, slot, keys, tip)

    items = ExportActions(
        export_pdf=act(
            "导出 PDF(&E)…", controller.export_pdf, QKeySequence("Ctrl+E"), "版式同正式文本的 PDF"
        ),
        export_html=act(
            "导出网页（HTML）(&H)…", controller.export_html, None, "供政府网站发布的网页文件"
        ),
        export_docx=act("导出 Word(&W)…", controller.export_docx, None, "可在 WPS、Word 中修改"),
        preview=act("打印预览(&V)…", controller.preview, None, "查看将要打印的文档"),
        print=act(
            "打印(&T)…", controller.print_report, QKeySequence(QKeySequence.StandardKey.Print), ""
        ),
        export_menu=act("导出", controller.export_pdf, None, "导出 PDF；点箭头选择其他格式"),
    )
    menu = QMenu(window)
    menu.addActions([items.export_pdf, items.export_html, items.export_docx])
    items.export_menu.setMenu(menu)
    items.print.setToolTip("打印报告（A4，版式同正式文本）")
    return items


class ExportController(QObject):
    """The export, print and preview commands of one window."""

    message = Signal(str)
    """A status line (Chinese)."""
    done = Signal(object)
    """A job finished (its :class:`JobResult`), after the clerk was told."""

    def __init__(self, window: QMainWindow, drafts: Drafts, prompter: Prompter) -> None:
        super().__init__(window)
        self.window = window
        self.drafts = drafts
        self.prompter = prompter
        self.actions = build_export_actions(window, self)
        self._runner: JobRunner | None = None
        self._indicator: BusyIndicator | None = None
        self.preview_dialog: PdfPreviewDialog | None = None
        self._pending: _Pending | None = None

    @property
    def runner(self) -> JobRunner:
        """The background jobs' runner, made at the first export (not while the window starts)."""
        if self._runner is None:
            from ..session.export_worker import JobRunner

            self._runner = JobRunner(self)
            self._runner.busy_changed.connect(self._busy_changed)
            self._runner.finished.connect(self._finished)
        return self._runner

    def is_busy(self) -> bool:
        return self._runner is not None and self._runner.is_busy()

    @property
    def indicator(self) -> BusyIndicator:
        """The status bar's busy bar, made when first needed (not while the window starts)."""
        if self._indicator is None:
            from .busy_indicator import BusyIndicator

            self._indicator = BusyIndicator()
            self.window.statusBar().insertPermanentWidget(0, self._indicator)
            self.window.statusBar().messageChanged.connect(self._indicator.message_changed)
        return self._indicator

    # Commands ----------------------------------------------------------------------------------

    def export_pdf(self) -> bool:
        return self.export(PDF)

    def export_html(self) -> bool:
        return self.export(HTML)

    def export_docx(self) -> bool:
        return self.export(DOCX)

    def export(self, document_format: DocumentFormat) -> bool:
        from ..session.export_worker import write_document

        snapshot = self._snapshot("导出")
        if snapshot is None:
            return False
        path = self._ask_path(document_format, snapshot)
        if path is None:
            return False
        done = functools.partial(self._exported, document_format, snapshot)
        work = functools.partial(write_document, snapshot.report, path, snapshot.marked)
        pending = _Pending(document_format.says("导出", "失败"), path, done)
        return self._run(document_format.says("正在导出", "…"), pending, work)

    def preview(self) -> bool:
        from ..session.export_worker import pdf_bytes

        snapshot = self._snapshot(None)  # looking asks nothing: the preview shows the mark
        if snapshot is None:
            return False
        pending = _Pending("打印预览失败", None, functools.partial(self._show_preview, snapshot))
        work = functools.partial(pdf_bytes, snapshot.report, snapshot.marked)
        return self._run("正在生成打印预览…", pending, work)

    def print_report(self) -> bool:
        snapshot = self._snapshot("打印")
        if snapshot is None:
            return False
        printer = self._printer(snapshot, pages=0)
        if printer is None:
            return False
        work = functools.partial(_print_report, snapshot.report, snapshot.marked, printer)
        return self._print(work, printer)

    def print_document(self, data: bytes, snapshot: Snapshot, pages: int) -> bool:
        """Print a PDF already made (the one shown in the preview)."""
        if self.is_busy() or not self._confirm(snapshot, "打印"):
            return False
        printer = self._printer(snapshot, pages)
        if printer is None:
            return False
        return self._print(functools.partial(_print_pdf, data, printer), printer)

    def save_document(self, data: bytes, snapshot: Snapshot) -> bool:
        """Write a PDF already made (the one shown in the preview)."""
        from ..session.export_worker import write_bytes

        if self.is_busy() or not self._confirm(snapshot, "导出"):
            return False
        path = self._ask_path(PDF, snapshot)
        if path is None:
            return False
        pending = _Pending("导出 PDF 失败", path, functools.partial(self._exported, PDF, snapshot))
        return self._run("正在导出 PDF…", pending, functools.partial(write_bytes, data, path))

    def shutdown(self) -> None:
        """The window closes: let a running job finish (a file is never left half-written)."""
        if self._runner is not None:
            self._runner.wait(SHUTDOWN_WAIT_MS)

    # Asking ------------------------------------------------------------------------------------

    def _snapshot(self, verb: str | None) -> Snapshot | None:
        """A copy of the report and its errors now; None when busy or the clerk declines."""
        if self.drafts.current is None:
            return None
        if self.is_busy():
            self.message.emit("请等当前的导出或打印完成")
            return None
        session = self.drafts.session
        if session.validation_pending():
            session.validate_now()
        errors = tuple(f.message for f in session.findings if f.severity is Severity.ERROR)
        snapshot = Snapshot(session.snapshot(), errors)
        if verb is not None and not self._confirm(snapshot, verb):
            return None
        return snapshot

    def _confirm(self, snapshot: Snapshot, verb: str) -> bool:
        if not snapshot.errors:
            return True
        question = errors_question(snapshot.errors, verb)
        title = f"报告还有错误，仍要{verb}吗？"
        return self.prompter.confirm(title, question, f"仍然{verb}", "取消")

    def _ask_path(self, document_format: DocumentFormat, snapshot: Snapshot) -> Path | None:
        name = document_name(snapshot.report, document_format.suffix)
        title = document_format.says("导出")
        folder = self.drafts.folder()
        chosen = self.prompter.export_path(title, folder, name, document_format.file_filter)
        if chosen is None:
            return None
        self.drafts.ctx.used_file(chosen)
        return with_format_suffix(chosen, document_format).absolute()

    def _printer(self, snapshot: Snapshot, pages: int) -> QPrinter | None:
        from ..session.export_worker import JobError
        from . import pdf_support

        try:
            pdf_support.require()
        except JobError as error:
            self.prompter.show_error("无法打印", str(error))
            return None
        printer = pdf_support.new_printer(snapshot.title)
        return printer if self.prompter.setup_printer(printer, pages) else None

    # Running -----------------------------------------------------------------------------------

    def _print(self, work: Callable[[], object], printer: QPrinter) -> bool:
        pending = _Pending("打印失败", None, functools.partial(self._printed, printer))
        return self._run("正在打印…", pending, work)

    def _run(self, text: str, pending: _Pending, work: Callable[[], object]) -> bool:
        if not self.runner.start(work):
            return False
        self._pending = pending
        self.indicator.start(text)
        return True

    def _busy_changed(self, busy: bool) -> None:
        for item in [*self.actions.commands(), self.actions.export_menu]:
            item.setEnabled(not busy)
        if self.preview_dialog is not None:
            self.preview_dialog.set_busy(busy)

    def _finished(self, result: JobResult) -> None:
        from ..session.export_worker import failure_message

        pending, self._pending = self._pending, None
        self.indicator.stop()
        if pending is not None:
            if result.error is not None:
                message = failure_message(result.error, pending.target)
                self._tell(f"{pending.failure_title}：{message}")
                self.prompter.show_error(pending.failure_title, message)
            else:
                pending.on_done(result.value)
        self.done.emit(result)

    # Outcomes ----------------------------------------------------------------------------------

    def _exported(self, document_format: DocumentFormat, snapshot: Snapshot, path: object) -> None:
        assert isinstance(path, Path)
        mark = "（标有「草稿」）" if snapshot.marked else ""
        self._tell(document_format.says("已导出", f"{mark}：{path}"))
        self.indicator.offer_folder(path.parent)

    def _printed(self, printer: QPrinter, pages: object) -> None:
        target = printer.outputFileName()
        where = f"到文件“{target}”" if target else f"到“{printer.printerName() or '打印机'}”"
        self._tell(f"已打印{where}，共 {pages} 页")

    def _tell(self, text: str) -> None:
        self.message.emit(text)
        if self.preview_dialog is not None:
            self.preview_dialog.show_status(text)

    def _show_preview(self, snapshot: Snapshot, data: object) -> None:
        from ..session.export_worker import JobError
        from .pdf_preview import PdfPreviewDialog

        assert isinstance(data, bytes)

        if self.preview_dialog is not None:
            self.preview_dialog.close()
        notice = ""
        if snapshot.marked:
            notice = (
                f"报告还有 {len(snapshot.errors)} 个错误，文档每页标有「草稿」字样，"
                "不能作为正式文本发布。"
            )
        try:
            dialog = PdfPreviewDialog(data, snapshot.title, notice, self.window)
        except JobError as error:
            self.prompter.show_error("无法打印预览", str(error))
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.print_requested.connect(
            lambda: self.print_document(data, snapshot, dialog.page_count())
        )
        dialog.export_requested.connect(lambda: self.save_document(data, snapshot))
        dialog.finished.connect(self._preview_closed)
        self.preview_dialog = dialog
        dialog.open()

    def _preview_closed(self) -> None:
        self.preview_dialog = None


def _print_report(report: Report, draft_mark: bool, printer: QPrinter) -> int:
    """Runs on the worker: make the PDF, then print it."""
    from ..session.export_worker import pdf_bytes

    return _print_pdf(pdf_bytes(report, draft_mark), printer)


def _print_pdf(data: bytes, printer: QPrinter) -> int:
    from .pdf_support import print_pdf

    return print_pdf(data, printer)
