"""六、其他需要报告的事项: a configurable list of items; the first is 信息处理费."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from ...domain.declaration import Section
from ...domain.findings import text_place
from ...domain.model import CUSTOM_ITEM, TextItem
from ...session.report_session import ReportSession
from ..badge import FindingBadge
from .base import Page, hint
from .items import ItemList, button_row

NEW_ITEM_TITLE = "新增事项"


class OtherPage(Page):
    def __init__(self, session: ReportSession, section: Section) -> None:
        super().__init__(session, section.id, section.heading)
        fmt = session.report.format
        self.body_layout.addWidget(
            hint(
                "须报告本年度收取信息处理费的情况（未收取也应写明）。"
                "可增删、调整事项；没有内容的事项不会打印。"
            )
        )
        self.body_layout.addWidget(FindingBadge(session, (text_place(section.id),)))
        topics = {part.id: part.topic for part in fmt.other_items}
        self.items = ItemList(session, "other_items", topics, movable=True)
        self.body_layout.addWidget(self.items)
        add = QPushButton("添加事项")
        add.setToolTip("在最后添加一项（可撤销）")
        add.setEnabled(not session.read_only)
        add.clicked.connect(self.add_item)
        self.body_layout.addLayout(button_row(add))
        self.body_layout.addStretch(1)

    def add_item(self) -> None:
        self.items.add_item(TextItem(CUSTOM_ITEM, NEW_ITEM_TITLE))
        if self.items.editors:
            editor = self.items.editors[-1]
            self.reveal(editor.title)
            editor.title.selectAll()

    def focus_place(self, place: str) -> bool:
        if place == text_place(self.page_id) and self.items.editors:
            self.reveal(self.items.editors[0].text)
            return True
        return False
