"""The plain template context of a report: strings, numbers, lists and dicts only.

Everything printed is decided here, from the report and its format declaration; the templates
(HTML, PDF) and the DOCX writer only lay it out. No arithmetic happens after this point: totals
come from :func:`report_desktop.domain.model.resolved_values`.
"""

from __future__ import annotations

import re
from typing import NotRequired, TypedDict

from report_desktop.domain.declaration import ReportFormat, Section, SectionKind, Table
from report_desktop.domain.model import Report, TextItem, numbered_items, resolved_values
from report_desktop.domain.table_geometry import (
    CellRole,
    PlacedCell,
    TableGeometry,
    table_geometry,
)
from report_desktop.domain.values import CellValue, format_value

from .xmltext import xml_safe_report

UNKNOWN_YEAR = "XXXX"
DRAFT_LABEL = "草稿"
DRAFT_NOTICE = "草稿　未定稿，请勿对外发布"
SCROLL_HINT = "表格较宽，可左右滑动查看。"
"""Shown above a wide table on a narrow screen (web page only)."""
LANGUAGE = "zh-CN"

_LEVEL2_LEAD = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。\n]{1,40}。")
_LEVEL2_LINE = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。\n]{1,40}$")
_NUMERAL = "[一二三四五六七八九十]{1,3}"
_ENUMERATOR = re.compile(rf"^(（{_NUMERAL}）|{_NUMERAL}、|\d{{1,2}}\.)")


class Cell(TypedDict):
    """One printed table cell."""

    prefix: str
    """The enumerator of a merged group label (「（三）」 of 「（三）不予公开」), printed on a
    line of its own in narrow label columns; ``""`` for other cells. The label is
    ``prefix + text``."""
    text: str
    tag: str
    """``th`` (label, header, caption) or ``td`` (value)."""
    scope: str
    """``col``, ``colgroup``, ``row``, ``rowgroup`` for ``th``; ``""`` for ``td``."""
    colspan: int
    rowspan: int
    cls: str
    id: NotRequired[str]
    """The HTML id of a header cell (web page), see :func:`report_desktop.render.html`."""
    headers: NotRequired[str]
    """The ids of the header cells of a value cell (web page)."""
    row: NotRequired[int]
    col: NotRequired[int]
    """The cell's place in the table's grid (its merge origin), from the table's geometry."""


class Row(TypedDict):
    id: str
    cls: str
    cells: list[Cell]


class Group(TypedDict):
    """Rows printed as one ``<tbody>``: a merged group that must not split across pages."""

    id: str
    rows: list[Row]


class TableContext(TypedDict):
    id: str
    name: str
    layout: str
    grid_columns: int
    col_classes: list[str]
    """One CSS class per grid column (``label-1`` … ``value``), for a ``<colgroup>``."""
    col_widths_mm: list[str]
    """The printed width of every grid column in mm, as declared (``"7.6"``)."""
    head: list[Row]
    """Header rows repeated on every page (``<thead>``); empty for 表二."""
    groups: list[Group]


class Span(TypedDict):
    text: str
    cls: str
    """``""`` (body text) or the lead's class (``level2``, ``level3``)."""
    spacing: str
    """Its CSS letter-spacing (``"-0.21120pt"``)."""


class Line(TypedDict):
    """One line of a paragraph set for print (:mod:`report_desktop.render.justify`)."""

    spans: list[Span]


class Paragraph(TypedDict):
    lead: str
    """A lead-in printed before the text (「1.主动公开方面。」, 「（一）……。」), or ``""``."""
    lead_cls: str
    """``level2`` (楷体 「（一）」 lead) or ``level3`` (「1.」 lead) or ``""``."""
    text: str
    lines: NotRequired[list[Line]]
    """The paragraph broken into justified lines (the PDF only; the web page reflows)."""


class SectionContext(TypedDict):
    id: str
    numeral: str
    heading: str
    heading_id: str
    """The HTML id of the heading; the table is labelled by it."""
    paragraphs: list[Paragraph]
    table: TableContext | None


