"""The format is declared once: a second, small format declared here alone gets an editor grid,
an HTML and a Word table with the same merges, a JSON schema, a CSV import and its balance rule's
findings, with no change anywhere else. It also holds the geometry the three drawings share."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from pytestqt.qtbot import QtBot

from report_desktop.domain import model
from report_desktop.domain.declaration import (
    BalanceIdentity,
    Block,
    Column,
    HeaderCell,
    ReportFormat,
    RowNode,
    Section,
    Table,
    Term,
    TextPart,
)
from report_desktop.domain.format2021 import FORMAT_2021, SECTIONS
from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.domain.rules import check
from report_desktop.domain.table_geometry import CellRole, spread, table_geometry

Spans = dict[tuple[int, int], tuple[int, int]]

# The second format ------------------------------------------------------------------------------

_COLUMNS = (
    Column("north", "北区"),
    Column("south", "南区"),
    Column("east", "东区"),
    Column("sum", "合计", sums=("north", "south", "east")),
)

STOCK = Table(
    id="stock",
    name="表甲",
    layout="grid",
    header=(
        (HeaderCell("（甲 = 乙 + 丙）", colspan=2, rowspan=2), HeaderCell("辖区", colspan=4)),
        tuple(HeaderCell(c.label) for c in _COLUMNS),
    ),
    blocks=(
        Block(
            id="main",
            columns=_COLUMNS,
            rows=(
                RowNode("received", "甲、收到件数"),
                RowNode(
                    "outcome",
                    "处理情况",
                    children=(
                        RowNode("granted", "乙、同意"),
                        RowNode("refused", "丙、不同意"),
                    ),
                ),
            ),
        ),
    ),
)

LISTS = Table(
    id="lists",
    name="表乙",
    layout="blocks",
    blocks=(
        Block(
            id="pair",
            caption="第一类",
            corner="事项",
            columns=(Column("made", "制定"), Column("kept", "保留")),
            rows=(RowNode("rules", "规则"),),
        ),
        Block(
            id="quad",
            caption="第二类",
            corner="事项",
            columns=(
                Column("a", "一季度"),
                Column("b", "二季度"),
                Column("c", "三季度"),
                Column("d", "四季度"),
            ),
            rows=(RowNode("fees", "收费"),),
        ),
    ),
)

SMALL = ReportFormat(
    edition="test-small",
    name="测试用小格式",
    basis="本测试",
    title="测试工作年度报告",
    sections=(
        SECTIONS[0],
        Section("stock_section", "二", "二、收件情况", table="stock"),
        Section("lists_section", "三", "三、清单情况", table="lists"),
        SECTIONS[4],
        SECTIONS[5],
    ),
    tables=(STOCK, LISTS),
    overview_parts=(TextPart("only", "唯一", "唯一方面"),),
    other_items=(TextPart("misc", "其他", "其他事项"),),
    overview_limit=500,
    identities=(
        BalanceIdentity(
            "stock.balance",
            "stock",
            left=(Term("received", "收到"),),
            right=(Term("granted", "同意"), Term("refused", "不同意")),
        ),
    ),
)


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> Iterator[Report]:
    monkeypatch.setitem(model.FORMATS, SMALL.edition, SMALL)
    report = new_report(Meta(agency="某某局", year=2024), SMALL)
    report.cells.update(
        {
            "stock.received.north": 5,
            "stock.granted.north": 3,
            "stock.refused.north": 1,  # 5 ≠ 3 + 1
            "stock.received.south": 2,
            "stock.granted.south": 2,
        }
    )
    yield report


# One geometry -----------------------------------------------------------------------------------


def test_two_columns_beside_four_spread_evenly_everywhere() -> None:
    """The case that used to disagree (editor [1, 3], print [2, 2])."""
    assert spread(2, 4) == [2, 2]
    geometry = table_geometry(SMALL, LISTS)
    heads = [(c.col, c.colspan) for c in geometry.cells if c.role is CellRole.HEADER]
    assert heads[:2] == [(1, 2), (3, 2)]
    values = [(c.col, c.colspan) for c in geometry.cells if c.spec and c.row == 2]
    assert values == [(1, 2), (3, 2)]


def test_geometry_places_label_levels_and_totals() -> None:
    geometry = table_geometry(SMALL, STOCK)
    assert (geometry.rows, geometry.cols, geometry.label_columns) == (5, 6, 2)
    group = next(c for c in geometry.cells if c.text == "处理情况")
    assert (group.row, group.col, group.rowspan, group.group) == (3, 0, 2, True)
    leaf = next(c for c in geometry.cells if c.text == "甲、收到件数")
    assert (leaf.col, leaf.colspan) == (0, 2)
    totals = [c.spec.id for c in geometry.cells if c.role is CellRole.TOTAL and c.spec]
    assert totals == ["stock.received.sum", "stock.granted.sum", "stock.refused.sum"]
    assert geometry.widths_mm == (26.0,) * 6  # no declared widths: the 版心 shared evenly


def test_declared_print_widths_fill_the_type_area() -> None:
    for table in FORMAT_2021.tables:
        geometry = table_geometry(FORMAT_2021, table)
        assert geometry.widths_mm == table.widths_mm
        assert sum(geometry.widths_mm) == pytest.approx(156.0, abs=0.2)


# Editor, web page and Word agree ----------------------------------------------------------------


def _editor_spans(report: Report, table: Table, qtbot: QtBot) -> Spans:
    from report_desktop.session.report_session import ReportSession
    from report_desktop.ui.grid_model import GridModel

    model_ = GridModel(ReportSession(report), table)
    spans: Spans = {}
    for row in range(model_.rowCount()):
        for col in range(model_.columnCount()):
            cell = model_.layout.at(row, col)
            if cell is not None and (cell.row, cell.col) == (row, col):
                spans[(row, col)] = (cell.rowspan, cell.colspan)
    return spans


class _HtmlTables(HTMLParser):
    """Spans of every cell of the report tables of a web page, placed like a browser does."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, Spans] = {}
        self._current: str | None = None
        self._row = -1
        self._taken: set[tuple[int, int]] = set()
        self._col = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self._current = (found.get("class") or "").split()[1]
            self.tables[self._current] = {}
            self._row, self._taken = -1, set()
        elif tag == "tr" and self._current:
            self._row += 1
            self._col = 0
        elif tag in ("td", "th") and self._current:
            while (self._row, self._col) in self._taken:
                self._col += 1
            rowspan, colspan = int(found.get("rowspan") or 1), int(found.get("colspan") or 1)
            self.tables[self._current][(self._row, self._col)] = (rowspan, colspan)
            for r in range(self._row, self._row + rowspan):
                for c in range(self._col, self._col + colspan):
                    self._taken.add((r, c))
            self._col += colspan

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._current = None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_spans(data: bytes) -> list[Spans]:
    """Spans of every table of a Word file, from its gridSpan and vMerge marks."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ET.fromstring(package.read("word/document.xml"))
    tables: list[Spans] = []
    for tbl in root.iter(f"{_W}tbl"):
        spans: Spans = {}
        for r, tr in enumerate(tbl.iter(f"{_W}tr")):
            col = 0
            for tc in tr.iter(f"{_W}tc"):
                props = tc.find(f"{_W}tcPr")
                span_el = props.find(f"{_W}gridSpan") if props is not None else None
                merge = props.find(f"{_W}vMerge") if props is not None else None
                span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
                if merge is not None and merge.get(f"{_W}val") != "restart":
                    above = next(k for k in sorted(spans, reverse=True) if k[1] == col and k[0] < r)
                    spans[above] = (spans[above][0] + 1, spans[above][1])
                else:
                    spans[(r, col)] = (1, span)
                col += span
        tables.append(spans)
    return tables


def test_editor_web_page_and_word_draw_the_same_tables(small: Report, qtbot: QtBot) -> None:
    from report_desktop.render.docx import render_docx
    from report_desktop.render.html import render_html

    parser = _HtmlTables()
    parser.feed(render_html(small))
    words = _docx_spans(render_docx(small, draft_mark=False))
    for table, word in zip(SMALL.tables, words, strict=True):
        editor = _editor_spans(small, table, qtbot)
        assert parser.tables[table.id] == editor
        assert word == editor
    assert parser.tables["lists"][(1, 1)] == (1, 2)  # 制定 over two of four grid columns


def test_the_2021_tables_agree_too(qtbot: QtBot) -> None:
    from report_desktop.render.docx import render_docx
    from report_desktop.render.html import render_html

    report = new_report(Meta(agency="某某局", year=2024))
    parser = _HtmlTables()
    parser.feed(render_html(report))
    words = _docx_spans(render_docx(report, draft_mark=False))
    for table, word in zip(FORMAT_2021.tables, words, strict=True):
        editor = _editor_spans(report, table, qtbot)
        assert parser.tables[table.id] == editor
        assert word == editor


# Schema, import, rules --------------------------------------------------------------------------


def test_schema_lists_the_cells_of_the_second_format() -> None:
    from report_desktop.storage.schema import draft_json_schema

    text = repr(draft_json_schema(SMALL))
    assert "stock.granted.north" in text
    assert "lists.fees.d" in text
    assert "stock.received.sum" not in text  # computed: never stored
    assert "table3" not in text


def test_csv_of_the_second_format_imports(small: Report) -> None:
    from report_desktop.interchange.cells import import_cells_text

    result = import_cells_text(
        "table,row,column,value\n表甲,乙、同意,南区,7\n表乙,收费,三季度,2\n表甲,丁,北区,1\n", SMALL
    )
    assert result.values == {"stock.granted.south": 7, "lists.fees.c": 2}
    assert result.problems  # the unknown row 丁 is reported, not guessed


def test_balance_rule_of_the_second_format(small: Report) -> None:
    findings = [f for f in check(small) if f.rule == "stock.balance"]
    assert [f.message for f in findings] == [
        "北区列：收到 5，同意 3 + 不同意 1 = 4，相差 1",
        "合计列：收到 7，同意 5 + 不同意 1 = 6，相差 1",
    ]
    assert findings[0].cells == (
        "stock.received.north",
        "stock.granted.north",
        "stock.refused.north",
    )
    assert not [f for f in check(small) if f.rule == "table3.balance"]


def test_print_widths_are_declared_once() -> None:
    """The stylesheet and Word take the widths from the declaration; the CSS file holds none."""
    import re

    from report_desktop.render.fonts import STYLESHEET, stylesheet_text
    from report_desktop.resources import read_text

    folder, *parts = STYLESHEET
    assert not re.search(r"col\.[\w-]+ \{\s*width: [\d.]+mm", read_text(folder, *parts))
    css = stylesheet_text()
    for table in FORMAT_2021.tables:
        found = re.findall(rf"table\.{table.id} col\.w-\d+ \{{\s*width: ([\d.]+)mm", css)
        assert tuple(float(w) for w in found) == table.widths_mm
