"""Which input-method plugin the program asks Qt for, and the notice when none can load."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from report_desktop import platform_input
from report_desktop.platform_input import Choice, choose, plugin_loads, requested_frameworks


def loads_only(*keys: str) -> object:
    return lambda key: key in keys


def test_frameworks_come_from_qt_then_xmodifiers_then_gtk() -> None:
    env = {"QT_IM_MODULE": "fcitx5", "XMODIFIERS": "@im=ibus", "GTK_IM_MODULE": "fcitx"}
    assert requested_frameworks(env) == ["fcitx5", "ibus", "fcitx"]


def test_values_naming_no_framework_are_ignored() -> None:
    env = {"QT_IM_MODULE": "xim", "XMODIFIERS": "@im=none", "GTK_IM_MODULE": "FCITX"}
    assert requested_frameworks(env) == ["fcitx"]
    assert requested_frameworks({}) == []


def test_fcitx5_is_served_by_the_fcitx_plugin() -> None:
    assert choose({"QT_IM_MODULE": "fcitx5"}, loads_only("fcitx")) == Choice("fcitx", None)


def test_xmodifiers_alone_selects_the_plugin() -> None:
    assert choose({"XMODIFIERS": "@im=fcitx"}, loads_only("fcitx")) == Choice("fcitx", None)


def test_a_later_framework_is_used_when_the_first_has_no_plugin() -> None:
    env = {"QT_IM_MODULE": "fcitx", "GTK_IM_MODULE": "ibus"}
    assert choose(env, loads_only("ibus")) == Choice("ibus", None)


def test_no_loadable_plugin_gives_a_chinese_notice_naming_the_framework() -> None:
    choice = choose({"QT_IM_MODULE": "fcitx"}, loads_only())
    assert choice.module is None
    assert choice.notice is not None
    assert "fcitx" in choice.notice
    assert "无法接入本程序" in choice.notice


def test_nothing_is_said_without_an_input_method_or_on_a_headless_platform() -> None:
    assert choose({}, loads_only()) == Choice(None, None)
    env = {"QT_IM_MODULE": "fcitx", "QT_QPA_PLATFORM": "offscreen"}
    assert choose(env, loads_only()) == Choice(None, None)


def qt_plugin_folders() -> list[Path]:
    return platform_input.plugin_folders(QCoreApplication.libraryPaths())


def test_the_ibus_plugin_of_pyside6_loads() -> None:
    assert plugin_loads("ibus", qt_plugin_folders())


def test_a_key_no_plugin_declares_does_not_load() -> None:
    assert not plugin_loads("no-such-input-method", qt_plugin_folders())


def test_a_file_that_is_no_plugin_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "platforminputcontexts"
    folder.mkdir()
    (folder / "libfcitxplatforminputcontextplugin.so").write_bytes(b"not an ELF file")
    assert platform_input.plugin_folders([str(tmp_path)]) == [folder]
    assert not plugin_loads("fcitx", [folder])


def test_prepare_sets_qt_im_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_input, "plugin_loads", lambda key, folders: key == "ibus")
    env = {"XMODIFIERS": "@im=ibus"}
    assert platform_input.prepare(env) == Choice("ibus", None)
    assert env["QT_IM_MODULE"] == "ibus"


def test_prepare_shows_the_notice_when_nothing_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    from report_desktop.ui import input_notice

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(platform_input, "plugin_loads", lambda key, folders: False)
    monkeypatch.setattr(input_notice, "show_at_start", lambda t, x: shown.append((t, x)))
    env = {"QT_IM_MODULE": "fcitx"}
    choice = platform_input.prepare(env)
    assert env["QT_IM_MODULE"] == "fcitx"  # left as it was
    assert shown == [(platform_input.NOTICE_TITLE, choice.notice)]


def test_the_notice_appears_once_events_run(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from report_desktop.ui import input_notice

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    input_notice.show_at_start("无法输入中文", "说明")
    assert shown == []
    deadline = 50
    while not shown and deadline:
        QApplication.processEvents()
        deadline -= 1
    assert shown == ["说明"]
