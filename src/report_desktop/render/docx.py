"""The report as an editable Word file (python-docx), laid out like the PDF.

Same context as the HTML (:func:`report_desktop.render.context.document_context`): the same
labels, the same merges (real ``gridSpan`` / ``vMerge`` cells), A4 with the official margins
(mirrored: 订口 28 mm inside), fonts with their East Asian names, page numbers 「— 1 —」 as a PAGE
field (odd pages right, even pages left), header rows repeating on a new page.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import report_desktop
from report_desktop.domain.model import Report

from .context import (
    Cell,
    DocumentContext,
    Paragraph,
    Row,
    TableContext,
    document_context,
    draft_mark_for,
)
from .ooxml import insert_ordered, qn, w
from .pdf import document_date
from .xmltext import document_property

FANG = "仿宋_GB2312"
TITLE = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"

BODY_PT = 16.0
LINE_PT = 28.9
TITLE_PT = 22.0
TITLE_LINE_PT = 36.0
PAGE_NUMBER_PT = 14.0
TABLE_PT = {"table3": 10.0}
DEFAULT_TABLE_PT = 10.5
CELL_MARGIN_TWIPS = 40
"""Left and right cell padding (0.7 mm): 表四's fifteen columns need it narrow."""
VALUE_MARGIN_TWIPS = {"table4": 40}
DEFAULT_VALUE_MARGIN_TWIPS = 91
"""The right padding of a value cell (1.6 mm, as in the PDF)."""
BODY_SPACING_TWIPS = -5
"""The body's character spacing (−0.25 pt): 28 characters of 3号 fit the 版心. The report's own
styles do not snap to the grid (LibreOffice would give a 16 pt character two grid cells of
15.8 pt); text typed later in the Normal style follows the grid."""
LINE_PITCH_TWIPS = 579
"""The character grid: 22 lines on the 225 mm 版心."""
CHAR_SPACE = -849
"""The character grid: 28 characters of 3号 on the 156 mm 版心 (−0.207 pt × 4096)."""

ROW_HEIGHT_TWIPS = 340
"""Rows at least 6 mm high, like the printed table."""

BODY_STYLE = "报告正文"
TITLE_STYLE = "报告标题"
HEADING_STYLE = "报告一级标题"
TABLE_STYLE = "报告表格文字"
FOOTER_STYLE = "报告页码"


def render_docx(report: Report, draft_mark: bool | None = None) -> bytes:
    """The report as a .docx file; ``draft_mark`` None: 「草稿」 iff the checks find errors."""
    from docx import Document

    context = document_context(report, draft_mark=draft_mark_for(report, draft_mark))
    document = Document()
    _setup_page(document)
    _setup_styles(document)
    _setup_footers(document)
    if context["draft_mark"]:
        _add_draft_headers(document, context["draft_notice"])
    _set_properties(document, report, context)
    _add_title(document, context["title_lines"])
    for paragraph in context["preface"]:
        _add_paragraph(document, paragraph)
    for section in context["sections"]:
        document.add_paragraph(section["heading"], style=HEADING_STYLE)
        for paragraph in section["paragraphs"]:
            _add_paragraph(document, paragraph)
        if section["table"] is not None:
            _add_table(document, section["table"])
    buffer = io.BytesIO()
    document.save(buffer)
    from .docx_package import clean_package

    return clean_package(buffer.getvalue(), f"report-desktop {report_desktop.__version__}")


# Page, styles, footers -----------------------------------------------------------------------


def _setup_page(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)  # inside, outside (mirrored)
    section.footer_distance = Mm(23)  # the number's top 7 mm below the 版心
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("docGrid"))
    if grid is None:
        grid = w("docGrid")
        section._sectPr.append(grid)
    for name, value in (("type", "linesAndChars"), ("linePitch", str(LINE_PITCH_TWIPS))):
        grid.set(qn(name), value)
    grid.set(qn("charSpace"), str(CHAR_SPACE))
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    insert_ordered(settings.element, w("mirrorMargins"))


