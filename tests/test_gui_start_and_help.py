"""The 帮助 menu and the start page (issue 9)."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser
from pytestqt.qtbot import QtBot

from gui_support import Windows
from report_desktop import __version__
from report_desktop.ui.help import about_dialog, manual_dialog


def test_help_menu_offers_the_manual_and_about(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "帮助(&H)" in menus
    items = {a.text(): a.shortcut().toString() for a in menus["帮助(&H)"].actions()}  # type: ignore[union-attr]
    assert items == {"使用说明(&U)": "F1", "关于(&A)": ""}


def test_the_manual_is_in_the_program(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    dialog = manual_dialog(window)
    qtbot.addWidget(dialog)
    [text] = dialog.findChildren(QTextBrowser)
    shown = text.toPlainText()
    assert "Ctrl+1 … Ctrl+7" in shown and "自动保存" in shown and "信息处理费" in shown
    assert not text.openLinks() and not text.openExternalLinks()


def test_about_names_the_version_and_the_fonts_licence(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    dialog = about_dialog(window)
    qtbot.addWidget(dialog)
    [text] = dialog.findChildren(QTextBrowser)
    shown = text.toPlainText()
    assert f"版本 {__version__}" in shown
    assert "FandolFang-Regular" in shown and "GPL 字体例外" in shown
    assert "GNU GENERAL PUBLIC LICENSE" in shown  # the whole licence text


def test_help_dialogs_fit_a_small_screen(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    area = window.screen().availableGeometry()
    for dialog in (manual_dialog(window), about_dialog(window)):
        qtbot.addWidget(dialog)
        assert dialog.width() <= area.width() and dialog.height() <= area.height()
