"""How findings are marked on a cell: a border and a corner sign, never colour alone."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from ..domain.findings import Severity

COLORS = {
    Severity.ERROR: QColor("#c5221f"),
    Severity.WARNING: QColor("#b06000"),
    Severity.INFO: QColor("#1a73e8"),
}
SIGNS = {Severity.ERROR: "✖", Severity.WARNING: "⚠", Severity.INFO: "ℹ"}
"""Shown beside the severity's name in lists, so a colour-blind clerk tells them apart."""

_CORNER = 9


def paint_mark(painter: QPainter, rect: QRect, severity: Severity) -> None:
    """Errors: solid border and filled corner; warnings: dashed border and filled corner;
    information: a hollow corner only."""
    color = COLORS[severity]
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if severity is not Severity.INFO:
        pen = QPen(color, 2)
        if severity is Severity.WARNING:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(1, 1, -1, -1))
    corner = QPolygonF(
        [
            QPointF(rect.right() - _CORNER, rect.top() + 1),
            QPointF(rect.right(), rect.top() + 1),
            QPointF(rect.right(), rect.top() + 1 + _CORNER),
        ]
    )
    painter.setPen(QPen(color, 1))
    if severity is Severity.INFO:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setBrush(color)
    painter.drawPolygon(corner)
    painter.restore()


def severity_icon(severity: Severity | None, size: int = 16) -> QIcon:
    """The severity's sign drawn in its colour (an empty icon keeps list texts aligned)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if severity is not None:
        painter = QPainter(pixmap)
        font = QFont()
        font.setPixelSize(size - 2)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(COLORS[severity])
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, SIGNS[severity])
        painter.end()
    return QIcon(pixmap)
