"""Draft files: the versioned JSON envelope around a report, saved atomically.

::

    {
      "app_version": "0.1.0",
      "format": "report-desktop-draft",
      "format_edition": "2021",
      "report": {...},
      "saved_at": "2025-01-20T08:30:00Z",
      "schema_version": 2
    }

(``schema_version``: :data:`~report_desktop.storage.migrations.CURRENT_SCHEMA_VERSION`.)

Reading checks, in this order: the file can be read, is UTF-8, is JSON, is one of our drafts
(``format``), is not from a newer program (``schema_version``, refused before anything else is
read), is upgraded step by step when older, uses a known ``format_edition``, and holds values of
the right types. Each failure is a :class:`~report_desktop.storage.errors.DraftError` subclass.
See ``docs/draft-format.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import report_desktop

from ..domain.model import Report
from . import migrations
from .atomic import StrPath, atomic_write_text, remove_stale_temps
from .codec import format_of, report_from_dict, report_to_dict
from .errors import (
    DraftEncodingError,
    DraftFormatError,
    DraftReadError,
    DraftValueError,
    DraftVersionError,
    DraftWriteError,
    missing_key,
    unknown_key,
    wrong_type,
)
from .jsontext import dumps_canonical, loads_exact, truncated_text_error
from .safeio import NotRegularFileError, os_reason, read_limited

DRAFT_FORMAT = "report-desktop-draft"
"""The ``format`` marker of every draft file."""

ENVELOPE_KEYS = ("app_version", "format", "format_edition", "report", "saved_at", "schema_version")

MAX_DRAFT_BYTES = 64 * 1024 * 1024
"""Larger files are not drafts (a real one is some ten kilobytes)."""

_TIMESTAMP = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Draft:
    """A draft as read from a file."""

    report: Report
    schema_version: int
    """The version of the envelope after any upgrade: always the current one."""
    app_version: str | None
    """The program version that saved the file (``None`` if the file does not say)."""
    saved_at: dt.datetime | None
    """When the file was saved, in UTC (``None`` if the file does not say)."""
    migrated_from: int | None = None
    """The file's own schema version when it was upgraded on reading, else ``None``."""


# Writing ------------------------------------------------------------------------------------


def dumps_draft(report: Report, saved_at: dt.datetime | None = None) -> str:
    """The canonical text of a draft: UTF-8 JSON, sorted keys, two-space indent, final newline.

    ``saved_at`` defaults to now; a naive datetime is taken as local time. The text is read back
    before it is returned, so a draft that could not be opened again is never produced: raises
    :class:`DraftValueError` (or :class:`DraftEditionError`) instead.
    """
    envelope = {
        "format": DRAFT_FORMAT,
        "format_edition": report.edition,
        "schema_version": migrations.CURRENT_SCHEMA_VERSION,
        "app_version": report_desktop.__version__,
        "saved_at": format_timestamp(dt.datetime.now(dt.UTC) if saved_at is None else saved_at),
        "report": report_to_dict(report),
    }
    text = dumps_canonical(envelope)
    loads_draft(text)
    return text


def save_draft(path: StrPath, report: Report, saved_at: dt.datetime | None = None) -> None:
    """Write the draft atomically: the old file stays intact on any failure.

    Raises :class:`DraftWriteError` for a file-system failure, :class:`DraftValueError` for a
    report that cannot be written.
    """
    text = dumps_draft(report, saved_at)
    existed = _exists(Path(path))
    try:
        atomic_write_text(path, text)
    except OSError as error:
        kept = "原来的文件没有改动。" if existed else "没有写入任何文件。"
        raise DraftWriteError(f"无法保存草稿到“{path}”：{_os_reason(error)}{kept}") from error
    remove_stale_temps(path)