def _setup_styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    styles = document.styles
    normal = styles["Normal"]
    _style_font(normal, FANG, BODY_PT)
    _set_language(normal.element.get_or_add_rPr())
    specs = (
        (BODY_STYLE, FANG, BODY_PT, LINE_PT, 2, WD_ALIGN_PARAGRAPH.JUSTIFY),
        (TITLE_STYLE, TITLE, TITLE_PT, TITLE_LINE_PT, 0, WD_ALIGN_PARAGRAPH.CENTER),
        (HEADING_STYLE, HEI, BODY_PT, LINE_PT, 2, None),
        (TABLE_STYLE, SONG, DEFAULT_TABLE_PT, None, 0, WD_ALIGN_PARAGRAPH.CENTER),
        (FOOTER_STYLE, SONG, PAGE_NUMBER_PT, None, 0, None),
    )
    for name, font, size, line, indent_chars, alignment in specs:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _style_font(style, font, size)
        _style_paragraph(style, line, indent_chars, size, alignment)
    heading = styles[HEADING_STYLE].paragraph_format
    heading.keep_with_next = True
    insert_ordered(styles[HEADING_STYLE].element.get_or_add_pPr(), w("outlineLvl", val="0"))
    for name in (BODY_STYLE, HEADING_STYLE, TITLE_STYLE, TABLE_STYLE, FOOTER_STYLE):
        insert_ordered(styles[name].element.get_or_add_pPr(), w("snapToGrid", val="0"))
    for name in (BODY_STYLE, HEADING_STYLE):  # 28 characters a line, in Word, WPS and LibreOffice
        ppr = styles[name].element.get_or_add_pPr()
        insert_ordered(ppr, w("autoSpaceDE", val="0"))  # no extra space around digits, as
        insert_ordered(ppr, w("autoSpaceDN", val="0"))  # in the PDF
        rpr = styles[name].element.get_or_add_rPr()
        insert_ordered(rpr, w("spacing", val=str(BODY_SPACING_TWIPS)))
    _set_defaults(styles.element)


def _set_defaults(styles: Any) -> None:
    """Document defaults of 3号 仿宋 in zh-CN: the character grid is counted in this size."""
    defaults = styles.find(qn("docDefaults"))
    rpr = defaults.find(f"{qn('rPrDefault')}/{qn('rPr')}")
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(w("rFonts", ascii=FANG, hAnsi=FANG, eastAsia=FANG, cs=FANG, hint="eastAsia"))
    rpr.append(w("sz", val=str(int(BODY_PT * 2))))
    rpr.append(w("szCs", val=str(int(BODY_PT * 2))))
    rpr.append(w("lang", val="zh-CN", eastAsia="zh-CN", bidi="ar-SA"))
    spacing = defaults.find(f"{qn('pPrDefault')}/{qn('pPr')}/{qn('spacing')}")
    if spacing is not None:
        spacing.getparent().remove(spacing)


def _style_font(style: Any, east_asia: str, size: float) -> None:
    from docx.shared import Pt

    style.font.size = Pt(size)
    _set_fonts(style.element.get_or_add_rPr(), east_asia)


def _style_paragraph(
    style: Any, line: float | None, indent_chars: int, size: float, alignment: Any
) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.widow_control = True
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line)
    else:
        fmt.line_spacing = 1.0
    fmt.first_line_indent = Pt(size * indent_chars)
    if indent_chars:
        fmt.element.get_or_add_pPr().get_or_add_ind().set(qn("firstLineChars"), "200")
    if alignment is not None:
        fmt.alignment = alignment


def _setup_footers(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph, alignment in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph.style = document.styles[FOOTER_STYLE]
        paragraph.alignment = alignment
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)  # 居右空一字
        else:
            paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)  # 居左空一字
        _add_page_number(paragraph)


def _add_draft_headers(document: Any, notice: str) -> None:
    """A red 「草稿」 notice at the head of every page, odd and even."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    for header in (section.header, section.even_page_header):
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(notice)
        run.font.size = Pt(10.5)
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)


def _add_page_number(paragraph: Any) -> None:
    """「— n —」 (一字线 U+2014) with n a PAGE field, all in the footer style's 宋体."""
    paragraph.add_run("\u2014\u00a0")
    for element in (
        w("fldChar", fldCharType="begin"),
        w("instrText", text=" PAGE "),
        w("fldChar", fldCharType="separate"),
        w("t", text="1"),
        w("fldChar", fldCharType="end"),
    ):
        paragraph.add_run()._r.append(element)
    paragraph.add_run("\u00a0\u2014")


def _set_properties(document: Any, report: Report, context: DocumentContext) -> None:
    props = document.core_properties
    moment = dt.datetime.combine(document_date(report), dt.time(0, 0))
    props.title = document_property(context["title"])
    props.author = document_property(context["agency"])
    props.last_modified_by = document_property(context["agency"])
    props.language = context["lang"]
    props.subject = report.format.title
    props.keywords = "政府信息公开;年度报告"
    props.comments = ""
    props.created = moment
    props.modified = moment
    props.revision = 1


# Text -----------------------------------------------------------------------------------------


def _add_title(document: Any, lines: list[str]) -> None:
    for line in lines:
        document.add_paragraph(line, style=TITLE_STYLE)
    document.add_paragraph("", style=BODY_STYLE)  # 标题与正文之间空一行


def _add_paragraph(document: Any, paragraph: Paragraph) -> None:
    target = document.add_paragraph(style=BODY_STYLE)
    if paragraph["lead"]:
        run = target.add_run(paragraph["lead"])
        if paragraph["lead_cls"] == "level2":
            _set_fonts(run._r.get_or_add_rPr(), KAI)
    target.add_run(paragraph["text"])


# Tables ---------------------------------------------------------------------------------------


