"""The import workflow: any file a clerk has of a report becomes a draft, with a summary.

:func:`import_file` is what the command line (``report-desktop import``) and the window
(文件 → 导入…, 从上年报告新建) both call. The kind of file is chosen by its content, then its
suffix: a saved web page, a Word file (.docx), a long-form cell table (CSV/XLSX), or a PDF this
program exported (which carries its draft). Any other PDF is refused with a message saying to use
the web page or the Word file instead.

The result is a :class:`ReportImport`: the draft and what the clerk should know before using it
— cells filled, cells left blank (never read as 0), labels matched by a variant spelling, stated
totals that disagree with the computed ones, and what could not be placed, with where.
"""

from __future__ import annotations

import dataclasses
import re
import stat
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from report_desktop.domain.declaration import ReportFormat
from report_desktop.domain.findings import Severity
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, Report, new_report, preface_for
from report_desktop.domain.superseded import TRIAL_FORMAT_2019
from report_desktop.storage.safeio import not_regular_reason, open_regular, os_reason, read_limited

from .document_tables import TableReading, Unplaced, Variant, read_tables
from .labels import build_labels
from .markup import SourceDocument
from .narrative import OTHER_TOPICS, OVERVIEW_TOPICS, Narrative, assign_parts, read_narrative
from .problems import CellImport, ImportProblem
from .resolve import cell_name
from .sheet import CellImportError

PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
ARCHIVE_SUFFIXES = (".mht", ".mhtml")
"""「网页，单个文件」: the page and its images in one MIME message."""
WORD_SUFFIXES = (".docx",)
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
IMPORT_SUFFIXES = (*PAGE_SUFFIXES, *ARCHIVE_SUFFIXES, *WORD_SUFFIXES, *SHEET_SUFFIXES, ".pdf")
MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_WORD_BYTES = 50 * 1024 * 1024
FIRST_TRIAL_YEAR, LAST_TRIAL_YEAR = 2019, 2020
_SNIFF = 4096
_LINE_REFERENCE = re.compile(r"在第(\d+)行")
_HTML_MARKERS = (b"<html", b"<!doctype html", b"<table", b"<body", b"<meta", b"<p", b"<div")
PDF_NOT_OURS = (
    "这个PDF不是本程序导出的（不带报告草稿数据），无法从PDF中可靠地读出表格。"
    "请在浏览器中打开该报告的网页，用“另存为”保存为网页（.html，“网页，仅HTML”即可）后导入；"
    "或导入该报告的Word文件（.docx）。"
)


SHEET_SOURCE = "表格文件"
PDF_HINT = "如要导入已发布的报告，请使用该报告的网页（另存为.html）或Word文件（.docx）。"


class ImportRefused(CellImportError):
    """The file cannot be imported at all; ``message`` (Chinese) says why and what to do."""


@dataclass(frozen=True)
class ReportImport:
    """A draft made from a file, and what the clerk should know about it."""

    report: Report
    source: str
    """What the file was: 网页, Word文件, 表格文件, 本程序导出的PDF."""
    filled: int = 0
    blanks: tuple[str, ...] = ()
    """Ids of the cells the file left blank (not filled, not 0)."""
    missing_tables: tuple[str, ...] = ()
    """Names of the tables not found (表二 …)."""
    variants: tuple[Variant, ...] = ()
    totals: tuple[str, ...] = ()
    """Stated totals that differ from the sums of their parts (Chinese, with where)."""
    unplaced: tuple[Unplaced, ...] = ()
    notes: tuple[str, ...] = ()
    """Other things worth knowing (refused values, sections not found)."""
    errors: tuple[str, ...] = ()
    """Reasons the draft must not be used (a spreadsheet with errors, the 2019 format)."""
    sections: tuple[str, ...] = field(default=())
    """Headings of the sections whose text was found."""

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary_lines(self) -> list[str]:
        """The short summary shown before the draft opens (Chinese)."""
        return summary_lines(self)

    def detail_lines(self) -> list[str]:
        """Every item behind the summary, one per line, with where it was found."""
        return detail_lines(self)


def import_file(
    path: Path | str, agency: str = "", year: int | None = None, fmt: ReportFormat = FORMAT_2021
) -> ReportImport:
    """Import a report file. Raises :class:`ImportRefused` (Chinese) when it cannot be read.

    ``agency`` and ``year``, when given, replace what the file states (the clerk's word wins).
    """
    try:
        result = _import(Path(path), fmt)
    except ImportRefused:
        raise
    except CellImportError as error:  # the spreadsheet and Word readers' own refusals
        raise ImportRefused(error.message) from error
    report = result.report
    meta = dataclasses.replace(report.meta)
    if agency.strip():
        meta.agency = agency.strip()
    if year is not None:
        meta.year = year
    report.preface = preface_for(report, meta)
    report.meta = meta
    return result


