"""The window's actions, and where each is offered: the menus (文件, 编辑, 视图, 帮助) and the
toolbar are laid out in one place, :func:`lay_out`; each controller makes its own actions,
connected to its own methods."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

if TYPE_CHECKING:
    from .drafts import Drafts
    from .export import ExportActions
    from .last_year import YearActions

Slot = Callable[[], object]
_Keys = QKeySequence.StandardKey


@dataclass
class Actions:
    new: QAction
    open: QAction
    save: QAction
    save_as: QAction
    restore_backup: QAction
    recover: QAction
    preferences: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    copy: QAction
    paste: QAction
    check: QAction
    recent_menu: QMenu


Keys = QKeySequence | QKeySequence.StandardKey | None


def action(window: QMainWindow, text: str, slot: Slot, keys: Keys = None, tip: str = "") -> QAction:
    item = QAction(text, window)
    item.setIconText(text.split("(", maxsplit=1)[0])
    if keys is not None:
        item.setShortcut(keys)
    if tip:
        item.setStatusTip(tip)
        item.setToolTip(tip)
    item.triggered.connect(slot)
    return item


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Y and the platform's own redo keys, each once (a key twice would be ambiguous)."""
    keys = [QKeySequence("Ctrl+Y")]
    for key in QKeySequence.keyBindings(_Keys.Redo):
        if key not in keys:
            keys.append(key)
    return keys


class WindowCommands(Protocol):
    """What the window's own commands call (:class:`~.main_window.MainWindow`)."""

    def edit_preferences(self) -> None: ...
    def close(self) -> bool: ...
    def copy_selection(self) -> None: ...
    def paste_selection(self) -> None: ...
    def check_now(self) -> None: ...


def build_actions(
    window: QMainWindow, commands: WindowCommands, files: Drafts, undo_group: QUndoGroup
) -> Actions:
    """The window's own actions, each connected to its command."""
    undo = undo_group.createUndoAction(window, "撤销")
    undo.setShortcut(_Keys.Undo)
    redo = undo_group.createRedoAction(window, "重做")
    redo.setShortcuts(redo_keys())
    for item, short in ((undo, "撤销"), (redo, "重做")):
        # The toolbar shows the short word (it never changes width); the menu and the tooltip
        # the whole description (「撤销 填写自然人」).
        item.setIconText(short)
        item.changed.connect(lambda i=item: i.setToolTip(i.text()))
    return Actions(
        new=action(window, "新建(&N)", files.new, _Keys.New, "新建一份空白报告"),
        open=action(window, "打开(&O)…", files.open_dialog, _Keys.Open, "打开报告草稿"),
        save=action(window, "保存(&S)", files.save, _Keys.Save, "保存草稿（检查结果不影响保存）"),
        save_as=action(window, "另存为(&A)…", files.save_as, _Keys.SaveAs, "以新文件名保存草稿"),
        restore_backup=action(
            window, "从备份恢复(&B)…", files.restore_backup, None, "打开此草稿以前保存的版本"
        ),
        recover=action(
            window, "恢复自动保存的工作(&R)…", files.offer_recoveries, None, "找回上次未保存的修改"
        ),
        preferences=action(
            window,
            "首选项(&P)…",
            commands.edit_preferences,
            None,
            "自动保存间隔、备份份数、默认文件夹",
        ),
        quit=action(window, "退出(&X)", commands.close, QKeySequence("Ctrl+Q")),
        undo=undo,
        redo=redo,
        copy=action(window, "复制(&C)", commands.copy_selection, _Keys.Copy),
        paste=action(
            window,
            "粘贴(&V)",
            commands.paste_selection,
            _Keys.Paste,
            "可粘贴从 Excel/WPS 复制的整块数字",
        ),
        check=action(
            window, "立即检查(&K)", commands.check_now, QKeySequence("F5"), "重新检查全部勾稽关系"
        ),
        recent_menu=QMenu("最近打开(&R)", window),
    )


SEPARATOR = None
Item = QAction | QMenu | None
"""A menu entry: a command, a submenu, or a separator (``None``)."""


@dataclass
class MenuLayout:
    """Every menu of the window and the toolbar, entry by entry, in order: the one place that
    says where a command is offered."""

    menus: list[tuple[str, str, list[Item]]]
    """(key, title, entries) of each menu of the menu bar."""
    toolbar: list[Item]


def lay_out(
    base: Actions,
    *,
    year: YearActions,
    export: ExportActions,
    import_action: QAction,
    help_actions: list[QAction],
    panel_toggle: QAction,
) -> MenuLayout:
    """Where each command of the window goes (the parts' Ctrl+1… follow 视图 at its end)."""
    file_menu: list[Item] = [
        *(base.new, year.new_from, base.open, import_action, base.recent_menu, SEPARATOR),
        *(base.save, base.save_as, SEPARATOR),
        *(export.export_pdf, export.export_html, export.export_docx, SEPARATOR),
        *(export.preview, export.print, SEPARATOR),
        *(year.link, year.unlink, SEPARATOR),
        *(base.restore_backup, base.recover, SEPARATOR),
        *(base.preferences, SEPARATOR, base.quit),
    ]
    return MenuLayout(
        menus=[
            ("file", "文件(&F)", file_menu),
            ("edit", "编辑(&E)", [base.undo, base.redo, SEPARATOR, base.copy, base.paste]),
            (
                "view",
                "视图(&V)",
                [panel_toggle, base.check, SEPARATOR, year.show_values, year.show_text],
            ),
            ("help", "帮助(&H)", list(help_actions)),
        ],
        toolbar=[
            *(base.new, base.open, base.save, base.undo, base.redo, SEPARATOR),
            *(export.preview, export.print, export.export_menu),
        ],
    )


def build_menus(window: QMainWindow, layout: MenuLayout) -> dict[str, QMenu]:
    """The menu bar and the toolbar as ``layout`` says; the menus by key."""
    menus: dict[str, QMenu] = {}
    for key, title, entries in layout.menus:
        menus[key] = menu = window.menuBar().addMenu(title)
        _fill(menu, entries)
    toolbar = window.addToolBar("常用")
    toolbar.setObjectName("toolbar")
    _fill(toolbar, layout.toolbar)
    return menus


def _fill(container: QMenu | QToolBar, entries: list[Item]) -> None:
    for entry in entries:
        if entry is None:
            container.addSeparator()
        elif isinstance(entry, QMenu):
            assert isinstance(container, QMenu)
            container.addMenu(entry)
        else:
            container.addAction(entry)


def menu_of(item: QAction) -> QMenu:
    """The menu an action of the window was put in."""
    return next(o for o in item.associatedObjects() if isinstance(o, QMenu))
