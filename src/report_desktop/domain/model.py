"""The report model: meta data, narrative sections and the typed table cells.

Only typed (leaf) cells are stored; totals are derived by :func:`resolved_values`. A missing or
``None`` cell is "not filled yet": it counts as 0 and prints as 0.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from .declaration import ReportFormat, SectionKind, TextPart
from .findings import Finding, Severity, text_place
from .format2021 import FORMAT_2021
from .values import CellValue, as_number

FORMATS: dict[str, ReportFormat] = {FORMAT_2021.edition: FORMAT_2021}


@dataclass
class Meta:
    agency: str = ""
    """The reporting agency, e.g. 威海市环翠区统计局."""
    year: int | None = None
    """The reporting year (the report is published early in the year after)."""
    website_name: str = ""
    """Where the electronic version is published, e.g. 威海市环翠区人民政府网站."""
    website: str = ""
    """Its address, e.g. http://www.huancui.gov.cn."""
    address: str = ""
    phone: str = ""
    publication_date: dt.date | None = None


@dataclass
class TextItem:
    """A numbered part of a narrative section: 「n.title。text」 in 一, 「n.title：text」 in 六."""

    key: str
    """The declared part id (e.g. ``processing_fee``), or ``custom`` for a clerk's own item."""
    title: str
    text: str = ""


CUSTOM_ITEM = "custom"


@dataclass
class LastYearLink:
    """Last year's report, which this one is checked against."""

    path: str
    """Where it was: relative to this draft's folder when it lies beside or below it."""
    sha256: str
    """The content hash of that file when the link was made (detects a changed file)."""


@dataclass
class Report:
    meta: Meta = field(default_factory=Meta)
    preface: str = ""
    overview_intro: str = ""
    overview_parts: list[TextItem] = field(default_factory=list)
    problems: str = ""
    other_items: list[TextItem] = field(default_factory=list)
    cells: dict[str, CellValue] = field(default_factory=dict)
    edition: str = FORMAT_2021.edition
    last_year_link: LastYearLink | None = None
    """The link to last year's report (``previous`` in the draft file)."""

    @property
    def format(self) -> ReportFormat:
        return FORMATS[self.edition]

    def value(self, cell_id: str) -> CellValue:
        """A cell's value; computed totals included."""
        spec = self.format.cell(cell_id)
        if spec.computed:
            return resolved_values(self)[cell_id]
        return self.cells.get(cell_id)

    def copy(self) -> Report:
        return copy.deepcopy(self)


def items_from(parts: tuple[TextPart, ...]) -> list[TextItem]:
    return [TextItem(part.id, part.title) for part in parts]


def new_report(meta: Meta | None = None, fmt: ReportFormat = FORMAT_2021) -> Report:
    """An empty report with the customary parts and a default preface."""
    meta = meta or Meta()
    return Report(
        meta=meta,
        preface=default_preface(meta, fmt),
        overview_parts=items_from(fmt.overview_parts),
        other_items=items_from(fmt.other_items),
        edition=fmt.edition,
    )


def resolved_values(report: Report) -> dict[str, CellValue]:
    """Every cell of the format: typed cells as stored, computed totals as sums (never ``None``)."""
    fmt = report.format
    stored = report.cells
    values = {spec.id: stored.get(spec.id) for spec in fmt.leaf_cells}
    for spec in fmt.totals:
        values[spec.id] = sum([as_number(values[part]) for part in spec.sums], start=0)
    return values


def default_preface(meta: Meta, fmt: ReportFormat = FORMAT_2021) -> str:
    """The customary preface (legal basis, period, where to read it, contact), like the seed's."""
    year = str(meta.year) if meta.year else "XXXX"
    agency = meta.agency or "本机关"
    first = (
        "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和"
        f"《{fmt.name}》（{fmt.basis}）要求，"
        f"结合{year}年{agency}政府信息公开工作实际，编制发布本报告。"
    )
    second = (
        "本报告内容包括：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他事项，"
        "以及相关指标统计附表等。"
        f"报告中所列数据统计期限从{year}年1月1日到12月31日止。"
    )
    if meta.website_name or meta.website:
        where = meta.website_name or "本机关网站"
        url = f"（网址：{meta.website}）" if meta.website else ""
        second += f"报告电子版可从{where}{url}查阅或下载。"
    contact = "，".join(
        part for part in (_labelled("地址", meta.address), _labelled("电话", meta.phone)) if part
    )
    second += f"公众如需进一步咨询了解相关信息，请与{agency}联系"
    second += f"（{contact}）。" if contact else "。"
    return f"{first}\n{second}"


