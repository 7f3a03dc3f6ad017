"""The keyboard after choosing a part: the page takes the very next key (issue 9)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QToolBar
from pytestqt.qtbot import QtBot

from gui_support import Windows
from report_desktop.ui.grid_view import GridView
from report_desktop.ui.main_window import MainWindow

FIRST_ROW = "table3.new_applications."
KEYS = {"\t": Qt.Key.Key_Tab, "\n": Qt.Key.Key_Return}


def type_keys(qtbot: QtBot, text: str) -> None:
    """Each key to whichever widget has the keyboard at that moment, as a real keyboard does."""
    for char in text:
        target = QApplication.focusWidget()
        assert target is not None, f"no widget has the keyboard before {char!r}"
        if char in KEYS:
            qtbot.keyClick(target, KEYS[char])
        else:
            qtbot.keyClicks(target, char)


def grid_of(window: MainWindow) -> GridView:
    view = window.stack.current_page().grid_view()  # type: ignore[union-attr]
    assert view is not None
    return view


def first_row(window: MainWindow) -> tuple[object, object, object]:
    cells = window.drafts.session.report.cells
    return tuple(cells.get(FIRST_ROW + c) for c in ("natural_person", "commercial", "research"))  # type: ignore[return-value]


def test_clicking_a_part_then_typing_fills_its_first_cells(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    nav = window.nav
    row = [nav.item(i).text() for i in range(nav.count())].index(
        "三、收到和处理政府信息公开申请情况"
    )
    rect = nav.visualItemRect(nav.item(row))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    type_keys(qtbot, "10\t3\t1\n")
    assert first_row(window) == (10, 3, 1)


def test_part_shortcuts_are_listed_in_the_view_menu_and_take_the_keyboard(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    view_menu = window.menus["view"]
    listed = {a.text(): a.shortcut().toString() for a in view_menu.actions() if a.text()}
    assert listed["基本信息与前言"] == "Ctrl+1"
    assert listed["三、收到和处理政府信息公开申请情况"] == "Ctrl+4"
    assert listed["六、其他需要报告的事项"] == "Ctrl+7"
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.current_page() == "requests"
    type_keys(qtbot, "10\t3\t1\n")
    assert first_row(window) == (10, 3, 1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and focused.accessibleName() == "机关名称"


def test_a_table_page_keeps_its_current_cell_when_entered_again(
    qtbot: QtBot, windows: Windows
) -> None:
    window = windows()
    window.enter_page("requests")
    type_keys(qtbot, "5\t")
    window.enter_page("meta")
    window.enter_page("requests")
    type_keys(qtbot, "7\n")
    assert first_row(window)[:2] == (5, 7)


def test_typing_in_the_navigation_list_goes_to_the_page(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    window.nav.show_page("requests")
    window.nav.setFocus()
    qtbot.waitUntil(window.nav.hasFocus)
    type_keys(qtbot, "10\t3\t1\n")
    assert first_row(window) == (10, 3, 1)


def test_a_text_part_puts_the_keyboard_in_its_first_field(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    window.enter_page("problems")
    focused = QApplication.focusWidget()
    assert focused is not None and window.stack.current_page() is not None
    assert window.stack.current_page().isAncestorOf(focused)  # type: ignore[union-attr]


def test_an_edit_reaches_the_autosave_within_three_seconds(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    current = window.drafts.current
    assert current is not None
    store = window.ctx.autosaves
    window.enter_page("requests")
    started = time.monotonic()
    type_keys(qtbot, "77\n")
    side_file = store.side_file(example, current.session.session_id)
    assert not side_file.exists()
    qtbot.waitUntil(side_file.exists, timeout=3000)
    assert time.monotonic() - started < 3.0
    assert store.inspect(side_file).load().cells[FIRST_ROW + "natural_person"] == 77


def test_a_refused_value_is_explained_at_the_cell_until_the_next_good_entry(
    qtbot: QtBot, windows: Windows
) -> None:
    window = windows()
    window.enter_page("requests")
    type_keys(qtbot, "-3\n")
    assert first_row(window)[0] is None
    status = window.statusBar().currentMessage()
    assert "负数" in status and "自然人" in status
    view = grid_of(window)
    assert view.note.isVisible() and view.note.text() == status
    cell = view.visualRect(view.currentIndex())
    assert view.note.geometry().top() > cell.top()  # beside the cell, not over it
    assert not view.note.geometry().intersects(cell)
    type_keys(qtbot, "abc\n")
    assert "不是数字" in window.statusBar().currentMessage()
    type_keys(qtbot, "8\n")
    assert first_row(window)[0] == 8
    assert window.statusBar().currentMessage() == ""
    assert not view.note.isVisible()


def test_undo_and_redo_buttons_keep_their_width(qtbot: QtBot, windows: Windows) -> None:
    window = windows()
    toolbar = window.findChild(QToolBar, "toolbar")
    assert toolbar is not None
    buttons = [toolbar.widgetForAction(a) for a in (window.commands.undo, window.commands.redo)]
    widths = [b.width() for b in buttons if b is not None]
    window.drafts.session.set_cells({FIRST_ROW + "natural_person": 5})
    window.drafts.session.set_cells({FIRST_ROW + "commercial": 6})
    window.commands.undo.trigger()
    qtbot.wait(10)
    assert [b.width() for b in buttons if b is not None] == widths
    assert buttons[0] is not None and buttons[0].text() == "撤销"
    assert "自然人" in window.commands.undo.toolTip()
    assert "商业企业" in window.commands.redo.toolTip()


def test_a_background_autosave_never_outlives_a_save(
    qtbot: QtBot, windows: Windows, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = windows(example)
    current = window.drafts.current
    assert current is not None
    store = window.ctx.autosaves
    writing = threading.Event()
    original = store.write

    def slow_write(*args: object) -> Path:
        writing.set()
        time.sleep(0.3)  # a slow disk
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "write", slow_write)
    window.drafts.session.set_cells({FIRST_ROW + "natural_person": 3})
    assert current.autosaver.autosave_soon()  # the GUI thread only hands over a copy
    assert writing.wait(5)
    assert window.drafts.save()  # meanwhile the clerk saves: that autosave is obsolete
    side_file = store.side_file(example, current.session.session_id)
    qtbot.wait(500)
    assert not side_file.exists()
    window.drafts.session.set_cells({FIRST_ROW + "natural_person": 4})
    assert current.autosaver.autosave_soon()
    qtbot.waitUntil(side_file.exists, timeout=3000)
    qtbot.waitUntil(lambda: not current.autosaver.due())


@pytest.mark.parametrize("page", ["meta", "overview", "problems", "other"])
def test_every_text_part_takes_typing_in_a_field(
    qtbot: QtBot, windows: Windows, example: Path, page: str
) -> None:
    window = windows(example)
    window.enter_page(page)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit | QPlainTextEdit), type(focused)
    assert not focused.isReadOnly()
