"""Cell values: parsing what a clerk types or pastes, and formatting for forms and documents.

A typed cell holds ``int`` (counts), ``Decimal`` (万元 amounts, exactly as typed) or ``None``
(not filled yet). Floats never appear.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .declaration import ValueKind

CellValue = int | Decimal | None

_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_SEPARATORS = str.maketrans({"，": ",", "。": ".", "．": "."})


class CellValueError(ValueError):
    """A value refused for a cell; the message (Chinese) says why."""


def normalize_number_text(text: str) -> str:
    """Full-width digits and punctuation to ASCII, surrounding and inner spaces removed."""
    text = unicodedata.normalize("NFKC", text).translate(_SEPARATORS)
    return re.sub(r"\s+", "", text)


def parse_cell(kind: ValueKind, text: str) -> CellValue:
    """Parse a clerk's entry. Empty means "not filled yet". Raises :class:`CellValueError`."""
    raw = normalize_number_text(text)
    if not raw:
        return None
    if raw.startswith("-") or raw.startswith("−"):
        raise CellValueError(f"“{text.strip()}”是负数，数值不能为负")
    if _GROUPED.match(raw):
        raw = raw.replace(",", "")
    elif not _PLAIN.match(raw):
        raise CellValueError(f"“{text.strip()}”不是数字，请只填写阿拉伯数字")
    if kind is ValueKind.COUNT:
        if "." in raw:
            raise CellValueError(f"“{text.strip()}”不是整数，件数只能填写整数")
        return int(raw)
    try:
        return Decimal(raw)
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only decimals
        raise CellValueError(f"“{text.strip()}”不是有效金额") from error


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
