"""Cell values: parsing what a clerk types or pastes, and formatting for forms and documents.

A typed cell holds ``int`` (counts), ``Decimal`` (万元 amounts, exactly as typed) or ``None``
(not filled yet). Floats never appear.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .declaration import MAX_DECIMAL_PLACES, ValueKind

CellValue = int | Decimal | None

_MAX_SIGNIFICANT_DIGITS = 40
"""Digits a value may carry in all (a count up to 10⁹, an amount up to 10¹⁰ with 6 decimals)."""

_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_SEPARATORS = str.maketrans({"，": ",", "。": ".", "．": "."})


class CellValueError(ValueError):
    """A value refused for a cell; the message (Chinese) says why."""


def normalize_number_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII, surrounding and inner spaces removed."""
    text = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    return re.sub(r"\s+", "", text)


def parse_cell(kind: ValueKind, text: str, maximum: int | None = None) -> CellValue:
    """Parse a clerk's entry. Empty means "not filled yet". Raises :class:`CellValueError`.

    ``maximum`` is the cell's largest plausible value (default: its kind's).
    """
    raw = normalize_number_text(text)
    if not raw:
        return None
    shown = _shown_text(text)
    if raw.startswith("-") or raw.startswith("−"):
        raise CellValueError(f"“{shown}”是负数，数值不能为负")
    if _GROUPED.match(raw):
        raw = raw.replace(",", "")
    elif not _PLAIN.match(raw):
        raise CellValueError(f"“{shown}”不是数字，请只填写阿拉伯数字")
    if kind is ValueKind.COUNT and "." in raw:
        raise CellValueError(f"“{shown}”不是整数，件数只能填写整数")
    if len(raw) > _MAX_SIGNIFICANT_DIGITS + 1:  # before int(): no 5,000-digit conversions
        raise CellValueError(f"“{shown}”{_too_many_digits(kind, maximum)}")
    value: int | Decimal = int(raw) if kind is ValueKind.COUNT else Decimal(raw)
    problem = range_problem(kind, value, maximum)
    if problem:
        raise CellValueError(f"“{shown}”{problem}")
    return value


def range_problem(kind: ValueKind, value: int | Decimal, maximum: int | None = None) -> str:
    """Why a number cannot be a cell's value at all (Chinese, no value quoted), or ''.

    Bounds what a file may hold: the size (against the cell's plausible ``maximum``, default the
    kind's), the digits and the decimals. A negative value or a count with a fraction passes
    here: the rules report those.
    """
    limit = kind.plausible_maximum if maximum is None else maximum
    if isinstance(value, Decimal):
        return _decimal_problem(kind, value, limit)
    if value.bit_length() > limit.bit_length() or abs(value) > limit:
        return _too_many_digits(kind, limit)
    return ""


def _decimal_problem(kind: ValueKind, value: Decimal, limit: int) -> str:
    if not value.is_finite():
        return "不是有限数值"
    if value.adjusted() > len(str(limit)) or abs(value) > limit:
        return _too_many_digits(kind, limit)
    digits, exponent = len(value.as_tuple().digits), value.as_tuple().exponent
    if digits > _MAX_SIGNIFICANT_DIGITS:
        return "的位数过多"
    places = -exponent if isinstance(exponent, int) else 0
    if places > MAX_DECIMAL_PLACES and value != round(value, MAX_DECIMAL_PLACES):
        return f"的小数位数过多（最多 {MAX_DECIMAL_PLACES} 位小数）"
    return ""


def _too_many_digits(kind: ValueKind, maximum: int | None) -> str:
    limit = kind.plausible_maximum if maximum is None else maximum
    unit = "件" if kind is ValueKind.COUNT else "万元"
    return f"超出了合理范围（此单元格最大为 {limit:,} {unit}），请检查是否多输了数字"


def _shown_text(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 24 else f"{text[:20]}…（共 {len(text)} 个字符）"


def value_problem(kind: ValueKind, value: CellValue) -> str:
    """Why a stored value is not valid for its cell (Chinese), or '' when it is."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return f"{value!r} 不是数值"
    if isinstance(value, Decimal) and not value.is_finite():
        return f"{value} 不是有限数值"
    if value < 0:
        return f"{format_value(value)} 是负数，数值不能为负"
    if kind is ValueKind.COUNT and isinstance(value, Decimal):
        return f"{format_value(value)} 不是整数，件数只能是整数"
    return ""


def format_value(value: CellValue, empty: str = "") -> str:
    """The text of a value: digits as stored, amounts with the clerk's decimals, no separators."""
    if value is None:
        return empty
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def as_number(value: CellValue) -> int | Decimal:
    """A value for arithmetic: an unfilled cell counts as 0, and so does a value of the wrong type
    (reachable through hand-edited files; the rules report it)."""
    if type(value) is int:  # exactly int: a bool is not a count
        return value
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return 0
