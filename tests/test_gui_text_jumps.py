"""A finding about the narrative jumps to the words it quotes, and (for a figure) to the cells
it names; the text hygiene findings select the words they mean."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from gui_support import ScriptedPrompter, Windows
from report_desktop.ui.fields import TextField
from report_desktop.ui.main_window import MainWindow
from report_desktop.ui.problems_panel import FindingItem, PlaceItem


def click(qtbot: QtBot, window: MainWindow, item: QTreeWidgetItem) -> None:
    tree = window.problems.tree
    parent = item.parent()
    if parent is not None:
        parent.setExpanded(True)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def finding_item(window: MainWindow, rule: str) -> FindingItem:
    [item] = [i for i in window.problems.finding_items() if i.finding.rule == rule]
    return item


def selected_text(qtbot: QtBot, key: str) -> str:
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextField))
    focus = QApplication.focusWidget()
    assert isinstance(focus, TextField) and focus.key == key
    return focus.textCursor().selectedText()


def test_a_figure_finding_jumps_to_the_sentence_and_to_the_cell(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example, ScriptedPrompter())
    session = window.drafts.session
    session.set_field("overview_parts.1.text", "全年共受理政府信息公开申请 12 件，均已答复。")
    session.validate_now()
    item = finding_item(window, "text.table_mismatch")
    [cell] = [item.child(i) for i in range(item.childCount())]
    assert isinstance(cell, PlaceItem) and cell.place == "table3.new_applications.total"
    assert "表三" in cell.text(0)
    window.nav.show_page("meta")
    click(qtbot, window, item)
    assert window.nav.current_page() == "overview"
    assert selected_text(qtbot, "overview_parts.1.text") == "受理政府信息公开申请 12 件"
    click(qtbot, window, cell)
    assert window.nav.current_page() == "requests"
    view = window.stack.current_page().grid_view()  # type: ignore[union-attr]
    assert view is not None
    assert view.currentIndex() == view.grid_model.index_of("table3.new_applications.total")


def test_a_placeholder_in_the_preface_is_selected(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example, ScriptedPrompter())
    session = window.drafts.session
    session.set_field("preface", "本报告由【单位名称】编制。")
    session.validate_now()
    item = finding_item(window, "text.placeholder")
    assert item.text(1) == "前言"
    window.nav.show_page("overview")
    click(qtbot, window, item)
    assert window.nav.current_page() == "meta"
    assert "【单位名称】" in selected_text(qtbot, "preface")


def test_a_doubled_word_is_selected(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example, ScriptedPrompter())
    session = window.drafts.session
    session.set_field("problems", "一是信息审核审核流程不够规范。")
    session.validate_now()
    click(qtbot, window, finding_item(window, "text.doubled"))
    assert window.nav.current_page() == "problems"
    assert "审核审核" in selected_text(qtbot, "problems")
