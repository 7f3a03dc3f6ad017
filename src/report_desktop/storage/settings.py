"""The program's settings: one typed dataclass, stored as ``<config_dir>/settings.json``. No Qt.

Each setting is declared once, as a field of :class:`Settings` with a :class:`Spec` (Chinese
name, help, range, how 首选项 edits it); reading, the warnings, the check of a new value
(:func:`changed`) and the preferences dialog all follow from it. The file carries
``version`` (:data:`SETTINGS_VERSION`); an older file is brought up to date by the ordered
steps in ``_UPGRADES`` before it is read.

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
from .errors import DraftError, MessageError, describe
from .jsontext import dumps_canonical, loads_exact
from .safeio import os_reason, read_limited

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 2
"""Version 1 (no ``version`` key) named last year's view settings ``show_previous_*``."""
MAX_RECENT = 10
_MAX_SETTINGS_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Spec:
    """How one setting is checked, named and edited; its type and default are its field's."""

    label: str
    """Its Chinese name (in warnings, and in the preferences dialog unless ``prompt`` is set)."""
    help: str = ""
    """What it does, for the clerk (the dialog's tooltip)."""
    low: int | None = None
    high: int | None = None
    """An integer's range (both ends allowed)."""
    unit: str = ""
    """Shown after a number in the dialog (" 秒")."""
    none_text: str = ""
    """Shown in the dialog for the lowest number ("不备份") or an empty text."""
    edit: str = ""
    """How 首选项 edits it: "number", "check", "folder"; "" not there (kept by the program)."""
    prompt: str = ""
    """The dialog's row label, when it differs from ``label``."""
    group: str = ""
    """A heading in the dialog above the first setting of the group."""
    form: str = ""
    """A text's form: "base64", "recent" (a list of files), or "" (any text)."""


def _spec(label: str, **spec: Any) -> dict[str, Spec]:
    """The metadata of a field of :class:`Settings`: its :class:`Spec`."""
    return {"spec": Spec(label, **spec)}


_CROSS_YEAR = "跨年变化提示（关联上年报告时）：某个数值与上年相比同时满足以下两条时提示"


@dataclass
class Settings:
    """Every setting, declared once: type, default, range, Chinese name, help, how it is edited."""

    autosave_seconds: int = field(
        default=60,
        metadata=_spec(
            "自动保存间隔（秒）",
            help="修改后两秒内写入自动保存文件；有未保存的修改时，每隔这么久再保存一次"
            "（不会覆盖草稿文件）",
            low=10,
            high=3600,
            unit=" 秒",
            edit="number",
            prompt="自动保存间隔",
        ),
    )
    backups_kept: int = field(
        default=10,
        metadata=_spec(
            "每个草稿保留的备份份数",
            help="每次保存前备份原来的文件，每个草稿最多保留这么多份",
            low=0,
            high=100,
            unit=" 份",
            none_text="不备份",
            edit="number",
            prompt="每个草稿保留的备份",
        ),
    )
    default_folder: str = field(
        default="",
        metadata=_spec(
            "默认文件夹",
            help="打开、保存文件时对话框起始的文件夹（空为“文档”文件夹）",
            none_text="（“文档”文件夹）",
            edit="folder",
        ),
    )
    reopen_last_draft: bool = field(
        default=False,
        metadata=_spec(
            "启动时打开上次的草稿",
            help="不指定草稿启动时，直接打开最近的草稿",
            edit="check",
            prompt="启动时打开上次的草稿（不显示开始页）",
        ),
    )
    change_ratio_percent: int = field(
        default=50,
        metadata=_spec(
            "跨年变化提示的变化比例（%）",
            help="与关联的上年报告相比，某个数值的变化超过上年数值的这一比例时，给出“提示”",
            low=1,
            high=1000,
            unit=" %",
            edit="number",
            prompt="变化超过上年数值的",
            group=_CROSS_YEAR,
        ),
    )
    change_minimum: int = field(
        default=10,
        metadata=_spec(
            "跨年变化提示的最小变化量",
            help="变化量还须至少达到这个数才提示：小的数值波动大，意义不大",
            low=0,
            high=100_000,
            edit="number",
            prompt="且变化量至少为",
            group=_CROSS_YEAR,
        ),
    )
    recent_files: list[str] = field(
        default_factory=list, metadata=_spec("最近打开的文件", form="recent")
    )
    last_page: str = field(default="", metadata=_spec("上次所在页面"))
    window_geometry: str = field(default="", metadata=_spec("窗口位置和大小", form="base64"))
    window_state: str = field(default="", metadata=_spec("窗口布局", form="base64"))
    show_last_year_values: bool = field(default=True, metadata=_spec("在单元格中显示上年数值"))
    show_last_year_text: bool = field(default=True, metadata=_spec("显示上年报告参考栏"))


