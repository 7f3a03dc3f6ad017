"""Last year's report as an open report holds it, and the states the link's undoable change
(:class:`~report_desktop.session.commands.ApplyCommand`) swaps.

The session keeps last year's report (as read when the draft opened or the link changed), where
the link points and why the cross-year checks are skipped, if they are. Reading the file is the
storage layer's work; the window asks it and hands the result to the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.findings import Finding, Severity
from ..domain.model import LastYearLink, Report

LINK_RULE = "cross_year.link"
"""The information line about the link (lost, unreadable or changed file) in the findings."""


@dataclass(frozen=True)
class LastYear:
    """What following the link gave."""

    report: Report | None = None
    """Last year's report; None without a link or when it could not be read."""
    path: Path | None = None
    """Where the link points (shown to the clerk)."""
    notice: str = ""
    """Chinese: why the cross-year checks are skipped, or that the file changed since linking."""

    def finding(self) -> Finding | None:
        """The notice as an information line of the problems panel."""
        if not self.notice:
            return None
        return Finding(LINK_RULE, Severity.INFO, (), self.notice)


NO_LAST_YEAR = LastYear()


@dataclass(frozen=True)
class LinkState:
    link: LastYearLink | None
    base: Path | None
    """The draft path ``link`` is stored relative to (the draft may be saved elsewhere since)."""
    last_year: LastYear
