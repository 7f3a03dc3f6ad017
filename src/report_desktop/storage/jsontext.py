"""JSON text for drafts: exact numbers both ways, one canonical layout, Chinese parse errors.

Reading keeps every digit (numbers with a fraction become :class:`~decimal.Decimal`, never float)
and refuses duplicate keys. Writing produces exactly what ``json.dumps(value, ensure_ascii=False,
sort_keys=True, indent=2)`` would, plus a trailing newline, and additionally writes a
:class:`~decimal.Decimal` as a JSON number with its exact digits.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from .errors import DraftSyntaxError

_INDENT = "  "

_REASONS = {
    "Expecting value": "此处应有一个值",
    "Expecting property name enclosed in double quotes": "此处应有用双引号括起的键名",
    "Expecting ':' delimiter": "此处应有冒号",
    "Expecting ',' delimiter": "此处应有逗号",
    "Unterminated string starting at": "从此处开始的文本没有结束",
    "Invalid control character at": "文本中有不允许的控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的 \\u 转义序列",
    "Extra data": "有效内容之后还有多余的数据",
    "Illegal trailing comma before end of object": "对象末尾有多余的逗号",
    "Illegal trailing comma before end of array": "列表末尾有多余的逗号",
}

_DAMAGED = "文件可能没有保存完整，或已被其他程序改坏。"


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def loads_exact(text: str) -> Any:
    """Parse JSON text; numbers with a fraction (and NaN/Infinity) become Decimal.

    A leading byte-order mark is ignored. Raises :class:`DraftSyntaxError` with the line and
    column of the first problem.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DraftSyntaxError("文件是空的，不含任何内容。" + _DAMAGED)
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_exact_int,
            parse_constant=Decimal,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as error:
        reason = _REASONS.get(error.msg, "格式有误")
        raise DraftSyntaxError(
            f"文件内容不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列{reason}。{_DAMAGED}",
            error.lineno,
            error.colno,
        ) from error
    except _DuplicateKeyError as error:
        raise DraftSyntaxError(f"文件内容有误：键“{error.key}”在同一对象中出现了多次。") from error
    except RecursionError as error:
        raise DraftSyntaxError("文件内容不是草稿：嵌套层数过多。") from error


_MAX_INT_DIGITS = 4000
"""Python refuses to turn longer digit strings into an int (a guard against slow conversion)."""


def _exact_int(text: str) -> int | Decimal:
    """A JSON integer; one too long for an int stays an exact Decimal (readers bound it)."""
    return int(text) if len(text) <= _MAX_INT_DIGITS else Decimal(text)


def truncated_text_error(prefix: str) -> DraftSyntaxError:
    """The error for a file whose bytes end in the middle of a character: it was cut short."""
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return DraftSyntaxError(
        f"文件内容不是有效的 JSON：第 {line} 行第 {column} 列文件意外结束。{_DAMAGED}",
        line,
        column,
    )


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def dumps_canonical(value: Any) -> str:
    """The canonical text of a JSON value: sorted keys, two-space indent, trailing newline."""
    return _encode(value, 0) + "\n"


def _encode(value: Any, level: int) -> str:
    if isinstance(value, dict):
        return _encode_object(value, level)
    if isinstance(value, list):
        return _encode_array(value, level)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        return format(value, "f")
    if isinstance(value, float):
        raise TypeError("floats are never written to a draft; use Decimal")
    return json.dumps(value, ensure_ascii=False)


def _encode_object(value: dict[str, Any], level: int) -> str:
    if not value:
        return "{}"
    inner = _INDENT * (level + 1)
    members = [
        f"{inner}{json.dumps(key, ensure_ascii=False)}: {_encode(value[key], level + 1)}"
        for key in sorted(value)
    ]
    return "{\n" + ",\n".join(members) + "\n" + _INDENT * level + "}"


def _encode_array(value: list[Any], level: int) -> str:
    if not value:
        return "[]"
    inner = _INDENT * (level + 1)
    items = [f"{inner}{_encode(item, level + 1)}" for item in value]
    return "[\n" + ",\n".join(items) + "\n" + _INDENT * level + "]"
