"""Editors for a list of numbered text items (一's five parts, 六's items)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.model import TextItem
from ...session.fields import item_field
from ...session.report_session import ReportSession
from ..fields import LineField, TextField


class ItemEditor(QFrame):
    """One item: its number, editable title and text; with list buttons when ``movable``."""

    move_requested = Signal(int, int)
    """(index, +1 or -1)"""
    remove_requested = Signal(int)

    def __init__(
        self,
        session: ReportSession,
        list_name: str,
        index: int,
        *,
        topic: str,
        movable: bool,
        last: bool,
    ) -> None:
        super().__init__()
        self.index = index
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QGridLayout(self)
        layout.addWidget(QLabel(f"{index + 1}."), 0, 0)
        self.title = LineField(session, item_field(list_name, index, "title"))
        self.title.setAccessibleName(f"第{index + 1}项标题")
        self.title.setToolTip(f"标题（{topic}）" if topic else "标题")
        layout.addWidget(self.title, 0, 1)
        self.text = TextField(session, item_field(list_name, index, "text"), lines=(3, 14))
        self.text.setAccessibleName(f"第{index + 1}项内容")
        self.text.setPlaceholderText(f"填写{topic or '本项'}的具体情况")
        layout.addWidget(self.text, 1, 1)
        layout.setColumnStretch(1, 1)
        if movable:
            layout.addLayout(self._buttons(index, last, session.read_only), 0, 2, 2, 1)

    def _buttons(self, index: int, last: bool, read_only: bool) -> QVBoxLayout:
        column = QVBoxLayout()
        for text, tip, enabled, slot in (
            (
                "上移",
                "把本项移到上一项之前",
                index > 0,
                lambda: self.move_requested.emit(index, -1),
            ),
            ("下移", "把本项移到下一项之后", not last, lambda: self.move_requested.emit(index, 1)),
            ("删除", "删除本项（可撤销）", True, lambda: self.remove_requested.emit(index)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setEnabled(enabled and not read_only)
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addStretch(1)
        return column


class ItemList(QWidget):
    """The editors of one list, rebuilt whenever the list changes shape (add, remove, move)."""

    def __init__(
        self,
        session: ReportSession,
        list_name: str,
        topics: dict[str, str],
        movable: bool,
    ) -> None:
        super().__init__()
        self.session = session
        self.list_name = list_name
        self.topics = topics
        self.movable = movable
        self.editors: list[ItemEditor] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        session.items_changed.connect(self._items_changed)
        self.rebuild()

    def items(self) -> list[TextItem]:
        items: list[TextItem] = getattr(self.session.report, self.list_name)
        return items

    def rebuild(self) -> None:
        for editor in self.editors:
            self._layout.removeWidget(editor)
            editor.deleteLater()
        items = self.items()
        self.editors = []
        for index, item in enumerate(items):
            topic = self.topics.get(item.key, "")
            last = index == len(items) - 1
            editor = ItemEditor(
                self.session, self.list_name, index, topic=topic, movable=self.movable, last=last
            )
            editor.move_requested.connect(self.move_item)
            editor.remove_requested.connect(self.remove_item)
            self._layout.addWidget(editor)
            self.editors.append(editor)

    def add_item(self, item: TextItem) -> None:
        self.session.set_items(self.list_name, [*self.items(), item], "添加事项")

    def move_item(self, index: int, delta: int) -> None:
        items = list(self.items())
        target = index + delta
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        self.session.set_items(self.list_name, items, "移动事项")
        self.editors[target].title.setFocus()

    def remove_item(self, index: int) -> None:
        items = list(self.items())
        del items[index]
        self.session.set_items(self.list_name, items, "删除事项")

    def _items_changed(self, list_name: str) -> None:
        if list_name == self.list_name:
            self.rebuild()


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row
