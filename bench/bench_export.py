"""How long exporting the example report to PDF takes, beside LibreOffice converting our DOCX.

    .venv/bin/python bench/bench_export.py [--runs N]

Prints the program's PDF export time (median of N runs in one process, after one warm-up run
that pays for importing weasyprint) and, when ``soffice``/``libreoffice`` is on PATH, the time
LibreOffice headless takes to convert the program's own DOCX of the same report to PDF (median
of N runs, one process each, as a clerk's "save as PDF" would), and the ratio.

``--print`` adds printing one page, before and after printing sent the PDF itself to CUPS:
the raster path (every page rendered at 600 dpi and painted through Qt's print engine, measured
into a PDF file, whose size is what a print spool receives) against handing the PDF to ``lp``
(``--queue NAME``: a CUPS queue to send it to; without one, only the spool size is shown, which
is the PDF's own). No assertions.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from report_desktop.domain.model import Report
from report_desktop.render.docx import render_docx
from report_desktop.render.pdf import render_pdf
from report_desktop.resources import resource_path
from report_desktop.storage.draft import load_draft

EXAMPLE = ("examples", "huancui-statistics-2024.json")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_seconds(action: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_seconds(program: str, report: Report, runs: int) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(render_docx(report))
        profile = (work / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]

        def convert() -> None:
            subprocess.run(command, check=True, capture_output=True, timeout=300)

        convert()  # the first run creates the private LibreOffice profile
        seconds = median_seconds(convert, runs)
        if not (work / "out" / "report.pdf").is_file():
            raise RuntimeError("LibreOffice wrote no PDF")
        return seconds


def print_figures(report: Report, queue: str | None) -> None:
    """One page printed the old way (raster) and the new way (the PDF to CUPS)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPrintSupport import QPrinter

    from report_desktop.ui import pdf_support

    app = QGuiApplication.instance() or QGuiApplication([])
    data = render_pdf(report, draft_mark=False)
    document = pdf_support.load_document(data)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "raster.pdf"
        printer = _one_page_printer(pdf_support, QPrinter)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        seconds = timed(lambda: pdf_support._print_raster(document, printer, None))
        size = target.stat().st_size
    line("print 1 page, before: raster 600 dpi, to a file", seconds, f"{size / 1e6:.2f} MB")
    if queue is None:
        print(f"print 1 page, after: the PDF itself (no --queue)  {len(data) / 1e6:.2f} MB")
        del app
        return
    printer = _one_page_printer(pdf_support, QPrinter)
    printer.setPrinterName(queue)
    seconds = timed(lambda: pdf_support._print_raster(document, printer, None))
    line("print 1 page, before: raster 600 dpi, to CUPS", seconds, _last_job_size(queue))
    printer = _one_page_printer(pdf_support, QPrinter)
    printer.setPrinterName(queue)
    seconds = timed(lambda: pdf_support.spool_pdf(data, printer, [0]))
    line("print 1 page, after: the PDF itself to CUPS (lp)", seconds, _last_job_size(queue))
    del app


def _one_page_printer(pdf_support: Any, printer_class: Any) -> Any:
    printer = pdf_support.new_printer("bench")
    printer.setPrintRange(printer_class.PrintRange.PageRange)
    printer.setFromTo(1, 1)
    return printer


def _last_job_size(queue: str) -> str:
    """The spool size of the queue's latest job, as CUPS reports it."""
    for _ in range(100):
        jobs = subprocess.run(
            ["lpstat", "-W", "all", "-o", queue], capture_output=True, text=True, check=False
        ).stdout.split("\n")
        sizes = [row.split()[2] for row in jobs if len(row.split()) > 2]
        if sizes:
            return f"spool {int(sizes[-1]) / 1e6:.2f} MB"
        time.sleep(0.1)
    return "spool unknown"


def line(label: str, seconds: float, note: str = "") -> None:
    print(f"{label:<48} {seconds:7.3f} s  {note}".rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--print", action="store_true", help="also time printing one page")
    parser.add_argument("--queue", help="a CUPS queue for --print (e.g. a cups-pdf printer)")
    args = parser.parse_args(argv)
    report = load_draft(resource_path(*EXAMPLE)).report
    if args.print:
        print_figures(report, args.queue)

    cold = timed(lambda: render_pdf(report, draft_mark=False))
    warm = median_seconds(lambda: render_pdf(report, draft_mark=False), args.runs)
    size = len(render_pdf(report, draft_mark=False))
    docx_seconds = median_seconds(lambda: render_docx(report), args.runs)
    print(f"example report: {'/'.join(EXAMPLE)}")
    line("PDF export, first run (imports weasyprint)", cold, f"{size} bytes")
    line(f"PDF export, median of {args.runs} runs", warm)
    line(f"DOCX export, median of {args.runs} runs", docx_seconds)

    program = libreoffice()
    if program is None:
        print("LibreOffice: not on PATH (soffice/libreoffice), no comparison")
        return 0
    office = libreoffice_seconds(program, report, args.runs)
    line(f"LibreOffice DOCX -> PDF, median of {args.runs} runs", office, program)
    print(f"{'ratio LibreOffice / program PDF export':<48} {office / warm:7.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
