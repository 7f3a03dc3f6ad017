"""Scripted flows through the main window: entry, live checks, drafts, recovery, locks.

Every question the window would ask goes to a scripted prompter, so no dialog ever blocks.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from gui_support import (
    DISCLOSED,
    NEW,
    ScriptedPrompter,
    Windows,
    enter_cell,
    grid,
    prompter_of,
    same_report,
    send_text,
)
from report_desktop.storage import autosave as autosave_module
from report_desktop.storage.draft import load_draft, save_draft
from report_desktop.storage.lock import DraftLock
from report_desktop.storage.settings import load_settings
from report_desktop.ui.fields import LineField, TextField
from report_desktop.ui.pages.meta_page import MetaPage
from report_desktop.ui.pages.other_page import OtherPage
from report_desktop.ui.pages.overview_page import OverviewPage
from report_desktop.ui.pages.table_page import TablePage
from report_desktop.ui.prompter import LockChoice, RecoveryAction, SaveChoice


def test_balance_finding_marks_cells_then_disappears(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    session = window.drafts.session
    assert not [f for f in session.findings if f.severity.value == "error"]
    view = grid(window)
    enter_cell(qtbot, view, NEW, "5")
    balance = [f for f in session.findings if f.rule == "table3.balance"]
    assert {f.cells[0] for f in balance} == {NEW, "table3.new_applications.total"}
    model = view.grid_model
    for cell in balance[0].cells:
        severity = model.severity_at(model.index_of(cell))
        assert severity is not None and severity.value == "error"
    assert "相差 5" in model.data(model.index_of(NEW), Qt.ItemDataRole.ToolTipRole)
    messages = [item.finding.message for item in window.problems.finding_items()]
    assert any("自然人列" in m and "相差 5" in m for m in messages)
    assert "错误 2" in window.counts.text()
    assert window.isWindowModified()
    enter_cell(qtbot, view, DISCLOSED, "5")
    assert not [f for f in session.findings if f.rule == "table3.balance"]
    assert model.severity_at(model.index_of(NEW)) is None
    assert "错误 0" in window.counts.text()


def test_problems_panel_jumps_to_the_cell(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    window.drafts.session.set_cells({"table3.carried_forward.research": 2})
    window.nav.show_page("meta")
    [item] = [i for i in window.problems.finding_items() if "科研机构列" in i.finding.message]
    rect = window.problems.tree.visualItemRect(item)
    qtbot.mouseClick(window.problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.nav.current_page() == "requests"
    view = grid(window)
    assert view.current_spec_id() == "table3.new_applications.research"
    qtbot.waitUntil(view.hasFocus)


def test_problems_panel_jumps_to_a_text_field(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    session = window.drafts.session
    session.set_field("problems", "无")
    session.validate_now()
    [item] = [i for i in window.problems.finding_items() if i.finding.rule == "text.problems_empty"]
    window.problems.place_activated.emit(item.finding.cells[0])
    assert window.nav.current_page() == "problems"
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextField))
    focus = QApplication.focusWidget()
    assert isinstance(focus, TextField) and focus.key == "problems"


def test_paste_with_one_bad_cell_reports_it(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    view = grid(window)
    view.select_spec(NEW)
    QGuiApplication.clipboard().setText("3\t1\n2\t-4\n")
    window.commands.paste.trigger()
    cells = window.drafts.session.report.cells
    assert (cells[NEW], cells["table3.new_applications.commercial"]) == (3, 1)
    assert cells["table3.carried_over.natural_person"] == 2
    assert cells["table3.carried_over.commercial"] == 0  # kept
    [(title, message, _)] = prompter_of(window).asked("show_info")
    assert title == "部分数值未粘贴" and "负数" in message and "商业企业" in message
    window.commands.undo.trigger()
    assert cells[NEW] == 0 and cells["table3.carried_over.natural_person"] == 0


def test_undo_redo_shortcuts_cover_cells_and_text(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    session = window.drafts.session
    view = grid(window)
    enter_cell(qtbot, view, NEW, "7")
    window.nav.show_page("meta")
    page = window.stack.current_page()
    assert isinstance(page, MetaPage)
    agency = page.fields["agency"]
    assert isinstance(agency, LineField)
    agency.setFocus()
    qtbot.waitUntil(agency.hasFocus)
    qtbot.keyClick(agency, Qt.Key.Key_End)
    qtbot.keyClicks(agency, "abc")
    assert session.report.meta.agency.endswith("abc")
    qtbot.keyClick(agency, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.report.meta.agency == "威海市环翠区统计局"
    assert agency.text() == "威海市环翠区统计局"
    qtbot.keyClick(agency, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.report.cells[NEW] == 0
    qtbot.keyClick(agency, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert session.report.cells[NEW] == 7
    qtbot.keyClick(agency, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert agency.text() == "威海市环翠区统计局abc"
    window.nav.show_page("problems")
    text = window.stack.current_page().text  # type: ignore[union-attr]
    assert isinstance(text, TextField)
    text.setFocus()
    qtbot.waitUntil(text.hasFocus)
    qtbot.keyClick(text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    before = session.report.problems
    qtbot.keyClicks(text, "xyz")
    assert session.report.problems == before + "xyz"
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.report.problems == before and text.toPlainText() == before


# Pages -----------------------------------------------------------------------------------------


def test_meta_page_fields_and_default_preface(qtbot: QtBot, windows: Windows) -> None:
    window = windows(None)
    session = window.drafts.session
    assert any(f.rule == "meta.agency" for f in session.findings)
    window.nav.show_page("meta")
    page = window.stack.current_page()
    assert isinstance(page, MetaPage)
    agency = page.fields["agency"]
    assert isinstance(agency, QLineEdit)
    agency.setFocus()
    send_text(agency, "某某市某某局")
    qtbot.waitUntil(lambda: not any(f.rule == "meta.agency" for f in session.findings))
    page.restore_preface()
    assert "某某市某某局" in session.report.preface
    window.commands.undo.trigger()
    assert "某某市某某局" not in session.report.preface


def test_overview_counts_characters_live(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    window.nav.show_page("overview")
    page = window.stack.current_page()
    assert isinstance(page, OverviewPage)
    before = int(page.count.text().split(" / ")[0])
    page.intro.setFocus()
    qtbot.keyClick(page.intro, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.intro, "abcd")
    assert page.count.text().startswith(f"{before + 4} / 1000 字")
    page.intro.setPlainText("x" * 1200)
    assert "超出" in page.count.text()


def test_other_items_add_move_remove_undo(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    session = window.drafts.session
    window.nav.show_page("other")
    page = window.stack.current_page()
    assert isinstance(page, OtherPage)
    titles = [item.title for item in session.report.other_items]
    page.add_item()
    assert [i.title for i in session.report.other_items] == [*titles, "新增事项"]
    page.items.move_item(len(titles), -1)
    assert session.report.other_items[-2].title == "新增事项"
    page.items.remove_item(len(titles) - 1)
    assert [i.title for i in session.report.other_items] == titles
    assert len(page.items.editors) == len(titles)
    for _ in range(3):
        window.commands.undo.trigger()
    assert [i.title for i in session.report.other_items] == titles


# Drafts ----------------------------------------------------------------------------------------


def test_save_then_reopen_gives_the_same_report(
    qtbot: QtBot, windows: Windows, tmp_path: Path
) -> None:
    window = windows(None)
    session = window.drafts.session
    session.set_field("meta.agency", "某某市某某局")
    session.set_field("meta.year", 2024)
    session.set_cells(
        {NEW: 3, DISCLOSED: 3, "table2.fees.amount": __import__("decimal").Decimal("12.50")}
    )
    target = tmp_path / "saved.json"
    prompter_of(window).script("save_path", target)
    assert window.drafts.save()
    assert not window.isWindowModified() and "saved.json" in window.windowTitle()
    expected = session.snapshot()
    window.close()
    again = windows(target)
    assert same_report(again.drafts.session.report, expected)
    assert same_report(load_draft(target).report, expected)
    assert not again.drafts.session.is_modified()


def test_autosave_then_crash_offers_recovery(
    qtbot: QtBot, windows: Windows, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashed = windows(None)
    crashed.drafts.session.set_cells({NEW: 9})
    assert crashed.drafts.current is not None
    assert crashed.drafts.current.autosaver.autosave_now()
    expected = crashed.drafts.session.snapshot()
    # The program dies here: no close, no save. A new run (another process) starts.
    monkeypatch.setattr(autosave_module, "_process_token", lambda: "a-later-run")
    crashed.drafts.current = None
    crashed.hide()
    prompter = ScriptedPrompter()
    prompter.script("ask_recovery", RecoveryAction.RESTORE)
    window = windows(None, prompter)
    [(items,)] = prompter.asked("ask_recovery")
    assert len(items) == 1 and items[0].is_untitled and items[0].autosaved_at is not None
    assert same_report(window.drafts.session.report, expected)
    assert window.drafts.session.is_modified() and window.isWindowModified()


def test_recovery_can_be_discarded_and_is_not_offered_again(
    qtbot: QtBot, windows: Windows, monkeypatch: pytest.MonkeyPatch, example: Path
) -> None:
    first = windows(example)
    first.drafts.session.set_cells({NEW: 4})
    assert first.drafts.current is not None and first.drafts.current.autosaver.autosave_now()
    monkeypatch.setattr(autosave_module, "_process_token", lambda: "a-later-run")
    first.drafts.shutdown()
    prompter = ScriptedPrompter()
    prompter.script("ask_recovery", RecoveryAction.DISCARD)
    second = windows(example, prompter)
    [(items,)] = prompter.asked("ask_recovery")
    assert items[0].draft_path == example and items[0].draft_saved_at is not None
    assert second.drafts.session.report.cells[NEW] == 0
    second.drafts.shutdown()
    third_prompter = ScriptedPrompter()
    windows(example, third_prompter)
    assert third_prompter.asked("ask_recovery") == []


def test_close_with_unsaved_changes_asks(qtbot: QtBot, windows: Windows, tmp_path: Path) -> None:
    window = windows(None)
    prompter = prompter_of(window)
    window.drafts.session.set_cells({NEW: 1})
    prompter.script("ask_save_changes", SaveChoice.CANCEL)
    assert not window.close()
    assert window.isVisible()
    target = tmp_path / "closing.json"
    prompter.script("ask_save_changes", SaveChoice.SAVE)
    prompter.script("save_path", target)
    assert window.close()
    assert load_draft(target).report.cells[NEW] == 1
    assert [args[0] for args in prompter.asked("ask_save_changes")] == ["未命名报告", "未命名报告"]


def test_close_without_saving_discards_the_autosave(
    qtbot: QtBot, windows: Windows, home: Path
) -> None:
    window = windows(None)
    window.drafts.session.set_cells({NEW: 1})
    assert window.drafts.current is not None and window.drafts.current.autosaver.autosave_now()
    prompter_of(window).script("ask_save_changes", SaveChoice.DISCARD)
    assert window.close()
    assert list((home / "autosave").iterdir()) == []


def test_corrupt_draft_is_explained_and_the_app_keeps_running(
    qtbot: QtBot, windows: Windows, tmp_path: Path, example: Path
) -> None:
    window = windows(example)
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"format": "report-desktop-draft", "schema_version": 1, "report": {', "utf-8"
    )
    assert not window.drafts.open_path(broken)
    [(title, message)] = prompter_of(window).asked("show_error")
    assert title == "草稿文件已损坏"
    assert "Traceback" not in message and message
    assert window.drafts.session.path == example  # the open report is untouched


def test_missing_draft_on_the_command_line_opens_a_new_report(
    qtbot: QtBot, windows: Windows, tmp_path: Path
) -> None:
    prompter = ScriptedPrompter()
    window = windows(tmp_path / "nowhere.json", prompter)
    [(title, _)] = prompter.asked("show_error")
    assert title == "无法读取草稿文件"
    assert window.drafts.session.path is None


def test_draft_locked_elsewhere_warns_and_offers_read_only(
    qtbot: QtBot, windows: Windows, example: Path, home: Path
) -> None:
    other = DraftLock(example, home / "state")
    assert other.acquire().acquired
    prompter = ScriptedPrompter()
    prompter.script("ask_lock", LockChoice.READ_ONLY)
    window = windows(example, prompter)
    [(result,)] = prompter.asked("ask_lock")
    assert "另一个窗口" in result.message or "打开" in result.message
    session = window.drafts.session
    assert session.read_only and "只读" in window.windowTitle()
    assert not session.set_cells({NEW: 1})
    view = grid(window)
    assert not view.grid_model.flags(view.grid_model.index_of(NEW)) & Qt.ItemFlag.ItemIsEditable
    copy = example.with_name("my-copy.json")
    prompter.script("save_path", copy)
    assert window.drafts.save()  # read-only: 保存 means 另存为
    assert window.drafts.session.path == copy and not window.drafts.session.read_only
    view = grid(window)
    assert view.grid_model.flags(view.grid_model.index_of(NEW)) & Qt.ItemFlag.ItemIsEditable
    other.release()


def test_draft_locked_elsewhere_can_be_taken_over_or_left(
    qtbot: QtBot, windows: Windows, example: Path, home: Path
) -> None:
    other = DraftLock(example, home / "state")
    other.acquire()
    prompter = ScriptedPrompter()
    prompter.script("ask_lock", LockChoice.CANCEL, LockChoice.TAKE_OVER)
    window = windows(None, prompter)
    assert not window.drafts.open_path(example)
    assert window.drafts.session.path is None
    assert window.drafts.open_path(example)
    current = window.drafts.current
    assert current is not None and current.lock is not None and not current.session.read_only


def test_backups_on_save_and_restore_one(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    session = window.drafts.session
    session.set_cells({NEW: 1, DISCLOSED: 1})
    assert window.drafts.save()
    session.set_cells({NEW: 2, DISCLOSED: 2})
    assert window.drafts.save()
    prompter = prompter_of(window)
    prompter.script("choose_backup", 0)
    assert window.drafts.restore_backup()
    [(draft, backups)] = prompter.asked("choose_backup")
    assert draft == example and len(backups) == 2
    restored = window.drafts.session
    assert restored.report.cells[NEW] == 1 and restored.is_modified()


def test_preferences_are_stored_and_applied(qtbot: QtBot, windows: Windows, home: Path) -> None:
    window = windows(None)
    chosen = dataclasses.replace(window.ctx.settings, autosave_seconds=30, backups_kept=3)
    prompter_of(window).script("edit_preferences", chosen)
    window.edit_preferences()
    assert load_settings(home / "config").settings.autosave_seconds == 30
    assert window.drafts.current is not None
    assert window.drafts.current.autosaver.interval_seconds() == 30
    assert window.ctx.backups().keep == 3


def test_window_state_and_last_page_are_remembered(qtbot: QtBot, windows: Windows) -> None:
    window = windows(None)
    window.nav.show_page("appeals")
    window.resize(1200, 700)
    assert window.close()
    again = windows(None)
    assert again.nav.current_page() == "appeals"
    assert isinstance(again.stack.current_page(), TablePage)


def test_recent_files_and_drop(
    qtbot: QtBot, windows: Windows, example: Path, tmp_path: Path
) -> None:
    window = windows(None)
    second = tmp_path / "second.json"
    save_draft(second, load_draft(example).report)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(second))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert window.drafts.session.path == second
    window._fill_recent()
    names = [a.text() for a in window.commands.recent_menu.actions()]
    assert names == ["second.json"]


def test_every_page_builds_with_the_example(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    for page in ("meta", "overview", "proactive", "requests", "appeals", "problems", "other"):
        window.nav.show_page(page)
        assert window.stack.current_page() is not None
        assert window.stack.current_page().page_id == page  # type: ignore[union-attr]
    assert os.environ["REPORT_DESKTOP_HOME"]
