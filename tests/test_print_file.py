"""Printing to a PDF file writes the PDF itself (the chosen pages), not 600-dpi page images."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from report_desktop.render.pdf import render_pdf
from report_desktop.resources import resource_path
from report_desktop.storage.draft import load_draft


def _text(pdf: Path, *pages: str) -> str:
    out = subprocess.run(
        ["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", out)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = load_draft(resource_path("examples", "huancui-statistics-2024.json")).report
    path = tmp_path_factory.mktemp("print") / "exported.pdf"
    path.write_bytes(render_pdf(report, draft_mark=False))
    return path


@pytest.mark.parametrize(("first", "last"), [(0, 0), (2, 3), (1, 6)])
def test_print_to_file_writes_the_pages_themselves(
    exported: Path, tmp_path: Path, qapp: object, first: int, last: int
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from report_desktop.ui.pdf_support import new_printer, print_pdf

    printer = new_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    if first:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(first, last)
    pages = print_pdf(exported.read_bytes(), printer)
    printed = tmp_path / "printed.pdf"
    expected = (1, 6) if not first else (first, last)
    assert pages == expected[1] - expected[0] + 1
    assert _text(printed) == _text(exported, "-f", str(expected[0]), "-l", str(expected[1]))
    images = subprocess.run(
        ["pdfimages", "-list", str(printed)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) <= 2  # the header only: no page images
    if not first:
        assert printed.read_bytes() == exported.read_bytes()  # the very file, draft inside


def test_unwritable_target_is_a_chinese_message(
    exported: Path, tmp_path: Path, qapp: object
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from report_desktop.ui.pdf_support import PrintError, new_printer, print_pdf

    printer = new_printer("test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "missing" / "printed.pdf"))
    with pytest.raises(PrintError, match="无法写入打印文件"):
        print_pdf(exported.read_bytes(), printer)


def _fake_lp(folder: Path, body: str) -> None:
    lp = folder / "lp"
    lp.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    lp.chmod(0o755)


def test_lp_gets_printer_copies_pages_and_sides(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_desktop.ui.pdf_support import send_to_lp

    _fake_lp(tmp_path, f'echo "$@" > {tmp_path}/args; cat > {tmp_path}/spooled.pdf')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    data = exported.read_bytes()
    assert send_to_lp(
        data,
        "office-printer",
        copies=2,
        pages=[1, 2, 3],
        sides="two-sided-long-edge",
        title="年度报告",
    )
    args = (tmp_path / "args").read_text(encoding="utf-8").split()
    assert args[args.index("-d") + 1] == "office-printer"
    assert args[args.index("-n") + 1] == "2"
    assert args[args.index("-P") + 1] == "2,3,4"
    assert args[args.index("-t") + 1] == "年度报告"
    assert "sides=two-sided-long-edge" in args
    assert (tmp_path / "spooled.pdf").read_bytes() == data


def test_a_refused_job_is_a_chinese_message(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_desktop.ui.pdf_support import PrintError, send_to_lp

    _fake_lp(tmp_path, 'echo "lp: The printer or class does not exist." >&2; exit 1')
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(PrintError, match="打印服务拒绝了打印任务：lp: The printer"):
        send_to_lp(
            exported.read_bytes(), "gone", copies=1, pages=[], sides="one-sided", title="报告"
        )


def test_without_lp_nothing_is_spooled(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_desktop.ui.pdf_support import send_to_lp

    monkeypatch.setenv("PATH", str(tmp_path))  # no lp: the caller rasterises
    assert not send_to_lp(
        exported.read_bytes(), "office-printer", copies=1, pages=[], sides="one-sided", title="x"
    )


def test_a_file_or_an_unknown_printer_is_not_spooled(exported: Path, qapp: object) -> None:
    from report_desktop.ui.pdf_support import new_printer, spool_pdf

    printer = new_printer("年度报告")  # no printer chosen: Qt prints to a PDF file
    assert not spool_pdf(exported.read_bytes(), printer, [0])
