"""Last year's text beside the editor of 一、五、六: read-only, for reference.

Nothing is ever copied into the report from here: the clerk may copy to the clipboard and must
then write this year's text (copying last year's text is how 年年雷同 happens).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Report, section_text
from ..session.report_session import ReportSession
from .places import reference_pages

EMPTY_PART = "（上年报告的这一部分为空）"


def reference_text(last: Report, page_id: str) -> str:
    """Last year's text of a page's section, as it was printed."""
    if page_id not in reference_pages(last):
        return ""
    return section_text(last, last.format.section(page_id).kind).strip()


class ReferencePanel(QFrame):
    """Shown while last year's report is at hand and the clerk has not put it away."""

    hide_requested = Signal()
    message = Signal(str)

    def __init__(self, session: ReportSession, page_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.page_id = page_id
        self.wanted = True
        self.setObjectName("reference-panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        self.title = QLabel()
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.note = QLabel("只读，仅供对照：请按本年实际情况撰写，不要照搬。")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.note)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("上年报告参考文字")
        self.text.setStyleSheet("QPlainTextEdit { background: #f6f7f9; color: #3c4043; }")
        layout.addWidget(self.text, 1)
        layout.addLayout(self._buttons())
        session.last_year_changed.connect(self.refresh)
        self.refresh()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        copy = QPushButton("复制到剪贴板")
        copy.setToolTip("把上年的这段文字复制到剪贴板（不会填入本年报告）")
        copy.clicked.connect(self.copy_text)
        hide = QPushButton("收起")
        hide.setToolTip("收起参考栏（可在“视图”菜单中重新打开）")
        hide.clicked.connect(self.hide_requested)
        row.addWidget(copy)
        row.addStretch(1)
        row.addWidget(hide)
        return row

    def refresh(self) -> None:
        last_year = self.session.last_year
        last = last_year.report
        if last is not None:
            heading = last.format.section(self.page_id).heading
            year = f"{last.meta.year}年度" if last.meta.year else "上年"
            self.title.setText(f"{year}报告：{heading}")
            self.title.setToolTip(str(last_year.path or ""))
            self.text.setPlainText(reference_text(last, self.page_id) or EMPTY_PART)
        else:
            self.text.setPlainText("")
        self.setVisible(self.wanted and last is not None)

    def set_wanted(self, wanted: bool) -> None:
        self.wanted = wanted
        self.refresh()

    def copy_text(self) -> None:
        last = self.session.last_year.report
        text = reference_text(last, self.page_id) if last is not None else ""
        if not text:
            self.message.emit("上年报告的这一部分为空，没有可复制的文字")
            return
        QGuiApplication.clipboard().setText(text)
        self.message.emit("已把上年的文字复制到剪贴板：请按本年情况改写，不得与上年雷同")
