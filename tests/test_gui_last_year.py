"""Last year's report in the window: start from it, link to it, lose and mend the link, see last
year's numbers and text while filling in, jump to the sentence a text finding quotes.

Every question goes to a scripted prompter, so no dialog ever blocks.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui_support import ScriptedPrompter, Windows, enter_cell, grid, prompter_of
from report_desktop.domain.crossyear import new_report_from_last_year
from report_desktop.domain.findings import Severity
from report_desktop.storage.draft import load_draft, save_draft
from report_desktop.storage.last_year import make_link
from report_desktop.storage.settings import Settings, load_settings
from report_desktop.ui.dialogs import PreferencesDialog
from report_desktop.ui.fields import TextField
from report_desktop.ui.last_year import ACCEPT_CHANGED, RELINK
from report_desktop.ui.main_window import MainWindow
from report_desktop.ui.reference_panel import ReferencePanel

CARRIED = {"natural_person": 2, "commercial": 1, "other_org": 3}
LICENSING = "table2.licensing.decisions"
OVER = "table3.carried_over.natural_person"
LAST_PROBLEMS = (
    "一是信息公开的及时性不够，部分信息发布略显滞后；二是政策解读形式单一，图解、视频等形式较少。"
    "下一步将完善信息发布流程，丰富解读形式。"
)


class Prompter(ScriptedPrompter):
    """The scripted prompter, with the question this feature adds."""

    def last_year_path(self, folder: str) -> Path | None:
        return self._answer("last_year_path", None, folder)  # type: ignore[no-any-return]


@pytest.fixture
def last(tmp_path: Path, example_draft_path: Path) -> Path:
    """Last year's report (2024) with requests carried forward, 行政许可 40 and a 五 text."""
    report = load_draft(example_draft_path).report
    for column, count in CARRIED.items():
        report.cells[f"table3.new_applications.{column}"] = count + 1
        report.cells[f"table3.disclosed.{column}"] = 1
        report.cells[f"table3.carried_forward.{column}"] = count
    report.cells[LICENSING] = 40
    report.problems = LAST_PROBLEMS
    path = tmp_path / "reports" / "2024.json"
    path.parent.mkdir()
    save_draft(path, report)
    return path


