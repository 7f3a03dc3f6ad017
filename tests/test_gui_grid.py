"""The table grids: layout from the declaration, entry like a spreadsheet, copy and paste."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, new_report
from report_desktop.domain.table_geometry import CellRole
from report_desktop.session.report_session import ReportSession
from report_desktop.ui.clipboard import copy_block, parse_block, plan_paste
from report_desktop.ui.grid_layout import Step, build_layout
from report_desktop.ui.grid_model import GridModel
from report_desktop.ui.grid_view import GridView

T3 = FORMAT_2021.table("table3")
NEW = "table3.new_applications.natural_person"


# Layout (no Qt) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "rows", "cols"), [("table2", 14, 4), ("table3", 28, 10), ("table4", 4, 15)]
)
def test_every_declared_cell_has_one_place(table: str, rows: int, cols: int) -> None:
    layout = build_layout(FORMAT_2021, FORMAT_2021.table(table))
    assert (layout.rows, layout.cols) == (rows, cols)
    placed = [cell.spec.id for cell in layout.value_cells() if cell.spec]
    assert sorted(placed) == sorted(spec.id for spec in FORMAT_2021.cells_of(table))


def test_table3_header_and_label_merges_match_the_template() -> None:
    layout = build_layout(FORMAT_2021, T3)
    note = layout.at(0, 0)
    assert note is not None and note.role is CellRole.CORNER
    assert (note.rowspan, note.colspan) == (3, 3)
    assert note.text.startswith("（本列数据的勾稽关系为")
    applicant = layout.at(0, 3)
    assert applicant is not None and (applicant.text, applicant.colspan) == ("申请人情况", 7)
    natural = layout.at(1, 3)
    assert natural is not None and (natural.text, natural.rowspan) == ("自然人", 2)
    results = layout.at(5, 0)
    assert results is not None and (results.text, results.rowspan) == ("三、本年度办理结果", 22)
    withheld = layout.at(7, 1)
    assert withheld is not None and (withheld.text, withheld.rowspan) == ("（三）不予公开", 8)
    disclosed = layout.at(5, 1)
    assert disclosed is not None and (disclosed.text, disclosed.colspan) == ("（一）予以公开", 2)
    first = layout.at(3, 0)
    assert first is not None and first.colspan == 3
    labels = [c.text for c in layout.cells if c.role is CellRole.LABEL]
    assert labels[:3] == [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
    ]
    assert labels[-1] == "四、结转下年度继续办理"


def test_table2_single_column_blocks_span_the_value_area() -> None:
    layout = build_layout(FORMAT_2021, FORMAT_2021.table("table2"))
    licensing = layout.value_cell("table2.licensing.decisions")
    assert licensing.colspan == 3
    caption = layout.at(licensing.row - 2, 0)
    assert caption is not None and caption.text == "第二十条第（五）项" and caption.colspan == 4


def test_steps_skip_labels_and_totals() -> None:
    layout = build_layout(FORMAT_2021, T3)
    start = layout.value_cell(NEW)
    down = layout.step(start.row, start.col, Step.DOWN)
    assert down is not None and down.spec is not None
    assert down.spec.id == "table3.carried_over.natural_person"
    other = layout.value_cell("table3.new_applications.other_org")
    wrapped = layout.step(other.row, other.col, Step.NEXT)
    assert wrapped is not None and wrapped.spec is not None
    assert wrapped.spec.id == "table3.carried_over.natural_person"  # 总计 skipped
    back = layout.step(wrapped.row, wrapped.col, Step.PREVIOUS)
    assert back is not None and back.spec is not None and back.spec.id == other.spec.id
    last = layout.value_cell("table3.carried_forward.other_org")
    assert layout.step(last.row, last.col, Step.NEXT) is None
    # （六）3.其他 → （七）总计 is computed → 四、结转下年度
    misc = layout.value_cell("table3.other_handling_misc.commercial")
    below = layout.step(misc.row, misc.col, Step.DOWN)
    assert below is not None and below.spec is not None
    assert below.spec.id == "table3.carried_forward.commercial"


# Paste planning (no Qt) ------------------------------------------------------------------------


def test_parse_block_from_excel() -> None:
    assert parse_block("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_block('"1,234"\t5') == [["1,234", "5"]]
    assert parse_block("7") == [["7"]]


def test_plan_paste_validates_every_cell() -> None:
    layout = build_layout(FORMAT_2021, T3)
    start = layout.value_cell(NEW)
    block = parse_block("1\t２\t-3\n1,200\tabc\t0.5\n")
    plan = plan_paste(layout, block, start.row, start.col)
    assert plan.values == {
        NEW: 1,
        "table3.new_applications.commercial": 2,
        "table3.carried_over.natural_person": 1200,
    }
    assert len(plan.refused) == 3
    assert any("负数" in line and "科研机构" in line for line in plan.refused)
    assert any("不是数字" in line for line in plan.refused)
    assert any("不是整数" in line for line in plan.refused)


def test_plan_paste_onto_labels_totals_and_beyond() -> None:
    layout = build_layout(FORMAT_2021, T3)
    row = layout.value_cell(NEW).row
    # the whole row copied with its label: label matches, total is only compared
    block = [["一、本年新收政府信息公开申请数量", "", "", "1", "2", "3", "4", "5", "6", "22"]]
    plan = plan_paste(layout, block, row, 0)
    assert plan.refused == []
    assert len(plan.values) == 6
    assert [(spec.id, value) for spec, value in plan.totals] == [
        ("table3.new_applications.total", 22)
    ]
    beyond = plan_paste(layout, [["1", "2", "3"]], row, 9)
    assert beyond.refused == ["有 2 个值超出了表格范围，未粘贴"]


def test_copy_block_gives_labels_and_values() -> None:
    layout = build_layout(FORMAT_2021, T3)
    report = new_report()
    report.cells[NEW] = 7
    from report_desktop.domain.model import resolved_values

    row = layout.value_cell(NEW).row
    text = copy_block(layout, resolved_values(report), range(row, row + 1), range(0, 10))
    assert text == "一、本年新收政府信息公开申请数量\t\t\t7\t\t\t\t\t\t7\n"


# Model and view (Qt) ---------------------------------------------------------------------------


@pytest.fixture
def session(qtbot: QtBot) -> ReportSession:
    return ReportSession(new_report(Meta(agency="某某局", year=2024)))


@pytest.fixture
def view(qtbot: QtBot, session: ReportSession) -> GridView:
    grid = GridView(GridModel(session, T3))
    qtbot.addWidget(grid)
    grid.resize(1100, 800)
    grid.show()
    qtbot.waitExposed(grid)
    grid.activateWindow()
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    return grid


def editor() -> QLineEdit:
    focus = QApplication.focusWidget()
    assert isinstance(focus, QLineEdit), focus
    return focus


def send_text(widget: QWidget, text: str) -> None:
    """Key presses carrying any text (QTest only types ASCII): full-width digits and the like."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def type_cell(qtbot: QtBot, view: GridView, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Type into the current cell as a clerk does: the first key opens the editor."""
    send_text(view, text[0])
    send_text(editor(), text[1:])
    qtbot.keyClick(editor(), key)


