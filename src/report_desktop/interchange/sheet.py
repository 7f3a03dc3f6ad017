"""Reading the long form (``table,row,column,value``) from a CSV or XLSX file into raw lines.

Nothing here knows the report format: labels stay text, values stay text or numbers exactly as
the spreadsheet holds them. Files that cannot be read raise :class:`CellImportError`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

RawValue = str | int | Decimal
"""A value as the file holds it: text (CSV, text cells) or a number (XLSX numeric cells)."""

MAX_FILE_BYTES = 20 * 1024 * 1024
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
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise CellImportError(f"CSV文件格式有误，无法读取：{error}") from error
    return lines_from_records(enumerate(records, start=1))


def lines_from_records(
    records: Iterable[tuple[int, Sequence[RawValue | None]]],
) -> tuple[RawLine, ...]:
    """Find the header among numbered records and turn the following records into lines."""
    columns: dict[str, int] | None = None
    lines: list[RawLine] = []
    for number, record in records:
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
    _check_file(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise CellImportError(f"无法读取文件“{path}”：{error.strerror or error}。") from error


def _check_file(path: Path) -> None:
    try:
        status = path.stat()
    except FileNotFoundError as error:
        raise CellImportError(f"找不到文件“{path}”。") from error
    except OSError as error:
        raise CellImportError(f"无法读取文件“{path}”：{error.strerror or error}。") from error
    if path.is_dir():
        raise CellImportError(f"“{path}”是文件夹，不是文件。")
    if status.st_size > MAX_FILE_BYTES:
        megabytes = status.st_size // 1024 // 1024
        raise CellImportError(f"文件过大（{megabytes} MB），不是单元格数据文件。")


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


def _read_xlsx(path: Path) -> SheetData:
    from openpyxl import load_workbook  # heavy: imported only when an XLSX is read

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise CellImportError(
            f"无法打开Excel文件“{path.name}”：文件已损坏或不是.xlsx格式。"
        ) from error
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise CellImportError("Excel文件中没有工作表。")
        lines = lines_from_records(_xlsx_records(sheets[0]))
        return SheetData(lines, tuple(sheet.title for sheet in sheets[1:]))
    except CellImportError:
        raise
    except Exception as error:  # a damaged sheet fails while rows are read
        raise CellImportError(f"读取Excel文件“{path.name}”时出错：文件已损坏。") from error
    finally:
        workbook.close()


def _xlsx_records(sheet: Any) -> Iterable[tuple[int, list[RawValue | None]]]:
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # some writers store wrong dimensions; read what is there
    number = 0
    for row in sheet.iter_rows():
        number = next((c.row for c in row if getattr(c, "row", None)), number + 1)
        yield number, [_xlsx_value(cell) for cell in row]


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
