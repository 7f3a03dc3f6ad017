"""A line under a form field listing the findings about it, with a sign per severity."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ..domain.findings import Finding, Severity
from ..session.report_session import ReportSession
from .marks import COLORS, SIGNS

_FRAME = {
    Severity.ERROR: "2px solid {color}",
    Severity.WARNING: "2px dashed {color}",
}


class FindingBadge(QLabel):
    """Shows the findings at some places; marks the watched fields with a border (errors solid,
    warnings dashed) — the sign and the words carry the meaning, not the colour alone."""

    def __init__(
        self,
        session: ReportSession,
        places: tuple[str, ...],
        fields: tuple[QWidget, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.places = places
        self.fields = fields
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        session.findings_changed.connect(self.refresh)
        self.refresh()

    def findings(self) -> list[Finding]:
        seen: list[Finding] = []
        for place in self.places:
            for finding in self.session.findings_at(place):
                if finding not in seen:
                    seen.append(finding)
        return seen

    def refresh(self) -> None:
        findings = self.findings()
        lines = [f"{SIGNS[f.severity]} {f.severity.label}：{f.message}" for f in findings]
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
        worst = min((f.severity for f in findings), key=lambda s: s.rank, default=None)
        color = COLORS[worst].name() if worst is not None else ""
        self.setStyleSheet(f"color: {color};" if color else "")
        frame = _FRAME.get(worst) if worst is not None else None
        for field in self.fields:
            style = f"border: {frame.format(color=color)};" if frame else ""
            if field.styleSheet() != style:
                field.setStyleSheet(style)