def format_timestamp(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with seconds: ``2025-01-20T08:30:00Z``."""
    return moment.astimezone(dt.UTC).strftime(_TIMESTAMP)


# Reading ------------------------------------------------------------------------------------


def load_draft(path: StrPath) -> Draft:
    """Read a draft file. Raises a :class:`DraftError` subclass saying what is wrong."""
    try:
        data = read_limited(path, MAX_DRAFT_BYTES)
    except OSError as error:
        raise _read_error(Path(path), error) from error
    if len(data) > MAX_DRAFT_BYTES:
        raise DraftFormatError(f"文件“{path}”过大，不是本程序的草稿文件。")
    remove_stale_temps(path)  # left by saves that were killed
    return loads_draft(decode_draft_bytes(data))


def loads_draft(text: str) -> Draft:
    """Read the text of a draft. Raises a :class:`DraftError` subclass saying what is wrong."""
    return draft_from_envelope(loads_exact(text))


def decode_draft_bytes(data: bytes) -> str:
    """The text of a draft file's bytes (UTF-8, a byte-order mark tolerated)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.end == len(data) and error.reason == "unexpected end of data":
            raise truncated_text_error(data[: error.start].decode("utf-8-sig")) from error
        raise DraftEncodingError(
            f"文件不是 UTF-8 编码的文本（第 {error.start + 1} 个字节无法识别），"
            "不是本程序保存的草稿。"
        ) from error


def draft_from_envelope(data: object) -> Draft:
    """The draft of a parsed envelope (numbers parsed exactly), upgraded when older."""
    envelope = _our_envelope(data)
    version = _schema_version(envelope)
    migrated_from = None
    if version < migrations.CURRENT_SCHEMA_VERSION:
        envelope = migrations.upgrade(envelope, version)
        migrated_from = version
    extra = sorted(set(envelope) - set(ENVELOPE_KEYS))
    if extra:
        raise unknown_key(extra[0])
    if "report" not in envelope:
        raise missing_key("report")
    return Draft(
        report=report_from_dict(envelope["report"], edition=_edition(envelope)),
        schema_version=migrations.CURRENT_SCHEMA_VERSION,
        app_version=_app_version(envelope),
        saved_at=_saved_at(envelope),
        migrated_from=migrated_from,
    )


def _our_envelope(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DraftFormatError("文件是 JSON，但不是本程序的草稿文件（最外层不是对象）。")
    marker = data.get("format")
    if marker != DRAFT_FORMAT:
        found = "没有 format 标记" if marker is None else f"format 标记为“{marker}”"
        raise DraftFormatError(
            f"文件是 JSON，但不是本程序的草稿文件（{found}，应为“{DRAFT_FORMAT}”）。"
        )
    return data


def _schema_version(envelope: dict[str, Any]) -> int:
    if "schema_version" not in envelope:
        raise missing_key("schema_version")
    version = envelope["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise wrong_type("schema_version", "整数", version)
    if version < 1:
        raise DraftValueError("schema_version", f"应为不小于 1 的整数，实际为 {version}。")
    current = migrations.CURRENT_SCHEMA_VERSION
    if version > current:
        app = envelope.get("app_version")
        app = app if isinstance(app, str) else None
        raise DraftVersionError(
            f"此草稿由更新版本的程序（版本 {app or '未知'}）保存，文件格式版本为 {version}；"
            f"本程序（版本 {report_desktop.__version__}）只能读取到文件格式版本 {current}。"
            "请升级本程序后再打开此文件。",
            version,
            app,
        )
    return version


def _edition(envelope: dict[str, Any]) -> str:
    if "format_edition" not in envelope:
        raise missing_key("format_edition")
    edition = envelope["format_edition"]
    if not isinstance(edition, str):
        raise wrong_type("format_edition", "文本", edition)
    return format_of(edition).edition


def _app_version(envelope: dict[str, Any]) -> str | None:
    value = envelope.get("app_version")
    if value is None or isinstance(value, str):
        return value
    raise wrong_type("app_version", "文本", value)


def _saved_at(envelope: dict[str, Any]) -> dt.datetime | None:
    value = envelope.get("saved_at")
    if value is None:
        return None
    expected = "ISO 8601 时间（如 2025-01-20T08:30:00Z）"
    if not isinstance(value, str):
        raise wrong_type("saved_at", expected, value)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise wrong_type("saved_at", expected, value) from error
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _read_error(path: Path, error: OSError) -> DraftReadError:
    if isinstance(error, FileNotFoundError):
        return DraftReadError(f"找不到草稿文件“{path}”。它可能已被移动、改名或删除。")
    if isinstance(error, IsADirectoryError) or path.is_dir():
        return DraftReadError(f"“{path}”是一个文件夹，不是草稿文件。")
    if isinstance(error, PermissionError):
        return DraftReadError(f"没有权限读取文件“{path}”。请检查文件的访问权限。")
    if isinstance(error, NotRegularFileError):
        return DraftReadError(f"无法打开“{path}”：{os_reason(error)}，不是草稿文件。")
    return DraftReadError(f"读取文件“{path}”时出错：{os_reason(error)}。")


def _os_reason(error: OSError) -> str:
    """Why a write failed, in Chinese, ending with a full stop."""
    if isinstance(error, PermissionError):
        return "没有写入权限，或文件正被其他程序占用。"
    if isinstance(error, FileNotFoundError):
        return "所在的文件夹不存在。"
    if isinstance(error, IsADirectoryError):
        return "同名的文件夹已存在。"
    return f"{os_reason(error)}。"


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False