def current_id(view: GridView) -> str:
    return view.current_spec_id()


def test_model_shows_totals_read_only_and_distinct(session: ReportSession) -> None:
    model = GridModel(session, T3)
    session.set_cells({NEW: 4, "table3.new_applications.research": 3})
    total = model.index_of("table3.new_applications.total")
    assert model.data(total) == "7"
    assert not model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert model.data(total, Qt.ItemDataRole.FontRole).italic()
    assert model.data(total, Qt.ItemDataRole.BackgroundRole) is not None
    assert "∑" in model.data(total, Qt.ItemDataRole.ToolTipRole)
    leaf = model.index_of(NEW)
    assert model.flags(leaf) & Qt.ItemFlag.ItemIsEditable
    label = model.index(3, 0)
    assert model.data(label) == "一、本年新收政府信息公开申请数量"
    assert model.flags(label) == Qt.ItemFlag.NoItemFlags


def test_typing_enter_moves_down_tab_moves_right(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    assert current_id(view) == NEW
    type_cell(qtbot, view, "12")
    assert session.report.cells[NEW] == 12
    assert current_id(view) == "table3.carried_over.natural_person"
    type_cell(qtbot, view, "3", Qt.Key.Key_Tab)
    assert current_id(view) == "table3.carried_over.commercial"
    type_cell(qtbot, view, "4", Qt.Key.Key_Backtab)
    assert current_id(view) == "table3.carried_over.natural_person"
    assert session.report.cells["table3.carried_over.commercial"] == 4
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert current_id(view) == NEW
    assert session.values["table3.new_applications.total"] == 12


def test_typing_replaces_full_width_and_separators(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    session.set_cells({NEW: 999})
    type_cell(qtbot, view, "１，２３４")
    assert session.report.cells[NEW] == 1234


def test_refused_entry_keeps_old_value_and_says_why(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    session.set_cells({NEW: 8})
    messages: list[str] = []
    view.message.connect(messages.append)
    for bad, reason in (("-1", "负数"), ("2.5", "不是整数"), ("abc", "不是数字")):
        type_cell(qtbot, view, bad)
        assert session.report.cells[NEW] == 8
        assert current_id(view) == NEW  # the cursor stays on the refused cell
        assert reason in messages[-1] and "自然人" in messages[-1]


def test_escape_cancels_and_f2_edits(qtbot: QtBot, view: GridView, session: ReportSession) -> None:
    session.set_cells({NEW: 5})
    qtbot.keyClicks(view, "9")
    qtbot.keyClick(editor(), Qt.Key.Key_Escape)
    assert session.report.cells[NEW] == 5
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert editor().text() == "5"
    qtbot.keyClick(editor(), Qt.Key.Key_End)
    qtbot.keyClicks(editor(), "0")
    qtbot.keyClick(editor(), Qt.Key.Key_Return)
    assert session.report.cells[NEW] == 50


def test_delete_empties_the_selection_in_one_step(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    session.set_cells({NEW: 1, "table3.new_applications.commercial": 2})
    model = view.grid_model
    view.setCurrentIndex(model.index_of(NEW))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert session.report.cells == {}
    session.undo_stack.undo()
    assert session.report.cells == {NEW: 1, "table3.new_applications.commercial": 2}


def test_paste_block_one_bad_cell_one_undo_step(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    refused: list[list[str]] = []
    view.paste_refused.connect(refused.append)
    QGuiApplication.clipboard().setText("5\t6\n7\tx\n")
    view.paste()
    assert session.report.cells == {
        NEW: 5,
        "table3.new_applications.commercial": 6,
        "table3.carried_over.natural_person": 7,
    }
    assert len(refused) == 1 and len(refused[0]) == 1
    assert "商业企业" in refused[0][0] and "不是数字" in refused[0][0]
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.report.cells == {}


def test_paste_reports_a_pasted_total_that_disagrees(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    refused: list[list[str]] = []
    view.paste_refused.connect(refused.append)
    view.setCurrentIndex(view.grid_model.index_of("table3.new_applications.other_org"))
    QGuiApplication.clipboard().setText("3\t9\n")
    view.paste()
    assert session.report.cells["table3.new_applications.other_org"] == 3
    assert "计算结果为 3" in refused[0][0]


def test_copy_selection_as_tab_separated(
    qtbot: QtBot, view: GridView, session: ReportSession
) -> None:
    session.set_cells({NEW: 1, "table3.new_applications.commercial": Decimal(2).__int__()})
    view.setCurrentIndex(view.grid_model.index_of(NEW))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "1\t2\n"


def test_amount_cells_keep_decimals(qtbot: QtBot) -> None:
    session = ReportSession(new_report())
    view = GridView(GridModel(session, FORMAT_2021.table("table2")))
    qtbot.addWidget(view)
    index = view.grid_model.index_of("table2.fees.amount")
    assert view.grid_model.setData(index, "5,949.088667")
    assert session.report.cells["table2.fees.amount"] == Decimal("5949.088667")
    assert view.grid_model.data(index) == "5949.088667"


def test_marks_follow_findings(qtbot: QtBot, session: ReportSession) -> None:
    model = GridModel(session, T3)
    leaf = model.index_of(NEW)
    assert model.severity_at(leaf) is not None  # a new report: unfilled cells (information)
    session.set_cells({NEW: 5})
    assert model.severity_at(leaf) is not None and model.severity_at(leaf).value == "error"
    assert "相差 5" in model.data(leaf, Qt.ItemDataRole.ToolTipRole)
    session.set_cells({"table3.disclosed.natural_person": 5})
    assert model.severity_at(leaf) is None or model.severity_at(leaf).value != "error"


def test_an_edit_repaints_only_the_cells_it_changed(session: ReportSession) -> None:
    model = GridModel(session, T3)
    session.set_cells({NEW: 1})
    session.validate_now()
    announced: list[tuple[int, int]] = []

    def changed(first: QModelIndex, last: QModelIndex) -> None:
        announced.extend(
            (row, col)
            for row in range(first.row(), last.row() + 1)
            for col in range(first.column(), last.column() + 1)
        )

    model.dataChanged.connect(changed)
    session.set_cells({NEW: 2})
    session.validate_now()
    typed_and_total = {
        (index.row(), index.column())
        for index in (model.index_of(NEW), model.index_of("table3.new_applications.total"))
    }
    assert typed_and_total <= set(announced)  # the cell typed and the row's total
    assert len(set(announced)) < 10  # not the 280 places of the grid
    announced.clear()
    session.set_cells({NEW: 2})  # the same value again: nothing to repaint
    session.validate_now()
    assert announced == []
