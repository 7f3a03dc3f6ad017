"""The template context: merges derived from the declaration, values as printed, narrative."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_desktop.domain.declaration import RowNode, cell_id
from report_desktop.domain.format2021 import FORMAT_2021, TABLE2, TABLE3, TABLE4
from report_desktop.domain.model import Meta, Report, TextItem, new_report
from report_desktop.render.context import (
    Cell,
    DocumentContext,
    Row,
    TableContext,
    document_context,
    draft_mark_for,
    paragraphs,
)
from report_desktop.storage.draft import load_draft


@pytest.fixture
def example(example_draft_path: Path) -> Report:
    return load_draft(example_draft_path).report


def _table(context: DocumentContext, table_id: str) -> TableContext:
    for section in context["sections"]:
        table = section["table"]
        if table is not None and table["id"] == table_id:
            return table
    raise AssertionError(table_id)


def _label_cell(table: TableContext, label: str) -> Cell:
    rows = [*table["head"], *(r for g in table["groups"] for r in g["rows"])]
    for row in rows:
        for cell in row["cells"]:
            if cell["prefix"] + cell["text"] == label:
                return cell
    raise AssertionError(label)


def test_title_and_headings(example: Report) -> None:
    context = document_context(example, draft_mark=False)
    assert context["title_lines"] == ["威海市环翠区统计局", "2024年政府信息公开工作年度报告"]
    assert context["title"] == "威海市环翠区统计局2024年政府信息公开工作年度报告"
    assert [s["heading"] for s in context["sections"]] == [s.heading for s in FORMAT_2021.sections]
    assert context["lang"] == "zh-CN"
    assert context["draft_mark"] is False


def test_title_without_agency_or_year() -> None:
    context = document_context(new_report(), draft_mark=True)
    assert context["title_lines"] == ["XXXX年政府信息公开工作年度报告"]
    assert context["draft_mark"] is True


def test_table3_label_merges(example: Report) -> None:
    table = _table(document_context(example, draft_mark=False), "table3")
    assert table["grid_columns"] == 10
    assert _label_cell(table, "三、本年度办理结果")["rowspan"] == 22
    assert _label_cell(table, "（三）不予公开")["rowspan"] == 8
    assert _label_cell(table, "（四）无法提供")["rowspan"] == 3
    assert _label_cell(table, "（五）不予处理")["rowspan"] == 5
    assert _label_cell(table, "（六）其他处理")["rowspan"] == 3
    for label in (
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（七）总计",
    ):
        assert _label_cell(table, label)["colspan"] == 2
    for top in ("一、本年新收政府信息公开申请数量", "四、结转下年度继续办理"):
        assert _label_cell(table, top)["colspan"] == 3
    assert _label_cell(table, "1.属于国家秘密")["colspan"] == 1
    group = _label_cell(table, "（三）不予公开")
    assert (group["prefix"], group["text"], group["scope"]) == ("（三）", "不予公开", "rowgroup")


def test_table3_header_and_groups(example: Report) -> None:
    table = _table(document_context(example, draft_mark=False), "table3")
    corner = table["head"][0]["cells"][0]
    assert (corner["colspan"], corner["rowspan"]) == (3, 3)
    assert [c["text"] for c in table["head"][2]["cells"]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert [g["id"] for g in table["groups"]] == [row.id for row in TABLE3.blocks[0].rows]
    results = next(g for g in table["groups"] if g["id"] == "results")
    assert len(results["rows"]) == 22
    # every row spans the whole grid
    for group in table["groups"]:
        _assert_full_grid(table["head"] + group["rows"], table["grid_columns"])


def _assert_full_grid(rows: list[Row], width: int) -> None:
    from report_desktop.render.docx import place_cells

    taken: dict[tuple[int, int], str] = {}
    for r, c, cell in place_cells(rows):
        for dr in range(cell["rowspan"]):
            for dc in range(cell["colspan"]):
                assert (r + dr, c + dc) not in taken
                taken[(r + dr, c + dc)] = cell["text"]
    assert len(taken) == len(rows) * width


def test_table2_blocks(example: Report) -> None:
    table = _table(document_context(example, draft_mark=False), "table2")
    assert table["head"] == []
    assert table["grid_columns"] == 4
    assert [g["id"] for g in table["groups"]] == [b.id for b in TABLE2.blocks]
    for group, block in zip(table["groups"], TABLE2.blocks, strict=True):
        caption, header, *values = group["rows"]
        assert [(c["text"], c["colspan"]) for c in caption["cells"]] == [(block.caption, 4)]
        assert header["cells"][0]["text"] == "信息内容"
        assert sum(c["colspan"] for c in header["cells"]) == 4
        for row in values:
            assert sum(c["colspan"] for c in row["cells"]) == 4
            if len(block.columns) == 1:
                assert row["cells"][1]["colspan"] == 3
    assert table["groups"][0]["rows"][1]["cells"][2]["text"] == "本年废止件数"


def test_table4_strip_order(example: Report) -> None:
    report = example.copy()
    block = TABLE4.blocks[0]
    typed = [c for row in block.rows for c in block.columns if not c.computed]
    for number, (row, column) in enumerate(
        ((row, column) for row in block.rows for column in block.columns if not column.computed),
        start=1,
    ):
        report.cells[cell_id("table4", row.id, column.id)] = number
    assert len(typed) == 12
    table = _table(document_context(report, draft_mark=False), "table4")
    assert len(table["head"]) == 3
    assert [c["text"] for c in table["head"][0]["cells"]] == ["行政复议", "行政诉讼"]
    (row,) = table["groups"][0]["rows"]
    texts = [c["text"] for c in row["cells"]]
    assert texts == [
        "1",
        "2",
        "3",
        "4",
        "10",
        "5",
        "6",
        "7",
        "8",
        "26",
        "9",
        "10",
        "11",
        "12",
        "42",
    ]


def test_values_as_printed(example: Report) -> None:
    report = example.copy()
    report.cells["table2.fees.amount"] = Decimal("5949.088667")
    report.cells["table2.punishment.decisions"] = 3985758
    report.cells["table3.new_applications.natural_person"] = None
    report.cells["table3.new_applications.commercial"] = 7
    context = document_context(report, draft_mark=False)
    table2 = _table(context, "table2")
    texts = [c["text"] for g in table2["groups"] for r in g["rows"] for c in r["cells"]]
    assert "5949.088667" in texts
    assert "3985758" in texts
    table3 = _table(context, "table3")
    first = table3["groups"][0]["rows"][0]["cells"]
    assert [c["text"] for c in first[1:]] == ["0", "7", "0", "0", "0", "0", "7"]
    assert all(c["tag"] == "td" and c["cls"] == "num digits-1" for c in first[1:])


def test_amount_keeps_clerks_decimals() -> None:
    report = new_report(Meta(agency="某局", year=2024))
    report.cells["table2.fees.amount"] = Decimal("0.50")
    table = _table(document_context(report, draft_mark=False), "table2")
    assert table["groups"][-1]["rows"][-1]["cells"][1]["text"] == "0.50"


def test_narrative_numbering(example: Report) -> None:
    context = document_context(example, draft_mark=False)
    overview = context["sections"][0]["paragraphs"]
    assert overview[0]["lead"] == ""
    assert [p["lead"] for p in overview[1:]] == [
        "1.主动公开方面。",
        "2.依申请公开工作方面。",
        "3.政府信息管理方面。",
        "4.平台建设方面。",
        "5.监督保障方面。",
    ]
    other = context["sections"][5]["paragraphs"]
    assert other[0]["lead"] == "1.政府信息公开收费方面："
    assert len(context["sections"][4]["paragraphs"]) == 2
    assert len(context["preface"]) == 2


def test_numbered_items_skip_empty_and_keep_extra_paragraphs() -> None:
    report = new_report(Meta(agency="某局", year=2024))
    report.other_items = [
        TextItem("processing_fee", "信息处理费", ""),
        TextItem("custom", "", "第一段\n\n第二段"),
    ]
    paras = document_context(report, draft_mark=False)["sections"][5]["paragraphs"]
    assert [(p["lead"], p["text"]) for p in paras] == [("1.", "第一段"), ("", "第二段")]


def test_level2_lead_in_paragraphs() -> None:
    (para,) = paragraphs("（一）加强组织领导。成立工作专班。")
    assert (para["lead"], para["lead_cls"], para["text"]) == (
        "（一）加强组织领导。",
        "level2",
        "成立工作专班。",
    )
    (plain,) = paragraphs("  一般段落（一）不是标题。 ")
    assert plain == {"lead": "", "lead_cls": "", "text": "一般段落（一）不是标题。"}


def test_context_is_plain_data(example: Report) -> None:
    def check(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert value is None or isinstance(value, (str, int, bool)), repr(value)

    check(document_context(example, draft_mark=True))


def test_every_label_of_the_declaration_is_in_the_context(example: Report) -> None:
    context = document_context(example, draft_mark=False)
    for table_decl in (TABLE2, TABLE3, TABLE4):
        table = _table(context, table_decl.id)
        rows = [*table["head"], *(r for g in table["groups"] for r in g["rows"])]
        printed = {c["prefix"] + c["text"] for row in rows for c in row["cells"]}
        assert set(official_labels(table_decl.id)) <= printed


def official_labels(table_id: str) -> list[str]:
    """Every label the declaration prints for a table (used by the PDF and DOCX tests too)."""
    table = FORMAT_2021.table(table_id)
    labels = [cell.label for row in table.header for cell in row]
    for block in table.blocks:
        labels += [block.caption, block.corner] if block.caption else []
        if table.layout != "strip":
            labels += _node_labels(block.rows)
        if table.layout == "blocks":
            labels += [column.label for column in block.columns]
    return [label for label in dict.fromkeys(labels) if label]


def _node_labels(nodes: tuple[RowNode, ...]) -> list[str]:
    labels: list[str] = []
    for node in nodes:
        labels.append(node.label)
        labels += _node_labels(node.children)
    return labels


def test_draft_mark_follows_errors(example: Report) -> None:
    assert draft_mark_for(example, None) is False
    assert draft_mark_for(example, True) is True
    assert draft_mark_for(example, False) is False
    broken = example.copy()
    broken.cells["table3.new_applications.natural_person"] = 5  # 一 + 二 ≠ 三（七）+ 四
    assert draft_mark_for(broken, None) is True


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=7, max_size=7))
def test_printed_totals_come_from_the_model(numbers: list[int]) -> None:
    report = new_report(Meta(agency="某局", year=2024))
    columns = [c for c in TABLE3.blocks[0].columns if not c.computed]
    for column, number in zip(columns, numbers[:6], strict=True):
        report.cells[cell_id("table3", "disclosed", column.id)] = number
    report.cells[cell_id("table3", "withheld_inquiry", "natural_person")] = numbers[6]
    table = _table(document_context(report, draft_mark=False), "table3")
    rows = {row["id"]: row for group in table["groups"] for row in group["rows"]}
    disclosed = [c["text"] for c in rows["disclosed"]["cells"] if c["tag"] == "td"]
    assert disclosed == [str(n) for n in numbers[:6]] + [str(sum(numbers[:6]))]
    total = [c["text"] for c in rows["results_total"]["cells"] if c["tag"] == "td"]
    assert total[0] == str(numbers[0] + numbers[6])
    assert total[-1] == str(sum(numbers))
