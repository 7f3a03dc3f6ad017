"""QtPdf behind one door: the only module that imports ``PySide6.QtPdf`` and ``QtPdfWidgets``.

QtPdf comes with ``pyside6-addons`` up to PySide6 6.11 and with its own ``pyside6-pdf`` wheel
from 6.12; the module name is the same, but a machine may lack it. Nothing imports it before a
preview or a print is asked for, and a missing module is a :class:`PdfSupportError` with a
Chinese message, never an ImportError.

Printing sends the PDF itself wherever it can: to the CUPS queue the print dialog chose (``lp``
with its copies, page range and duplex: Linux, UOS, 麒麟), or, printing to a file, the PDF's own
pages. Only where no print service takes a PDF are pages rasterised: rendered by pdfium at the
printer's resolution (capped at :data:`MAX_PRINT_DPI`) and painted onto the *full* sheet (no
printer margins), because the document already carries its own GB/T 9704 margins.
:func:`print_pdf` may run on a worker thread: it makes its own QPdfDocument there, and QPainter
may paint on a QPrinter off the GUI thread. PySide keeps Python's GIL during a Qt call, so a
page is painted in strips: one drawImage of a whole 600-dpi page (compressed by the print
engine) would hold it for most of a second and the window would stand still meanwhile.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMargins,
    QMarginsF,
    QObject,
    QRect,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter

from ..session.export_worker import JobError

if TYPE_CHECKING:  # re-exported for annotations elsewhere (explicitly, for the type checker)
    from PySide6.QtPdf import QPdfDocument as QPdfDocument  # noqa: PLC0414
    from PySide6.QtPdfWidgets import QPdfView as QPdfView  # noqa: PLC0414
    from PySide6.QtPrintSupport import QPrinter as QPrinter  # noqa: PLC0414
    from PySide6.QtWidgets import QWidget

MAX_PRINT_DPI = 600
"""Pages are rasterised at the printer's resolution, but at most this (a 1200-dpi A4 page would
need half a gigabyte of memory; 600 dpi prints text as sharp as a laser printer shows it)."""
POINTS_PER_INCH = 72.0
STRIP_PIXELS = 1 << 20
"""Pixels painted per call (about 10 ms of holding the GIL)."""

MISSING = (
    "本机缺少 PDF 显示组件（PySide6 的 QtPdf 模块；PySide6 6.12 起在 pyside6-pdf 安装包中），"
    "无法预览和打印。导出 PDF、网页和 Word 不受影响：可先导出 PDF，再用 PDF 阅读器打印。"
)


class PdfSupportError(JobError):
    """QtPdf is missing, or the PDF cannot be shown or printed (Chinese message)."""


class PrintError(JobError):
    """The printer cannot be used (Chinese message)."""


def _document_class() -> type[QPdfDocument]:
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError as error:
        raise PdfSupportError(MISSING) from error
    return QPdfDocument


def _view_class() -> type[QPdfView]:
    try:
        from PySide6.QtPdfWidgets import QPdfView
    except ImportError as error:
        raise PdfSupportError(MISSING) from error
    return QPdfView


def require() -> None:
    """Raise :class:`PdfSupportError` unless previews and printing can work here."""
    _document_class()
    _view_class()


def load_document(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument of PDF bytes held in memory (the buffer lives as long as the document)."""
    document_class = _document_class()
    document = document_class() if parent is None else document_class(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != document_class.Status.Ready or document.pageCount() < 1:
        raise PdfSupportError(f"无法显示生成的 PDF（{document.error().name}）。")
    return document


def new_view(parent: QWidget) -> QPdfView:
    """A view showing every page one under the other, fitted to its width."""
    view_class = _view_class()
    view = view_class(parent)
    view.setPageMode(view_class.PageMode.MultiPage)
    view.setZoomMode(view_class.ZoomMode.FitToWidth)
    view.setPageSpacing(16)
    view.setDocumentMargins(QMargins(16, 16, 16, 16))
    return view


def fitted_zoom(view: QPdfView, whole_page: bool) -> float:
    """The zoom factor at which the first page fills the view's width (or shows whole)."""
    document = view.document()
    if document is None or document.pageCount() < 1:
        return 1.0
    page = document.pagePointSize(0)
    scale = view.logicalDpiX() / POINTS_PER_INCH
    margins = view.documentMargins()
    width = view.viewport().width() - margins.left() - margins.right()
    height = view.viewport().height() - margins.top() - margins.bottom()
    factor = width / (page.width() * scale)
    if whole_page:
        factor = min(factor, height / (page.height() * scale))
    return max(factor, 0.05)


# Printing -------------------------------------------------------------------------------------


def new_printer(title: str) -> QPrinter:
    """A high-resolution A4 printer that paints on the whole sheet (no margins of its own)."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    _full_page(printer)
    return printer


def _full_page(printer: QPrinter) -> None:
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def print_pdf(data: bytes, printer: QPrinter, max_dpi: int | None = None) -> int:
    """Print the PDF ``data`` on ``printer`` (the pages and copies it was set to); returns the
    number of pages printed. The PDF itself goes to the print service where there is one
    (:func:`spool_pdf`); pages are rasterised only where none takes it."""
    document = load_document(data)
    pages = pages_to_print(printer, document.pageCount())
    if _prints_to_pdf_file(printer):
        return write_pdf_pages(data, pages, document.pageCount(), printer.outputFileName())
    if spool_pdf(data, printer, pages):
        return max(1, printer.copyCount()) * len(pages)
    return _print_raster(document, printer, max_dpi)


def _prints_to_pdf_file(printer: QPrinter) -> bool:
    from PySide6.QtPrintSupport import QPrinter

    return printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(
        printer.outputFileName()
    )


def write_pdf_pages(data: bytes, pages: list[int], count: int, target: str) -> int:
    """ "Print to file": the PDF itself (the chosen pages of its ``count``), not page images."""
    import io
    from pathlib import Path

    if pages != list(range(count)):
        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in pages:
            writer.add_page(reader.pages[page])
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    try:
        Path(target).write_bytes(data)
    except OSError as error:
        raise PrintError(f"无法写入打印文件“{target}”：{error.strerror or '写入失败'}。") from error
    return len(pages)


LP_TIMEOUT_SECONDS = 60


def spool_pdf(data: bytes, printer: QPrinter, pages: list[int]) -> bool:
    """Hand the PDF itself to CUPS with the dialog's printer, copies, page range and duplex: no
    600-dpi page images, a spool the size of the PDF. False where that cannot be done (not a
    CUPS printer, printing to a file, no ``lp``): the caller rasterises instead."""
    from PySide6.QtPrintSupport import QPrinter

    name = printer.printerName()
    if not name or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return False
    copies = max(1, printer.copyCount())
    return send_to_lp(
        data, name, copies=copies, pages=pages, sides=_sides(printer), title=printer.docName()
    )


def send_to_lp(
    data: bytes, queue: str, *, copies: int, pages: list[int], sides: str, title: str
) -> bool:
    """``lp`` the PDF ``data`` (0-based ``pages``; all when empty); False when there is no
    ``lp`` or it cannot be run, :class:`PrintError` when the print service refuses the job."""
    import shutil
    import subprocess

    lp = shutil.which("lp")
    if lp is None:
        return False
    command = [lp, "-d", queue, "-n", str(copies), "-t", title, "-o", f"sides={sides}"]
    if pages:
        command += ["-P", ",".join(str(page + 1) for page in pages)]
    try:
        result = subprocess.run(
            command, input=data, capture_output=True, timeout=LP_TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip()[:300]
        raise PrintError(f"打印服务拒绝了打印任务：{reason or '原因不明'}")
    return True


def _sides(printer: QPrinter) -> str:
    from PySide6.QtPrintSupport import QPrinter

    duplex = printer.duplex()
    if duplex == QPrinter.DuplexMode.DuplexLongSide:
        return "two-sided-long-edge"
    if duplex == QPrinter.DuplexMode.DuplexShortSide:
        return "two-sided-short-edge"
    return "one-sided"


def _print_raster(document: QPdfDocument, printer: QPrinter, max_dpi: int | None) -> int:
    """The fallback: every page rendered by pdfium and painted at the printer's resolution."""
    pages = pages_to_print(printer, document.pageCount())
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    step = max(1, math.ceil(printer.resolution() / (max_dpi or MAX_PRINT_DPI)))
    _full_page(printer)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("无法开始打印：打印机不可用，或要打印到的文件无法写入。")
    try:
        for number in range(copies * len(pages)):
            if number:
                printer.newPage()
            _paint_page(painter, printer, document, pages[number % len(pages)], step)
    finally:
        painter.end()
    return copies * len(pages)


def pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """The 0-based pages the print dialog asked for (all of them unless a range was chosen)."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        if first <= last:
            return list(range(first - 1, last))
    return list(range(count))


def page_on_sheet(printer: QPrinter, page_points: QSizeF, step: int) -> tuple[QRect, QSize]:
    """Where a page goes on the sheet (device pixels, centred, scaled to fit: A4 on A4 fills
    it), and the size to render it at: one rendered pixel is ``step`` × ``step`` device pixels."""
    from PySide6.QtPrintSupport import QPrinter

    sheet = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
    scale = min(sheet.width() / page_points.width(), sheet.height() / page_points.height())
    pixels = QSize(
        int(page_points.width() * scale) // step, int(page_points.height() * scale) // step
    )
    left = sheet.x() + (sheet.width() - pixels.width() * step) // 2
    top = sheet.y() + (sheet.height() - pixels.height() * step) // 2
    return QRect(left, top, pixels.width() * step, pixels.height() * step), pixels


def _paint_page(
    painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int, step: int
) -> None:
    target, pixels = page_on_sheet(printer, document.pagePointSize(page), step)
    image = document.render(page, pixels)
    rows = max(1, STRIP_PIXELS // max(1, pixels.width()))
    for y in range(0, pixels.height(), rows):
        height = min(rows, pixels.height() - y)
        strip = QRect(target.x(), target.y() + y * step, target.width(), height * step)
        painter.drawImage(strip, on_white(image, QRect(0, y, pixels.width(), height)))


def on_white(image: QImage, part: QRect) -> QImage:
    """``part`` of a rendered page on white paper: without transparency the print engine needs no
    soft mask, whose edge viewers and some printers draw as a faint frame around the text."""
    paper = QImage(part.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image, part.x(), part.y(), part.width(), part.height())
    painter.end()
    return paper
