"""The plain template context of a report: strings, numbers, lists and dicts only.

Everything printed is decided here, from the report and its format declaration; the templates
(HTML, PDF) and the DOCX writer only lay it out. No arithmetic happens after this point: totals
come from :func:`report_desktop.domain.model.resolved_values`.
"""

from __future__ import annotations

import re
from typing import NotRequired, TypedDict

from report_desktop.domain.declaration import (
    Block,
    HeaderCell,
    RowNode,
    Section,
    Table,
    cell_id,
)
from report_desktop.domain.model import Report, TextItem, numbered_items, resolved_values
from report_desktop.domain.values import CellValue, format_value

from .xmltext import xml_safe_report

TITLE_SUFFIX = "政府信息公开工作年度报告"
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
    """「<agency>」 and 「<year>年政府信息公开工作年度报告」; one line without an agency."""
    agency = report.meta.agency.strip()
    second = f"{_year(report)}年{TITLE_SUFFIX}"
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
    if section.id == "overview":
        return paragraphs(report.overview_intro) + numbered_paragraphs(report.overview_parts, "。")
    if section.id == "problems":
        return paragraphs(report.problems)
    if section.id == "other":
        return numbered_paragraphs(report.other_items, "：")
    return []


def _section(report: Report, values: dict[str, CellValue], section: Section) -> SectionContext:
    table = table_context(report.format.table(section.table), values) if section.table else None
    return {
        "id": section.id,
        "numeral": section.numeral,
        "heading": section.heading,
        "heading_id": f"heading-{section.id}",
        "paragraphs": _narrative(report, section),
        "table": table,
    }


# Tables ------------------------------------------------------------------------------------------


def table_context(table: Table, values: dict[str, CellValue]) -> TableContext:
    """A table as header rows and ``<tbody>`` groups, merges derived from the declaration."""
    if table.layout == "blocks":
        return _blocks_table(table, values)
    if table.layout == "strip":
        return _strip_table(table, values)
    return _grid_table(table, values)


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


def _header_rows(header: tuple[tuple[HeaderCell, ...], ...]) -> list[Row]:
    rows: list[Row] = []
    for index, header_row in enumerate(header, start=1):
        cells = [
            _cell(
                h.label,
                scope="colgroup" if h.colspan > 1 else "col",
                colspan=h.colspan,
                rowspan=h.rowspan,
                cls="head",
            )
            for h in header_row
        ]
        rows.append({"id": f"head-{index}", "cls": "head", "cells": cells})
    return rows


def _grid_table(table: Table, values: dict[str, CellValue]) -> TableContext:
    """表三: label columns from the row tree, one value column per declared column."""
    (block,) = table.blocks
    depth = block.row_depth()
    groups: list[Group] = []
    for node in block.rows:
        rows = [
            _value_row(table, block, leaf, labels, values)
            for leaf, labels in _label_cells(node, 1, depth)
        ]
        groups.append({"id": node.id, "rows": rows})
    return {
        "id": table.id,
        "name": table.name,
        "layout": table.layout,
        "grid_columns": depth + len(block.columns),
        "col_classes": [f"label-{i}" for i in range(1, depth + 1)]
        + [f"value col-{column.id}" for column in block.columns],
        "head": _header_rows(table.header),
        "groups": groups,
    }


def _label_cells(node: RowNode, depth: int, max_depth: int) -> list[tuple[RowNode, list[Cell]]]:
    """Each leaf under ``node`` with the label cells printed at its start (merged group labels)."""
    if not node.children:
        colspan = max_depth - depth + 1
        return [
            (node, [_cell(node.label, scope="row", colspan=colspan, cls=f"label depth-{depth}")])
        ]
    rows: list[tuple[RowNode, list[Cell]]] = []
    for child in node.children:
        rows.extend(_label_cells(child, depth + 1, max_depth))
    group_label = _cell(
        node.label, scope="rowgroup", rowspan=len(rows), cls=f"label group depth-{depth}"
    )
    if match := _ENUMERATOR.match(node.label):
        group_label["prefix"] = match.group(0)
        group_label["text"] = node.label[match.end() :]
    first_leaf, first_cells = rows[0]
    rows[0] = (first_leaf, [group_label, *first_cells])
    return rows


def _value_row(
    table: Table, block: Block, leaf: RowNode, labels: list[Cell], values: dict[str, CellValue]
) -> Row:
    cells = labels + [
        _value_cell(values[cell_id(table.id, leaf.id, column.id)]) for column in block.columns
    ]
    return {"id": leaf.id, "cls": "total" if leaf.computed else "", "cells": cells}


def _blocks_table(table: Table, values: dict[str, CellValue]) -> TableContext:
    """表二: per block a caption row, a header row and its value rows; the widest block sets
    the grid."""
    value_columns = max(len(block.columns) for block in table.blocks)
    groups = [_block_group(table, block, value_columns, values) for block in table.blocks]
    return {
        "id": table.id,
        "name": table.name,
        "layout": table.layout,
        "grid_columns": 1 + value_columns,
        "col_classes": ["label-1"] + ["value"] * value_columns,
        "head": [],
        "groups": groups,
    }


def _spans(count: int, width: int) -> list[int]:
    """Colspans of ``count`` columns filling ``width`` grid columns (the last takes the rest)."""
    base = width // count
    return [base] * (count - 1) + [width - base * (count - 1)]


def _block_group(table: Table, block: Block, width: int, values: dict[str, CellValue]) -> Group:
    spans = _spans(len(block.columns), width)
    caption: Row = {
        "id": f"{block.id}-caption",
        "cls": "caption",
        "cells": [_cell(block.caption, scope="rowgroup", colspan=width + 1, cls="caption")],
    }
    header_cells = [_cell(block.corner, scope="col", cls="head")] + [
        _cell(column.label, scope="col", colspan=span, cls="head")
        for column, span in zip(block.columns, spans, strict=True)
    ]
    header: Row = {"id": f"{block.id}-head", "cls": "head", "cells": header_cells}
    rows = [caption, header]
    for leaf in block.leaf_rows():
        cells = [_cell(leaf.label, scope="row", cls="label depth-1")] + [
            _value_cell(values[cell_id(table.id, leaf.id, column.id)], colspan=span)
            for column, span in zip(block.columns, spans, strict=True)
        ]
        rows.append({"id": leaf.id, "cls": "", "cells": cells})
    return {"id": block.id, "rows": rows}


def _strip_table(table: Table, values: dict[str, CellValue]) -> TableContext:
    """表四: the declared header, then every value in one row (block rows × columns, in order)."""
    (block,) = table.blocks
    cells = [
        _value_cell(values[cell_id(table.id, row.id, column.id)])
        for row in block.leaf_rows()
        for column in block.columns
    ]
    return {
        "id": table.id,
        "name": table.name,
        "layout": table.layout,
        "grid_columns": len(cells),
        "col_classes": ["value"] * len(cells),
        "head": _header_rows(table.header),
        "groups": [{"id": block.id, "rows": [{"id": "values", "cls": "", "cells": cells}]}],
    }


# Draft mark --------------------------------------------------------------------------------------


def draft_mark_for(report: Report, draft_mark: bool | None) -> bool:
    """``draft_mark`` when given; otherwise whether the checks find any error in the report."""
    if draft_mark is not None:
        return draft_mark
    from report_desktop.domain.rules import check

    return any(str(finding.severity) == "error" for finding in check(report))
