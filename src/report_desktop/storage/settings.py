"""The program's settings: one typed dataclass, stored as ``<config_dir>/settings.json``. No Qt.

Loading never fails: a missing file gives the defaults; an unreadable or damaged file gives the
defaults and a warning; a value of the wrong type gives that field's default, a number out of
range is clamped to the range, each with a warning (Chinese, to show the user once). Unknown keys
are ignored (and not written back). Saving goes through the atomic writer.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .atomic import atomic_write_text
from .draft import decode_draft_bytes
from .errors import DraftError, describe
from .jsontext import dumps_canonical, loads_exact
from .safeio import os_reason, read_limited

SETTINGS_FILE = "settings.json"

AUTOSAVE_SECONDS = (10, 3600)
BACKUPS_KEPT = (0, 100)
CHANGE_RATIO_PERCENT = (1, 1000)
CHANGE_MINIMUM = (0, 100_000)
MAX_RECENT = 10
_MAX_SETTINGS_BYTES = 4 * 1024 * 1024


@dataclass
class Settings:
    autosave_seconds: int = 60
    """Autosave interval while a report has unsaved changes (10–3600)."""
    backups_kept: int = 10
    """Backups kept per draft (0–100; 0 turns backups off)."""
    default_folder: str = ""
    """Where open/save dialogs start ("" = the user's documents)."""
    recent_files: list[str] = field(default_factory=list)
    """Most recent first, at most 10 (see :mod:`.recent`)."""
    last_page: str = ""
    """The form page shown when the program was closed."""
    window_geometry: str = ""
    """``QWidget.saveGeometry()`` as base64 (filled by the GUI)."""
    window_state: str = ""
    """``QMainWindow.saveState()`` as base64 (filled by the GUI)."""
    change_ratio_percent: int = 50
    """Cross-year check: a cell changing by more than this share of last year's value is pointed
    out (1–1000 %), …"""
    change_minimum: int = 10
    """…when it also changed by at least this much (0–100000): small numbers swing widely."""
    show_previous_values: bool = True
    """Draw last year's value small in each table cell (when last year's report is linked)."""
    show_previous_text: bool = True
    """Show last year's text beside the editor on the narrative pages."""
    reopen_last_draft: bool = False
    """At a start without a draft named: open the most recent draft instead of the start page."""


LABELS = {
    "autosave_seconds": "自动保存间隔（秒）",
    "backups_kept": "每个草稿保留的备份份数",
    "default_folder": "默认文件夹",
    "recent_files": "最近打开的文件",
    "last_page": "上次所在页面",
    "window_geometry": "窗口位置和大小",
    "window_state": "窗口布局",
    "change_ratio_percent": "跨年变化提示的变化比例（%）",
    "change_minimum": "跨年变化提示的最小变化量",
    "show_previous_values": "在单元格中显示上年数值",
    "show_previous_text": "显示上年报告参考栏",
    "reopen_last_draft": "启动时打开上次的草稿",
}


class LoadedSettings(NamedTuple):
    settings: Settings
    warnings: list[str]
    """Problems found and repaired, in Chinese; empty for a good (or missing) file."""


class SettingsError(Exception):
    """The settings could not be saved; ``message`` says why, in Chinese."""

    title = "无法保存设置"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def settings_path(config_dir: Path) -> Path:
    return Path(config_dir) / SETTINGS_FILE


def load_settings(config_dir: Path) -> LoadedSettings:
    """The settings in ``config_dir``; never raises (see the module documentation)."""
    path = settings_path(config_dir)
    try:
        data = read_limited(path, _MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return LoadedSettings(Settings(), [])
    except OSError as error:
        return _defaults(f"无法读取设置文件“{path}”（{os_reason(error)}）")
    if len(data) > _MAX_SETTINGS_BYTES:
        return _defaults(f"设置文件“{path}”过大")
    try:
        parsed = loads_exact(decode_draft_bytes(data))
    except DraftError as error:
        return _defaults(f"设置文件“{path}”已损坏：{error.message}")
    if not isinstance(parsed, dict):
        return _defaults(f"设置文件“{path}”的内容不是设置")
    return LoadedSettings(*settings_from_dict(parsed))


def _defaults(reason: str) -> LoadedSettings:
    return LoadedSettings(Settings(), [f"{reason.rstrip('。')}，已使用默认设置。"])


def save_settings(config_dir: Path, settings: Settings) -> None:
    """Write the settings (repaired first, as loading would) atomically; creates ``config_dir``.

    Raises :class:`SettingsError`.
    """
    path = settings_path(config_dir)
    clean, _ = settings_from_dict(settings_to_dict(settings))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, dumps_canonical(settings_to_dict(clean)))
    except OSError as error:
        raise SettingsError(f"无法保存设置到“{path}”（{error.strerror or error}）。") from error


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    return dataclasses.asdict(settings)


def settings_from_dict(data: Mapping[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a parsed JSON object, each bad field repaired with a warning."""
    warnings: list[str] = []
    defaults = Settings()
    values: dict[str, Any] = {}
    for item in dataclasses.fields(Settings):
        name = item.name
        if name in data:
            values[name] = _READERS[name](name, data[name], getattr(defaults, name), warnings)
    return dataclasses.replace(defaults, **values), warnings


# Field readers: (name, value found, default, warnings) -> value to use --------------------------

_Reader = Callable[[str, Any, Any, list[str]], Any]


def _int_within(low: int, high: int) -> _Reader:
    def read(name: str, value: Any, default: Any, warnings: list[str]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            return _wrong(name, value, "整数", default, warnings)
        if not low <= value <= high:
            fixed = min(max(value, low), high)
            warnings.append(
                f"设置“{LABELS[name]}”的值 {value} 超出允许范围 {low}–{high}，已改为 {fixed}。"
            )
            return fixed
        return value

    return read


def _text(name: str, value: Any, default: Any, warnings: list[str]) -> Any:
    if not isinstance(value, str):
        return _wrong(name, value, "文本", default, warnings)
    return value


def _base64(name: str, value: Any, default: Any, warnings: list[str]) -> Any:
    if not isinstance(value, str):
        return _wrong(name, value, "文本", default, warnings)
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        warnings.append(f"设置“{LABELS[name]}”的值无效，已恢复默认值。")
        return default
    return value


def _flag(name: str, value: Any, default: Any, warnings: list[str]) -> Any:
    if not isinstance(value, bool):
        return _wrong(name, value, "是或否", default, warnings)
    return value


def _recent(name: str, value: Any, default: Any, warnings: list[str]) -> Any:
    if not isinstance(value, list):
        return _wrong(name, value, "列表", default, warnings)
    kept: list[str] = []
    for entry in value:
        if isinstance(entry, str) and entry and entry not in kept:
            kept.append(entry)
    if len(kept) < len(value):
        warnings.append(f"设置“{LABELS[name]}”中有无效或重复的项，已忽略。")
    return kept[:MAX_RECENT]


def _wrong(name: str, value: Any, expected: str, default: Any, warnings: list[str]) -> Any:
    if isinstance(default, bool):
        shown = "“是”" if default else "“否”"
    elif default in ("", []):
        shown = "（空）"
    else:
        shown = f"“{default}”" if isinstance(default, str) else f" {default}"
    warnings.append(
        f"设置“{LABELS[name]}”的值应为{expected}，实际为{describe(value)}，已恢复默认值{shown}。"
    )
    return default


_READERS: dict[str, _Reader] = {
    "autosave_seconds": _int_within(*AUTOSAVE_SECONDS),
    "backups_kept": _int_within(*BACKUPS_KEPT),
    "default_folder": _text,
    "recent_files": _recent,
    "last_page": _text,
    "window_geometry": _base64,
    "window_state": _base64,
    "change_ratio_percent": _int_within(*CHANGE_RATIO_PERCENT),
    "change_minimum": _int_within(*CHANGE_MINIMUM),
    "show_previous_values": _flag,
    "show_previous_text": _flag,
    "reopen_last_draft": _flag,
}
