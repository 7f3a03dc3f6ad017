"""The window's actions and menus (文件, 编辑, 视图, 帮助)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu

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


def build_actions(window: QMainWindow, undo_group: QUndoGroup, slots: dict[str, Slot]) -> Actions:
    """The actions, with their slots taken from ``slots`` by name."""
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
        new=action(window, "新建(&N)", slots["new"], _Keys.New, "新建一份空白报告"),
        open=action(window, "打开(&O)…", slots["open"], _Keys.Open, "打开报告草稿"),
        save=action(
            window, "保存(&S)", slots["save"], _Keys.Save, "保存草稿（检查结果不影响保存）"
        ),
        save_as=action(window, "另存为(&A)…", slots["save_as"], _Keys.SaveAs, "以新文件名保存草稿"),
        restore_backup=action(
            window, "从备份恢复(&B)…", slots["restore_backup"], None, "打开此草稿以前保存的版本"
        ),
        recover=action(
            window, "恢复自动保存的工作(&R)…", slots["recover"], None, "找回上次未保存的修改"
        ),
        preferences=action(
            window, "首选项(&P)…", slots["preferences"], None, "自动保存间隔、备份份数、默认文件夹"
        ),
        quit=action(window, "退出(&X)", slots["quit"], QKeySequence("Ctrl+Q")),
        undo=undo,
        redo=redo,
        copy=action(window, "复制(&C)", slots["copy"], _Keys.Copy),
        paste=action(
            window, "粘贴(&V)", slots["paste"], _Keys.Paste, "可粘贴从 Excel/WPS 复制的整块数字"
        ),
        check=action(
            window, "立即检查(&K)", slots["check"], QKeySequence("F5"), "重新检查全部勾稽关系"
        ),
        recent_menu=QMenu("最近打开(&R)", window),
    )


def build_menus(window: QMainWindow, actions: Actions, panel_toggle: QAction) -> dict[str, QMenu]:
    """The menus by name (文件 ``file``, 编辑 ``edit``, 视图 ``view``)."""
    bar = window.menuBar()
    file_menu = bar.addMenu("文件(&F)")
    file_menu.addActions([actions.new, actions.open])
    file_menu.addMenu(actions.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([actions.save, actions.save_as])
    file_menu.addSeparator()
    file_menu.addActions([actions.restore_backup, actions.recover])
    file_menu.addSeparator()
    file_menu.addAction(actions.preferences)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu("编辑(&E)")
    edit_menu.addActions([actions.undo, actions.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([actions.copy, actions.paste])
    view_menu = bar.addMenu("视图(&V)")
    panel_toggle.setText("检查结果面板")
    view_menu.addActions([panel_toggle, actions.check])
    toolbar = window.addToolBar("常用")
    toolbar.setObjectName("toolbar")
    toolbar.addActions([actions.new, actions.open, actions.save, actions.undo, actions.redo])
    return {"file": file_menu, "edit": edit_menu, "view": view_menu}
