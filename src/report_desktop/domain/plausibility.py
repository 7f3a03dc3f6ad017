"""Figures that can each be right but hardly all together (information only)."""

from __future__ import annotations

from collections.abc import Iterator

from .findings import Finding, Severity
from .model import Report
from .values import CellValue, as_number

AFTER_REVIEW = "plausibility.after_review"
_AFTER = "table4.litigation_after_review.total"
_REVIEW = "table4.review.total"
_PENDING = "table4.review.pending"


def after_review_lawsuits(
    report: Report, values: dict[str, CellValue], before: dict[str, CellValue]
) -> Iterator[Finding]:
    """A 复议后起诉 follows a 行政复议 decided this year or pending at last year's end: more
    lawsuits after review than this year's reviews and last year's pending ones together is
    worth a look."""
    after = as_number(values[_AFTER])
    reviews, pending = as_number(values[_REVIEW]), as_number(before[_PENDING])
    if after <= reviews + pending:
        return
    yield Finding(
        AFTER_REVIEW,
        Severity.INFO,
        (_AFTER, _REVIEW),
        f"表四“复议后起诉”总计 {after} 件，多于本年“行政复议”总计 {reviews} 件与上年报告"
        f"“行政复议”尚未审结 {pending} 件之和（{reviews + pending} 件）：请核对",
    )
