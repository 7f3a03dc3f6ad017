"""Printing hands the PDF itself to CUPS: a cups-pdf queue receives the chosen pages as text and
glyphs (the same text as the exported PDF, no page images), instead of 600-dpi page images."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from report_desktop.render.pdf import render_pdf
from report_desktop.storage.draft import load_draft

QUEUE = "report-desktop-test"
SEARCH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
"""cupsd and lpadmin live in sbin, which a plain user's (and CI's) PATH may lack."""
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")


def _cups_running() -> bool:
    return _out("lpstat", "-r").startswith("scheduler is running")


def _out(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


@pytest.fixture(scope="module")
def cups_pdf_queue() -> Iterator[str]:
    """A cups-pdf queue; the scheduler is started when nothing runs (CI runs as root)."""
    cupsd, lpadmin = shutil.which("cupsd", path=SEARCH), shutil.which("lpadmin", path=SEARCH)
    if not (cupsd and lpadmin and shutil.which("lp") and PPD.exists()):
        pytest.skip("CUPS or cups-pdf is not installed (scripts/setup.sh installs them)")
    started = None
    if not _cups_running():
        if os.geteuid() != 0:
            pytest.skip("no CUPS scheduler runs and only root may start one")
        started = subprocess.Popen([cupsd, "-f"])
        for _ in range(50):
            if _cups_running():
                break
            time.sleep(0.1)
    # cups-pdf wants PostScript; pdftocairo keeps the text extractable on the way through
    renderer = "pdftops-renderer-default=pdftocairo"
    subprocess.run(
        [lpadmin, "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(PPD), "-o", renderer],
        check=True,
        capture_output=True,
    )
    try:
        yield QUEUE
    finally:
        subprocess.run([lpadmin, "-x", QUEUE], capture_output=True, check=False)
        if started is not None:
            started.terminate()
            started.wait(timeout=10)


def _printed(folder: Path, title: str, timeout: float = 60) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(folder.glob(f"{title}*.pdf")) if folder.is_dir() else []
        if found and found[-1].stat().st_size > 0:
            time.sleep(0.5)  # cups-pdf writes, then closes
            return found[-1]
        time.sleep(0.2)
    pytest.fail(f"cups-pdf wrote nothing to {folder} within {timeout} s")


def _text(pdf: Path, *pages: str) -> str:
    return re.sub(r"\s+", "", _out("pdftotext", *pages, str(pdf), "-"))


def test_the_pdf_itself_goes_to_cups(cups_pdf_queue: str, qapp: object, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from report_desktop.resources import resource_path
    from report_desktop.ui.pdf_support import new_printer, print_pdf

    report = load_draft(resource_path("examples", "huancui-statistics-2024.json")).report
    data = render_pdf(report, draft_mark=False)
    title = f"rdtest{os.getpid()}{int(time.time())}"
    printer = new_printer(title)
    printer.setPrinterName(cups_pdf_queue)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide)
    assert print_pdf(data, printer) == 2
    folder = Path(pwd.getpwuid(os.geteuid()).pw_dir) / "PDF"
    printed = _printed(folder, title)
    try:
        info = _out("pdfinfo", str(printed))
        assert re.search(r"^Pages:\s+2$", info, re.M), info
        fonts = _out("pdffonts", str(printed))
        assert len(fonts.splitlines()) > 4  # text stays glyphs: the PDF was printed, not images
        exported = tmp_path / "exported.pdf"
        exported.write_bytes(data)
        assert _text(printed) == _text(exported, "-f", "2", "-l", "3")
        assert "主动公开" in _text(printed)
        images = _out("pdfimages", "-list", str(printed))
        assert len(images.strip().splitlines()) <= 2  # the header only
        assert printed.stat().st_size < 2_000_000
    finally:
        printed.unlink(missing_ok=True)