def _import(path: Path, fmt: ReportFormat) -> ReportImport:
    kind = sniff(path)
    if kind == "pdf":
        return _from_pdf(path)
    if kind == "sheet":
        return _from_sheet(path, Meta(), fmt)
    if kind == "word":
        from .docx_reader import read_docx

        _check_size(path, MAX_WORD_BYTES)
        return import_document(read_docx(path), fmt)
    from .html_reader import decode_page, read_html_text

    data = _read_bytes(path, MAX_PAGE_BYTES)
    text = _page_of_archive(data) if kind == "archive" else decode_page(data)
    return import_document(read_html_text(text), fmt)


def _page_of_archive(data: bytes) -> str:
    """The web page of a 「网页，单个文件」 (.mht): its first text/html part, decoded."""
    import email
    from email import policy

    from .html_reader import decode_page

    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        charset = part.get_content_charset()
        if charset:
            try:
                return payload.decode("gb18030" if "gb" in charset.lower() else charset)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode_page(payload)
    raise ImportRefused("这个单个文件网页（.mht）中没有网页正文，无法导入。")


def sniff(path: Path) -> str:
    """pdf, word, sheet, archive (.mht) or page: by the file's first bytes, then its suffix."""
    head = _head(path)
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            "这是旧版Word（.doc）或Excel（.xls）文件，无法直接导入：请在Word或WPS中另存为.docx"
            "（表格文件另存为.xlsx）后再导入。"
        )
    if head.startswith(b"PK\x03\x04"):
        return "sheet" if suffix in SHEET_SUFFIXES or _is_workbook(path) else "word"
    lowered = head[:_SNIFF].lower()
    if suffix in ARCHIVE_SUFFIXES or (
        lowered.startswith((b"mime-version", b"from:")) and b"multipart/related" in lowered
    ):
        return "archive"
    if suffix in PAGE_SUFFIXES or any(marker in lowered for marker in _HTML_MARKERS):
        return "page"
    if suffix in SHEET_SUFFIXES:
        return "sheet"
    raise ImportRefused(
        f"不支持导入“{path.suffix or path.name}”文件：可以导入保存的网页（.html/.htm）、"
        "Word文件（.docx）、单元格表格（.csv/.xlsx）或本程序导出的PDF。"
    )


def _is_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()[:5000]
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _head(path: Path) -> bytes:
    _check_size(path, max(MAX_WORD_BYTES, MAX_PAGE_BYTES))
    try:
        with open_regular(path) as stream:
            return stream.read(_SNIFF)
    except OSError as error:
        raise ImportRefused(f"无法读取文件“{path}”：{os_reason(error)}。") from error


def _check_size(path: Path, limit: int) -> None:
    try:
        status = path.stat()
    except FileNotFoundError as error:
        raise ImportRefused(f"找不到文件“{path}”。") from error
    except OSError as error:
        raise ImportRefused(f"无法读取文件“{path}”：{os_reason(error)}。") from error
    if not stat.S_ISREG(status.st_mode):
        reason = not_regular_reason(status.st_mode)
        raise ImportRefused(f"无法导入“{path}”：{reason}。")
    if status.st_size > limit:
        megabytes = status.st_size / 1024 / 1024
        most = limit // 1024 // 1024
        raise ImportRefused(
            f"文件过大（{megabytes:.0f} MB，上限 {most} MB），不像年度报告，未导入。"
        )


def _read_bytes(path: Path, limit: int) -> bytes:
    _check_size(path, limit)
    try:
        data = read_limited(path, limit)
    except OSError as error:
        raise ImportRefused(f"无法读取文件“{path}”：{os_reason(error)}。") from error
    if len(data) > limit:
        raise ImportRefused(f"文件过大（上限 {limit // 1024 // 1024} MB），不像年度报告，未导入。")
    return data


# PDF and spreadsheets ---------------------------------------------------------------------------


