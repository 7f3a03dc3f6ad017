"""From the three labels of a line (table, row, column) to a cell of the format, or to problems."""

from __future__ import annotations

from report_desktop.domain.declaration import CellSpec, cell_id
from report_desktop.domain.findings import Severity
from report_desktop.domain.superseded import TRIAL_FORMAT_2019

from .labels import (
    FormatLabels,
    Match,
    MatchStatus,
    TableLabels,
    recognises,
)
from .problems import ImportProblem
from .sheet import RawLine

Resolved = CellSpec | list[ImportProblem]

MAX_LABEL_CHARS = 200
"""Longer labels are refused before any matching (the longest official label has ~60)."""


def resolve_line(labels: FormatLabels, raw: RawLine) -> Resolved:
    """The cell a line names, or the problems that stop it from naming one."""
    missing = [
        name for name, text in (("表", raw.table), ("行", raw.row), ("列", raw.column)) if not text
    ]
    if missing:
        return [_error(raw, f"缺少“{'”“'.join(missing)}”：每行都要写明表、行、列。")]
    too_long = [
        (name, len(text))
        for name, text in (("表", raw.table), ("行", raw.row), ("列", raw.column))
        if len(text) > MAX_LABEL_CHARS
    ]
    if too_long:
        name, length = too_long[0]
        return [_error(raw, f"“{name}”一栏的文字过长（{length} 个字符），不是报告格式中的名称。")]
    table = labels.tables.match(raw.table)
    if table.status is not MatchStatus.FOUND:
        return [_table_problem(labels, raw, table)]
    names = labels.of(table.target)
    row = _resolve_row(labels, names, raw)
    column = _resolve_column(labels, names, raw, row if isinstance(row, str) else "")
    problems = [p for p in (row, column) if isinstance(p, ImportProblem)]
    if problems or not isinstance(row, str) or not isinstance(column, str):
        return problems
    return labels.fmt.cell(cell_id(names.table.id, row, column))


def cell_name(labels: FormatLabels, spec: CellSpec) -> str:
    """How messages name a cell: 表三“（三）不予公开 1.属于国家秘密”“自然人”."""
    row = labels.of(spec.table.id).rows.display(spec.row.id)
    return f"{spec.table.name}“{row}”“{spec.column.label}”"


def _table_problem(labels: FormatLabels, raw: RawLine, match: Match) -> ImportProblem:
    codes = "、".join(labels.by_table[t.id].code for t in labels.fmt.tables)
    unknown = f"没有“{raw.table}”这张表（“表”一栏应为 {codes}）"
    return _unknown(labels, raw, "表", unknown, match)


def _resolve_row(labels: FormatLabels, names: TableLabels, raw: RawLine) -> str | ImportProblem:
    match = names.rows.match(raw.row)
    if match.status is not MatchStatus.FOUND:
        unknown = f"{names.table.name}中没有“{raw.row}”这一行"
        hint = _misplaced(labels, names, raw.row, as_row=True)
        return _unknown(labels, raw, "行", unknown + hint, match)
    group = names.groups.get(match.target)
    if group is not None:
        first = group.children[0].label
        return _error(
            raw,
            f"“{group.label}”是{names.table.name}的分组标题，没有对应的单元格；"
            f"请按其下各项（如“{first}”）分别填写。",
        )
    return match.target


def _resolve_column(
    labels: FormatLabels, names: TableLabels, raw: RawLine, row_id: str
) -> str | ImportProblem:
    allowed = names.block_columns(row_id) if row_id else ()
    match = names.columns.match(raw.column)
    if match.status is MatchStatus.FOUND and (not row_id or match.target in allowed):
        return match.target
    if match.status is MatchStatus.FOUND:
        own = "、".join(names.columns.label(c) for c in allowed)
        return _error(
            raw,
            f"{names.table.name}“{names.rows.display(row_id)}”这一行没有“{raw.column}”这一列；"
            f"该行的列为：{own}。",
        )
    unknown = f"{names.table.name}中没有“{raw.column}”这一列"
    hint = _misplaced(labels, names, raw.column, as_row=False)
    return _unknown(labels, raw, "列", unknown + hint, match)


def _misplaced(labels: FormatLabels, names: TableLabels, text: str, *, as_row: bool) -> str:
    """A hint when the label exists elsewhere: swapped row and column, or another table."""
    swapped = names.columns if as_row else names.rows
    if swapped.match(text).status is MatchStatus.FOUND:
        return f"（“{text}”是{'列' if as_row else '行'}标签，行与列是否填反了？）"
    for other in labels.by_table.values():
        for index, kind in ((other.rows, "行"), (other.columns, "列")):
            if other is not names and index.match(text).status is MatchStatus.FOUND:
                return f"（“{text}”是{other.table.name}的{kind}，请检查“表”一栏）"
    return ""


def _unknown(
    labels: FormatLabels, raw: RawLine, kind: str, unknown: str, match: Match
) -> ImportProblem:
    """An unknown or ambiguous label: superseded-format labels and close labels are named.

    ``unknown`` is the sentence for a label not found (「表三中没有“X”这一行」).
    """
    text = {"表": raw.table, "行": raw.row, "列": raw.column}[kind]
    if match.status is MatchStatus.AMBIGUOUS:
        choices = "；".join(f"“{c}”" for c in match.candidates)
        return _error(
            raw,
            f"{kind}标签“{text}”有歧义，可能是{choices}。请写出完整标签（可在前面加上分组标题）。",
        )
    if recognises(TRIAL_FORMAT_2019, text):
        return _error(raw, _superseded_message(labels, text))
    if match.suggestion:
        message = f"{unknown}。是否应为“{match.suggestion}”？"
        return _error(raw, message, suggestion=match.suggestion)
    return _error(raw, f"{unknown}。")


def _superseded_message(labels: FormatLabels, text: str) -> str:
    old = TRIAL_FORMAT_2019
    current = f"{labels.fmt.edition}年格式（{labels.fmt.basis}）"
    return (
        f"“{text}”是{old.name}（{old.basis}）的标签：本文件使用的是{old.name}，"
        f"不是{current}，请按{labels.fmt.edition}年格式整理后再导入。"
    )


def _error(raw: RawLine, message: str, suggestion: str = "") -> ImportProblem:
    return ImportProblem(raw.line, Severity.ERROR, message, suggestion=suggestion)
