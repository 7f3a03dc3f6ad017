"""The export formats and the names offered for new files. No Qt."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from ..domain.format2021 import FORMAT_2021
from ..domain.model import Report

REPORT_NAME = FORMAT_2021.title
DRAFT_SUFFIX = ".json"
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclasses.dataclass(frozen=True)
class DocumentFormat:
    suffix: str
    name: str
    file_filter: str
    suffixes: tuple[str, ...]
    """What a chosen file name may end with (otherwise ``suffix`` is appended)."""
    document: bool = True
    """A laid-out document (PDF, web page, Word), marked 「草稿」 while the report has errors."""

    def says(self, before: str, after: str = "") -> str:
        """``before`` + the name + ``after``, with a space between Chinese and Latin letters."""
        left = " " if self.name[0].isascii() else ""
        right = " " if after and self.name[-1].isascii() and _is_han(after[0]) else ""
        return f"{before}{left}{self.name}{right}{after}"


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


PDF = DocumentFormat(".pdf", "PDF", "PDF 文档 (*.pdf)", (".pdf",))
HTML = DocumentFormat(".html", "网页（HTML）", "网页 (*.html *.htm)", (".html", ".htm"))
DOCX = DocumentFormat(".docx", "Word 文档", "Word 文档 (*.docx)", (".docx",))
CSV = DocumentFormat(".csv", "CSV 单元格表", "单元格表 (*.csv)", (".csv",), document=False)
EXPORT_FORMATS = (PDF, HTML, DOCX, CSV)
"""Every format a report is exported to, in the order the clerk is offered them."""


def export_format(path: Path) -> DocumentFormat | None:
    """The export format a file name asks for (by its suffix), or None."""
    suffix = path.suffix.lower()
    return next((f for f in EXPORT_FORMATS if suffix in f.suffixes), None)


def known_export_suffixes() -> str:
    return " / ".join(f.suffix for f in EXPORT_FORMATS)


def clean_file_name(text: str) -> str:
    """``text`` without what no file name may hold (path separators, ``:*?"<>|``, controls)."""
    return _UNSAFE_IN_NAMES.sub("", text).strip()


def document_name(report: Report, suffix: str = "") -> str:
    """「<机关><年度>年政府信息公开工作年度报告」 + ``suffix``, safe as a file name."""
    agency = clean_file_name(report.meta.agency)
    year = f"{report.meta.year}年" if report.meta.year else ""
    return f"{agency}{year}{REPORT_NAME}{suffix}"


def draft_name(report: Report) -> str:
    """The name offered when a new draft is first saved."""
    return document_name(report, DRAFT_SUFFIX)


def draft_name_for(origin: Path) -> str:
    """The name offered for the draft read from an exported PDF ``origin``."""
    return origin.stem + DRAFT_SUFFIX


def with_format_suffix(path: Path, document_format: DocumentFormat) -> Path:
    """``path``, with the format's suffix appended unless it already ends with one of its own."""
    if path.suffix.lower() in document_format.suffixes:
        return path
    return path.with_name(path.name + document_format.suffix)
