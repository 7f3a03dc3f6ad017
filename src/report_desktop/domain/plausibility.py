"""Figures that can each be right but hardly all together (information only)."""

from __future__ import annotations

from collections.abc import Iterator

from .declaration import FollowUp
from .findings import Finding, Severity
from .model import Report
from .values import CellValue, as_number


def after_review_lawsuits(
    report: Report, values: dict[str, CellValue], before: dict[str, CellValue]
) -> Iterator[Finding]:
    """The format's follow-ups (表四: a 复议后起诉 follows a 行政复议 decided this year or pending
    at last year's end): more lawsuits after review than this year's reviews and last year's
    pending ones together is worth a look."""
    for rule in report.format.follow_ups:
        yield from _follow_up(report, rule, values, before)


def _follow_up(
    report: Report, rule: FollowUp, values: dict[str, CellValue], before: dict[str, CellValue]
) -> Iterator[Finding]:
    later = as_number(values[rule.later])
    source, pending = as_number(values[rule.source]), as_number(before[rule.pending])
    if later <= source + pending:
        return
    after, of, held = (report.format.cell(i) for i in (rule.later, rule.source, rule.pending))
    yield Finding(
        rule.code,
        Severity.INFO,
        (rule.later, rule.source),
        f"{after.table.name}“{after.row.label}”{after.column.label} {later} 件，"
        f"多于本年“{of.row.label}”{of.column.label} {source} 件与上年报告"
        f"“{held.row.label}”{held.column.label} {pending} 件之和（{source + pending} 件）：请核对",
    )