SPECS: dict[str, Spec] = {f.name: f.metadata["spec"] for f in dataclasses.fields(Settings)}
"""Every setting's :class:`Spec`, in the order declared."""
LABELS = {name: spec.label for name, spec in SPECS.items()}


def value_problem(name: str, value: Any) -> str:
    """Why ``value`` cannot be the setting ``name`` (Chinese), or "" when it can."""
    spec, default = SPECS[name], getattr(Settings(), name)
    if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, type(default)):
        return f"“{spec.label}”的值应为{_KIND_NAMES[type(default)]}"
    if spec.low is not None and spec.high is not None and not spec.low <= value <= spec.high:
        return f"“{spec.label}”须在 {spec.low}–{spec.high} 之间，{value} 超出了范围"
    if spec.edit == "folder" and value and not Path(value).expanduser().is_absolute():
        return f"“{spec.label}”须是完整的文件夹路径（如 /home/用户/文档）；“{value}”不是完整路径"
    return ""


def changed(settings: Settings, **values: Any) -> Settings:
    """``settings`` with ``values``; raises :class:`SettingsValueError` naming the first bad one."""
    for name, value in values.items():
        if name not in SPECS:
            raise SettingsValueError(f"没有名为“{name}”的设置")
        problem = value_problem(name, value)
        if problem:
            raise SettingsValueError(problem)
    return dataclasses.replace(settings, **values)


_KIND_NAMES: dict[type, str] = {int: "整数", str: "文本", bool: "是或否", list: "列表"}


class LoadedSettings(NamedTuple):
    settings: Settings
    warnings: list[str]
    """Problems found and repaired, in Chinese; empty for a good (or missing) file."""


class SettingsError(MessageError):
    """The settings could not be saved; ``message`` says why, in Chinese."""

    title = "无法保存设置"


class SettingsValueError(SettingsError, ValueError):
    """A value a setting cannot take; ``message`` says why, in Chinese."""

    title = "设置的值无效"


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


def upgraded(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A settings object of any version brought to :data:`SETTINGS_VERSION`, step by step."""
    found = data.get("version", 1)
    if isinstance(found, bool) or not isinstance(found, int) or found < 1:
        return dict(data), [f"设置文件的版本号 {describe(found)} 无效，已按当前版本读取。"]
    values = dict(data)
    for step in _UPGRADES[found - 1 :]:
        values = step(values)
    values["version"] = max(found, SETTINGS_VERSION)
    return values, []


def _1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 calls last year's view settings ``show_last_year_*`` (were ``show_previous_*``)."""
    renamed = {"show_previous_values": "show_last_year_values"}
    renamed["show_previous_text"] = "show_last_year_text"
    return {renamed.get(key, key): value for key, value in data.items()}


_UPGRADES: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (_1_to_2,)
"""``_UPGRADES[n - 1]`` brings version n to n + 1, in order."""


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
    return {"version": SETTINGS_VERSION, **dataclasses.asdict(settings)}


def settings_from_dict(data: Mapping[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from a parsed JSON object of any version, each bad field repaired with a warning."""
    values, warnings = upgraded(data)
    defaults = Settings()
    read: dict[str, Any] = {}
    for name, spec in SPECS.items():
        if name in values:
            reader = _reader(spec, getattr(defaults, name))
            read[name] = reader(name, values[name], getattr(defaults, name), warnings)
    return dataclasses.replace(defaults, **read), warnings


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


def _reader(spec: Spec, default: Any) -> _Reader:
    """How a setting is read, from its type and :class:`Spec`."""
    if isinstance(default, bool):
        return _flag
    if isinstance(default, int):
        assert spec.low is not None and spec.high is not None, spec.label
        return _int_within(spec.low, spec.high)
    if spec.form == "recent":
        return _recent
    return _base64 if spec.form == "base64" else _text