def _from_pdf(path: Path) -> ReportImport:
    from report_desktop.render.pdf_draft import load_pdf_draft
    from report_desktop.storage.errors import DraftError

    try:
        report = load_pdf_draft(path).report
    except DraftError as error:
        if "不包含报告草稿" in error.message:
            raise ImportRefused(PDF_NOT_OURS) from error
        raise ImportRefused(error.message + PDF_HINT) from error
    filled = sum(v is not None for v in report.cells.values())
    return ReportImport(report, "本程序导出的PDF", filled=filled)


def _from_sheet(path: Path, meta: Meta, fmt: ReportFormat) -> ReportImport:
    from .cells import import_cells

    result = import_cells(path, fmt)
    report = new_report(meta, fmt)
    report.cells.update({k: v for k, v in result.values.items() if v is not None})
    return _result(report, SHEET_SOURCE, result, fmt, where=_line_where)


def _line_where(problem: ImportProblem) -> str:
    return f"第{problem.line}行" if problem.line is not None else ""


# Web pages and Word files -----------------------------------------------------------------------


def import_document(document: SourceDocument, fmt: ReportFormat = FORMAT_2021) -> ReportImport:
    """A draft from a web page's or Word file's paragraphs and tables."""
    from .cells import import_lines

    reading = read_tables(document, fmt)
    dates = [*document.dates, *_table_lines(reading)]
    paragraphs = [p.text for p in document.paragraphs]
    narrative = read_narrative(paragraphs, fmt, document.titles, dates)
    trial = _trial(reading, narrative)
    if trial:
        meta = Meta(agency=narrative.agency, year=narrative.year)
        return ReportImport(new_report(meta, fmt), document.kind, errors=(trial,))
    cells = import_lines(reading.lines, fmt) if reading.lines else CellImport({}, ())
    report = _report_of(narrative, cells, fmt)
    places = reading.places

    def where(problem: ImportProblem) -> str:
        return places.get(problem.line or 0, "")

    def placed(problem: ImportProblem) -> ImportProblem:
        """The spreadsheet import's 「在第N行」 becomes where in the document line N was found."""
        message = _LINE_REFERENCE.sub(
            lambda m: "在" + places.get(int(m.group(1)), m.group(0)), problem.message
        )
        return dataclasses.replace(problem, message=message)

    cells = CellImport(cells.values, tuple(placed(p) for p in cells.problems))

    base = _result(report, document.kind, cells, fmt, where=where)
    return _with_document(base, reading, narrative, fmt)


def _table_lines(reading: TableReading) -> list[str]:
    """The rows of information boxes as text (「公开日期：2024-01-17」), for dates."""
    return [
        "：".join(slot.text for slot in row if slot.own and slot.text)
        for table in reading.ignored
        for row in table.rows
    ]


def _report_of(narrative: Narrative, cells: CellImport, fmt: ReportFormat) -> Report:
    meta = Meta(
        agency=narrative.agency,
        year=narrative.year,
        publication_date=narrative.publication_date,
    )
    report = new_report(meta, fmt)
    report.preface = narrative.preface
    report.overview_intro = narrative.overview_intro
    report.overview_parts = assign_parts(
        narrative.overview_parts, fmt.overview_parts, OVERVIEW_TOPICS
    )
    report.problems = narrative.problems
    report.other_items = assign_parts(narrative.other_items, fmt.other_items, OTHER_TOPICS)
    report.cells.update({k: v for k, v in cells.values.items() if v is not None})
    return report


def _with_document(
    base: ReportImport, reading: TableReading, narrative: Narrative, fmt: ReportFormat
) -> ReportImport:
    names = {t.id: t.name for t in fmt.tables}
    missing = tuple(names[t.id] for t in fmt.tables if t.id not in reading.found)
    unplaced = [*base.unplaced, *reading.unplaced]
    unplaced += [
        Unplaced(where, text[:80], "报告格式中没有这段文字的位置，未导入")
        for where, text in narrative.leftovers
    ]
    errors = list(base.errors)
    if not reading.found and not narrative.sections_found:
        errors.append(
            f"文件中既没有报告的表格，也没有“{fmt.sections[0].heading}”等部分标题，"
            f"不像{fmt.title}。"
        )
    notes = list(base.notes)
    headings = {s.id: s.heading for s in fmt.sections}
    absent = [
        headings[s.id] for s in fmt.sections if s.id not in narrative.sections_found and not s.table
    ]
    if absent and (reading.found or narrative.sections_found):
        notes.append("未找到以下部分的标题，其正文未导入：" + "、".join(f"“{h}”" for h in absent))
    return ReportImport(
        base.report,
        base.source,
        filled=base.filled,
        blanks=base.blanks,
        missing_tables=missing,
        variants=(*reading.variants, *narrative.variants),
        totals=base.totals,
        unplaced=tuple(unplaced),
        notes=tuple(notes),
        errors=tuple(errors),
        sections=tuple(headings[s] for s in narrative.sections_found),
    )


