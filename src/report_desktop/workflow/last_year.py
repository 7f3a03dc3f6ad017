"""Last year's report: a new report started from it, the link to it, following the link. No Qt.

The command line (``new --from``, ``link``, ``check``) and the window (从上年报告新建, 关联上年报告,
the cross-year checks) both work through these functions.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from ..domain.crossyear import CheckOptions, new_report_from_last_year
from ..domain.model import LastYearLink, Report
from ..storage.last_year import FollowedLink, load_last_year, make_link
from ..storage.settings import Settings
from .files import read_report

__all__ = [
    "FollowedLink",
    "check_options",
    "follow_link",
    "link_to",
    "new_from_last_year",
    "read_last_year_report",
]


def new_from_last_year(last: Report, last_path: Path, draft_path: Path | None) -> Report:
    """This year's report started from ``last`` (read from ``last_path``) and linked to it; the
    link is made relative to ``draft_path`` (or when the draft is first saved). Raises
    :class:`~report_desktop.storage.errors.DraftError` when the file cannot be linked."""
    report = new_report_from_last_year(last)
    report.last_year_link = make_link(last_path, draft_path)
    return report


def link_to(last_path: Path, draft_path: Path | None) -> LastYearLink:
    """The link from a draft at ``draft_path`` to last year's report (path and fingerprint)."""
    return make_link(last_path, draft_path)


def read_last_year_report(path: Path) -> Report:
    """Last year's report: a draft, an exported PDF, or a published page or Word file."""
    return read_report(path)


def follow_link(report: Report, draft_path: Path | None) -> FollowedLink:
    """Follow the report's link; never raises (a lost or unreadable file gives a notice)."""
    return load_last_year(report, draft_path)


def check_options(settings: Settings) -> CheckOptions:
    """The cross-year check thresholds the clerk chose in 首选项."""
    return dataclasses.replace(
        CheckOptions(),
        change_ratio=Decimal(settings.change_ratio_percent) / 100,
        change_minimum=settings.change_minimum,
    )
