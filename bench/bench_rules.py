"""How long checking a full report takes (target: well under 1 ms). Prints figures, asserts nothing.

.venv/bin/python bench/bench_rules.py
"""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.domain.rules import check
from report_desktop.domain.textcheck import stated_figures


def full_report(seed: int) -> Report:
    """Every typed cell filled, texts of realistic length, one imbalance so findings are built."""
    report = new_report(Meta(agency="某某市某某局", year=2024))
    for number, spec in enumerate(FORMAT_2021.leaf_cells):
        value = (number * 7 + seed) % 50
        report.cells[spec.id] = Decimal(f"{value}.25") if spec.kind == "amount" else value
    report.overview_intro = "本年度政府信息公开工作稳步推进。" * 40
    for part in report.overview_parts:
        part.text = "围绕中心工作，主动公开政府信息。" * 10
    report.problems = "一是公开不够及时；二是解读不够深入。" * 10
    report.other_items[0].text = "未收取信息处理费。"
    return report


def measure(runs: int, fresh_text: bool = False) -> list[float]:
    this, last = full_report(1), full_report(2)
    timings = []
    for _ in range(runs):
        if fresh_text:
            stated_figures.cache_clear()
        start = time.perf_counter()
        check(this, previous=last)
        timings.append(time.perf_counter() - start)
    return timings


def report(title: str, timings: list[float]) -> None:
    print(title)
    print(f"  median {statistics.median(timings) * 1e3:.3f} ms")
    print(f"  p95    {sorted(timings)[int(len(timings) * 0.95)] * 1e3:.3f} ms")
    print(f"  max    {max(timings) * 1e3:.3f} ms")


def main() -> None:
    for _ in range(200):  # warm up
        check(full_report(0))
    findings = len(check(full_report(1), previous=full_report(2)))
    runs = 2000
    report(
        f"rules.check after a cell edit, full report + last year's ({findings} findings), "
        f"{runs} runs:",
        measure(runs),
    )
    report(
        f"rules.check after a text edit (narrative parsed afresh), {runs // 4} runs:",
        measure(runs // 4, fresh_text=True),
    )


if __name__ == "__main__":
    main()
