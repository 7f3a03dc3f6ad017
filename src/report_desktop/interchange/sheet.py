"""Reading the long form (``table,row,column,value``) from a CSV or XLSX file into raw lines.

Nothing here knows the report format: labels stay text, values stay text or numbers exactly as
the spreadsheet holds them. Files that cannot be read raise :class:`CellImportError`.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from report_desktop.storage.safeio import open_regular, os_reason, read_limited

RawValue = str | int | Decimal
"""A value as the file holds it: text (CSV, text cells) or a number (XLSX numeric cells)."""

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINES = 10_000
"""Data lines a long form may have (the 2021 format has under 200 typed cells)."""
MAX_RECORDS = 100_000
"""Rows read in all, empty ones included (an XLSX can declare millions of empty rows)."""
MAX_CELLS_PER_RECORD = 1_000
MAX_XLSX_MEMBER_BYTES = 30 * 1024 * 1024
"""The largest part of an XLSX unpacked (a sheet, the shared strings); a real one is kilobytes."""
MAX_XLSX_BYTES = 60 * 1024 * 1024
"""All parts of an XLSX unpacked."""
FIELDS = ("table", "row", "column", "value")
_FIELD_NAMES = {"table": "表", "row": "行", "column": "列", "value": "值"}
_DELIMITERS = (",", "\t", ";", "，")
_ENCODINGS = ("utf-8-sig", "gb18030")
_DECIMAL_PLACES = re.compile(r"0\.(0+)")
_MAX_DIGITS = 20
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class CellImportError(Exception):
    """The file cannot be imported at all; the message (Chinese) says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class RawLine:
    """One data row of the long form; ``line`` is the spreadsheet row number (header = 1)."""

    line: int
    table: str
    row: str
    column: str
    value: RawValue


@dataclass(frozen=True)
class SheetData:
    lines: tuple[RawLine, ...]
    ignored_sheets: tuple[str, ...] = ()
    """Names of further worksheets of an XLSX workbook, which are not read."""


def read_sheet(path: Path) -> SheetData:
    """The data lines of a ``.csv`` or ``.xlsx`` file. Raises :class:`CellImportError`."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return SheetData(read_csv_text(_decode(_read_bytes(path))))
    if suffix in (".xlsx", ".xlsm"):
        _check_file(path)
        return _read_xlsx(path)
    if suffix == ".xls":
        raise CellImportError("不支持旧版Excel（.xls）文件，请在Excel中另存为.xlsx或.csv后再导入。")
    raise CellImportError(
        f"不支持的文件类型“{path.suffix or path.name}”：只能导入.csv或.xlsx文件。"
    )


def read_csv_text(text: str) -> tuple[RawLine, ...]:
    """The data lines of CSV text (header first). Raises :class:`CellImportError`."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise CellImportError("文件内容不是文本，无法作为CSV读取。")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = next((d for d in _DELIMITERS if d in first), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return lines_from_records(_csv_records(reader))


