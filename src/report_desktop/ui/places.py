"""Where a finding is: its place ids (cells, ``meta.*``, ``text.*``) named for the clerk, and
the page that shows each place."""

from __future__ import annotations

from ..domain.declaration import SectionKind
from ..domain.findings import Finding
from ..domain.model import Report

META_PAGE = "meta"
META_LABELS = {
    "agency": "机关名称",
    "year": "报告年度",
    "website_name": "网站名称",
    "website": "网址",
    "address": "地址",
    "phone": "电话",
    "publication_date": "发布日期",
    "preface": "前言",
}


def reference_pages(report: Report) -> list[str]:
    """The pages with a panel showing last year's text: the narrative sections. The preface is
    not among them: a report started from last year's keeps the preface (years moved on)."""
    return [s.id for s in report.format.sections if s.kind is not SectionKind.TABLE]


def page_ids(report: Report) -> list[str]:
    """The pages of the form, in order: 基本信息与前言, then one per section."""
    return [META_PAGE, *(section.id for section in report.format.sections)]


def page_title(report: Report, page: str) -> str:
    if page == META_PAGE:
        return "基本信息与前言"
    return report.format.section(page).heading


def page_of_place(report: Report, place: str) -> str:
    """The page showing a place; '' for an unknown place."""
    head, _, rest = place.partition(".")
    fmt = report.format
    if head == "meta":
        return META_PAGE
    if head == "text":
        return rest if any(s.id == rest for s in fmt.sections) else ""
    if fmt.has_cell(place):
        table = fmt.cell(place).table.id
        return next((s.id for s in fmt.sections if s.table == table), "")
    return ""


def place_label(report: Report, place: str) -> str:
    """How a place is named in the problems panel."""
    head, _, rest = place.partition(".")
    fmt = report.format
    if head == "meta":
        return META_LABELS.get(rest, place)
    if head == "text" and any(s.id == rest for s in fmt.sections):
        return fmt.section(rest).heading
    if fmt.has_cell(place):
        return fmt.cell(place).place_name
    return place


def finding_place_label(report: Report, finding: Finding) -> str:
    """The first place of a finding, with how many more there are."""
    if not finding.cells:
        return ""
    first = place_label(report, finding.cells[0])
    more = len(finding.cells) - 1
    return f"{first} 等 {more + 1} 处" if more else first
