"""How long exporting the example report to PDF takes, beside LibreOffice converting our DOCX.

    .venv/bin/python bench/bench_export.py [--runs N]

Prints the program's PDF export time (median of N runs in one process, after one warm-up run
that pays for importing weasyprint) and, when ``soffice``/``libreoffice`` is on PATH, the time
LibreOffice headless takes to convert the program's own DOCX of the same report to PDF (median
of N runs, one process each, as a clerk's "save as PDF" would), and the ratio. No assertions.
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


def line(label: str, seconds: float, note: str = "") -> None:
    print(f"{label:<48} {seconds:7.3f} s  {note}".rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    args = parser.parse_args(argv)
    report = load_draft(resource_path(*EXAMPLE)).report

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
