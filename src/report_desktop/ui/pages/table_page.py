"""表二, 表三, 表四: the table's grid, drawn like the official one."""

from __future__ import annotations

from ...domain.declaration import Section
from ...session.report_session import ReportSession
from ..grid_model import GridModel
from ..grid_view import GridView
from .base import Page, hint

ENTRY_HINT = (
    "直接输入数字即可替换；Enter 下移、Tab 右移（按住 Shift 反向），F2 修改，Esc 取消，"
    "Delete 清空。可从 Excel/WPS 复制整块粘贴。底色斜体的“合计”自动计算，不能填写。"
)


class TablePage(Page):
    def __init__(self, session: ReportSession, section: Section) -> None:
        table = session.report.format.table(section.table)
        super().__init__(session, section.id, f"{section.heading}（{table.name}）", False)
        self.table = table
        self.model = GridModel(session, table, self)
        self.view = GridView(self.model)
        self.view.setAccessibleName(table.name)
        self.view.message.connect(self.message)
        self.body_layout.addWidget(hint(ENTRY_HINT))
        width, height = self.view.total_size()
        across = self.view.verticalScrollBar().sizeHint().width()
        down = self.view.horizontalScrollBar().sizeHint().height()
        self.view.setMaximumSize(width + across, height + down)
        if table.layout == "strip":  # one row of figures: never hidden by the scroll bar
            self.view.setMinimumHeight(height + down)
        self.body_layout.addWidget(self.view, 1)
        self.body_layout.addStretch(0)

    def grid_view(self) -> GridView:
        return self.view

    def focus_entry(self) -> None:
        self.view.focus_current()

    def focus_place(self, place: str) -> bool:
        if not self.model.layout.has_cell(place):
            return False
        self.view.select_spec(place)
        return True
