"""The DOCX: reopens with python-docx, official merges as real merged cells, page setup, fonts,
page-number fields, repeating header rows."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from report_desktop.domain.model import Report, new_report
from report_desktop.render.docx import render_docx
from report_desktop.storage.draft import load_draft
from test_render_context import official_labels

GridCell = tuple[str, int, str | None]
"""(text, gridSpan, vMerge: "restart", "continue" or None)."""


@pytest.fixture(scope="module")
def example() -> Report:
    from report_desktop.resources import resource_path

    return load_draft(resource_path("examples", "huancui-statistics-2024.json")).report


@pytest.fixture(scope="module")
def document(example: Report) -> Any:
    return docx.Document(io.BytesIO(render_docx(example)))


def _grid(table: Any) -> dict[tuple[int, int], GridCell]:
    """The table's cells by (row, grid column), read from the XML."""
    grid: dict[tuple[int, int], GridCell] = {}
    for row_index, tr in enumerate(table._tbl.tr_lst):
        column = 0
        for tc in tr.tc_lst:
            merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            vmerge = None if merge is None else (merge.get(qn("w:val")) or "continue")
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            grid[(row_index, column)] = (text, tc.grid_span, vmerge)
            column += tc.grid_span
    return grid


def _find(grid: dict[tuple[int, int], GridCell], text: str) -> tuple[int, int]:
    for position, (cell_text, _, _) in grid.items():
        if cell_text == text:
            return position
    raise AssertionError(text)


def test_reopens_with_three_tables(document: Any) -> None:
    assert len(document.tables) == 3
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["威海市环翠区统计局", "2024年政府信息公开工作年度报告"]
    assert "三、收到和处理政府信息公开申请情况" in texts


def test_table3_merges(document: Any) -> None:
    grid = _grid(document.tables[1])
    assert len({row for row, _ in grid}) == 3 + 25
    row, column = _find(grid, "三、本年度办理结果")
    assert column == 0
    assert grid[(row, 0)][2] == "restart"
    for below in range(row + 1, row + 22):
        assert grid[(below, 0)][2] == "continue", below
    assert grid.get((row + 22, 0), ("", 1, None))[2] != "continue"
    tc = document.tables[1]._tbl.tr_lst[row].tc_lst[0]
    assert tc.tcPr.find(qn("w:textDirection")).get(qn("w:val")) == "tbRl"  # upright, downwards
    row, column = _find(grid, "（三）不予公开")
    assert (column, grid[(row, column)][2]) == (1, "restart")
    assert [grid[(row + i, 1)][2] for i in range(1, 8)] == ["continue"] * 7
    assert grid[(row + 8, 1)][2] == "restart"  # （四）无法提供 starts a new merge
    for label, span in (
        ("（一）予以公开", 2),
        ("（七）总计", 2),
        ("一、本年新收政府信息公开申请数量", 3),
        ("四、结转下年度继续办理", 3),
        ("1.属于国家秘密", 1),
    ):
        assert grid[_find(grid, label)][1] == span, label
    corner = _find(grid, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    assert corner == (0, 0)
    assert grid[corner][1:] == (3, "restart")
    assert grid[_find(grid, "申请人情况")][1] == 7


def test_table2_and_table4_merges(document: Any) -> None:
    table2 = _grid(document.tables[0])
    assert table2[_find(table2, "第二十条第（一）项")][1] == 4
    assert table2[_find(table2, "本年收费金额（单位：万元）")][1] == 3
    assert table2[_find(table2, "本年废止件数")][1] == 1
    table4 = _grid(document.tables[2])
    assert table4[(0, 0)][:2] == ("行政复议", 5)
    assert table4[(0, 5)][:2] == ("行政诉讼", 10)
    assert table4[(1, 0)] == ("结果维持", 1, "restart")
    assert table4[(2, 0)][2] == "continue"
    assert [table4[(3, c)][0] for c in range(15)] == ["0"] * 15


def test_official_labels_exact(document: Any) -> None:
    for index, table_id in enumerate(("table2", "table3", "table4")):
        texts = {text for text, _, _ in _grid(document.tables[index]).values()}
        for label in official_labels(table_id):
            assert label in texts, label


def test_header_rows_repeat_and_rows_do_not_split(document: Any) -> None:
    for index, header_rows in ((1, 3), (2, 3)):
        rows = document.tables[index]._tbl.tr_lst
        flags = [tr.trPr.find(qn("w:tblHeader")) is not None for tr in rows]
        assert flags[:header_rows] == [True] * header_rows
        assert not any(flags[header_rows:])
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)


def test_page_setup(document: Any) -> None:
    section = document.sections[0]
    measured = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,  # inside (订口) with mirrored margins
        section.right_margin,
    )
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]
    settings = document.settings.element
    assert settings.find(qn("w:mirrorMargins")) is not None
    assert document.settings.odd_and_even_pages_header_footer


def test_page_number_fields(document: Any) -> None:
    section = document.sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))
        assert re.search(r'w:fldCharType="begin"', xml)
        assert paragraph.text == "\u2014\u00a01\u00a0\u2014"
        assert paragraph.alignment is not None
        assert alignment.upper() in str(paragraph.alignment)


def test_east_asian_fonts(document: Any) -> None:
    styles = document.styles
    expected = {"报告正文": "仿宋_GB2312", "报告标题": "方正小标宋简体", "报告一级标题": "黑体"}
    for name, font in expected.items():
        fonts = styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font
    assert styles["报告表格文字"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_properties(document: Any) -> None:
    props = document.core_properties
    assert props.title == "威海市环翠区统计局2024年政府信息公开工作年度报告"
    assert props.author == "威海市环翠区统计局"
    assert props.language == "zh-CN"


def test_package_is_well_formed(example: Report, tmp_path: Path) -> None:
    data = render_docx(example)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert "word/document.xml" in package.namelist()
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    assert docx.Document(str(path)).tables


def test_empty_report() -> None:
    document = docx.Document(io.BytesIO(render_docx(new_report())))
    assert document.paragraphs[0].text == "XXXX年政府信息公开工作年度报告"


def _header_texts(data: bytes) -> list[str]:
    section = docx.Document(io.BytesIO(data)).sections[0]
    return [p.text for h in (section.header, section.even_page_header) for p in h.paragraphs]


def test_draft_mark_only_while_errors_remain(example: Report) -> None:
    assert not any("草稿" in text for text in _header_texts(render_docx(example)))
    broken = example.copy()
    broken.cells["table3.new_applications.natural_person"] = 1
    texts = _header_texts(render_docx(broken))
    assert sum("草稿" in text for text in texts) == 2  # odd and even pages