def _add_table(document: Any, context: TableContext) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT

    rows = [*context["head"], *(row for group in context["groups"] for row in group["rows"])]
    table = document.add_table(rows=len(rows), cols=context["grid_columns"])
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_cell_margins(table)
    _set_widths(table, context)
    width = context["grid_columns"]
    grid = table._cells  # row-major, before merging; merged cells keep their top-left element
    placed = place_cells(rows)
    for row_index, column_index, cell in placed:
        if cell["colspan"] > 1 or cell["rowspan"] > 1:
            far_row = row_index + cell["rowspan"] - 1
            far = grid[far_row * width + column_index + cell["colspan"] - 1]
            grid[row_index * width + column_index].merge(far)
    size = TABLE_PT.get(context["id"], DEFAULT_TABLE_PT)
    style_id = document.styles[TABLE_STYLE].style_id
    margin = VALUE_MARGIN_TWIPS.get(context["id"], DEFAULT_VALUE_MARGIN_TWIPS)
    for row_index, column_index, cell in placed:
        target = grid[row_index * width + column_index]
        _fill_cell(target, cell, size, style_id)
        if "num" in cell["cls"].split():
            _set_value_margin(target, margin)
        if "note" in cell["cls"].split():
            from docx.enum.text import WD_ALIGN_PARAGRAPH

            target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT  # 表三's note, as printed
    _mark_rows(table, header_rows=len(context["head"]))
    document.add_paragraph("", style=TABLE_STYLE)


def place_cells(rows: list[Row]) -> list[tuple[int, int, Cell]]:
    """Each cell with its grid position (row, column), as the table's geometry placed it."""
    return [(cell["row"], cell["col"], cell) for row in rows for cell in row["cells"]]


def _set_widths(table: Any, context: TableContext) -> None:
    from docx.shared import Mm

    widths = [float(width) for width in context["col_widths_mm"]]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = Mm(width)


def _fill_cell(target: Any, cell: Cell, size: float, style_id: str) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Pt

    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = target.paragraphs[0]
    paragraph._p.get_or_add_pPr().style = style_id
    paragraph.alignment = _alignment(cell)
    vertical = _is_vertical(cell)
    if vertical:  # 「三、本年度办理结果」 down its narrow column, characters upright
        insert_ordered(target._tc.get_or_add_tcPr(), w("textDirection", val="tbRl"))
    text = cell["text"]
    if vertical:
        text = cell["prefix"] + text
    elif cell["prefix"]:  # 「（三）」 on a line of its own above 「不予公开」
        prefix = paragraph.add_run(cell["prefix"])
        prefix.font.size = Pt(size)
        prefix.add_break()
    run = paragraph.add_run(text)
    run.font.size = Pt(size)


def _is_vertical(cell: Cell) -> bool:
    """A merged group label in the first (narrowest) label column."""
    classes = cell["cls"].split()
    return "group" in classes and "depth-1" in classes


def _alignment(cell: Cell) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    classes = cell["cls"].split()
    if "num" in classes:
        return WD_ALIGN_PARAGRAPH.RIGHT
    if "caption" in classes or ("label" in classes and "group" not in classes):
        return WD_ALIGN_PARAGRAPH.LEFT
    return WD_ALIGN_PARAGRAPH.CENTER


def _mark_rows(table: Any, header_rows: int) -> None:
    """Rows never split; header rows repeat; every row keeps with the next (the table stays whole
    on one page when it fits)."""
    rows = table._tbl.tr_lst
    for index, tr in enumerate(rows):
        tr_pr = tr.get_or_add_trPr()
        insert_ordered(tr_pr, w("cantSplit"))
        insert_ordered(tr_pr, w("trHeight", val=str(ROW_HEIGHT_TWIPS), hRule="atLeast"))
        if index < header_rows:
            insert_ordered(tr_pr, w("tblHeader"))
        if index < len(rows) - 1:
            for tc in tr.tc_lst:
                for p in tc.p_lst:
                    p.get_or_add_pPr().keepNext_val = True


def _set_value_margin(cell: Any, twips: int) -> None:
    margins = w("tcMar")
    margins.append(w("right", w=str(twips), type="dxa"))
    insert_ordered(cell._tc.get_or_add_tcPr(), margins)


def _set_cell_margins(table: Any) -> None:
    margins = w("tblCellMar")
    for side in ("left", "right"):
        margins.append(w(side, w=str(CELL_MARGIN_TWIPS), type="dxa"))
    insert_ordered(table._tbl.tblPr, margins)


def _set_fonts(rpr: Any, face: str) -> None:
    """One face for Chinese, digits and Latin alike (the font table names its fallback)."""
    fonts = rpr.get_or_add_rFonts()
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(slot), face)
    fonts.set(qn("hint"), "eastAsia")


def _set_language(rpr: Any) -> None:
    insert_ordered(rpr, w("lang", val="zh-CN", eastAsia="zh-CN"))
