"""一、总体情况: an introduction and the five customary parts, with a live character count."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ...domain.declaration import Section
from ...domain.findings import text_place
from ...domain.model import character_count, overview_text
from ...session.report_session import ReportSession
from ..badge import FindingBadge
from ..fields import TextField
from .base import Page, hint
from .items import ItemList


class OverviewPage(Page):
    def __init__(self, session: ReportSession, section: Section) -> None:
        super().__init__(session, section.id, section.heading)
        fmt = session.report.format
        self.limit = fmt.overview_limit
        self.count = QLabel()
        self.count.setAccessibleName("总体情况字数")
        self.body_layout.addWidget(self.count)
        self.body_layout.addWidget(
            hint(
                "写明主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面的情况，"
                f"原则上不超过{self.limit}字。没有内容的部分不会打印。"
            )
        )
        self.body_layout.addWidget(FindingBadge(session, (text_place(section.id),)))
        self.body_layout.addWidget(QLabel("引言："))
        self.intro = TextField(session, "overview_intro", lines=(3, 12))
        self.intro.setAccessibleName("总体情况引言")
        self.body_layout.addWidget(self.intro)
        topics = {part.id: part.topic for part in fmt.overview_parts}
        self.items = ItemList(session, "overview_parts", topics, movable=False)
        self.body_layout.addWidget(self.items)
        self.body_layout.addStretch(1)
        session.field_changed.connect(self._field_changed)
        session.items_changed.connect(self._field_changed)
        self.update_count()

    def update_count(self) -> None:
        count = character_count(overview_text(self.session.report))
        text = f"{count} / {self.limit} 字"
        if count > self.limit:
            text += f"（超出 {count - self.limit} 字）"
            self.count.setStyleSheet("color: #b06000; font-weight: bold;")
        else:
            self.count.setStyleSheet("")
        self.count.setText(text)

    def _field_changed(self, key: str) -> None:
        if key.startswith("overview"):
            self.update_count()

    def focus_place(self, place: str) -> bool:
        if place == text_place(self.page_id):
            self.reveal(self.intro)
            return True
        return False
