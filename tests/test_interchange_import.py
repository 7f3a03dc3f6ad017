"""Importing the long form (table,row,column,value) from CSV and XLSX files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from report_desktop.domain.values import CellValue
from report_desktop.interchange import (
    CellImport,
    CellImportError,
    ImportProblem,
    Severity,
    import_cells,
    import_cells_text,
)

FIXTURES = Path(__file__).parent / "fixtures"

VALID_VALUES: dict[str, CellValue] = {
    "table2.rules.issued": 0,
    "table2.rules.repealed": 1,
    "table2.rules.in_force": 3,
    "table2.normative_documents.issued": 2,
    "table2.normative_documents.repealed": 0,
    "table2.normative_documents.in_force": 15,
    "table2.licensing.decisions": 1203,
    "table2.punishment.decisions": 3985758,
    "table2.coercion.decisions": None,
    "table2.fees.amount": Decimal("5949.088667"),
    "table3.new_applications.natural_person": 10,
    "table3.new_applications.commercial": 2,
    "table3.carried_over.natural_person": 1,
    "table3.disclosed.natural_person": 6,
    "table3.disclosed.commercial": 1,
    "table3.partially_disclosed.natural_person": 1,
    "table3.withheld_state_secret.natural_person": 1,
    "table3.unavailable_not_held.natural_person": 2,
    "table3.not_processed_repeated.commercial": 1,
    "table3.other_handling_misc.natural_person": 0,
    "table3.carried_forward.natural_person": 1,
    "table4.review.upheld": 1,
    "table4.review.corrected": 1,
    "table4.litigation_direct.pending": 1,
}

HEADER = ("table", "row", "column", "value")


def problems_at(result: CellImport, line: int | None) -> list[ImportProblem]:
    return [p for p in result.problems if p.line == line]


def only_error_at(result: CellImport, line: int) -> ImportProblem:
    found = problems_at(result, line)
    assert len(found) == 1, found
    assert found[0].severity is Severity.ERROR
    return found[0]


def csv_text(*rows: Sequence[str]) -> str:
    return "\n".join(",".join(row) for row in (HEADER, *rows)) + "\n"


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], *, extra_sheet: str = "") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    if extra_sheet:
        workbook.create_sheet(extra_sheet)
    workbook.save(path)
    return path


# Well-formed files ------------------------------------------------------------------------------


def test_well_formed_csv_is_imported_exactly() -> None:
    result = import_cells(FIXTURES / "cells-valid.csv")
    assert result.problems == ()
    assert result.ok
    assert result.values == VALID_VALUES


def test_amounts_keep_the_clerks_decimals() -> None:
    result = import_cells_text(
        csv_text(("二", "行政事业性收费", "本年收费金额（单位：万元）", "12.50"))
    )
    value = result.values["table2.fees.amount"]
    assert isinstance(value, Decimal)
    assert str(value) == "12.50"


def test_gb18030_csv_as_excel_writes_it_on_chinese_windows(tmp_path: Path) -> None:
    text = (FIXTURES / "cells-valid.csv").read_text(encoding="utf-8")
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    result = import_cells(path)
    assert result.problems == ()
    assert result.values == VALID_VALUES


def test_utf8_csv_with_bom_and_chinese_header_and_tolerant_labels() -> None:
    result = import_cells(FIXTURES / "cells-tolerant.csv")
    assert result.problems == ()
    assert result.values == {
        "table2.rules.repealed": 1,
        "table2.normative_documents.issued": 1234,
        "table3.disclosed.natural_person": 3,
        "table3.withheld_state_secret.natural_person": 1,
        "table3.withheld_state_secret.commercial": 2,
        "table3.withheld_security.natural_person": 4,
        "table3.withheld_security.commercial": 5,
        "table3.other_handling_misc.other_org": 6,
        "table3.partially_disclosed.legal_service": 7,
        "table4.litigation_after_review.upheld": 8,
        "table4.review.pending": 9,
        "table2.fees.amount": Decimal("0.50"),
    }


def test_header_columns_may_come_in_any_order_with_extra_columns() -> None:
    text = "备注,值,列,行,表\n说明,5,自然人,（一）予以公开,三\n"
    result = import_cells_text(text)
    assert result.problems == ()
    assert result.values == {"table3.disclosed.natural_person": 5}


def test_tab_separated_text_as_pasted_from_a_spreadsheet() -> None:
    result = import_cells_text("表\t行\t列\t值\n四\t行政复议\t结果维持\t3\n")
    assert result.values == {"table4.review.upheld": 3}


def test_blank_lines_are_skipped_and_line_numbers_stay_those_of_the_sheet() -> None:
    text = csv_text(
        ("二", "规章", "本年制发件数", "1"), ("", "", "", ""), ("五", "规章", "本年制发件数", "1")
    )
    result = import_cells_text(text)
    assert only_error_at(result, 4).message.startswith("没有“五”这张表")


def test_an_empty_value_means_not_filled() -> None:
    result = import_cells_text(csv_text(("二", "规章", "本年制发件数", " ")))
    assert result.values == {"table2.rules.issued": None}
    assert result.ok


def test_header_only_is_a_warning_not_an_error() -> None:
    result = import_cells_text("表,行,列,值\n")
    assert result.values == {}
    assert result.ok
    assert [p.severity for p in result.problems] == [Severity.WARNING]
    assert "没有数据" in result.problems[0].describe()


def test_consistent_stated_totals_are_accepted_and_not_imported() -> None:
    result = import_cells(FIXTURES / "cells-valid.csv")
    assert not any(cell.endswith(".total") for cell in result.values)
    assert "table3.results_total.natural_person" not in result.values


# Broken files -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def broken() -> CellImport:
    return import_cells(FIXTURES / "cells-broken.csv")


def test_broken_file_still_returns_what_it_understood(broken: CellImport) -> None:
    assert not broken.ok
    assert broken.values == {
        "table2.rules.issued": 3,
        "table2.rules.repealed": 0,
        "table3.partially_disclosed.natural_person": 2,
        "table4.review.upheld": None,
    }
    lines = [p.line or 0 for p in broken.problems]
    assert lines == sorted(lines)


def test_unknown_row_names_line_label_and_close_label(broken: CellImport) -> None:
    problem = only_error_at(broken, 3)
    assert problem.describe() == "第3行：表二中没有“规章呀”这一行。是否应为“规章”？"
    assert problem.suggestion == "规章"


def test_column_of_another_block(broken: CellImport) -> None:
    message = only_error_at(broken, 4).message
    assert "“行政许可”这一行没有“本年制发件数”这一列" in message
    assert "本年处理决定数量" in message


@pytest.mark.parametrize(
    ("line", "cell", "words"),
    [
        (5, "table3.disclosed.natural_person", "负数"),
        (6, "table3.disclosed.commercial", "不是整数"),
        (7, "table3.disclosed.research", "不是数字"),
    ],
)
def test_bad_values(broken: CellImport, line: int, cell: str, words: str) -> None:
    problem = only_error_at(broken, line)
    assert problem.cell == cell
    assert problem.message.startswith("表三“（一）予以公开”")
    assert words in problem.message
    assert cell not in broken.values


def test_duplicate_cell_with_different_values_is_an_error(broken: CellImport) -> None:
    problem = only_error_at(broken, 8)
    assert problem.cell == "table2.rules.issued"
    assert "在第2行填写为“3”，本行又填写为“4”" in problem.message
    assert broken.values["table2.rules.issued"] == 3


def test_duplicate_cell_with_the_same_value_is_a_warning(broken: CellImport) -> None:
    (problem,) = problems_at(broken, 10)
    assert problem.severity is Severity.WARNING
    assert "第9行" in problem.message


@pytest.mark.parametrize(
    ("line", "cell", "stated", "computed"),
    [
        (12, "table3.partially_disclosed.total", "3", "2"),
        (17, "table4.review.total", "5", "0"),
        (18, "table3.results_total.legal_service", "1", "0"),
    ],
)
def test_stated_total_mismatch_names_line_and_both_numbers(
    broken: CellImport, line: int, cell: str, stated: str, computed: str
) -> None:
    problem = only_error_at(broken, line)
    assert problem.cell == cell
    assert f"文件中的合计为{stated}，按导入的各项数据计算应为{computed}" in problem.message


def test_unknown_table(broken: CellImport) -> None:
    assert only_error_at(broken, 13).message == "没有“五”这张表（“表”一栏应为 二、三、四）。"


def test_group_heading_is_not_a_cell(broken: CellImport) -> None:
    message = only_error_at(broken, 14).message
    assert message.startswith("“（三）不予公开”是表三的分组标题")
    assert "1.属于国家秘密" in message


def test_a_wrong_leaf_number_is_reported_with_a_suggestion(broken: CellImport) -> None:
    problem = only_error_at(broken, 15)
    assert "“2.属于国家秘密”" in problem.message
    assert problem.suggestion == "1.属于国家秘密"


def test_missing_label(broken: CellImport) -> None:
    assert only_error_at(broken, 20).message == "缺少“行”：每行都要写明表、行、列。"


def test_every_line_with_a_problem_is_reported(broken: CellImport) -> None:
    assert {p.line for p in broken.errors} == {3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 17, 18, 20}


def test_total_over_a_refused_value_is_not_compared() -> None:
    text = csv_text(
        ("三", "（一）予以公开", "自然人", "五个"),
        ("三", "（七）总计", "自然人", "5"),
        ("三", "（七）总计", "总计", "5"),
    )
    result = import_cells_text(text)
    assert [p.line for p in result.errors] == [2]


def test_total_row_total_is_checked_against_all_result_rows() -> None:
    text = csv_text(
        ("三", "（一）予以公开", "自然人", "2"),
        ("三", "2.重复申请", "商业企业", "3"),
        ("三", "（七）总计", "总计", "6"),
    )
    problem = only_error_at(import_cells_text(text), 4)
    assert problem.cell == "table3.results_total.total"
    assert "合计为6，按导入的各项数据计算应为5" in problem.message


def test_swapped_row_and_column_are_pointed_out() -> None:
    result = import_cells_text(csv_text(("三", "自然人", "（一）予以公开", "1")))
    messages = [p.message for p in result.errors]
    assert "行与列是否填反了" in messages[0]
    assert len(messages) == 2


def test_label_of_another_table_is_pointed_out() -> None:
    result = import_cells_text(csv_text(("四", "规章", "结果维持", "1")))
    assert "“规章”是表二的行，请检查“表”一栏" in only_error_at(result, 2).message


def test_the_2019_trial_format_is_named() -> None:
    result = import_cells(FIXTURES / "cells-2019.csv")
    assert {p.line for p in result.errors} == {2, 3, 4, 5, 6}
    for problem in result.errors:
        assert "2019年试行格式（国办公开办函〔2019〕60号）" in problem.message
        assert "不是2021年格式（国办公开办函〔2021〕30号）" in problem.message
        assert problem.suggestion == ""
    first = only_error_at(result, 2)
    assert first.message.startswith("“本年新制作数量”是2019年试行格式")
    assert result.values == {"table3.disclosed.natural_person": 2}


# Files that cannot be imported ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("cells.txt", b"table,row,column,value\n", "只能导入.csv或.xlsx"),
        ("cells.xls", b"\xd0\xcf\x11\xe0junk", "另存为.xlsx或.csv"),
        ("cells.csv", b"", "文件是空的"),
        ("cells.csv", b"\r\n  \r\n", "文件是空的"),
        ("cells.csv", b"PK\x03\x04rest of a zip", "Excel工作簿"),
        ("cells.csv", b"\x00\x01\x02\x03binary", "不是文本"),
        ("cells.csv", "表,行,列\n三,（一）予以公开,自然人\n".encode(), "应为表头"),
        ("cells.csv", "二,规章,本年制发件数,1\n".encode(), "第1行应为表头"),
        ("cells.xlsx", b"not a zip at all", "无法打开Excel文件"),
        ("cells.xlsx", b"PK\x03\x04broken zip", "无法打开Excel文件"),
    ],
)
def test_unreadable_files_raise_a_typed_error_in_chinese(
    tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CellImportError) as caught:
        import_cells(path)
    assert words in caught.value.message
    assert str(caught.value) == caught.value.message


def test_undecodable_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    path.write_bytes(b"table,row,column,value\n\x81\x30\xff\xff\n")
    with pytest.raises(CellImportError, match="文字编码"):
        import_cells(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(CellImportError, match="找不到文件"):
        import_cells(tmp_path / "missing.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(CellImportError, match="是文件夹"):
        import_cells(folder)


def test_too_large_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("report_desktop.interchange.sheet.MAX_FILE_BYTES", 10)
    path = tmp_path / "cells.csv"
    path.write_text("table,row,column,value\n", encoding="utf-8")
    with pytest.raises(CellImportError, match="文件过大"):
        import_cells(path)


# XLSX -------------------------------------------------------------------------------------------


def test_xlsx_with_numeric_cells(tmp_path: Path) -> None:
    rows = [
        ("表", "行", "列", "值"),
        ("二", "行政事业性收费", "本年收费金额（单位：万元）", 0.1),
        (2, "规章", "本年制发件数", 5),
        (3, "（一）予以公开", "自然人", 7.0),
        ("四", "行政复议", "结果维持", "1,234"),
        ("四", "行政复议", "结果纠正", None),
    ]
    result = import_cells(write_xlsx(tmp_path / "cells.xlsx", rows))
    assert result.problems == ()
    assert result.values == {
        "table2.fees.amount": Decimal("0.1"),
        "table2.rules.issued": 5,
        "table3.disclosed.natural_person": 7,
        "table4.review.upheld": 1234,
        "table4.review.corrected": None,
    }
    assert str(result.values["table2.fees.amount"]) == "0.1"


def test_xlsx_number_format_restores_trailing_zeros_without_rounding(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(("二", "行政事业性收费", "本年收费金额（单位：万元）", 12.5))
    sheet["D2"].number_format = "#,##0.00"
    sheet.append(("二", "规章", "本年制发件数", 3))
    sheet["D3"].number_format = "0.00"
    workbook.save(tmp_path / "cells.xlsx")
    result = import_cells(tmp_path / "cells.xlsx")
    assert str(result.values["table2.fees.amount"]) == "12.50"
    assert result.values["table2.rules.issued"] == 3


def test_xlsx_amount_with_more_decimals_than_shown_is_kept_exactly(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(("二", "行政事业性收费", "本年收费金额（单位：万元）", 5949.088667))
    sheet["D2"].number_format = "0.00"
    workbook.save(tmp_path / "cells.xlsx")
    assert import_cells(tmp_path / "cells.xlsx").values == {
        "table2.fees.amount": Decimal("5949.088667")
    }


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1.5, "不是整数"),
        (-3, "负数"),
        (True, "不是数字"),
        (dt.datetime(2024, 1, 1), "不是数字"),
        ("一百", "不是数字"),
    ],
)
def test_xlsx_bad_count_values(tmp_path: Path, value: object, words: str) -> None:
    rows = [HEADER, ("三", "（一）予以公开", "自然人", value)]
    result = import_cells(write_xlsx(tmp_path / "cells.xlsx", rows))
    problem = only_error_at(result, 2)
    assert words in problem.message
    assert result.values == {}


def test_xlsx_line_numbers_count_blank_rows(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet["A5"], sheet["B5"], sheet["C5"], sheet["D5"] = "三", "无此行", "自然人", 1
    workbook.save(tmp_path / "cells.xlsx")
    result = import_cells(tmp_path / "cells.xlsx")
    assert only_error_at(result, 5).message.startswith("表三中没有“无此行”这一行")


def test_xlsx_reads_the_first_sheet_and_warns_about_the_others(tmp_path: Path) -> None:
    rows = [HEADER, ("二", "规章", "本年制发件数", 1)]
    result = import_cells(write_xlsx(tmp_path / "cells.xlsx", rows, extra_sheet="说明"))
    assert result.values == {"table2.rules.issued": 1}
    assert result.ok
    (warning,) = result.warnings
    assert warning.line is None
    assert warning.describe() == "只读取了第一个工作表，其余工作表“说明”未导入。"


def test_xlsx_without_header_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "cells.xlsx", [("二", "规章", "本年制发件数", 1)])
    with pytest.raises(CellImportError, match="第1行应为表头"):
        import_cells(path)


def test_empty_xlsx_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CellImportError, match="文件是空的"):
        import_cells(write_xlsx(tmp_path / "cells.xlsx", []))


def test_xlsx_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "CELLS.XLSX", [HEADER, ("四", "复议后起诉", "结果维持", 2)])
    assert import_cells(path).values == {"table4.litigation_after_review.upheld": 2}
