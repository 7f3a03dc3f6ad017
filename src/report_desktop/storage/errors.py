"""Typed errors of the draft file layer.

Every error a draft can raise while it is read or written is a :class:`DraftError`. Like every
:class:`MessageError` (the settings' errors too), each carries a short Chinese ``title`` (for a
dialog's caption) and a Chinese ``message`` that stands on its own (``str(error)`` is the
message), so a caller shows them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

_SHOWN_TEXT = 20
"""How many characters of a wrong string value a message quotes."""


@dataclass(eq=False)
class MessageError(Exception):
    """An error shown to the clerk as it is: a short Chinese ``title`` (a dialog's caption) and a
    Chinese ``message`` that stands on its own (``str(error)``). Subclasses with more to say
    declare it as further fields."""

    message: str
    title = "出错了"

    def __str__(self) -> str:
        return self.message


class DraftError(MessageError):
    """A draft that cannot be read or written; ``message`` says why, in Chinese."""

    title = "草稿文件有误"


class DraftReadError(DraftError):
    """The file cannot be read at all (missing, no permission, a folder, an I/O error)."""

    title = "无法读取草稿文件"


class DraftWriteError(DraftError):
    """The draft could not be written; the old file, if any, is intact."""

    title = "无法保存草稿"


class DraftEncodingError(DraftError):
    """The file is not UTF-8 text."""

    title = "草稿文件编码有误"


@dataclass(eq=False)
class DraftSyntaxError(DraftError):
    """The file is not JSON (corrupt or truncated); ``line``/``column`` are 1-based when known."""

    title = "草稿文件已损坏"
    line: int | None = None
    column: int | None = None


class DraftFormatError(DraftError):
    """The file is JSON but not a draft of this program."""

    title = "不是草稿文件"


@dataclass(eq=False)
class DraftVersionError(DraftError):
    """The draft was saved by a newer version of the program, with a newer file format."""

    title = "草稿来自更新版本的程序"
    schema_version: int
    app_version: str | None


class DraftMigrationError(DraftError):
    """An older draft cannot be upgraded to the current file format."""

    title = "无法升级草稿文件"


@dataclass(eq=False)
class DraftEditionError(DraftError):
    """The draft uses an edition of the report format this program does not know."""

    title = "未知的报告格式"
    edition: object


class DraftValueError(DraftError):
    """A value of the wrong type, a missing or an unknown key; ``field`` is its JSON path."""

    title = "草稿内容有误"

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"草稿中的 {field} {problem}")
        self.field = field
        self.problem = problem


def wrong_type(field: str, expected: str, found: object) -> DraftValueError:
    """``field`` should hold ``expected`` (Chinese) but holds ``found``."""
    return DraftValueError(field, f"应为{expected}，实际为{describe(found)}。")


def missing_key(field: str) -> DraftValueError:
    return DraftValueError(field, "缺失，这是必需的项。")


def unknown_key(field: str) -> DraftValueError:
    return DraftValueError(field, "是本程序不认识的项。")


def _number(value: int | Decimal) -> str:
    """A number as text, cut short when it has more digits than a message can show."""
    if isinstance(value, int) and value.bit_length() > 200:
        return "（位数过多，不予显示）"
    text = str(value)
    return text if len(text) <= _SHOWN_TEXT * 2 else f"{text[:_SHOWN_TEXT]}…（共 {len(text)} 位）"


def describe(value: object) -> str:
    """A value as a clerk can recognise it in a message (Chinese)."""
    if value is None or isinstance(value, bool):
        return {None: "空值 null", True: "布尔值 true", False: "布尔值 false"}[value]
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_TEXT else value[:_SHOWN_TEXT] + "…"
        return f"文本“{shown}”"
    if isinstance(value, int | Decimal):
        return f"{'整数' if isinstance(value, int) else '数字'} {_number(value)}"
    names = {float: "浮点数", list: "列表", dict: "对象"}
    name = names.get(type(value), type(value).__name__)
    return f"{name} {value!r}" if isinstance(value, float) else name