def this_year(last: Path, path: Path) -> Path:
    """This year's draft at ``path``, started from ``last`` and linked to it (as the CLI does)."""
    report = new_report_from_last_year(load_draft(last).report)
    report.last_year_link = make_link(last, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_draft(path, report)
    return path


def rules(window: MainWindow) -> set[str]:
    return {f.rule for f in window.drafts.session.findings}


def cross_year(window: MainWindow) -> set[str]:
    return {r for r in rules(window) if r.startswith("cross_year.") and r != "cross_year.link"}


# 从上年报告新建 ---------------------------------------------------------------------------------


def test_new_from_last_year_carries_over_and_links_relative_after_first_save(
    qtbot: QtBot, windows: Windows, last: Path
) -> None:
    prompter = Prompter()
    window = windows(None, prompter)
    prompter.script("last_year_path", last)
    window.last_year.actions.new_from.trigger()
    session = window.drafts.session
    assert session.path is None and session.is_modified() and window.isWindowModified()
    assert session.report.meta.year == 2025
    model = grid(window).grid_model
    for column in ("natural_person", "commercial", "research", "other_org"):
        shown = model.edit_text(model.index_of(f"table3.carried_over.{column}"))
        assert shown == str(CARRIED.get(column, 0))
    assert model.edit_text(model.index_of("table3.carried_over.total")) == "6"
    link = session.report.last_year_link
    assert link is not None and Path(link.path) == last.resolve()
    assert session.last_year.report is not None and not session.last_year.notice
    assert not cross_year(window)  # the carry-over agrees with last year's report
    bar = window.last_year.bar
    assert bar.isVisible() and "上年结转" in bar.text() and "逐列填入" in bar.text()
    assert session.report.problems == ""
    target = last.parent / "2025.json"
    prompter.script("save_path", target)
    assert window.drafts.save()
    assert load_draft(target).report.last_year_link.path == "2024.json"  # type: ignore[union-attr]
    assert session.report.last_year_link.path == "2024.json"  # type: ignore[union-attr]
    window.close()
    again = windows(target, Prompter())
    assert again.drafts.session.last_year.report is not None
    assert not again.last_year.bar.isVisible()


def test_saved_elsewhere_the_link_stays_valid(
    qtbot: QtBot, windows: Windows, last: Path, tmp_path: Path
) -> None:
    prompter = Prompter()
    window = windows(None, prompter)
    prompter.script("last_year_path", last)
    assert window.last_year.new_from_last_year()
    target = tmp_path / "elsewhere" / "2025.json"
    target.parent.mkdir()
    prompter.script("save_path", target)
    assert window.drafts.save()
    link = load_draft(target).report.last_year_link
    assert link is not None and Path(link.path) == last.resolve()
    beside = last.parent / "2025b.json"
    prompter.script("save_path", beside)
    assert window.drafts.save_as()
    assert load_draft(beside).report.last_year_link.path == "2024.json"  # type: ignore[union-attr]


def test_new_from_an_unreadable_file_explains_and_keeps_the_report(
    qtbot: QtBot, windows: Windows, tmp_path: Path
) -> None:
    prompter = Prompter()
    window = windows(None, prompter)
    before = window.drafts.session
    broken = tmp_path / "broken.json"
    broken.write_text("{", "utf-8")
    prompter.script("last_year_path", broken)
    assert not window.last_year.new_from_last_year()
    [(title, _)] = prompter.asked("show_error")
    assert title == "草稿文件已损坏"
    assert window.drafts.session is before


# Live cross-year checks ------------------------------------------------------------------------


def test_carry_over_warning_appears_live_and_goes_when_fixed(
    qtbot: QtBot, windows: Windows, last: Path
) -> None:
    window = windows(this_year(last, last.parent / "2025.json"), Prompter())
    view = grid(window)
    model = view.grid_model
    session = window.drafts.session
    assert "cross_year.carry_over" not in rules(window)
    enter_cell(qtbot, view, OVER, "5")
    [warning] = [f for f in session.findings_at(OVER) if f.rule == "cross_year.carry_over"]
    assert (
        warning.severity is Severity.WARNING
        and "上年报告“结转下年度继续办理”为 2" in warning.message
    )
    assert warning.message in model.data(model.index_of(OVER), Qt.ItemDataRole.ToolTipRole)
    messages = [item.finding.message for item in window.problems.finding_items()]
    assert warning.message in messages
    enter_cell(qtbot, view, OVER, "2")
    assert "cross_year.carry_over" not in rules(window)
    assert warning.message not in model.data(model.index_of(OVER), Qt.ItemDataRole.ToolTipRole)


def test_link_and_unlink_any_draft_are_undoable_changes(
    qtbot: QtBot, windows: Windows, last: Path, example: Path
) -> None:
    prompter = Prompter()
    window = windows(example, prompter)  # a 2024 report: linking a 2024 report asks first
    session = window.drafts.session
    assert not window.last_year.actions.unlink.isEnabled()
    prompter.script("last_year_path", last)
    prompter.script("confirm", False)
    assert not window.last_year.link()
    assert session.report.last_year_link is None and not session.is_modified()
    prompter.script("last_year_path", last)
    prompter.script("confirm", True)
    assert window.last_year.link()
    [(title, message, *_), _] = prompter.asked("confirm")
    assert "2024年度" in message and title == "关联上年报告"
    assert session.report.last_year_link is not None and session.last_year.report is not None
    assert session.is_modified() and window.last_year.actions.unlink.isEnabled()
    assert "cross_year.carry_over" in rules(window)  # 0 carried over, last year said 2, 1, 3
    window.commands.undo.trigger()
    assert session.report.last_year_link is None and session.last_year.report is None
    assert not cross_year(window) and not session.is_modified()
    window.commands.redo.trigger()
    assert session.report.last_year_link is not None and cross_year(window)
    window.last_year.unlink()
    assert session.report.last_year_link is None and not cross_year(window)
    assert window.drafts.save()
    assert load_draft(example).report.last_year_link is None


def test_linking_the_report_to_itself_is_refused(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    prompter = Prompter()
    window = windows(example, prompter)
    prompter.script("last_year_path", example)
    assert not window.last_year.link()
    [(title, _)] = prompter.asked("show_error")
    assert title == "无法关联"


# A lost or changed link ------------------------------------------------------------------------


def test_lost_link_shows_a_notice_skips_checks_and_relinking_mends_it(
    qtbot: QtBot, windows: Windows, last: Path, tmp_path: Path
) -> None:
    draft = this_year(last, last.parent / "2025.json")
    moved = tmp_path / "archive" / "2024.json"
    moved.parent.mkdir()
    shutil.move(last, moved)
    prompter = Prompter()
    window = windows(draft, prompter)
    session = window.drafts.session
    bar = window.last_year.bar
    assert bar.isVisible() and "找不到关联的上年报告" in bar.text() and "跳过跨年核对" in bar.text()
    assert session.last_year.report is None
    assert "cross_year.link" in rules(window) and not cross_year(window)
    infos = [i.finding for i in window.problems.finding_items() if i.finding.rule.endswith("link")]
    assert infos and infos[0].severity is Severity.INFO
    enter_cell(qtbot, grid(window), OVER, "7")  # editing goes on; no cross-year warning
    assert session.report.cells[OVER] == 7 and not cross_year(window)
    prompter.script("last_year_path", moved)
    relink = bar.button(RELINK)
    assert relink is not None
    relink.click()
    assert not bar.isVisible()
    assert session.last_year.report is not None and "cross_year.link" not in rules(window)
    assert "cross_year.carry_over" in rules(window)  # 7 carried over, last year said 2
    assert session.report.last_year_link is not None
    assert Path(session.report.last_year_link.path) == moved.resolve()


def test_changed_file_is_noticed_and_can_be_accepted(
    qtbot: QtBot, windows: Windows, last: Path
) -> None:
    draft = this_year(last, last.parent / "2025.json")
    changed = load_draft(last).report
    changed.cells["table3.carried_forward.natural_person"] = 9
    save_draft(last, changed)
    window = windows(draft, Prompter())
    session = window.drafts.session
    bar = window.last_year.bar
    assert bar.isVisible() and "被修改过" in bar.text()
    assert "cross_year.carry_over" in rules(window)  # checked against the file as it is now
    accept = bar.button(ACCEPT_CHANGED)
    assert accept is not None
    accept.click()
    assert not bar.isVisible() and not session.last_year.notice
    assert session.is_modified()
    assert window.drafts.save()
    again = load_draft(draft).report.last_year_link
    assert again is not None and again.path == "2024.json"


# Last year's numbers and text while filling in ------------------------------------------------


def test_tooltip_and_cell_show_last_years_value(qtbot: QtBot, windows: Windows, last: Path) -> None:
    window = windows(this_year(last, last.parent / "2025.json"), Prompter())
    view = grid(window, "proactive")
    model = view.grid_model
    index = model.index_of(LICENSING)
    assert "上年：40" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.last_year_text(index) == "40"
    assert model.last_year_text(model.index_of("table2.punishment.decisions")) == ""  # 0
    assert view.delegate.show_last_year
    window.drafts.session.set_cells({LICENSING: 46})
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "上年：40（本年 46，+6，+15%）" in tip
    toggle = window.last_year.actions.show_values
    toggle.trigger()
    assert not view.delegate.show_last_year
    assert not load_settings(window.ctx.paths.config_dir).settings.show_last_year_values
    view.grab()  # paints with and without the small numbers without trouble
    toggle.trigger()
    assert view.delegate.show_last_year
    view.grab()


def test_reference_panel_shows_last_years_text_and_never_fills_the_report(
    qtbot: QtBot, windows: Windows, last: Path
) -> None:
    window = windows(this_year(last, last.parent / "2025.json"), Prompter())
    window.nav.show_page("problems")
    page = window.stack.current_page()
    assert page is not None
    [panel] = page.findChildren(ReferencePanel)
    assert panel.isVisible()
    assert panel.text.toPlainText() == LAST_PROBLEMS and panel.text.isReadOnly()
    assert "2024年度" in panel.title.text()
    assert window.drafts.session.report.problems == ""
    [field] = page.findChildren(TextField)
    assert field.toPlainText() == ""
    panel.copy_text()
    assert QGuiApplication.clipboard().text() == LAST_PROBLEMS
    assert window.drafts.session.report.problems == ""
    window.last_year.actions.show_text.trigger()
    assert not panel.isVisible()
    window.nav.show_page("overview")
    [overview_panel] = window.stack.current_page().findChildren(ReferencePanel)  # type: ignore[union-attr]
    assert not overview_panel.isVisible()
    window.last_year.actions.show_text.trigger()
    assert overview_panel.isVisible() and "主动公开方面" in overview_panel.text.toPlainText()


def test_no_reference_panel_without_last_years_report(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example, Prompter())
    window.nav.show_page("problems")
    [panel] = window.stack.current_page().findChildren(ReferencePanel)  # type: ignore[union-attr]
    assert not panel.isVisible()


# Text findings jump to the sentence ------------------------------------------------------------


def click_finding(qtbot: QtBot, window: MainWindow, rule: str) -> None:
    [item] = [i for i in window.problems.finding_items() if i.finding.rule == rule]
    window.problems.tree.scrollToItem(item)
    rect = window.problems.tree.visualItemRect(item)
    qtbot.mouseClick(window.problems.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_clicking_a_text_mismatch_selects_the_quoted_words(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example, Prompter())
    session = window.drafts.session
    sentence = "2024年，本局共收到政府信息公开申请１，２３４件，均已按时答复。"
    session.set_field("overview_parts.1.text", sentence)
    session.validate_now()
    window.nav.show_page("meta")
    click_finding(qtbot, window, "text.table_mismatch")
    assert window.nav.current_page() == "overview"
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextField))
    focus = QApplication.focusWidget()
    assert isinstance(focus, TextField) and focus.key == "overview_parts.1.text"
    assert focus.textCursor().selectedText() == "收到政府信息公开申请１，２３４件"


def test_clicking_repeated_problems_goes_to_section_five(
    qtbot: QtBot, windows: Windows, last: Path
) -> None:
    window = windows(this_year(last, last.parent / "2025.json"), Prompter())
    session = window.drafts.session
    session.set_field("problems", "本年度存在的问题：\n" + LAST_PROBLEMS)
    session.validate_now()
    assert "cross_year.problems_repeated" in rules(window)
    click_finding(qtbot, window, "cross_year.problems_repeated")
    assert window.nav.current_page() == "problems"
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), TextField))
    focus = QApplication.focusWidget()
    assert isinstance(focus, TextField) and focus.key == "problems"
    selected = focus.textCursor().selectedText()
    assert selected and selected in LAST_PROBLEMS