def _trial(reading: TableReading, narrative: Narrative) -> str:
    """Why the report is one of the 2019 trial format, or ''."""
    year = narrative.year
    if reading.trial or (year is not None and FIRST_TRIAL_YEAR <= year <= LAST_TRIAL_YEAR):
        return _trial_message(reading.trial, year)
    return ""


def _trial_message(where: Sequence[str], year: int | None) -> str:
    old = TRIAL_FORMAT_2019
    found = f"（{'、'.join(where)}使用了该格式的栏目）" if where else ""
    of_year = f"{year}年度的" if year else ""
    return (
        f"这是按{old.name}（{old.basis}）编写的{of_year}报告{found}，"
        f"与{FORMAT_2021.edition}年格式（{FORMAT_2021.basis}）的表格不同，不能逐格对应，未导入。"
        "2021年及以后年度的报告才能导入。"
    )


# The summary ------------------------------------------------------------------------------------


def _result(
    report: Report,
    source: str,
    cells: CellImport,
    fmt: ReportFormat,
    *,
    where: Callable[[ImportProblem], str],
) -> ReportImport:
    """Counts and messages of a cell import, with the place each problem was found.

    A spreadsheet's errors stop the import (the clerk can correct the file); a published
    report's refused values are listed as not placed (the clerk cannot correct the source).
    """
    blanks = tuple(cell for cell, value in cells.values.items() if value is None)
    totals: list[str] = []
    notes: list[str] = []
    errors: list[str] = []
    refused: list[Unplaced] = []
    for problem in cells.problems:
        place = where(problem)
        text = f"{place}：{problem.message}" if place else problem.message
        if "合计" in problem.message and problem.cell and fmt.cell(problem.cell).computed:
            totals.append(text)
        elif problem.severity is not Severity.ERROR:
            notes.append(text)
        elif source == SHEET_SOURCE:
            errors.append(text)
        elif "不一致" in problem.message:
            reason = "同一单元格在原文中出现两处，数值不同：保留第一处"
            refused.append(Unplaced(place, problem.message, reason))
        else:
            refused.append(Unplaced(place, problem.message, "数值无法识别，未填入"))
    filled = sum(value is not None for value in cells.values.values())
    return ReportImport(
        report,
        source,
        filled=filled,
        blanks=blanks,
        totals=tuple(totals),
        unplaced=tuple(refused),
        notes=tuple(notes),
        errors=tuple(errors),
    )


def summary_lines(result: ReportImport) -> list[str]:
    lines = [
        f"来源：{result.source}；机关：{result.report.meta.agency or '（未写明）'}；"
        f"年度：{result.report.meta.year or '（未写明）'}"
    ]
    lines.extend(result.errors)
    if result.errors:
        return lines
    lines.append(f"已填入 {result.filled} 个单元格。")
    if result.missing_tables:
        lines.append(f"未找到{'、'.join(result.missing_tables)}，其单元格未填写。")
    counted = (
        (result.blanks, "{} 个单元格在原文中为空白，未填写（没有当作 0）。"),
        (result.variants, "{} 处标签与官方写法不同，已按近似的官方标签对应。"),
        (result.totals, "{} 处原文的合计与各项之和不符（合计按各项相加重新计算）。"),
        (result.unplaced, "{} 处内容无法放入草稿，未导入。"),
        (result.sections, "正文：找到 {} 个部分标题。"),
    )
    lines.extend(message.format(len(found)) for found, message in counted if found)
    lines.extend(result.notes[:3])
    return lines


def detail_lines(result: ReportImport) -> list[str]:
    labels = build_labels(result.report.format)
    lines: list[str] = []
    if result.blanks:
        names = [cell_name(labels, result.report.format.cell(c)) for c in result.blanks]
        lines.append("空白未填写：" + "、".join(names))
    lines += [f"近似标签：{v.where}“{v.found}”按“{v.official}”对应" for v in result.variants]
    lines += [f"合计不符：{t}" for t in result.totals]
    lines += [f"未导入：{u.where}：{u.text}（{u.reason}）" for u in result.unplaced]
    lines += [f"注意：{n}" for n in result.notes]
    lines += [f"错误：{e}" for e in result.errors]
    return lines
