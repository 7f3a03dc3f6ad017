"""Import and export of the table cells as the long form ``table,row,column,value``.

Import reads a CSV or XLSX file, matches the labels tolerantly (see :mod:`.labels`), parses the
values as a clerk's entries are parsed, and returns every value it understood together with
every problem, by line. Computed totals are never imported: a total given in the file is
compared with the total of the imported cells, and a difference is an error.

Export writes every cell of the format, totals included, with the official labels.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from report_desktop.domain.declaration import CellSpec, ReportFormat, ValueKind
from report_desktop.domain.findings import Severity
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Report, resolved_values
from report_desktop.domain.values import (
    CellValue,
    CellValueError,
    format_value,
    parse_cell,
    range_problem,
    value_problem,
)
from report_desktop.storage.atomic import atomic_write_bytes

from .labels import FormatLabels, MatchStatus, TableLabels, build_labels
from .problems import CellImport, ImportProblem
from .resolve import cell_name, resolve_line
from .sheet import FIELDS, FormulaText, RawLine, RawValue, read_csv_text, read_sheet


def import_cells(path: Path | str, fmt: ReportFormat = FORMAT_2021) -> CellImport:
    """Read the cells of a ``.csv`` or ``.xlsx`` long-form file.

    Raises :class:`~.sheet.CellImportError` when the file cannot be read at all (not a CSV/XLSX,
    unreadable, no header); problems of single lines are returned in the result instead.
    """
    sheet = read_sheet(Path(path))
    result = import_lines(sheet.lines, fmt)
    if not sheet.ignored_sheets:
        return result
    names = "、".join(f"“{name}”" for name in sheet.ignored_sheets)
    note = ImportProblem(None, Severity.WARNING, f"只读取了第一个工作表，其余工作表{names}未导入。")
    return CellImport(result.values, (note, *result.problems))


def import_cells_text(text: str, fmt: ReportFormat = FORMAT_2021) -> CellImport:
    """Read the cells of long-form CSV text (for instance pasted from a spreadsheet)."""
    return import_lines(read_csv_text(text), fmt)


def import_lines(lines: Sequence[RawLine], fmt: ReportFormat = FORMAT_2021) -> CellImport:
    """Match, parse and check the data lines of a long-form file."""
    collector = _Collector(fmt, build_labels(fmt))
    for raw in lines:
        collector.take(raw)
    return collector.result(has_lines=bool(lines))


def convert_value(kind: ValueKind, raw: RawValue, maximum: int | None = None) -> CellValue:
    """A file's value as a cell value; text is parsed like a clerk's entry.

    Raises :class:`~report_desktop.domain.values.CellValueError` (Chinese message).
    """
    if isinstance(raw, FormulaText):
        raise CellValueError(
            f"是公式“{raw[:40]}”，但文件中没有保存它的计算结果（文件可能由程序生成、"
            "从未在 Excel 或 WPS 中打开过）；请在 Excel 或 WPS 中打开并保存该文件后再导入"
        )
    if isinstance(raw, str):
        return parse_cell(kind, raw, maximum)
    value: int | Decimal = raw
    out_of_range = range_problem(kind, value, maximum)
    if out_of_range:
        raise CellValueError(out_of_range)
    if (
        isinstance(value, Decimal)
        and kind is ValueKind.COUNT
        and value == value.to_integral_value()
    ):
        value = int(value)
    problem = value_problem(kind, value)
    if problem:
        raise CellValueError(problem)
    return Decimal(value) if kind is ValueKind.AMOUNT else value


@dataclass(frozen=True)
class _Given:
    line: int
    value: CellValue


class _Collector:
    """The state of one import: values and stated totals by cell, problems in line order."""

    def __init__(self, fmt: ReportFormat, labels: FormatLabels) -> None:
        self.fmt = fmt
        self.labels = labels
        self.values: dict[str, _Given] = {}
        self.stated: dict[str, _Given] = {}
        self.unreliable: set[str] = set()
        """Cells whose value is unknown (refused or contradictory): totals over them not checked."""
        self.problems: list[ImportProblem] = []

    def take(self, raw: RawLine) -> None:
        spec = resolve_line(self.labels, raw)
        if isinstance(spec, list):
            self.problems.extend(spec)
            return
        try:
            value = convert_value(spec.kind, raw.value, spec.maximum)
        except CellValueError as error:
            self.unreliable.add(spec.id)
            self._problem(raw.line, Severity.ERROR, f"{self._name(spec)}：{error}。", spec)
            return
        self._store(spec, raw.line, value)

    def result(self, has_lines: bool) -> CellImport:
        if not has_lines:
            self._problem(None, Severity.WARNING, "文件中只有表头，没有数据行。")
        self._check_totals()
        values = {cell: given.value for cell, given in self.values.items()}
        ordered = sorted(self.problems, key=lambda p: p.line or 0)
        return CellImport(values, tuple(ordered))

    def _store(self, spec: CellSpec, line: int, value: CellValue) -> None:
        target = self.stated if spec.computed else self.values
        previous = target.get(spec.id)
        if previous is None:
            target[spec.id] = _Given(line, value)
        elif previous.value == value:
            message = f"{self._name(spec)}在第{previous.line}行已经填写过，本行重复（数值相同）。"
            self._problem(line, Severity.WARNING, message, spec)
        else:
            self.unreliable.add(spec.id)
            message = (
                f"{self._name(spec)}在第{previous.line}行填写为“{_shown(previous.value)}”，"
                f"本行又填写为“{_shown(value)}”，两处不一致。"
            )
            self._problem(line, Severity.ERROR, message, spec)

    def _check_totals(self) -> None:
        if not self.stated:
            return
        cells = {cell: given.value for cell, given in self.values.items()}
        computed = resolved_values(Report(cells=cells, edition=self.fmt.edition))
        for cell, given in self.stated.items():
            if given.value is None or self._depends_on_unreliable(cell):
                continue
            if computed[cell] != given.value:
                spec = self.fmt.cell(cell)
                message = (
                    f"{self._name(spec)}：文件中的合计为{_shown(given.value)}，"
                    f"按导入的各项数据计算应为{_shown(computed[cell])}。"
                    "合计不导入，以各项数据相加为准，请核对。"
                )
                self._problem(given.line, Severity.ERROR, message, spec)

    def _depends_on_unreliable(self, cell: str) -> bool:
        if cell in self.unreliable:
            return True
        return any(self._depends_on_unreliable(part) for part in self.fmt.cell(cell).sums)

    def _name(self, spec: CellSpec) -> str:
        return cell_name(self.labels, spec)

    def _problem(
        self, line: int | None, severity: Severity, message: str, spec: CellSpec | None = None
    ) -> None:
        cell = spec.id if spec else ""
        self.problems.append(ImportProblem(line, severity, message, cell=cell))


def _shown(value: CellValue) -> str:
    return format_value(value, empty="（空）")


# Export -----------------------------------------------------------------------------------------


def cells_to_csv_text(report: Report) -> str:
    """Every cell of the report's format in declaration order, totals computed, as CSV text.

    Header ``table,row,column,value``; official labels; amounts with the clerk's decimals; an
    unfilled cell has an empty value. Lines end with CRLF. No byte-order mark (see
    :func:`export_cells_csv`).
    """
    fmt = report.format
    labels = build_labels(fmt)
    values = resolved_values(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for spec in fmt.cells:
        names = labels.of(spec.table.id)
        row = _row_label(names, spec)
        writer.writerow((names.code, row, spec.column.label, format_value(values[spec.id])))
    return buffer.getvalue()


def export_cells_csv(report: Report, path: Path | str) -> None:
    """Write :func:`cells_to_csv_text` as UTF-8 with a BOM (so Excel shows the Chinese), atomically.

    Raises OSError when the file cannot be written; an existing file is then left intact.
    """
    atomic_write_bytes(Path(path), cells_to_csv_text(report).encode("utf-8-sig"))


def _row_label(names: TableLabels, spec: CellSpec) -> str:
    """The row's official label, or with its group heading where the label alone is ambiguous."""
    for label in (spec.row.label, names.rows.display(spec.row.id)):
        match = names.rows.match(label)
        if match.status is MatchStatus.FOUND and match.target == spec.row.id:
            return label
    raise ValueError(f"row {spec.row.id} of {spec.table.id} has no unambiguous label")
