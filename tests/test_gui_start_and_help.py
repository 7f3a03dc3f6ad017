"""The 帮助 menu and the start page (issue 9)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLineEdit, QTextBrowser
from pytestqt.qtbot import QtBot

from gui_support import ScriptedPrompter, Windows
from report_desktop import __version__
from report_desktop.storage.draft import load_draft
from report_desktop.ui.help import about_dialog, manual_dialog


def test_help_menu_offers_the_manual_and_about(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert "帮助(&H)" in menus
    items = {a.text(): a.shortcut().toString() for a in menus["帮助(&H)"].actions()}  # type: ignore[union-attr]
    assert items == {"使用说明(&U)": "F1", "打开示例(&E)": "", "关于(&A)": ""}


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


# The start page ---------------------------------------------------------------------------------


def test_a_start_without_a_draft_shows_the_start_page(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    assert window.front.showing_start()
    start = window.front.start
    assert [b.text() for b in start.buttons.values()] == [
        "新建",
        "从上年报告新建",
        "打开…",
        "导入…",
        "打开示例",
    ]
    assert start.recent.item(0).text() == "（还没有打开过草稿）"
    start.buttons["new"].click()
    assert not window.front.showing_start()
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and focused.accessibleName() == "机关名称"


def test_the_start_page_lists_recent_drafts_and_opens_one(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    windows(example).drafts.shutdown()
    window = windows()
    start = window.front.start
    assert window.front.showing_start()
    item = start.recent.item(0)
    assert item.text().startswith(example.name) and item.toolTip() == str(example)
    start.recent.setFocus()
    qtbot.keyClick(start.recent, Qt.Key.Key_Return)
    assert window.drafts.session.path == example
    assert not window.front.showing_start()


def test_a_draft_on_the_command_line_or_a_part_chosen_skips_the_start_page(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    assert not windows(example).front.showing_start()
    window = windows()
    qtbot.keyClick(window.front.start, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert not window.front.showing_start() and window.nav.current_page() == "requests"


def test_reopening_the_last_draft_at_start_is_a_preference(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    first = windows(example)
    first.ctx.update_settings(dataclasses.replace(first.ctx.settings, reopen_last_draft=True))
    first.drafts.shutdown()
    window = windows()
    assert window.drafts.session.path == example and not window.front.showing_start()


def test_import_starts_a_new_draft_from_a_spreadsheet(
    qtbot: QtBot, windows: Windows, tmp_path: Path
) -> None:
    cells = tmp_path / "cells.csv"
    cells.write_text(
        "table,row,column,value\n三,一、本年新收政府信息公开申请数量,自然人,5\n", encoding="utf-8"
    )
    prompter = ScriptedPrompter()
    prompter.script("import_path", cells)
    window = windows(None, prompter)
    window.front.start.buttons["import"].click()
    session = window.drafts.session
    assert session.report.cells["table3.new_applications.natural_person"] == 5
    assert session.is_modified() and session.path is None
    assert not window.front.showing_start()
    assert "导入为新草稿" in window.statusBar().currentMessage()
    assert len(prompter.asked("confirm_import")) == 1  # the summary came first


def test_import_with_errors_explains_and_changes_nothing(
    qtbot: QtBot, windows: Windows, tmp_path: Path
) -> None:
    cells = tmp_path / "cells.csv"
    cells.write_text("table,row,column,value\n三,（九）不存在,自然人,1\n", encoding="utf-8")
    prompter = ScriptedPrompter()
    prompter.script("import_path", cells)
    window = windows(None, prompter)
    before = window.drafts.session
    window.front.start.buttons["import"].click()
    [(title, message)] = prompter.asked("show_error")
    assert title == "无法导入" and "（九）不存在" in message
    assert window.drafts.session is before and not before.is_modified()


def test_the_manual_has_no_stray_spaces_between_chinese_characters(
    qtbot: QtBot, windows: Windows
) -> None:
    dialog = manual_dialog(windows())
    qtbot.addWidget(dialog)
    [text] = dialog.findChildren(QTextBrowser)
    assert "、 " not in text.toPlainText() and "， " not in text.toPlainText()


# The shipped example --------------------------------------------------------------------------


def _help_action(window: object, name: str) -> QAction:
    [action] = [a for a in window.help_actions if a.objectName() == name]  # type: ignore[attr-defined]
    return action


def test_the_example_opens_as_a_new_draft_that_saves_elsewhere(
    qtbot: QtBot, windows: Windows, tmp_path: Path
) -> None:
    from report_desktop.resources import resource_path
    from report_desktop.workflow import files

    target = tmp_path / "试用.json"
    prompter = ScriptedPrompter()
    prompter.script("save_path", target)
    window = windows(None, prompter)
    _help_action(window, "open_example").trigger()
    session = window.drafts.session
    assert session.path is None and not session.is_modified()
    assert session.report.meta.agency == "威海市环翠区统计局" and session.report.meta.year == 2024
    assert session.report == load_draft(resource_path(*files.EXAMPLE)).report
    assert not window.front.showing_start()
    assert "示例" in window.statusBar().currentMessage()
    assert window.drafts.save()
    assert prompter.asked("save_path")  # asked where: the installed example is never written
    assert load_draft(target).report == session.report


def test_the_start_page_offers_the_example(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    window.front.start.buttons["example"].click()
    assert window.drafts.session.report.meta.agency == "威海市环翠区统计局"


def test_an_installation_without_the_example_explains_and_keeps_the_draft(
    qtbot: QtBot, windows: Windows, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report_desktop.workflow import files

    monkeypatch.setattr(files, "EXAMPLE", ("examples", "missing.json"))
    prompter = ScriptedPrompter()
    window = windows(None, prompter)
    before = window.drafts.session
    _help_action(window, "open_example").trigger()
    [(title, message)] = prompter.asked("show_error")
    assert title == "无法打开示例" and "重新安装" in message
    assert window.drafts.session is before