# Preferences -----------------------------------------------------------------------------------


def test_change_ratio_preference_decides_whether_a_change_is_pointed_out(
    qtbot: QtBot, windows: Windows, last: Path, home: Path
) -> None:
    window = windows(this_year(last, last.parent / "2025.json"), Prompter())
    session = window.drafts.session
    session.set_cells({LICENSING: 55})  # +15 = +37.5 %: below the default 50 %
    changes = [f for f in session.findings if f.rule == "cross_year.change"]
    assert not [f for f in changes if LICENSING in f.cells]
    chosen = dataclasses.replace(window.ctx.settings, change_ratio_percent=30)
    prompter_of(window).script("edit_preferences", chosen)
    window.edit_preferences()
    assert load_settings(home / "config").settings.change_ratio_percent == 30
    [finding] = [f for f in session.findings if f.rule == "cross_year.change"]
    assert finding.cells == (LICENSING,) and "+38%" in finding.message
    model = grid(window, "proactive").grid_model
    assert model.severity_at(model.index_of(LICENSING)) is Severity.INFO
    chosen = dataclasses.replace(window.ctx.settings, change_minimum=20)
    prompter_of(window).script("edit_preferences", chosen)
    window.edit_preferences()
    assert "cross_year.change" not in rules(window)


def test_preferences_dialog_edits_the_cross_year_thresholds(qtbot: QtBot) -> None:
    dialog = PreferencesDialog(Settings())
    qtbot.addWidget(dialog)
    ratio, minimum = dialog.numbers["change_ratio_percent"], dialog.numbers["change_minimum"]
    assert (ratio.value(), minimum.value()) == (50, 10)
    ratio.setValue(25)
    minimum.setValue(3)
    chosen = dialog.result_settings()
    assert (chosen.change_ratio_percent, chosen.change_minimum) == (25, 3)
    assert ratio.text() == "25 %"


def test_menus_offer_the_new_commands(qtbot: QtBot, windows: Windows) -> None:
    window = windows(None, Prompter())
    texts = [a.text() for m in window.menuBar().actions() for a in m.menu().actions()]  # type: ignore[union-attr]
    for text in ("从上年报告新建(&L)…", "关联上年报告(&Y)…", "取消关联上年报告"):
        assert text in texts
    assert "单元格中显示上年数值" in texts and "上年报告参考栏" in texts
    file_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]  # type: ignore[union-attr]
    assert file_texts.index("从上年报告新建(&L)…") == file_texts.index("新建(&N)") + 1
