"""Small screens (1024×768, 150 % on 1366×768): the window fits, the pages stay usable (issue 9)."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from gui_support import Windows
from report_desktop.storage.paths import app_paths
from report_desktop.ui import main_window
from report_desktop.ui.context import AppContext
from report_desktop.ui.window_fit import centred_default, fitted, starts_maximised

SMALL = (0, 0, 1024, 740)
"""1024×768 less a 28-pixel panel."""
LARGE = (0, 0, 1920, 1040)


def test_first_start_is_maximised_on_a_small_screen_only() -> None:
    assert starts_maximised(SMALL)
    assert starts_maximised((0, 0, 1366 // 1.5, 768 // 1.5))  # type: ignore[arg-type]
    assert not starts_maximised(LARGE)
    x, y, width, height = centred_default(LARGE)
    assert (width, height) == (1280, 740) and x > 0 and y > 0


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        ((100, 100, 800, 600), (100, 100, 800, 600)),  # fits: left alone
        ((0, 0, 1920, 1040), (0, 32, 1024, 708)),  # too big: as big as fits, not tiny
        ((1500, 900, 800, 600), (224, 140, 800, 600)),  # off the screen: moved back on
        ((-300, -50, 800, 600), (0, 32, 800, 600)),
    ],
)
def test_a_saved_window_is_clamped_to_the_screen(
    saved: tuple[int, int, int, int], expected: tuple[int, int, int, int]
) -> None:
    assert fitted(saved, SMALL) == expected


def saved_geometry(qtbot: QtBot, rect: QRect) -> str:
    other = QMainWindow()
    qtbot.addWidget(other)
    other.setGeometry(rect)
    return base64.b64encode(other.saveGeometry().data()).decode("ascii")


def test_the_window_opens_inside_the_available_area(
    qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = (0, 0, 700, 500)  # within the offscreen screen (Qt fits a restored size to that)
    monkeypatch.setattr(main_window, "available_area", lambda _window: area)
    ctx = AppContext.load(app_paths().ensure())
    ctx.update_settings(
        dataclasses.replace(
            ctx.settings, window_geometry=saved_geometry(qtbot, QRect(600, 500, 1600, 1000))
        )
    )
    window = main_window.MainWindow(ctx)
    qtbot.addWidget(window)
    x, y, width, height = window.geometry().getRect()
    assert (width, height) == (700, 500 - 32)
    assert x >= 0 and y >= 32 and x + width <= 700 and y + height <= 500


def test_first_start_on_a_small_screen_is_maximised(
    qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "available_area", lambda _window: SMALL)
    window = main_window.MainWindow(AppContext.load(app_paths().ensure()))
    qtbot.addWidget(window)
    assert window.windowState() & Qt.WindowState.WindowMaximized


def test_first_start_on_a_large_screen_is_not(
    qtbot: QtBot, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(main_window, "available_area", lambda _window: LARGE)
    window = main_window.MainWindow(AppContext.load(app_paths().ensure()))
    qtbot.addWidget(window)
    assert not window.windowState() & Qt.WindowState.WindowMaximized
    assert window.geometry().size().toTuple() == (1280, 740)


def test_table4s_row_of_figures_is_never_hidden_by_the_scroll_bar(
    qtbot: QtBot, windows: Windows
) -> None:
    window = windows()
    window.resize(1024, 740)
    window.enter_page("appeals")
    qtbot.wait(50)
    view = window.stack.current_page().grid_view()  # type: ignore[union-attr]
    assert view is not None
    assert view.horizontalScrollBar().maximum() > 0  # it scrolls sideways at this width…
    figures = view.visualRect(view.currentIndex())
    assert figures.height() > 10
    assert view.viewport().rect().contains(figures.adjusted(0, 0, 0, -1).bottomLeft())  # …whole


def test_last_years_panel_folds_away_rather_than_squeeze_the_editor(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    from report_desktop.ui.side_splitter import MIN_EDITOR, SideSplitter

    editor, panel = QPlainTextEdit(), QPlainTextEdit()
    splitter = SideSplitter(editor, panel, 0.38)
    qtbot.addWidget(splitter)
    splitter.resize(1100, 400)
    splitter.show()
    qtbot.waitExposed(splitter)
    assert splitter.panel_shown() and editor.width() >= MIN_EDITOR
    splitter.resize(620, 400)  # 1024×768 with the navigation beside it, or 150 %
    qtbot.waitUntil(lambda: not splitter.panel_shown())
    assert editor.width() >= MIN_EDITOR
    splitter.resize(1100, 400)
    qtbot.waitUntil(splitter.panel_shown)
    assert editor.width() >= MIN_EDITOR and panel.width() > 300


def test_table3s_row_labels_stay_while_scrolling_sideways(qtbot: QtBot) -> None:
    from report_desktop.domain.format2021 import FORMAT_2021
    from report_desktop.domain.model import new_report
    from report_desktop.session.report_session import ReportSession
    from report_desktop.ui.grid_model import GridModel
    from report_desktop.ui.grid_view import GridView

    view = GridView(GridModel(ReportSession(new_report()), FORMAT_2021.table("table3")))
    qtbot.addWidget(view)
    view.resize(620, 420)  # the grid's share of a 1024×768 window
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    panes = view.frozen
    assert panes is not None and panes.left is not None and panes.corner is not None
    assert all(view.isColumnHidden(col) for col in range(3))
    assert panes.left.isVisible() and panes.corner.isVisible()
    labels = panes.left.geometry()
    first_label = panes.left.model().index(3, 0).data()
    assert "本年新收" in first_label
    view.select_spec("table3.new_applications.other_org")  # far right: scrolls sideways
    assert view.horizontalScrollBar().value() > 0
    assert panes.left.geometry() == labels and panes.left.horizontalScrollBar().value() == 0
    assert panes.top.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    cell = view.visualRect(view.currentIndex())
    assert cell.left() >= 0  # the selected figure is not under the labels
    view.select_spec("table3.carried_forward.natural_person")  # far down: the labels follow
    assert view.verticalScrollBar().value() > 0
    assert panes.left.verticalScrollBar().value() == view.verticalScrollBar().value()
    assert view.viewport().geometry().left() >= labels.right()


def test_a_table_whose_captions_cross_into_the_figures_freezes_no_columns() -> None:
    from report_desktop.domain.format2021 import FORMAT_2021
    from report_desktop.ui.frozen_header import frozen_columns
    from report_desktop.ui.grid_layout import build_layout

    assert frozen_columns(build_layout(FORMAT_2021, FORMAT_2021.table("table3"))) == 3
    assert frozen_columns(build_layout(FORMAT_2021, FORMAT_2021.table("table4"))) == 0


def test_the_start_page_never_makes_the_window_taller_than_the_editor(
    qtbot: QtBot, windows: Windows
) -> None:
    window = windows()
    assert window.front.showing_start()
    front = window.front
    assert front.minimumSizeHint().height() <= max(front.editor.minimumSizeHint().height(), 120)
