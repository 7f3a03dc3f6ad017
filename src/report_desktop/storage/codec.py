"""A report as a plain JSON-ready dict and back: the ``report`` member of a draft file.

Writing is canonical: English snake_case keys, every key present, only typed (non-computed) cells
that are filled, counts as JSON integers and amounts as strings with the clerk's exact decimals.

Reading is strict about types and names and lenient about range: a negative count, a count with a
fraction or a negative amount is loaded as it is (the rules report it); a string where a number
belongs, an unknown key or cell id, or a stored total is a :class:`DraftValueError` naming the
field by its JSON path (``report.cells["table3.new_applications.natural_person"]``). Keys left out
take their empty values, except ``key`` and ``title`` of a text item. Numbers must have been parsed
exactly (``json.loads(..., parse_float=Decimal)``): a float is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ..domain.declaration import CellSpec, ReportFormat, TextPart, ValueKind
from ..domain.format2021 import FORMAT_2021
from ..domain.model import CUSTOM_ITEM, FORMATS, LastYearLink, Meta, Report, TextItem
from ..domain.values import CellValue, format_value, range_problem
from .errors import DraftEditionError, DraftValueError, missing_key, unknown_key, wrong_type

ROOT = "report"

META_TEXT_KEYS = ("agency", "website_name", "website", "address", "phone")
META_KEYS = (*META_TEXT_KEYS, "year", "publication_date")
REPORT_TEXT_KEYS = ("preface", "overview_intro", "problems")
REPORT_KEYS = (*REPORT_TEXT_KEYS, "meta", "overview_parts", "other_items", "cells", "previous")
ITEM_KEYS = ("key", "title", "text")
PREVIOUS_KEYS = ("path", "sha256")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DECIMAL_TEXT = re.compile(r"^-?\d+(\.\d+)?$")
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_AMOUNT_TEXT = 40

MIN_YEAR, MAX_YEAR = 1000, 9999
"""Years a draft may hold: the calendar's four-digit years (exports print dates of the year)."""

JsonObject = dict[str, Any]


def format_of(edition: object) -> ReportFormat:
    """The declared format of an edition; :class:`DraftEditionError` for an unknown one."""
    if isinstance(edition, str) and edition in FORMATS:
        return FORMATS[edition]
    known = "、".join(FORMATS)
    shown = edition if isinstance(edition, str) else repr(edition)
    raise DraftEditionError(
        f"草稿使用的报告格式版本“{shown}”本程序不认识（本程序支持：{known}）。"
        "它可能由更新版本的程序保存，请升级本程序后再打开。",
        edition,
    )


# Writing ------------------------------------------------------------------------------------


def report_to_dict(report: Report) -> JsonObject:
    """The canonical dict of a report (its edition is recorded by the draft envelope).

    A count holding a Decimal (loaded leniently) stays a Decimal here, to be written as an exact
    JSON number. Raises :class:`DraftValueError` for a cell that could not be read back.
    """
    fmt = format_of(report.edition)
    return {
        "meta": _meta_to_dict(report.meta),
        "preface": report.preface,
        "overview_intro": report.overview_intro,
        "overview_parts": [_item_to_dict(item) for item in report.overview_parts],
        "problems": report.problems,
        "other_items": [_item_to_dict(item) for item in report.other_items],
        "cells": _cells_to_dict(fmt, report.cells),
        "previous": _link_to_dict(report.last_year_link),
    }


def _link_to_dict(link: LastYearLink | None) -> JsonObject | None:
    return None if link is None else {"path": link.path, "sha256": link.sha256}


def _meta_to_dict(meta: Meta) -> JsonObject:
    data: JsonObject = {key: getattr(meta, key) for key in META_TEXT_KEYS}
    data["year"] = meta.year
    date = meta.publication_date
    data["publication_date"] = date.isoformat() if date is not None else None
    return data


def _item_to_dict(item: TextItem) -> JsonObject:
    return {"key": item.key, "title": item.title, "text": item.text}


def _cells_to_dict(fmt: ReportFormat, cells: dict[str, CellValue]) -> JsonObject:
    data: JsonObject = {}
    for key, value in cells.items():
        if value is None:
            continue
        path = cell_path(key)
        spec = _typed_cell(fmt, key, path)
        data[key] = _encode_cell(spec, value, path)
    return data


def _encode_cell(spec: CellSpec, value: object, path: str) -> int | str | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise wrong_type(path, "数值", value)
    if isinstance(value, Decimal) and not value.is_finite():
        raise wrong_type(path, "有限数值", value)
    if spec.kind is ValueKind.AMOUNT:
        return format_value(value)
    return value


# Reading ------------------------------------------------------------------------------------


def report_from_dict(data: object, edition: str = FORMAT_2021.edition) -> Report:
    """The report of a draft's ``report`` member. Raises :class:`DraftValueError`."""
    fmt = format_of(edition)
    obj = _object(data, ROOT)
    _reject_unknown(obj, REPORT_KEYS, ROOT)
    texts = {key: _text(obj, key, ROOT) for key in REPORT_TEXT_KEYS}
    return Report(
        meta=_meta_from(obj.get("meta", {}), f"{ROOT}.meta"),
        preface=texts["preface"],
        overview_intro=texts["overview_intro"],
        overview_parts=_items_from(obj, "overview_parts", fmt.overview_parts),
        problems=texts["problems"],
        other_items=_items_from(obj, "other_items", fmt.other_items),
        cells=_cells_from(fmt, obj.get("cells", {}), f"{ROOT}.cells"),
        edition=fmt.edition,
        last_year_link=_link_from(obj.get("previous"), f"{ROOT}.previous"),
    )