class DocumentContext(TypedDict):
    lang: str
    title: str
    title_lines: list[str]
    agency: str
    year: str
    draft_mark: bool
    draft_label: str
    draft_notice: str
    scroll_hint: str
    preface: list[Paragraph]
    sections: list[SectionContext]


def document_context(report: Report, draft_mark: bool) -> DocumentContext:
    """The whole document, ready for a template."""
    report = xml_safe_report(report)
    title_lines = report_title_lines(report)
    values = resolved_values(report)
    return {
        "lang": LANGUAGE,
        "title": "".join(title_lines),
        "title_lines": title_lines,
        "agency": report.meta.agency.strip(),
        "year": _year(report),
        "draft_mark": draft_mark,
        "draft_label": DRAFT_LABEL,
        "draft_notice": DRAFT_NOTICE,
        "scroll_hint": SCROLL_HINT,
        "preface": paragraphs(report.preface),
        "sections": [_section(report, values, section) for section in report.format.sections],
    }


def report_title_lines(report: Report) -> list[str]:
    """「<agency>」 and 「<year>年」 + the format's title; one line without an agency."""
    agency = report.meta.agency.strip()
    second = f"{_year(report)}年{report.format.title}"
    return [agency, second] if agency else [second]


def report_title(report: Report) -> str:
    return "".join(report_title_lines(report))


def _year(report: Report) -> str:
    return str(report.meta.year) if report.meta.year else UNKNOWN_YEAR


# Narrative ---------------------------------------------------------------------------------------


def paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines of ``text`` as paragraphs; a 「（一）……。」 opening becomes a 楷体 lead."""
    result: list[Paragraph] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            result.append(_paragraph(line))
    return result


def _paragraph(line: str) -> Paragraph:
    match = _LEVEL2_LEAD.match(line) or _LEVEL2_LINE.match(line)
    if match:
        return {"lead": match.group(0), "lead_cls": "level2", "text": line[match.end() :]}
    return {"lead": "", "lead_cls": "", "text": line}


def numbered_paragraphs(items: list[TextItem], separator: str) -> list[Paragraph]:
    """「1.title。text」 (section 一, separator 。) or 「1.title：text」 (section 六, ：)."""
    result: list[Paragraph] = []
    for number, item in numbered_items(items):
        title = item.title.strip()
        lead = f"{number}.{title}{separator}" if title else f"{number}."
        body = [line.strip() for line in item.text.splitlines() if line.strip()]
        result.append({"lead": lead, "lead_cls": "level3", "text": body[0]})
        result.extend(_paragraph(line) for line in body[1:])
    return result


def _narrative(report: Report, section: Section) -> list[Paragraph]:
    if section.kind is SectionKind.PARTS:
        return paragraphs(report.overview_intro) + numbered_paragraphs(report.overview_parts, "。")
    if section.kind is SectionKind.TEXT:
        return paragraphs(report.problems)
    if section.kind is SectionKind.ITEMS:
        return numbered_paragraphs(report.other_items, "：")
    return []


def _section(report: Report, values: dict[str, CellValue], section: Section) -> SectionContext:
    table = (
        table_context(report.format, report.format.table(section.table), values)
        if section.table
        else None
    )
    return {
        "id": section.id,
        "numeral": section.numeral,
        "heading": section.heading,
        "heading_id": f"heading-{section.id}",
        "paragraphs": _narrative(report, section),
        "table": table,
    }


# Tables ------------------------------------------------------------------------------------------


def table_context(fmt: ReportFormat, table: Table, values: dict[str, CellValue]) -> TableContext:
    """A table as header rows and ``<tbody>`` groups, drawn from its one geometry
    (:mod:`report_desktop.domain.table_geometry`)."""
    geometry = table_geometry(fmt, table)
    head: list[Row] = []
    groups: list[Group] = []
    for index, line in enumerate(geometry.lines):
        cells = [_placed_cell(c, line.head, values) for c in geometry.cells_in_row(index)]
        row: Row = {"id": line.id, "cls": line.style, "cells": cells}
        if line.head:
            head.append(row)
        elif groups and groups[-1]["id"] == line.group:
            groups[-1]["rows"].append(row)
        else:
            groups.append({"id": line.group, "rows": [row]})
    return {
        "id": table.id,
        "name": table.name,
        "layout": table.layout,
        "grid_columns": geometry.cols,
        "col_classes": _col_classes(geometry),
        "col_widths_mm": [f"{width:g}" for width in geometry.widths_mm],
        "head": head,
        "groups": groups,
    }


def _col_classes(geometry: TableGeometry) -> list[str]:
    """One class per grid column: ``label-N`` beside the values, ``value`` (with the column's id
    when each grid column holds one declared column), and ``w-N`` for its declared width."""
    labels = [f"label-{i}" for i in range(1, geometry.label_columns + 1)]
    table = geometry.table
    values = geometry.cols - geometry.label_columns
    if table.layout == "grid":
        classes = labels + [f"value col-{column.id}" for column in table.blocks[0].columns]
    else:
        classes = labels + ["value"] * values
    return [f"{cls} w-{i}" for i, cls in enumerate(classes, start=1)]


def _placed_cell(placed: PlacedCell, in_head: bool, values: dict[str, CellValue]) -> Cell:
    if placed.spec is not None:
        cell = _value_cell(values[placed.spec.id], placed.colspan)
    elif placed.role is CellRole.CAPTION:
        cell = _cell(
            placed.text,
            scope="rowgroup",
            cls="caption",
            colspan=placed.colspan,
            rowspan=placed.rowspan,
        )
    elif placed.role is CellRole.LABEL:
        cell = _label_cell(placed)
    else:
        scope = "colgroup" if in_head and placed.colspan > 1 else "col"
        note = in_head and placed.role is CellRole.CORNER  # 表三's 勾稽关系 above the labels
        cls = "head note" if note else "head"
        cell = _cell(
            placed.text, scope=scope, cls=cls, colspan=placed.colspan, rowspan=placed.rowspan
        )
    cell["row"] = placed.row
    cell["col"] = placed.col
    return cell


def _label_cell(placed: PlacedCell) -> Cell:
    if not placed.group:
        return _cell(
            placed.text,
            scope="row",
            cls=f"label depth-{placed.level}",
            colspan=placed.colspan,
            rowspan=placed.rowspan,
        )
    cell = _cell(
        placed.text,
        scope="rowgroup",
        cls=f"label group depth-{placed.level}",
        colspan=placed.colspan,
        rowspan=placed.rowspan,
    )
    if match := _ENUMERATOR.match(placed.text):
        cell["prefix"] = match.group(0)
        cell["text"] = placed.text[match.end() :]
    return cell


def _cell(
    text: str,
    *,
    tag: str = "th",
    scope: str = "",
    colspan: int = 1,
    rowspan: int = 1,
    cls: str = "",
) -> Cell:
    return {
        "prefix": "",
        "text": text,
        "tag": tag,
        "scope": scope,
        "colspan": colspan,
        "rowspan": rowspan,
        "cls": cls,
    }


def _value_cell(value: CellValue, colspan: int = 1) -> Cell:
    """A value as printed; ``digits-N`` tells the stylesheet how long it is (narrow columns)."""
    text = format_value(value, empty="0")
    return _cell(text, tag="td", colspan=colspan, cls=f"num digits-{min(len(text), 12)}")


# Draft mark --------------------------------------------------------------------------------------


def draft_mark_for(report: Report, draft_mark: bool | None) -> bool:
    """``draft_mark`` when given; otherwise whether the checks find any error in the report."""
    if draft_mark is not None:
        return draft_mark
    from report_desktop.domain.rules import check

    return any(str(finding.severity) == "error" for finding in check(report))
