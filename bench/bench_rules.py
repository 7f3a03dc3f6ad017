"""How long checking a full report takes. Prints figures, asserts nothing.

Targets: a cell edit well under 1 ms; a text edit (one keystroke in a 3,000-character narrative,
the narrative read afresh) under 2 ms.

.venv/bin/python bench/bench_rules.py
"""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.hygiene import _field_problems
from report_desktop.domain.model import Meta, Report, new_report, overview_text
from report_desktop.domain.rules import check
from report_desktop.domain.textread import _read_sentence, read_figures

PARAGRAPHS = (
    "本年度，我局坚持以公开为常态、不公开为例外，围绕中心工作，持续加大政府信息主动公开力度，"
    "通过门户网站、政务新媒体等渠道主动公开政府信息1523条，其中政策文件86条、政策解读42条。",
    "全年共收到政府信息公开申请48件，上年结转4件，其中自然人提出40件，法人或其他组织提出8件；"
    "办结45件，结转下年度继续办理7件。",
    "在办结的申请中，予以公开20件，部分公开6件，不予公开3件，无法提供9件，不予处理4件，其他处理3件；"
    "予以公开及部分公开的26件，占57.78%。",
    "本年度制发行政规范性文件9件，废止4件，截至年底现行有效行政规范性文件156件，现行有效规章12件，"
    "均在网站规范性文件库集中发布并动态更新。",
    "全年作出行政许可决定2360件，行政处罚决定85件，行政强制措施6件，收取行政事业性收费12.35万元。",
    "因政府信息公开引起的行政复议5件、行政诉讼4件，其中行政复议结果维持3件，纠正1件，尚未审结1件。",
    "一是强化组织领导，明确分管领导和专人负责；二是完善制度机制，健全发布审核、保密审查等制度；"
    "三是加强业务培训，组织政务公开专题培训3次，参训120人次。",
)


def narrative(length: int = 3000) -> str:
    """Realistic prose of about ``length`` characters, figures included."""
    text, number = "", 0
    while len(text) < length:
        text += PARAGRAPHS[number % len(PARAGRAPHS)] + "\n"
        number += 1
    return text[:length]


AGREEING = {
    "table2.normative_documents.issued": 9,
    "table2.normative_documents.repealed": 4,
    "table2.normative_documents.in_force": 156,
    "table2.rules.in_force": 12,
    "table2.licensing.decisions": 2360,
    "table2.punishment.decisions": 85,
    "table2.coercion.decisions": 6,
    "table2.fees.amount": Decimal("12.35"),
    "table3.new_applications.natural_person": 40,
    "table3.new_applications.commercial": 8,
    "table3.carried_over.natural_person": 4,
    "table3.disclosed.natural_person": 20,
    "table3.partially_disclosed.natural_person": 6,
    "table3.withheld_process.natural_person": 3,
    "table3.unavailable_not_held.natural_person": 9,
    "table3.not_processed_repeated.natural_person": 4,
    "table3.other_handling_misc.commercial": 3,
    "table3.carried_forward.natural_person": 7,
    "table4.review.upheld": 3,
    "table4.review.corrected": 1,
    "table4.review.pending": 1,
    "table4.litigation_direct.upheld": 4,
}
"""The figures the narrative states (the table agrees with the text, as in most reports)."""


def full_report(seed: int) -> Report:
    """Every typed cell filled, a 3,000-character 一 agreeing with the tables except for one
    figure (changed by ``seed``), the other texts of realistic length."""
    report = new_report(Meta(agency="威海市环翠区统计局", year=2024))
    for spec in FORMAT_2021.leaf_cells:
        report.cells[spec.id] = Decimal(0) if spec.kind == "amount" else 0
    report.cells.update(AGREEING)
    report.cells["table2.punishment.decisions"] = 85 + seed
    report.overview_intro = narrative(3000)
    for part in report.overview_parts:
        part.text = "围绕中心工作，主动公开政府信息。" * 4
    report.problems = "一是公开不够及时；二是解读不够深入；三是平台功能有待完善。" * 4
    report.other_items[0].text = "本年度未收取信息处理费。"
    return report


def timed(runs: int, edit: object) -> list[float]:
    this, last = full_report(1), full_report(2)
    check(this, last_year=last)
    timings = []
    for run in range(runs):
        if callable(edit):
            edit(this, run)
        start = time.perf_counter()
        check(this, last_year=last)
        timings.append(time.perf_counter() - start)
    return timings


def keystroke(report: Report, run: int) -> None:
    """A character typed in the middle of the 3,000-character narrative: that text is new."""
    text = report.overview_intro
    middle = len(text) // 2
    report.overview_intro = text[:middle] + chr(0x4E00 + run % 20000) + text[middle + 1 :]


def everything_afresh(report: Report, run: int) -> None:
    read_figures.cache_clear()
    _read_sentence.cache_clear()
    _field_problems.cache_clear()
    keystroke(report, run)


def show(title: str, timings: list[float]) -> None:
    print(title)
    print(f"  median {statistics.median(timings) * 1e3:.3f} ms")
    print(f"  p95    {sorted(timings)[int(len(timings) * 0.95)] * 1e3:.3f} ms")
    print(f"  max    {max(timings) * 1e3:.3f} ms")


def main() -> None:
    for _ in range(100):  # warm up
        check(full_report(0))
    sample = full_report(1)
    findings = len(check(sample, last_year=full_report(2)))
    print(f"一、总体情况: {len(overview_text(sample))} characters; {findings} findings")
    runs = 1000
    show(
        f"rules.check after a cell edit, full report + last year's, {runs} runs:", timed(runs, None)
    )
    show(
        f"rules.check after a keystroke in the 3,000-character narrative, {runs // 2} runs:",
        timed(runs // 2, keystroke),
    )
    show(
        f"rules.check with every text read afresh, {runs // 4} runs:",
        timed(runs // 4, everything_afresh),
    )


if __name__ == "__main__":
    main()
