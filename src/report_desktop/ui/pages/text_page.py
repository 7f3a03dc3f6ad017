"""五、存在的主要问题及改进情况: one text, specific to this year."""

from __future__ import annotations

from ...domain.declaration import Section
from ...domain.findings import text_place
from ...session.report_session import ReportSession
from ..badge import FindingBadge
from ..fields import TextField
from .base import Page, hint


class ProblemsPage(Page):
    def __init__(self, session: ReportSession, section: Section) -> None:
        super().__init__(session, section.id, section.heading, scrolling=False)
        self.body_layout.addWidget(
            hint("具体写明本年度存在的主要问题和改进措施，不得与往年雷同，也不宜只写“无”。")
        )
        self.text = TextField(session, "problems")
        self.text.setAccessibleName(section.heading)
        badge = FindingBadge(session, (text_place(section.id),), (self.text,))
        self.body_layout.addWidget(badge)
        self.body_layout.addWidget(self.text, 1)

    def focus_place(self, place: str) -> bool:
        if place == text_place(self.page_id):
            self.reveal(self.text)
            return True
        return False
