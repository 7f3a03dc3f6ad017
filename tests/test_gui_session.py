"""The session of an open report: undo/redo, merged typing, modified flag, checks, autosave."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from report_desktop.domain.model import Meta, TextItem, new_report
from report_desktop.session import commands
from report_desktop.session.autosave import Autosaver
from report_desktop.session.fields import get_field, item_field, set_field
from report_desktop.session.report_session import ReportSession
from report_desktop.storage.autosave import AutosaveStore

NEW = "table3.new_applications.natural_person"
DISCLOSED = "table3.disclosed.natural_person"


def make_session() -> ReportSession:
    return ReportSession(new_report(Meta(agency="某某局", year=2024)))


def rules_of(session: ReportSession) -> set[str]:
    return {f.rule for f in session.findings}


def test_cells_change_totals_at_once_and_undo_restores(qtbot: QtBot) -> None:
    session = make_session()
    assert session.set_cells({NEW: 5})
    assert session.values["table3.new_applications.total"] == 5
    assert "table3.balance" in rules_of(session)
    assert session.is_modified()
    session.undo_stack.undo()
    assert NEW not in session.report.cells
    assert session.values["table3.new_applications.total"] == 0
    assert not session.is_modified()
    session.undo_stack.redo()
    assert session.report.cells[NEW] == 5


def test_unchanged_cells_push_nothing(qtbot: QtBot) -> None:
    session = make_session()
    session.set_cells({NEW: 5})
    assert not session.set_cells({NEW: 5})
    assert session.undo_stack.count() == 1


def test_several_cells_are_one_undo_step(qtbot: QtBot) -> None:
    session = make_session()
    session.set_cells({NEW: 5, DISCLOSED: 5}, "粘贴 2 个单元格")
    assert session.undo_stack.count() == 1
    assert session.undo_stack.undoText() == "粘贴 2 个单元格"
    session.undo_stack.undo()
    assert session.report.cells == {}


def test_typing_in_one_field_merges_into_one_step(qtbot: QtBot) -> None:
    session = make_session()
    for text in ("本", "本年", "本年无"):
        session.set_field("problems", text)
    assert session.undo_stack.count() == 1
    session.set_field("meta.agency", "别的局")
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.report.problems == ""


def test_typing_after_a_pause_is_a_new_step(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    session = make_session()
    clock = iter([100.0, 100.5, 110.0])
    monkeypatch.setattr(commands.time, "monotonic", lambda: next(clock))
    for text in ("一", "一二", "一二三"):
        session.set_field("problems", text)
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert session.report.problems == "一二"


def test_typing_back_to_the_start_leaves_no_step(qtbot: QtBot) -> None:
    session = make_session()
    session.set_field("problems", "x")
    session.set_field("problems", "")
    assert session.undo_stack.count() == 0
    assert not session.is_modified()


def test_text_checks_wait_for_a_pause(qtbot: QtBot) -> None:
    session = make_session()
    session.set_field("problems", "本年度公开不够及时，下一步加强培训。")
    assert session.validation_pending()
    assert "text.problems_empty" in rules_of(session)
    qtbot.waitUntil(lambda: not session.validation_pending(), timeout=2000)
    assert "text.problems_empty" not in rules_of(session)


def test_field_changes_are_announced(qtbot: QtBot) -> None:
    session = make_session()
    with qtbot.waitSignal(session.field_changed) as signal:
        session.set_field("meta.website", "http://example.gov.cn")
    assert signal.args == ["meta.website"]
    with qtbot.waitSignal(session.field_changed):
        session.undo_stack.undo()
    assert session.report.meta.website == ""


def test_items_change_shape_undoably(qtbot: QtBot) -> None:
    session = make_session()
    before = [item.title for item in session.report.other_items]
    items = [*session.report.other_items, TextItem("custom", "新增事项")]
    session.set_items("other_items", items, "添加事项")
    assert len(session.report.other_items) == len(before) + 1
    session.undo_stack.undo()
    assert [item.title for item in session.report.other_items] == before


def test_read_only_refuses_changes(qtbot: QtBot) -> None:
    session = ReportSession(new_report(), read_only=True)
    assert not session.set_cells({NEW: 1})
    session.set_field("problems", "x")
    assert session.undo_stack.count() == 0


def test_restored_report_is_modified_until_saved(qtbot: QtBot, tmp_path: Path) -> None:
    session = ReportSession(new_report(), modified=True)
    assert session.is_modified()
    with qtbot.waitSignal(session.modified_changed) as signal:
        session.mark_saved(tmp_path / "a.json")
    assert signal.args == [False]
    assert not session.is_modified()


def test_fields_vocabulary() -> None:
    report = new_report()
    set_field(report, "meta.year", 2024)
    set_field(report, item_field("other_items", 0, "text"), "未收取")
    set_field(report, "meta.publication_date", dt.date(2025, 1, 20))
    assert get_field(report, "meta.year") == 2024
    assert report.other_items[0].text == "未收取"
    with pytest.raises(KeyError):
        get_field(report, "meta.nothing")


def test_autosave_only_when_there_is_unsaved_work(qtbot: QtBot, tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path / "autosave")
    session = make_session()
    autosaver = Autosaver(session, store, 60)
    assert not autosaver.autosave_now()
    session.set_cells({"table2.fees.amount": Decimal("1.50")})
    assert autosaver.autosave_now()
    assert not autosaver.autosave_now()  # nothing new since
    [pending] = store.pending(include_in_use=True)
    assert pending.is_untitled
    assert pending.load().cells["table2.fees.amount"] == Decimal("1.50")
    autosaver.discard()
    assert store.pending(include_in_use=True) == []


def test_autosave_timer_fires(qtbot: QtBot, tmp_path: Path) -> None:
    store = AutosaveStore(tmp_path / "autosave")
    session = make_session()
    autosaver = Autosaver(session, store, 1)
    session.set_field("problems", "x")
    with qtbot.waitSignal(autosaver.saved, timeout=3000):
        pass


def test_autosave_failure_is_announced_once(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    session = make_session()
    autosaver = Autosaver(session, AutosaveStore(blocker), 60)
    session.set_field("problems", "x")
    failures: list[str] = []
    autosaver.failed.connect(failures.append)
    assert not autosaver.autosave_now()
    session.set_field("problems", "xy", mergeable=False)
    assert not autosaver.autosave_now()
    assert len(failures) == 1
    assert "自动保存" in failures[0]
