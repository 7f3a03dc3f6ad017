"""Writing a report in an export format (the command line's ``export``). No Qt.

The window renders in its renderer process (:mod:`report_desktop.session.export_worker`) but
offers the same formats (:data:`.naming.EXPORT_FORMATS`) under the same names.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.findings import Severity
from ..domain.model import Report
from ..domain.rules import check
from .naming import DocumentFormat


def error_messages(report: Report) -> tuple[str, ...]:
    """The errors the checks find; while there are any, documents carry the 「草稿」 mark."""
    return tuple(f.message for f in check(report) if f.severity is Severity.ERROR)


def export_report(report: Report, path: Path, document_format: DocumentFormat, mark: bool) -> None:
    """Write ``report`` to ``path`` in ``document_format``, atomically; ``mark``: whether a
    document carries the 「草稿」 mark. Raises OSError, or the renderer's refusal."""
    if not document_format.document:
        from ..interchange import export_cells_csv

        export_cells_csv(report, path)
        return
    from ..render import export_document

    export_document(report, path, mark)
