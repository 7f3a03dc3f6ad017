"""Exporting every cell as the long form, and the export → import round trip."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_desktop.domain import model
from report_desktop.domain.declaration import (
    Block,
    Column,
    ReportFormat,
    RowNode,
    Section,
    Table,
    ValueKind,
)
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Report
from report_desktop.domain.values import CellValue
from report_desktop.interchange import (
    cells_to_csv_text,
    export_cells_csv,
    import_cells,
    import_cells_text,
)

FIXTURES = Path(__file__).parent / "fixtures"


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def sample_report() -> Report:
    return Report(
        cells={
            "table2.fees.amount": Decimal("12.500"),
            "table2.punishment.decisions": 3985758,
            "table3.new_applications.natural_person": 4,
            "table3.new_applications.other_org": 1,
            "table3.disclosed.natural_person": 3,
            "table3.withheld_state_secret.commercial": 2,
            "table4.litigation_direct.corrected": 1,
            "table4.litigation_direct.pending": 2,
        }
    )


def test_every_cell_in_declaration_order_with_official_labels() -> None:
    rows = rows_of(cells_to_csv_text(sample_report()))
    assert rows[0] == ["table", "row", "column", "value"]
    body = rows[1:]
    assert len(body) == len(FORMAT_2021.cells)
    names = {"table2": "二", "table3": "三", "table4": "四"}
    expected = [[names[s.table.id], s.row.label, s.column.label] for s in FORMAT_2021.cells]
    assert [row[:3] for row in body] == expected


def test_values_totals_and_unfilled_cells() -> None:
    values = {(r[0], r[1], r[2]): r[3] for r in rows_of(cells_to_csv_text(sample_report()))[1:]}
    assert values["二", "行政事业性收费", "本年收费金额（单位：万元）"] == "12.500"
    assert values["二", "行政处罚", "本年处理决定数量"] == "3985758"
    assert values["二", "规章", "本年制发件数"] == ""
    assert values["三", "一、本年新收政府信息公开申请数量", "总计"] == "5"
    assert values["三", "（七）总计", "商业企业"] == "2"
    assert values["三", "（七）总计", "总计"] == "5"
    assert values["三", "（七）总计", "自然人"] == "3"
    assert values["三", "四、结转下年度继续办理", "总计"] == "0"
    assert values["四", "未经复议直接起诉", "总计"] == "3"
    assert values["四", "行政复议", "总计"] == "0"


def test_csv_text_has_crlf_lines_and_no_bom() -> None:
    text = cells_to_csv_text(sample_report())
    assert not text.startswith("\ufeff")
    assert text.startswith("table,row,column,value\r\n")
    assert text.count("\r\n") == len(FORMAT_2021.cells) + 1


def test_exported_file_is_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    export_cells_csv(sample_report(), path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == cells_to_csv_text(sample_report())


def test_export_goes_through_the_atomic_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Path, bytes]] = []
    monkeypatch.setattr(
        "report_desktop.interchange.cells.atomic_write_bytes",
        lambda path, data: calls.append((path, data)),
    )
    export_cells_csv(sample_report(), str(tmp_path / "cells.csv"))
    assert [path for path, _ in calls] == [tmp_path / "cells.csv"]
    assert not (tmp_path / "cells.csv").exists()


def test_failed_export_leaves_the_old_file_and_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export_cells_csv(sample_report(), tmp_path / "missing-folder" / "cells.csv")
    assert list(tmp_path.iterdir()) == []


def test_export_then_import_gives_back_the_cells(tmp_path: Path) -> None:
    report = sample_report()
    path = tmp_path / "cells.csv"
    export_cells_csv(report, path)
    result = import_cells(path)
    assert result.problems == ()
    filled = {cell: value for cell, value in result.values.items() if value is not None}
    assert filled == report.cells
    assert set(result.values) == {spec.id for spec in FORMAT_2021.leaf_cells}


def test_imported_fixture_exports_with_its_stated_totals(tmp_path: Path) -> None:
    imported = import_cells(FIXTURES / "cells-valid.csv")
    text = cells_to_csv_text(Report(cells=dict(imported.values)))
    source = {tuple(r[:3]): r[3] for r in rows_of((FIXTURES / "cells-valid.csv").read_text())[1:]}
    exported = {tuple(r[:3]): r[3] for r in rows_of(text)[1:]}
    for key, value in source.items():
        assert exported[key] == value.replace(",", ""), key


# A format where a leaf label repeats: the export names such rows with their heading -----------


def test_export_qualifies_a_repeated_leaf_label(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = (
        RowNode("a", "（一）甲类", children=(RowNode("a_misc", "1.其他"),)),
        RowNode("b", "（二）乙类", children=(RowNode("b_misc", "1.其他"),)),
    )
    table = Table("t", "表一", blocks=(Block("main", (Column("n", "件数"),), rows),))
    fmt = ReportFormat(
        edition="test-repeating",
        name="测试格式",
        basis="测试",
        sections=(Section("s", "一", "一、测试", table="t"),),
        tables=(table,),
        overview_parts=(),
        other_items=(),
        overview_limit=1000,
    )
    monkeypatch.setitem(model.FORMATS, fmt.edition, fmt)
    report = Report(cells={"t.a_misc.n": 1, "t.b_misc.n": 2}, edition=fmt.edition)
    text = cells_to_csv_text(report)
    assert rows_of(text)[1:] == [
        ["一", "（一）甲类 1.其他", "件数", "1"],
        ["一", "（二）乙类 1.其他", "件数", "2"],
    ]
    result = import_cells_text(text, fmt)
    assert result.problems == ()
    assert result.values == report.cells


# Property: export → import is the identity on typed cells ---------------------------------------


def amounts() -> st.SearchStrategy[Decimal]:
    return st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(min_value=0, max_value=ValueKind.AMOUNT.plausible_maximum),  # read back
        st.integers(min_value=0, max_value=6),
    )


def cell_values() -> st.SearchStrategy[dict[str, CellValue]]:
    strategies: dict[str, st.SearchStrategy[CellValue]] = {}
    for spec in FORMAT_2021.leaf_cells:
        filled = amounts() if spec.kind is ValueKind.AMOUNT else st.integers(0, 10**7)
        strategies[spec.id] = st.one_of(st.none(), filled)
    return st.fixed_dictionaries(strategies)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=cell_values())
def test_round_trip_through_a_csv_file(tmp_path: Path, values: dict[str, CellValue]) -> None:
    path = tmp_path / "round-trip.csv"
    export_cells_csv(Report(cells=values), path)
    result = import_cells(path)
    assert result.problems == ()
    assert result.values == values
    exact = {cell: (type(v), str(v)) for cell, v in values.items()}
    assert {cell: (type(v), str(v)) for cell, v in result.values.items()} == exact
