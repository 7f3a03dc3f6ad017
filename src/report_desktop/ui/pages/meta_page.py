"""基本信息与前言: the agency, year, where the report is published, contact, and the preface."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QPushButton, QWidget

from ...domain.findings import META_AGENCY, META_YEAR
from ...domain.model import default_preface
from ...session.report_session import ReportSession
from ..badge import FindingBadge
from ..fields import DateField, LineField, TextField, YearField
from ..places import META_LABELS, META_PAGE
from .base import Page, hint

_TEXT_META = ("website_name", "website", "address", "phone")
_PLACEHOLDERS = {
    "agency": "如：威海市环翠区统计局",
    "website_name": "如：威海市环翠区人民政府网站",
    "website": "如：http://www.huancui.gov.cn",
    "address": "联系地址",
    "phone": "联系电话",
}


class MetaPage(Page):
    def __init__(self, session: ReportSession) -> None:
        super().__init__(session, META_PAGE, "基本信息与前言")
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        agency = self._line("agency")
        form.addRow(f"{META_LABELS['agency']}：", agency)
        form.addRow("", FindingBadge(session, (META_AGENCY,), (agency,)))
        year = YearField(session)
        self.fields["year"] = year
        form.addRow(f"{META_LABELS['year']}：", _left(year))
        form.addRow("", FindingBadge(session, (META_YEAR,), (year,)))
        for name in _TEXT_META:
            form.addRow(f"{META_LABELS[name]}：", self._line(name))
        date = DateField(session)
        self.fields["publication_date"] = date
        form.addRow(f"{META_LABELS['publication_date']}：", _left(date))
        self.body_layout.addLayout(form)
        self._add_preface(form)

    def _line(self, name: str) -> LineField:
        field = LineField(self.session, f"meta.{name}")
        field.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
        field.setAccessibleName(META_LABELS[name])
        self.fields[name] = field
        return field

    def _add_preface(self, form: QFormLayout) -> None:
        self.preface = TextField(self.session, "preface", lines=(6, 16))
        self.preface.setAccessibleName("前言")
        form.addRow("前言：", self.preface)
        restore = QPushButton("恢复默认前言")
        restore.setToolTip("按机关名称、年度、网站和联系方式重新生成前言（可撤销）")
        restore.clicked.connect(self.restore_preface)
        restore.setEnabled(not self.session.read_only)
        row = QHBoxLayout()
        row.addWidget(restore)
        row.addWidget(hint("前言写明编制依据、统计期限、查阅网址和联系方式。"), 1)
        form.addRow("", row)

    def restore_preface(self) -> None:
        text = default_preface(self.session.report.meta)
        self.session.set_field("preface", text, mergeable=False, text="恢复默认前言")

    def focus_place(self, place: str) -> bool:
        name = place.partition(".")[2]
        if place in ("preface", "meta.preface"):
            self.reveal(self.preface)
            return True
        if place.startswith("meta.") and name in self.fields:
            self.reveal(self.fields[name])
            return True
        return False


def _left(widget: QWidget) -> QWidget:
    """A narrow input kept at its natural width."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget)
    row.addStretch(1)
    return holder