def _csv_records(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            yield number, record
    except csv.Error as error:
        where = f"第{number + 1}行附近"
        if "field larger than field limit" in str(error):
            raise CellImportError(f"CSV文件{where}有一格内容过长，不是单元格数据文件。") from error
        raise CellImportError(
            f"CSV文件{where}格式有误（引号不配对或含有空字符），无法读取。"
        ) from error


def lines_from_records(
    records: Iterable[tuple[int, Sequence[RawValue | None]]],
) -> tuple[RawLine, ...]:
    """Find the header among numbered records and turn the following records into lines."""
    columns: dict[str, int] | None = None
    lines: list[RawLine] = []
    for count, (number, record) in enumerate(records, start=1):
        _check_size(count, len(lines), len(record))
        cells = [_blank_to_none(value) for value in record]
        if all(value is None for value in cells):
            continue
        if columns is None:
            columns = _header_columns(number, cells)
            continue
        lines.append(_raw_line(number, cells, columns))
    if columns is None:
        raise CellImportError("文件是空的：没有表头，也没有数据。")
    return tuple(lines)


def _check_size(records: int, lines: int, cells: int) -> None:
    """Refuse a file far larger than a long form can be (so a hostile one cannot exhaust memory)."""
    if records > MAX_RECORDS or lines >= MAX_LINES:
        raise CellImportError(
            f"文件的行数过多（超过 {min(records, MAX_LINES):,} 行），不是单元格数据文件："
            f"报告的全部单元格只需几百行。"
        )
    if cells > MAX_CELLS_PER_RECORD:
        raise CellImportError(f"文件第{records}行有 {cells:,} 列，过多；单元格数据文件只有四列。")


def _header_columns(number: int, cells: Sequence[RawValue | None]) -> dict[str, int]:
    names = [_header_key(value) for value in cells]
    columns: dict[str, int] = {}
    for field in FIELDS:
        for index, name in enumerate(names):
            if name in (field, _FIELD_NAMES[field]):
                columns.setdefault(field, index)
    if len(columns) < len(FIELDS):
        found = ",".join(_text(value) for value in cells)
        raise CellImportError(
            f"第{number}行应为表头“table,row,column,value”（或“表,行,列,值”），"
            f"实际为“{found}”。请在第一行写出这四个列名。"
        )
    return columns


def _header_key(value: RawValue | None) -> str:
    text = unicodedata.normalize("NFKC", _text(value))
    return re.sub(r"\s+", "", text).strip("\"'“”").casefold()


def _raw_line(number: int, cells: Sequence[RawValue | None], columns: dict[str, int]) -> RawLine:
    def at(field: str) -> RawValue | None:
        index = columns[field]
        return cells[index] if index < len(cells) else None

    value = at("value")
    return RawLine(
        line=number,
        table=_text(at("table")),
        row=_text(at("row")),
        column=_text(at("column")),
        value="" if value is None else value,
    )


def _blank_to_none(value: RawValue | None) -> RawValue | None:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _text(value: RawValue | None) -> str:
    """A label cell as text: numbers (表 given as 2 in a spreadsheet) without a decimal tail."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else format(value, "f")
    return str(value).strip()


def _read_bytes(path: Path) -> bytes:
    try:
        data = read_limited(path, MAX_FILE_BYTES)
    except OSError as error:
        raise _read_error(path, error) from error
    if len(data) > MAX_FILE_BYTES:
        raise CellImportError(_too_large(path))
    return data


def _check_file(path: Path) -> None:
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise _read_error(path, error) from error
    if size > MAX_FILE_BYTES:
        raise CellImportError(_too_large(path, size))


def _read_error(path: Path, error: OSError) -> CellImportError:
    if isinstance(error, FileNotFoundError):
        return CellImportError(f"找不到文件“{path}”。")
    if error.errno == errno.EISDIR:
        return CellImportError(f"“{path}”是文件夹，不是文件。")
    return CellImportError(f"无法读取文件“{path}”：{os_reason(error)}。")


def _too_large(path: Path, size: int | None = None) -> str:
    shown = (
        f"（{size // 1024 // 1024} MB）"
        if size is not None
        else f"（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）"
    )
    return f"文件过大{shown}：“{path.name}”不是单元格数据文件。"


def _decode(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (BOM or not), else GB18030 (Excel on Chinese Windows)."""
    if not data.strip():
        raise CellImportError("文件是空的：没有表头，也没有数据。")
    if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise CellImportError("文件内容是Excel工作簿而不是CSV文本，请将扩展名改为.xlsx后再导入。")
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CellImportError("无法识别文件的文字编码（应为UTF-8或GB18030/GBK），请另存为UTF-8的CSV。")


# XLSX -------------------------------------------------------------------------------------------


def _check_xlsx_parts(path: Path) -> None:
    """Refuse a workbook whose unpacked parts are too large, before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise CellImportError(
            f"无法打开Excel文件“{path.name}”：文件已损坏或不是.xlsx格式。"
        ) from error
    if max(sizes, default=0) > MAX_XLSX_MEMBER_BYTES or sum(sizes) > MAX_XLSX_BYTES:
        megabytes = sum(sizes) // 1024 // 1024
        raise CellImportError(
            f"Excel文件“{path.name}”解压后过大（约 {megabytes:,} MB），不是单元格数据文件。"
        )


def _read_xlsx(path: Path) -> SheetData:
    _check_xlsx_parts(path)
    data = _read_workbook(path, lambda sheet: lines_from_records(_xlsx_records(sheet)))
    if not any(line.value == "" for line in data.lines):
        return data
    # An empty value may be a formula whose result the file does not hold: say so, never skip.
    formulas = _read_workbook(path, _formula_cells, data_only=False).lines
    if not formulas:
        return data
    known = {(line.line, line.table): line.value for line in formulas}
    return _read_workbook(path, lambda sheet: lines_from_records(_xlsx_records(sheet, known)))


def _read_workbook(
    path: Path, read: Callable[[Any], tuple[RawLine, ...]], data_only: bool = True
) -> SheetData:
    from openpyxl import load_workbook  # heavy: imported only when an XLSX is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise CellImportError(
            f"无法打开Excel文件“{path.name}”：文件已损坏或不是.xlsx格式。"
        ) from error
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise CellImportError("Excel文件中没有工作表。")
        return SheetData(read(sheets[0]), tuple(sheet.title for sheet in sheets[1:]))
    except CellImportError:
        raise
    except Exception as error:  # a damaged sheet fails while rows are read
        raise CellImportError(f"读取Excel文件“{path.name}”时出错：文件已损坏。") from error
    finally:
        workbook.close()


class FormulaText(str):
    """A formula cell whose computed result the file does not hold (it was never opened in a
    spreadsheet program, or it was written by a library); the text is the formula."""

    __slots__ = ()


def _formula_cells(sheet: Any) -> tuple[RawLine, ...]:
    """The formula cells of a sheet, as (row number, column index as ``table``, formula)."""
    found: list[RawLine] = []
    for count, (number, row) in enumerate(_rows(sheet), start=1):
        _check_size(count, len(found), len(row))
        for index, cell in enumerate(row):
            if getattr(cell, "data_type", "") == "f":
                found.append(RawLine(number, str(index), "", "", str(cell.value)))
    return tuple(found)


def _rows(sheet: Any) -> Iterator[tuple[int, Any]]:
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # some writers store wrong dimensions; read what is there
    number = 0
    for row in sheet.iter_rows():
        number = next((c.row for c in row if getattr(c, "row", None)), number + 1)
        yield number, row


def _xlsx_records(
    sheet: Any, formulas: dict[tuple[int, str], RawValue] | None = None
) -> Iterable[tuple[int, list[RawValue | None]]]:
    for number, row in _rows(sheet):
        values = [_xlsx_value(cell) for cell in row]
        if formulas:
            values = [
                FormulaText(formulas[number, str(i)])
                if v is None and (number, str(i)) in formulas
                else v
                for i, v in enumerate(values)
            ]
        yield number, values


def _xlsx_value(cell: Any) -> RawValue | None:
    value = cell.value
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return _float_value(value, str(getattr(cell, "number_format", None) or ""))
    return value if isinstance(value, str) else str(value)


def _float_value(number: float, number_format: str) -> RawValue:
    """A float cell as an exact Decimal of its shortest repr (0.1 stays 0.1).

    Trailing zeros shown by the cell's number format (0.00 → 12.50) are restored; nothing is
    ever rounded to the format.
    """
    value = Decimal(repr(number))
    if not value.is_finite() or value.adjusted() > _MAX_DIGITS:
        return repr(number)  # refused by the value parser as not a number
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    shown = _DECIMAL_PLACES.search(number_format.split(";", maxsplit=1)[0])
    if shown and "%" not in number_format:
        places = len(shown.group(1))
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent < places:
            value = value.quantize(Decimal(1).scaleb(-places))
    return value
