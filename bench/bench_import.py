"""How long importing a published report takes (target: a 10-page report under 1 s).

Prints figures, asserts nothing:

    .venv/bin/python bench/bench_import.py

Three inputs: the Word-pasted web page fixture (3 pages printed); the same page with its
narrative grown to 10 printed pages (22 lines of 28 characters a page); and our own Word export
of a 10-page report. Each is imported in a fresh state (first run, modules already loaded) and
then repeatedly; the median and the worst run are printed.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, new_report
from report_desktop.interchange.report_import import import_file

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "import" / "word-pasted.html"
PAGE_CHARACTERS = 22 * 28
PAGES = 10
SENTENCE = "本局围绕中心工作，扎实推进政务公开，及时回应社会关切，主动公开政府信息。"


def printed_characters(page_text: str) -> int:
    """Characters of narrative text (CJK) in a page: what fills printed lines."""
    return sum(1 for ch in page_text if "\u4e00" <= ch <= "\u9fff")


def ten_page_html(folder: Path) -> Path:
    """The fixture with paragraphs added to 一 until the narrative fills ten pages."""
    text = FIXTURE.read_text("utf-8")
    missing = PAGES * PAGE_CHARACTERS - printed_characters(text)
    paragraph = (
        f"<p class=MsoNormal><span style='font-family:仿宋_GB2312'>{SENTENCE * 4}</span></p>\n"
    )
    copies = max(0, missing // printed_characters(paragraph) + 1)
    anchor = "<p class=MsoNormal style='mso-line-height-rule:exactly'><span"
    marker = text.index("（一）主动公开")
    cut = text.rindex(anchor, 0, marker)
    path = folder / "ten-pages.html"
    path.write_text(text[:cut] + paragraph * copies + text[cut:], encoding="utf-8")
    return path


def ten_page_docx(folder: Path) -> Path:
    from report_desktop.render.docx import render_docx

    report = new_report(Meta(agency="云岭市水务局", year=2024))
    for number, spec in enumerate(FORMAT_2021.leaf_cells):
        report.cells[spec.id] = number % 17
    lines = PAGES * PAGE_CHARACTERS // len(SENTENCE)
    body = "\n".join(SENTENCE for _ in range(lines // 8))
    report.overview_intro = body
    for part in report.overview_parts:
        part.text = body
    report.problems = body
    report.other_items[0].text = "本年度未收取信息处理费。"
    path = folder / "ten-pages.docx"
    path.write_bytes(render_docx(report, draft_mark=False))
    return path


def measure(name: str, run: Callable[[], object], runs: int = 20) -> None:
    start = time.perf_counter()
    run()
    first = time.perf_counter() - start
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings) * 1e3
    print(f"{name:<44} first {first * 1e3:7.1f} ms   median {median:7.1f} ms", end="")
    print(f"   max {max(timings) * 1e3:7.1f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        page, word = ten_page_html(folder), ten_page_docx(folder)
        import_file(FIXTURE)  # load the modules once: start-up is not what is measured
        for path, label in (
            (FIXTURE, "web page fixture (about 3 pages)"),
            (page, "web page, 10 pages of text + 3 tables"),
            (word, "Word file (our export), 10 pages + tables"),
        ):
            result = import_file(path)
            size = path.stat().st_size / 1024
            characters = len(result.report.overview_intro) + sum(
                len(p.text) for p in result.report.overview_parts
            )
            print(f"{label}: {size:.0f} KB, {result.filled} cells, {characters} characters in 一")
            measure(f"  import_file({path.name})", lambda p=path: import_file(p))
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