def _link_from(data: object, path: str) -> LastYearLink | None:
    if data is None:
        return None
    obj = _object(data, path)
    _reject_unknown(obj, PREVIOUS_KEYS, path)
    for required in PREVIOUS_KEYS:
        if required not in obj:
            raise missing_key(f"{path}.{required}")
    link = LastYearLink(path=_text(obj, "path", path), sha256=_text(obj, "sha256", path))
    if not link.path:
        raise DraftValueError(f"{path}.path", "不能为空。")
    if not _SHA256.match(link.sha256):
        raise wrong_type(f"{path}.sha256", "64 位十六进制的 SHA-256 值", link.sha256)
    return link


def _meta_from(data: object, path: str) -> Meta:
    obj = _object(data, path)
    _reject_unknown(obj, META_KEYS, path)
    texts = {key: _text(obj, key, path) for key in META_TEXT_KEYS}
    return Meta(
        year=_year(obj.get("year"), f"{path}.year"),
        publication_date=_optional_date(obj.get("publication_date"), f"{path}.publication_date"),
        **texts,
    )


def _items_from(obj: JsonObject, key: str, parts: tuple[TextPart, ...]) -> list[TextItem]:
    path = f"{ROOT}.{key}"
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise wrong_type(path, "列表", value)
    known = (*(part.id for part in parts), CUSTOM_ITEM)
    return [_item_from(item, f"{path}[{index}]", known) for index, item in enumerate(value)]


def _item_from(data: object, path: str, known: tuple[str, ...]) -> TextItem:
    obj = _object(data, path)
    _reject_unknown(obj, ITEM_KEYS, path)
    for required in ("key", "title"):
        if required not in obj:
            raise missing_key(f"{path}.{required}")
    key = _text(obj, "key", path)
    if key not in known:
        raise DraftValueError(
            f"{path}.key", f"的值“{key}”不是已知的条目（可用：{'、'.join(known)}）。"
        )
    return TextItem(key=key, title=_text(obj, "title", path), text=_text(obj, "text", path))


def _cells_from(fmt: ReportFormat, data: object, path: str) -> dict[str, CellValue]:
    obj = _object(data, path)
    cells: dict[str, CellValue] = {}
    for key, value in obj.items():
        cell = cell_path(key, path)
        spec = _typed_cell(fmt, key, cell)
        if value is not None:
            cells[key] = _decode_cell(spec, value, cell)
    return cells


def _decode_cell(spec: CellSpec, value: object, path: str) -> CellValue:
    number = _amount(value, path) if spec.kind is ValueKind.AMOUNT else _count(value, path)
    problem = range_problem(spec.kind, number, spec.maximum)
    if problem:
        raise DraftValueError(path, f"的值{problem}。")
    return number


def _count(value: object, path: str) -> int | Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, Decimal) and value.is_finite():
        return value
    raise wrong_type(path, "整数", value)


def _amount(value: object, path: str) -> Decimal:
    expected = '金额（如 "12.50" 的数字文本）'
    if isinstance(value, str):
        if len(value) > _MAX_AMOUNT_TEXT and _DECIMAL_TEXT.match(value):
            raise DraftValueError(path, f"的值位数过多（共 {len(value)} 位），超出了合理范围。")
        if not _DECIMAL_TEXT.match(value):
            raise wrong_type(path, expected, value)
        return Decimal(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    raise wrong_type(path, expected, value)


# Shared -------------------------------------------------------------------------------------


def cell_path(cell_id: str, cells_path: str = f"{ROOT}.cells") -> str:
    """The JSON path of a cell: ``report.cells["table3.x.y"]``."""
    return f"{cells_path}[{json.dumps(cell_id, ensure_ascii=False)}]"


def _typed_cell(fmt: ReportFormat, key: str, path: str) -> CellSpec:
    if not fmt.has_cell(key):
        raise DraftValueError(path, "不是报告格式中的表格单元格。")
    spec = fmt.cell(key)
    if spec.computed:
        raise DraftValueError(path, "是合计单元格，由程序自动计算，不能保存在草稿中。")
    return spec


def _object(value: object, path: str) -> JsonObject:
    if not isinstance(value, dict):
        raise wrong_type(path, "对象", value)
    return value


def _reject_unknown(obj: JsonObject, known: Iterable[str], path: str) -> None:
    extra = sorted(set(obj) - set(known))
    if extra:
        raise unknown_key(f"{path}.{extra[0]}")


def _text(obj: JsonObject, key: str, path: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise wrong_type(f"{path}.{key}", "文本", value)
    if _SURROGATE.search(value):
        raise DraftValueError(f"{path}.{key}", "含有无效的字符（孤立的代理码位）。")
    return value


def _optional_int(value: object, path: str) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise wrong_type(path, "整数或 null", value)


def _year(value: object, path: str) -> int | None:
    """A year of the calendar (four digits); whether it suits the format is the rules' matter."""
    year = _optional_int(value, path)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        shown = year if abs(year) < 10**12 else "位数过多的数"
        raise DraftValueError(path, f"的值 {shown} 不是有效的年份（应为四位数的年份，如 2024）。")
    return year


def _optional_date(value: object, path: str) -> dt.date | None:
    if value is None:
        return None
    expected = "YYYY-MM-DD 格式的日期或 null"
    if not isinstance(value, str) or not _DATE.match(value):
        raise wrong_type(path, expected, value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise wrong_type(path, expected, value) from error
