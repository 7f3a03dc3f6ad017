"""The main window: navigation, the pages, the problems panel, menus. It composes and forwards."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QWidget

from ..domain.format2021 import FORMAT_2021
from ..workflow.settings import SettingsError, recent_paths
from .actions import build_actions, build_menus, lay_out
from .context import AppContext
from .drafts import Drafts
from .export import ExportController
from .help import build_help_actions
from .importing import Imports, opens_by_import
from .last_year import LastYearCommands
from .navigation import Navigation
from .page_stack import PageStack
from .part_actions import PartActions
from .places import page_ids, page_of_place, page_title
from .problems_panel import ProblemsPanel, counts_text
from .prompter import Prompter, QtPrompter
from .start_page import Front
from .window_fit import Rect, centred_default, fitted, starts_maximised

APP_TITLE = FORMAT_2021.title
MAX_LISTED = 12
PANEL_HEIGHT = 160
PANEL_SHARE = 6
"""At the first start the problems panel takes at most a sixth of the screen's height."""
NAV_WIDTH = 210


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, prompter: Prompter | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.prompter: Prompter = prompter or QtPrompter(self)
        ctx.on_settings_error = self._settings_error
        self.drafts = Drafts(ctx, self.prompter, self)
        self.undo_group = QUndoGroup(self)
        self.stack = PageStack()
        self.last_year = LastYearCommands(self, ctx, self.drafts, self.prompter, self.stack)
        self.front = Front(self.last_year.with_notice_bar(self.stack))
        self.setCentralWidget(self.front)
        self.nav = Navigation()
        self._add_navigation_dock()
        self.problems = ProblemsPanel(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self.commands = build_actions(self, self, self.drafts, self.undo_group)
        self.export = ExportController(self, self.drafts, self.prompter)
        self.imports = Imports(self, ctx, self.drafts, self.prompter)
        self.last_year.imports = self.imports
        self.help_actions = build_help_actions(self, self.drafts.open_example)
        panel_toggle = self.problems.toggleViewAction()
        panel_toggle.setText("检查结果面板")
        layout = lay_out(
            self.commands,
            year=self.last_year.actions,
            export=self.export.actions,
            import_action=self.imports.action,
            help_actions=self.help_actions,
            panel_toggle=panel_toggle,
        )
        self.menus = build_menus(self, layout)
        self.parts = PartActions(self, self.menus["view"], self.enter_page)
        self.commands.recent_menu.aboutToShow.connect(self._fill_recent)
        self._connect()
        self.setAcceptDrops(True)
        self._start_page = ""
        self.restore_window_state()

    def _add_navigation_dock(self) -> None:
        dock = QDockWidget("报告内容", self)
        dock.setObjectName("navigation-dock")
        dock.setWidget(self.nav)
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setTitleBarWidget(QWidget())
        self.nav.setMinimumWidth(NAV_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _connect(self) -> None:
        self.drafts.opened.connect(self._opened)
        self.drafts.message.connect(self.show_message)
        self.nav.page_chosen.connect(self.stack.show_page)
        self.nav.entered.connect(self.enter_page)
        self.nav.page_chosen.connect(self.front.show_editor)
        self.front.start.chosen.connect(self._start_choice)
        self.front.start.recent_chosen.connect(self.drafts.open_path)
        self.stack.message.connect(self.show_message)
        self.stack.paste_refused.connect(self._paste_refused)
        self.problems.place_activated.connect(self.go_to_place)
        self.problems.finding_activated.connect(self.last_year.finding_chosen)
        self.last_year.message.connect(self.show_message)
        self.export.message.connect(self.show_message)
        self.imports.message.connect(self.show_message)

    # The open report ---------------------------------------------------------------------------

    def _opened(self) -> None:
        self.front.show_editor()
        session = self.drafts.session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        self.stack.set_session(session)
        self.nav.set_session(session, self._start_page)
        self.stack.show_page(self.nav.current_page())
        report = session.report
        self.parts.set_parts([(page, page_title(report, page)) for page in page_ids(report)])
        self.problems.set_session(session)
        session.findings_changed.connect(self._update_counts)
        session.modified_changed.connect(self.setWindowModified)
        session.path_changed.connect(self._update_title)
        self._update_title()
        self._update_counts()

    def check_now(self) -> None:
        self.drafts.session.validate_now()
        self.show_message(f"检查完成：{counts_text(self.drafts.session.findings)}")

    def _update_title(self) -> None:
        current = self.drafts.current
        if current is None:
            return
        read_only = "（只读）" if current.session.read_only else ""
        self.setWindowTitle(f"{current.name}[*]{read_only} - {APP_TITLE}")
        self.setWindowModified(current.session.is_modified())
        self.commands.restore_backup.setEnabled(current.session.path is not None)

    def _update_counts(self) -> None:
        self.counts.setText(counts_text(self.drafts.session.findings))

    def go_to_place(self, place: str) -> None:
        """Show the page of a finding's place and select the cell or field there."""
        page_id = page_of_place(self.drafts.session.report, place)
        if not page_id:
            return
        self.front.show_editor()
        self.nav.show_page(page_id)
        self.stack.show_page(page_id).focus_place(place)

    def enter_page(self, page_id: str) -> None:
        """Show a part with the keyboard in it (its current cell, or its first field)."""
        if self.drafts.current is None:
            return
        self.front.show_editor()
        self.nav.show_page(page_id)
        self.stack.show_page(page_id).focus_entry()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def _paste_refused(self, refused: list[str]) -> None:
        listed = "\n".join(f"· {line}" for line in refused[:MAX_LISTED])
        more = f"\n……另有 {len(refused) - MAX_LISTED} 个" if len(refused) > MAX_LISTED else ""
        self.prompter.show_info(
            "部分数值未粘贴",
            f"以下 {len(refused)} 个值未采用，原来的值保持不变：\n{listed}{more}",
            "\n".join(refused),
        )

    def copy_selection(self) -> None:
        self._forward("copy_selected", "copy")

    def paste_selection(self) -> None:
        self._forward("paste", "paste")

    def _forward(self, grid_method: str, widget_method: str) -> None:
        """Copy/paste for whatever has the focus: a grid takes blocks, a text field text."""
        focus = QApplication.focusWidget()
        if hasattr(focus, grid_method):
            getattr(focus, grid_method)()
        elif focus is not None and hasattr(focus, widget_method):
            getattr(focus, widget_method)()

    # Files, settings, window state -------------------------------------------------------------

    def open_at_start(self, path: Path | None) -> None:
        """The draft given on the command line (else the last one, when the preferences say
        so; else a new report behind the start page), then earlier unsaved work."""
        recent = recent_paths(self.ctx.settings)
        if path is None and self.ctx.settings.reopen_last_draft and recent:
            path = recent[0]
        if path is None or not self.drafts.open_path(path):
            self.drafts.new()
            self.front.show_start(recent)
        self.drafts.offer_recoveries(skip=None if path is None else path.absolute())
        for warning in self.ctx.settings_warnings:
            self.show_message(warning)

    def _start_choice(self, choice: str) -> None:
        if choice == "new":
            self.enter_page(self.nav.current_page())
        elif choice == "new_from":
            self.last_year.new_from_last_year()
        elif choice == "open":
            self.drafts.open_dialog()
        elif choice == "import":
            self.imports.import_dialog()
        elif choice == "example":
            self.drafts.open_example()

    def _fill_recent(self) -> None:
        menu = self.commands.recent_menu
        menu.clear()
        paths = recent_paths(self.ctx.settings)
        for path in paths:
            item = menu.addAction(path.name)
            item.setToolTip(str(path))
            item.setStatusTip(str(path))
            item.triggered.connect(lambda _=False, p=path: self.drafts.open_path(p))
        if not paths:
            menu.addAction("（无）").setEnabled(False)

    def edit_preferences(self) -> None:
        chosen = self.prompter.edit_preferences(self.ctx.settings)
        if chosen is not None:
            self.ctx.update_settings(chosen)
            self.drafts.apply_settings()
            self.last_year.apply_settings()
            self.show_message("首选项已保存")

    def _settings_error(self, error: SettingsError) -> None:
        self.show_message(error.message)

    def restore_window_state(self) -> None:
        settings = self.ctx.settings
        area = available_area(self)
        if settings.window_geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(settings.window_geometry)))
            if not self.isMaximized():
                self.setGeometry(QRect(*fitted(rect_of(self.geometry()), area)))
        elif starts_maximised(area):
            self.setGeometry(QRect(*fitted(area, area)))  # where no window manager maximises
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        else:
            self.setGeometry(QRect(*centred_default(area)))
        if settings.window_state:
            self.restoreState(QByteArray(base64.b64decode(settings.window_state)))
        else:
            height = min(PANEL_HEIGHT, area[3] // PANEL_SHARE)  # small screens: the tables first
            self.resizeDocks([self.problems], [height], Qt.Orientation.Vertical)
        self._start_page = settings.last_page

    def save_window_state(self) -> None:
        geometry = base64.b64encode(self.saveGeometry().data()).decode("ascii")
        state = base64.b64encode(self.saveState().data()).decode("ascii")
        page = self.nav.current_page()
        settings = dataclasses.replace(
            self.ctx.settings, window_geometry=geometry, window_state=state, last_page=page
        )
        self.ctx.update_settings(settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.drafts.close_current():
            event.ignore()
            return
        self.save_window_state()
        self.export.shutdown()
        self.drafts.shutdown()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            if opens_by_import(files[0]):
                self.imports.import_path(files[0])
            else:
                self.drafts.open_path(files[0])


def available_area(window: QWidget) -> Rect:
    """The available area (without panels and docks) of the screen the window is on."""
    screen = window.screen() or QApplication.primaryScreen()
    return rect_of(screen.availableGeometry())


def rect_of(rect: QRect) -> Rect:
    return rect.x(), rect.y(), rect.width(), rect.height()