def preface_for(report: Report, meta: Meta) -> str:
    """The preface to keep when the basic information becomes ``meta``: the default for
    ``meta`` while the preface is still the default for the current information (it quotes
    agency, year, website, address and phone), else the preface as written by hand."""
    if report.preface != default_preface(report.meta, report.format):
        return report.preface
    return default_preface(meta, report.format)


def _labelled(label: str, value: str) -> str:
    return f"{label}：{value}" if value.strip() else ""


def numbered_items(items: list[TextItem]) -> list[tuple[int, TextItem]]:
    """The items that have text, numbered 1, 2, … in print order."""
    filled = [item for item in items if item.text.strip()]
    return list(enumerate(filled, start=1))


def overview_text(report: Report) -> str:
    """Section 一 as printed: the introduction, then 「1.主动公开方面。…」 paragraphs."""
    paragraphs = [report.overview_intro.strip()] if report.overview_intro.strip() else []
    for number, item in numbered_items(report.overview_parts):
        paragraphs.append(f"{number}.{item.title}。{item.text.strip()}")
    return "\n".join(paragraphs)


def other_text(report: Report) -> str:
    """Section 六 as printed: 「1.政府信息公开收费方面：…」 paragraphs."""
    return "\n".join(
        f"{number}.{item.title}：{item.text.strip()}"
        for number, item in numbered_items(report.other_items)
    )


def section_text(report: Report, kind: SectionKind) -> str:
    """The text of the report's section of a kind, as printed (``""`` for a table)."""
    if kind is SectionKind.PARTS:
        return overview_text(report)
    if kind is SectionKind.TEXT:
        return report.problems
    if kind is SectionKind.ITEMS:
        return other_text(report)
    return ""


def section_place(report: Report, kind: SectionKind) -> str:
    """The finding place of the report's section of a kind: ``text.overview``."""
    return text_place(report.format.section_of(kind).id)


def section_heading(report: Report, kind: SectionKind) -> str:
    """The official heading of the report's section of a kind: 一、总体情况."""
    return report.format.section_of(kind).heading


def section_finding(
    report: Report, kind: SectionKind, rule: str, severity: Severity, message: str
) -> Finding:
    """A finding placed at the report's section of a kind, its message led by the section's
    heading in quotes: “五、存在的主要问题及改进情况”为空…"""
    place = section_place(report, kind)
    return Finding(rule, severity, (place,), f"“{section_heading(report, kind)}”{message}")


MAX_NARRATIVE_CHARS = 100_000
"""The narrative a document may carry, all sections together. A real report has a few thousand
characters; laying out 40,000 takes about 5 s, and a megabyte would take minutes."""


def narrative_length(report: Report) -> int:
    """Characters of all the report's texts (preface, sections, item titles and texts)."""
    items = [*report.overview_parts, *report.other_items]
    texts = [report.preface, report.overview_intro, report.problems]
    return sum(map(len, texts)) + sum(len(item.title) + len(item.text) for item in items)


def narrative_problem(report: Report) -> str:
    """Why the narrative is too long to print (Chinese), or ''."""
    length = narrative_length(report)
    if length <= MAX_NARRATIVE_CHARS:
        return ""
    return (
        f"正文共 {length:,} 个字符，超过了 {MAX_NARRATIVE_CHARS:,} 个字符的上限，无法生成文档"
        "（年度报告的正文通常只有几千字）；请删减正文，例如是否误粘贴了其他文件的内容"
    )


def character_count(text: str) -> int:
    """Characters as a clerk counts them for the 1,000-character limit: whitespace not counted."""
    return len("".join(text.split()))
