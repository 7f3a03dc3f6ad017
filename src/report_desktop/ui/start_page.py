"""The first view of a window started without a draft: 新建 / 从上年报告新建 / 打开 / 导入 /
打开示例 and the recent drafts. Choosing a part of the report (or any of these) shows the editor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

CHOICES = (
    ("new", "新建", "新建一份空白报告"),
    ("new_from", "从上年报告新建", "带入上年结转的数字，并可对照上年报告填写"),
    ("open", "打开…", "打开已保存的报告草稿（.json，或本程序导出的 PDF）"),
    ("import", "导入…", "从已发布的报告（网页、Word 文件）或 CSV/XLSX 表格新建草稿"),
    ("example", "打开示例", "打开一份真实的年度报告（威海市环翠区统计局2024年度），试用本程序"),
)
PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QWidget):
    chosen = Signal(str)
    """One of the :data:`CHOICES` ids."""
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        title = QLabel("开始")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        self.buttons: dict[str, QPushButton] = {}
        outer.addLayout(self._choices())
        outer.addSpacing(16)
        outer.addWidget(QLabel("最近的草稿（双击或按 Enter 打开）："))
        self.recent = QListWidget()
        self.recent.setAccessibleName("最近的草稿")
        self.recent.itemActivated.connect(self._recent_activated)
        outer.addWidget(self.recent, 1)
        hint = QLabel("可在“文件 → 首选项”中设置启动时直接打开上次的草稿。按 F1 查看使用说明。")
        hint.setStyleSheet("color: #5f6368;")
        hint.setWordWrap(True)
        outer.addWidget(hint)

    def _choices(self) -> QGridLayout:
        grid = QGridLayout()
        for number, (choice, text, tip) in enumerate(CHOICES):
            button = QPushButton(text)
            button.setMinimumHeight(40)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, c=choice: self.chosen.emit(c))
            note = QLabel(tip)
            note.setWordWrap(True)
            grid.addWidget(button, number, 0)
            grid.addWidget(note, number, 1)
            self.buttons[choice] = button
        grid.setColumnStretch(1, 1)
        return grid

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}    （{path.parent}）", self.recent)
            item.setToolTip(str(path))
            item.setData(PATH_ROLE, str(path))
        if not paths:
            empty = QListWidgetItem("（还没有打开过草稿）", self.recent)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.recent.setCurrentRow(0)

    def focus_first(self) -> None:
        target = self.recent if self.recent.currentItem() is not None else self.buttons["new"]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.recent_chosen.emit(Path(path))


class Front(QStackedWidget):
    """The window's middle: the start page, or the editor."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.start = StartPage()
        self.editor = editor
        self._start_area = QScrollArea()  # the window's minimum size stays the editor's
        self._start_area.setWidgetResizable(True)
        self._start_area.setFrameShape(QFrame.Shape.NoFrame)
        self._start_area.setWidget(self.start)
        self.addWidget(self.editor)
        self.addWidget(self._start_area)
        self.setCurrentWidget(self.editor)

    def show_start(self, recent: list[Path]) -> None:
        self.start.set_recent(recent)
        self.setCurrentWidget(self._start_area)
        self.start.focus_first()

    def show_editor(self) -> None:
        self.setCurrentWidget(self.editor)

    def showing_start(self) -> bool:
        return self.currentWidget() is self._start_area
