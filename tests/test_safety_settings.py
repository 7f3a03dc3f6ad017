"""Settings: typed, round-tripped, repaired (never a crash) with Chinese warnings; recent files."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest

from report_desktop.storage import settings as settings_module
from report_desktop.storage.recent import (
    add_recent,
    normalized,
    prune_missing,
    recent_paths,
    remove_recent,
)
from report_desktop.storage.settings import (
    SETTINGS_FILE,
    SETTINGS_VERSION,
    SPECS,
    Settings,
    SettingsError,
    SettingsValueError,
    changed,
    load_settings,
    save_settings,
)


def write_settings(config_dir: Path, data: Any) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / SETTINGS_FILE).write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_missing_file_gives_defaults_and_creates_nothing(tmp_path: Path) -> None:
    settings, warnings = load_settings(tmp_path / "config")
    assert settings == Settings()
    assert settings.autosave_seconds == 60 and settings.backups_kept == 10
    assert warnings == []
    assert not (tmp_path / "config").exists()


def test_round_trip(tmp_path: Path) -> None:
    geometry = base64.b64encode(b"\x01\xd9\xd0\xcb\x00\x03").decode("ascii")
    settings = Settings(
        autosave_seconds=120,
        backups_kept=0,
        default_folder="/home/科员/文档",
        recent_files=["/home/科员/文档/2024年报.json", "/tmp/b.json"],
        last_page="table3",
        window_geometry=geometry,
        window_state="",
    )
    save_settings(tmp_path / "config", settings)
    text = (tmp_path / "config" / SETTINGS_FILE).read_text("utf-8")
    assert "科员" in text  # readable, not \u-escaped
    assert load_settings(tmp_path / "config") == (settings, [])


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", b'"text"', b'{"a": 1, "a": 2}'],
)
def test_corrupt_file_gives_defaults_with_a_warning(tmp_path: Path, content: bytes) -> None:
    tmp_path.joinpath(SETTINGS_FILE).write_bytes(content)
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings()
    [warning] = warnings
    assert "已使用默认设置" in warning
    assert tmp_path.joinpath(SETTINGS_FILE).read_bytes() == content  # not touched by loading


def test_unreadable_file_gives_defaults_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).mkdir()  # a folder where the file should be
    settings, [warning] = load_settings(tmp_path)
    assert settings == Settings()
    assert "无法读取设置文件" in warning


@pytest.mark.parametrize(
    ("key", "value", "expected", "words"),
    [
        ("autosave_seconds", 5, 10, "超出允许范围 10–3600，已改为 10"),
        ("autosave_seconds", 86400, 3600, "已改为 3600"),
        ("autosave_seconds", "60", 60, "应为整数"),
        ("autosave_seconds", 30.5, 60, "应为整数"),
        ("autosave_seconds", True, 60, "应为整数"),
        ("backups_kept", -3, 0, "已改为 0"),
        ("backups_kept", 1000, 100, "已改为 100"),
        ("backups_kept", None, 10, "恢复默认值 10"),
        ("default_folder", 42, "", "应为文本"),
        ("last_page", ["x"], "", "应为文本"),
        ("recent_files", "a.json", [], "应为列表"),
        ("window_geometry", "not base64!", "", "窗口位置和大小"),
        ("window_state", 7, "", "窗口布局"),
        ("change_ratio_percent", 0, 1, "超出允许范围 1–1000，已改为 1"),
        ("change_ratio_percent", 5000, 1000, "已改为 1000"),
        ("change_ratio_percent", 0.5, 50, "跨年变化提示的变化比例（%）”的值应为整数"),
        ("change_minimum", -1, 0, "已改为 0"),
        ("change_minimum", "10", 10, "恢复默认值 10"),
        ("show_last_year_values", "yes", True, "应为是或否"),
        ("show_last_year_text", 1, True, "已恢复默认值“是”"),
    ],
)
def test_bad_values_are_repaired_with_a_warning(
    tmp_path: Path, key: str, value: Any, expected: Any, words: str
) -> None:
    write_settings(
        tmp_path, {key: value, "last_page": "meta"} if key != "last_page" else {key: value}
    )
    settings, [warning] = load_settings(tmp_path)
    assert getattr(settings, key) == expected
    assert words in warning
    if key != "last_page":
        assert settings.last_page == "meta"  # good fields are kept


def test_cross_year_and_view_settings_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        change_ratio_percent=30,
        change_minimum=0,
        show_last_year_values=False,
        show_last_year_text=False,
    )
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (settings, [])
    defaults = Settings()
    assert (defaults.change_ratio_percent, defaults.change_minimum) == (50, 10)
    assert defaults.show_last_year_values and defaults.show_last_year_text


def test_several_bad_fields_give_several_warnings(tmp_path: Path) -> None:
    write_settings(tmp_path, {"autosave_seconds": 0, "backups_kept": "x", "default_folder": "/d"})
    settings, warnings = load_settings(tmp_path)
    assert (settings.autosave_seconds, settings.backups_kept) == (10, 10)
    assert settings.default_folder == "/d"
    assert len(warnings) == 2


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    write_settings(tmp_path, {"theme": "dark", "autosave_seconds": 30})
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings(autosave_seconds=30)
    assert warnings == []
    save_settings(tmp_path, settings)
    assert "theme" not in json.loads((tmp_path / SETTINGS_FILE).read_text("utf-8"))


def test_recent_list_is_cleaned_on_load(tmp_path: Path) -> None:
    entries: list[Any] = ["/a.json", 3, "", "/a.json", *[f"/f{i}.json" for i in range(12)]]
    write_settings(tmp_path, {"recent_files": entries})
    settings, [warning] = load_settings(tmp_path)
    assert settings.recent_files == ["/a.json", *[f"/f{i}.json" for i in range(9)]]
    assert "最近打开的文件" in warning


def test_save_repairs_values_the_gui_set_out_of_range(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(autosave_seconds=1, backups_kept=500))
    assert load_settings(tmp_path) == (Settings(autosave_seconds=10, backups_kept=100), [])


def test_save_failure_is_a_typed_chinese_error(tmp_path: Path) -> None:
    blocked = tmp_path / "config"
    blocked.write_text("a file where the folder should be", "utf-8")
    with pytest.raises(SettingsError) as caught:
        save_settings(blocked, Settings())
    assert "无法保存设置" in caught.value.message and caught.value.title == "无法保存设置"


def test_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(tmp_path, Settings(autosave_seconds=300))
    before = (tmp_path / SETTINGS_FILE).read_bytes()

    def disk_full(path: object, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings_module, "atomic_write_text", disk_full)
    with pytest.raises(SettingsError):
        save_settings(tmp_path, Settings(autosave_seconds=30))
    assert (tmp_path / SETTINGS_FILE).read_bytes() == before


# Recent files ----------------------------------------------------------------------------------


def test_add_recent_puts_the_file_first_once(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    settings = add_recent(add_recent(Settings(), a), b)
    assert settings.recent_files == [str(b), str(a)]
    again = add_recent(settings, tmp_path / "x" / ".." / "a.json")
    assert again.recent_files == [str(a), str(b)]
    assert settings.recent_files == [str(b), str(a)]  # the original is not changed


def test_add_recent_keeps_at_most_ten(tmp_path: Path) -> None:
    settings = Settings()
    for number in range(15):
        settings = add_recent(settings, tmp_path / f"{number}.json")
    assert len(settings.recent_files) == 10
    assert settings.recent_files[0] == str(tmp_path / "14.json")
    assert settings.recent_files[-1] == str(tmp_path / "5.json")


def test_relative_paths_are_stored_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = add_recent(Settings(), "年报.json")
    assert settings.recent_files == [str(tmp_path / "年报.json")]
    assert normalized("年报.json") == str(tmp_path / "年报.json")


def test_remove_recent(tmp_path: Path) -> None:
    settings = Settings(recent_files=[str(tmp_path / "a.json"), str(tmp_path / "b.json")])
    assert remove_recent(settings, tmp_path / "a.json").recent_files == [str(tmp_path / "b.json")]
    assert remove_recent(settings, tmp_path / "zzz.json") == settings


def test_prune_missing(tmp_path: Path) -> None:
    present = tmp_path / "present.json"
    present.write_text("{}", "utf-8")
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    settings = Settings(
        recent_files=[str(tmp_path / "gone.json"), str(present), str(folder)], last_page="x"
    )
    pruned = prune_missing(settings)
    assert pruned.recent_files == [str(present)]
    assert pruned.last_page == "x"
    assert recent_paths(pruned) == [present]
    assert prune_missing(settings, exists=lambda path: True) == settings


@pytest.mark.skipif(os.name != "nt", reason="case-insensitive paths on Windows")
def test_windows_spellings_of_one_file_are_one_entry(tmp_path: Path) -> None:
    settings = add_recent(add_recent(Settings(), tmp_path / "A.json"), tmp_path / "a.JSON")
    assert len(settings.recent_files) == 1


# Versions and upgrades ---------------------------------------------------------------------------


def test_a_version_1_file_is_upgraded_and_keeps_its_choices(tmp_path: Path) -> None:
    old = {"autosave_seconds": 30, "show_previous_values": False, "show_previous_text": False}
    write_settings(tmp_path, old)  # version 1 had no "version" key
    settings, warnings = load_settings(tmp_path)
    assert warnings == []
    assert settings == Settings(
        autosave_seconds=30, show_last_year_values=False, show_last_year_text=False
    )
    save_settings(tmp_path, settings)
    stored = json.loads((tmp_path / SETTINGS_FILE).read_text("utf-8"))
    assert stored["version"] == SETTINGS_VERSION == 2
    assert stored["show_last_year_values"] is False and "show_previous_values" not in stored


def test_a_bad_old_value_is_repaired_under_its_new_name(tmp_path: Path) -> None:
    write_settings(tmp_path, {"version": 1, "show_previous_text": "no"})
    settings, [warning] = load_settings(tmp_path)
    assert settings.show_last_year_text is True
    assert "显示上年报告参考栏" in warning and "应为是或否" in warning


@pytest.mark.parametrize("version", ["2", 0, True, None])
def test_a_bad_version_is_read_as_the_present_one_with_a_warning(
    tmp_path: Path, version: Any
) -> None:
    write_settings(tmp_path, {"version": version, "backups_kept": 3})
    settings, [warning] = load_settings(tmp_path)
    assert settings.backups_kept == 3
    assert "版本号" in warning


def test_a_file_from_a_newer_program_keeps_what_this_one_knows(tmp_path: Path) -> None:
    write_settings(tmp_path, {"version": 9, "backups_kept": 4, "colour": "blue"})
    assert load_settings(tmp_path) == (Settings(backups_kept=4), [])


# Declared once ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("autosave_seconds", 5, "“自动保存间隔（秒）”须在 10–3600 之间，5 超出了范围"),
        ("backups_kept", "3", "“每个草稿保留的备份份数”的值应为整数"),
        ("reopen_last_draft", 1, "“启动时打开上次的草稿”的值应为是或否"),
        ("change_minimum", True, "“跨年变化提示的最小变化量”的值应为整数"),
        ("default_folder", "报告/2024", "“默认文件夹”须是完整的文件夹路径"),
        ("theme", "dark", "没有名为“theme”的设置"),
    ],
)
def test_a_bad_value_is_refused_with_the_reason(name: str, value: Any, reason: str) -> None:
    settings = Settings()
    with pytest.raises(SettingsValueError) as refused:
        changed(settings, **{name: value})
    assert reason in refused.value.message
    assert settings == Settings()  # nothing changed


def test_good_values_are_taken() -> None:
    chosen = changed(Settings(), autosave_seconds=10, default_folder="", reopen_last_draft=True)
    assert (chosen.autosave_seconds, chosen.default_folder, chosen.reopen_last_draft) == (
        10,
        "",
        True,
    )


def test_every_setting_is_declared_with_a_label_and_numbers_with_a_range() -> None:
    defaults = Settings()
    for name, spec in SPECS.items():
        assert spec.label, name
        value = getattr(defaults, name)
        if isinstance(value, int) and not isinstance(value, bool):
            assert spec.low is not None and spec.high is not None, name
            assert spec.low <= value <= spec.high, name
        if spec.edit:
            assert spec.help, name
