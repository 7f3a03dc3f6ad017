"""What the import tests share: the expected cells of the fixtures, a Word file built as Word does.

The fixtures under ``tests/fixtures/import/`` were written for these tests (no published report's
prose is copied); their figures are spelt out here a second time, by hand, so that every cell a
test reads is compared with a value written independently of the importer.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.values import CellValue

FIXTURES = Path(__file__).parent / "fixtures" / "import"

TABLE3_ROWS = (
    "new_applications",
    "carried_over",
    "disclosed",
    "partially_disclosed",
    "withheld_state_secret",
    "withheld_prohibited",
    "withheld_security",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process",
    "withheld_enforcement_files",
    "withheld_inquiry",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "not_processed_petition",
    "not_processed_repeated",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
    "other_handling_no_correction",
    "other_handling_unpaid_fee",
    "other_handling_misc",
    "carried_forward",
)
APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
)
OUTCOMES = ("upheld", "corrected", "other_result", "pending")
TABLE4_ROWS = ("review", "litigation_direct", "litigation_after_review")
ZERO = (0, 0, 0, 0, 0, 0)

# 云岭市水务局 2024 (word-pasted.html and the Word file built below) ----------------------------

WATER_TABLE2: dict[str, CellValue] = {
    "rules.issued": 0,
    "rules.repealed": 0,
    "rules.in_force": 2,
    "normative_documents.issued": 3,
    "normative_documents.repealed": 1,
    "normative_documents.in_force": 15,
    "licensing.decisions": 1234,
    "punishment.decisions": 56,
    "coercion.decisions": None,
    "fees.amount": Decimal("12.50"),
}
WATER_TABLE3: dict[str, tuple[int | None, ...]] = {
    "new_applications": (40, 5, None, 1, 2, 0),
    "carried_over": (3, 0, 0, 0, 0, 0),
    "disclosed": (20, 2, 0, 0, 1, 0),
    "partially_disclosed": (5, 1, 0, 0, 0, 0),
    "withheld_third_party": (2, 0, 0, 0, 0, 0),
    "unavailable_not_held": (8, 1, 0, 1, 0, 0),
    "unavailable_needs_creation": (1, 0, 0, 0, 0, 0),
    "not_processed_petition": (2, 0, 0, 0, 0, 0),
    "not_processed_repeated": (1, 0, 0, 0, 0, 0),
    "other_handling_no_correction": (1, 0, 0, 0, 0, 0),
    "carried_forward": (3, 1, 0, 0, 1, 0),
}
WATER_TABLE4 = ((1, 0, 0, 1), (0, 1, 0, 0), (None, 0, 0, 0))
WATER_BLANKS = {
    "table2.coercion.decisions",
    "table3.new_applications.research",
    "table4.litigation_after_review.upheld",
}

# 云岭市交通运输局 2024 (cms-variants.html) -------------------------------------------------------

ROADS_TABLE2: dict[str, CellValue] = {
    "rules.issued": 0,
    "rules.repealed": 0,
    "rules.in_force": 0,
    "normative_documents.issued": 2,
    "normative_documents.repealed": None,
    "normative_documents.in_force": 9,
    "licensing.decisions": 86,
    "punishment.decisions": 1024,
    "coercion.decisions": 7,
    "fees.amount": Decimal("3.456789"),
}
ROADS_TABLE3: dict[str, tuple[int | None, ...]] = {
    "new_applications": (15, 2, 0, 0, 2, 0),
    "carried_over": (1, 0, 0, 0, 0, 0),
    "disclosed": (9, 1, 0, 0, 1, 0),
    "partially_disclosed": (2, 0, 0, 0, 0, 0),
    "unavailable_not_held": (3, 1, 0, 0, 1, 0),
    "not_processed_petition": (1, 0, 0, 0, 0, 0),
}
ROADS_TABLE4 = ((0, 0, 0, 0), (0, 0, 0, 0), (0, 0, 0, 0))


def expected_cells(
    table2: dict[str, CellValue],
    table3: dict[str, tuple[int | None, ...]],
    table4: tuple[tuple[int | None, ...], ...],
) -> dict[str, CellValue]:
    """Every leaf cell of the format; table 3 rows not listed are all 0."""
    cells: dict[str, CellValue] = {f"table2.{key}": value for key, value in table2.items()}
    for row in TABLE3_ROWS:
        for column, value in zip(APPLICANTS, table3.get(row, ZERO), strict=True):
            cells[f"table3.{row}.{column}"] = value
    for row, values in zip(TABLE4_ROWS, table4, strict=True):
        for column, value in zip(OUTCOMES, values, strict=True):
            cells[f"table4.{row}.{column}"] = value
    assert set(cells) == {spec.id for spec in FORMAT_2021.leaf_cells}
    return cells


def filled(cells: dict[str, CellValue]) -> dict[str, CellValue]:
    return {key: value for key, value in cells.items() if value is not None}


# A Word file as Word writes one: runs split mid-word, merged cells, blank cells ----------------


def _row_values(values: tuple[int | None, ...]) -> list[str]:
    total = sum(v or 0 for v in values)
    return ["" if v is None else str(v) for v in values] + [str(total)]


def build_word_file(path: Path) -> None:
    """The 云岭市水务局 report as a .docx, with the merges and split runs Word produces."""
    from docx import Document

    document = Document()
    document.core_properties.title = "年度报告"
    _runs(document.add_paragraph(), "云岭市", "水务局")
    _runs(document.add_paragraph(), "2024", "年政府信息公开工作年度报告")
    _runs(document.add_paragraph(), "本报告统计期限为2024年1月1日至12月31日。")
    _runs(document.add_paragraph(), "一、", "总体情况")
    _runs(document.add_paragraph(), "本局全面推进政务公开。")
    _runs(document.add_paragraph(), "（一）", "主动公开。全年主动公开信息", "312", "条。")
    _runs(document.add_paragraph(), "（二）依申请公开。全年新收申请48件。")
    _runs(document.add_paragraph(), "二、主动公开政府信息情况")
    _table2(document)
    _runs(document.add_paragraph(), "三、收到和处理政府信息公开申请情况")
    _table3(document)
    _runs(document.add_paragraph(), "四、政府信息公开行政复议、行政诉讼情况")
    _table4(document)
    _runs(document.add_paragraph(), "五、存在的主要问题及改进情况")
    paragraph = document.add_paragraph()
    _runs(paragraph, "栏目更新不够及时。")
    paragraph.add_run().add_break()
    _runs(paragraph, "下一步建立巡查机制。")
    _runs(document.add_paragraph(), "六、其他需要报告的事项")
    _runs(document.add_paragraph(), "1.政府信息公开信息处理费收取情况：本年度未收取信息处理费。")
    _runs(document.add_paragraph(), "云岭市水务局")
    _runs(document.add_paragraph(), "2025年1月20日")
    document.save(str(path))


def _runs(paragraph: Any, *texts: str) -> None:
    for text in texts:
        paragraph.add_run(text)


def _set(cell: Any, *texts: str) -> None:
    paragraph = cell.paragraphs[0]
    _runs(paragraph, *texts)


def _table2(document: Any) -> None:
    table = document.add_table(rows=14, cols=4)
    values = WATER_TABLE2

    def shown(key: str) -> str:
        value = values[key]
        return "" if value is None else f"{value:,}" if isinstance(value, int) else str(value)

    layout = [
        ("第二十条第（一）项",),
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", *(shown(f"rules.{c}") for c in ("issued", "repealed", "in_force"))),
        (
            "行政规范性文件",
            *(shown(f"normative_documents.{c}") for c in ("issued", "repealed", "in_force")),
        ),
        ("第二十条第（五）项",),
        ("信息内容", "本年处理决定数量"),
        ("行政许可", shown("licensing.decisions")),
        ("第二十条第（六）项",),
        ("信息内容", "本年处理决定数量"),
        ("行政处罚", shown("punishment.decisions")),
        ("行政强制", shown("coercion.decisions")),
        ("第二十条第（八）项",),
        ("信息内容", "本年收费金额（单位：万元）"),
        ("行政事业性收费", shown("fees.amount")),
    ]
    for index, texts in enumerate(layout):
        row = table.rows[index].cells
        if len(texts) == 1:
            row[0].merge(row[3])
        elif len(texts) == 2:
            row[1].merge(row[3])
        for column, text in enumerate(texts):
            _set(table.rows[index].cells[column], text)


def _table3(document: Any) -> None:
    labels = _table3_labels()
    table = document.add_table(rows=3 + len(labels), cols=10)
    cells = table.rows
    cells[0].cells[0].merge(cells[2].cells[2])
    _set(
        cells[0].cells[0],
        "（本列数据的勾稽关系为：第一项加第二项之和，",
        "等于第三项加第四项之和）",
    )
    cells[0].cells[3].merge(cells[0].cells[9])
    _set(cells[0].cells[3], "申请人情况")
    cells[1].cells[3].merge(cells[2].cells[3])
    _set(cells[1].cells[3], "自然人")
    cells[1].cells[4].merge(cells[1].cells[8])
    _set(cells[1].cells[4], "法人或其他组织")
    cells[1].cells[9].merge(cells[2].cells[9])
    _set(cells[1].cells[9], "总计")
    for column, text in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")):
        _set(cells[2].cells[4 + column], text)
    _table3_labels_into(table, labels)
    for offset, (row_id, _, _) in enumerate(labels):
        values = _table3_values(row_id)
        for column, text in enumerate(values):
            _set(table.rows[3 + offset].cells[3 + column], text)


def _table3_labels() -> list[tuple[str, str, str]]:
    """(row id or total, group heading, label) in printed order."""
    spec = FORMAT_2021.table("table3").blocks[0]
    rows: list[tuple[str, str, str]] = []
    for node in spec.rows:
        if not node.children:
            rows.append((node.id, "", node.label))
            continue
        for child in node.children:
            if child.children:
                rows.extend((leaf.id, child.label, leaf.label) for leaf in child.children)
            else:
                rows.append((child.id, "", child.label))
    return rows


def _table3_labels_into(table: Any, labels: list[tuple[str, str, str]]) -> None:
    first_result = next(i for i, (row, _, _) in enumerate(labels) if row == "disclosed")
    last_result = next(i for i, (row, _, _) in enumerate(labels) if row == "results_total")
    rows = table.rows
    rows[3 + first_result].cells[0].merge(rows[3 + last_result].cells[0])
    _set(rows[3 + first_result].cells[0], "三、本年度", "办理结果")
    groups: dict[str, list[int]] = {}
    for index, (_, group, label) in enumerate(labels):
        row = rows[3 + index].cells
        if first_result <= index <= last_result:
            if group:
                groups.setdefault(group, []).append(index)
                _set(row[2], label[:2], label[2:])
            else:
                row[1].merge(row[2])
                _set(row[1], label)
        else:
            row[0].merge(row[2])
            _set(row[0], label)
    for group, indexes in groups.items():
        top = rows[3 + indexes[0]].cells[1]
        top.merge(rows[3 + indexes[-1]].cells[1])
        _set(top, group)


def _table3_values(row_id: str) -> list[str]:
    if row_id == "results_total":
        results = TABLE3_ROWS[2:-1]
        sums = tuple(sum((WATER_TABLE3.get(r, ZERO)[c] or 0) for r in results) for c in range(6))
        return _row_values(sums)
    return _row_values(WATER_TABLE3.get(row_id, ZERO))


def _table4(document: Any) -> None:
    table = document.add_table(rows=4, cols=15)
    rows = table.rows
    rows[0].cells[0].merge(rows[0].cells[4])
    _set(rows[0].cells[0], "行政复议")
    rows[0].cells[5].merge(rows[0].cells[14])
    _set(rows[0].cells[5], "行政诉讼")
    labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    for column, label in enumerate(labels):
        rows[1].cells[column].merge(rows[2].cells[column])
        _set(rows[1].cells[column], label)
    rows[1].cells[5].merge(rows[1].cells[9])
    _set(rows[1].cells[5], "未经复议直接起诉")
    rows[1].cells[10].merge(rows[1].cells[14])
    _set(rows[1].cells[10], "复议后起诉")
    for column, label in enumerate(labels * 2):
        _set(rows[2].cells[5 + column], label)
    values = [text for group in WATER_TABLE4 for text in _row_values(group)]
    for column, text in enumerate(values):
        _set(rows[3].cells[column], text)
