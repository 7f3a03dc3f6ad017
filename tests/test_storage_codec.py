"""report_to_dict / report_from_dict: canonical writing, strict types, lenient ranges."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, Report, TextItem, new_report
from report_desktop.storage import DraftEditionError, DraftValueError
from report_desktop.storage.codec import report_from_dict, report_to_dict
from report_desktop.storage.errors import describe

COUNT = "table3.disclosed.natural_person"
AMOUNT = "table2.fees.amount"


def _sample() -> Report:
    report = new_report(Meta(agency="环翠区统计局", year=2024, phone="5222557"))
    report.meta.publication_date = dt.date(2025, 1, 20)
    report.overview_parts[0].text = "主动公开78条。"
    report.cells = {COUNT: 3, AMOUNT: Decimal("0.50"), "table4.review.upheld": None}
    return report


def _data() -> dict[str, Any]:
    return report_to_dict(_sample())


def _error(data: object) -> DraftValueError:
    with pytest.raises(DraftValueError) as info:
        report_from_dict(data)
    return info.value


# Writing ------------------------------------------------------------------------------------


def test_keys_are_english_and_complete() -> None:
    data = _data()
    assert set(data) == {
        "meta",
        "preface",
        "overview_intro",
        "overview_parts",
        "problems",
        "other_items",
        "cells",
        "previous",
    }
    assert data["meta"] == {
        "agency": "环翠区统计局",
        "year": 2024,
        "website_name": "",
        "website": "",
        "address": "",
        "phone": "5222557",
        "publication_date": "2025-01-20",
    }
    assert data["overview_parts"][0] == {
        "key": "proactive",
        "title": "主动公开方面",
        "text": "主动公开78条。",
    }


def test_only_filled_cells_counts_as_ints_amounts_as_exact_strings() -> None:
    assert _data()["cells"] == {COUNT: 3, AMOUNT: "0.50"}


@pytest.mark.parametrize("amount", ["5949.088667", "0.50", "0", "0.000000", "12"])
def test_amount_digits_are_kept(amount: str) -> None:
    report = Report(cells={AMOUNT: Decimal(amount)})
    data = report_to_dict(report)
    assert data["cells"][AMOUNT] == amount
    assert str(report_from_dict(data).cells[AMOUNT]) == amount


def test_int_in_amount_cell_is_written_as_string() -> None:
    assert report_to_dict(Report(cells={AMOUNT: 7}))["cells"][AMOUNT] == "7"


def test_result_is_json_ready() -> None:
    text = json.dumps(_data(), ensure_ascii=False)
    assert "环翠区统计局" in text


@pytest.mark.parametrize(
    ("cells", "field"),
    [
        ({"table3.results_total.natural_person": 1}, "table3.results_total.natural_person"),
        ({"table3.disclosed.total": 1}, "table3.disclosed.total"),
        ({"table9.x.y": 1}, "table9.x.y"),
        ({COUNT: "3"}, COUNT),
        ({COUNT: True}, COUNT),
        ({AMOUNT: Decimal("NaN")}, AMOUNT),
        ({COUNT: 2.5}, COUNT),
    ],
)
def test_cells_that_could_not_be_read_back_are_refused(cells: dict[str, Any], field: str) -> None:
    with pytest.raises(DraftValueError) as info:
        report_to_dict(Report(cells=cells))
    assert info.value.field == f'report.cells["{field}"]'


def test_unknown_edition_is_refused_on_writing() -> None:
    with pytest.raises(DraftEditionError, match="2019"):
        report_to_dict(Report(edition="2019"))


# Reading: the happy and the lenient paths ---------------------------------------------------------


def test_round_trip() -> None:
    report = _sample()
    loaded = report_from_dict(report_to_dict(report))
    report.cells.pop("table4.review.upheld")
    assert loaded == report
    assert isinstance(loaded.cells[AMOUNT], Decimal)
    assert type(loaded.cells[COUNT]) is int


def test_missing_keys_take_empty_values() -> None:
    assert report_from_dict({}) == Report()
    assert report_from_dict({"meta": {"agency": "某局"}}).meta == Meta(agency="某局")


def test_item_text_may_be_left_out() -> None:
    report = report_from_dict({"other_items": [{"key": "custom", "title": "培训"}]})
    assert report.other_items == [TextItem("custom", "培训", "")]


def test_null_cell_means_not_filled() -> None:
    assert report_from_dict({"cells": {COUNT: None}}).cells == {}


@pytest.mark.parametrize(
    ("cell", "value", "expected"),
    [
        (COUNT, -3, -3),
        (COUNT, Decimal("2.5"), Decimal("2.5")),
        (COUNT, 10**9, 10**9),  # the plausible maximum: larger is refused (test_hardening)
        (AMOUNT, "-1.5", Decimal("-1.5")),
        (AMOUNT, Decimal("5949.088667"), Decimal("5949.088667")),
        (AMOUNT, 3, Decimal(3)),
        (AMOUNT, "007.10", Decimal("7.10")),
    ],
)
def test_out_of_range_values_are_loaded_for_the_rules(cell: str, value: Any, expected: Any) -> None:
    loaded = report_from_dict({"cells": {cell: value}}).cells[cell]
    assert loaded == expected
    assert type(loaded) is type(expected)


def test_fractional_count_is_written_back_as_exact_number() -> None:
    data = report_to_dict(Report(cells={COUNT: Decimal("2.50")}))
    assert data["cells"][COUNT] == Decimal("2.50")


# Reading: wrong types name the field ------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "found"),
    [
        (("cells", COUNT, "abc"), f'report.cells["{COUNT}"]', "文本“abc”"),
        (("cells", COUNT, "3"), f'report.cells["{COUNT}"]', "文本“3”"),
        (("cells", COUNT, [1]), f'report.cells["{COUNT}"]', "列表"),
        (("cells", COUNT, True), f'report.cells["{COUNT}"]', "布尔值 true"),
        (("cells", COUNT, {"v": 1}), f'report.cells["{COUNT}"]', "对象"),
        (("cells", COUNT, 1.5), f'report.cells["{COUNT}"]', "浮点数 1.5"),
        (("cells", COUNT, Decimal("NaN")), f'report.cells["{COUNT}"]', "数字 NaN"),
        (("cells", AMOUNT, "abc"), f'report.cells["{AMOUNT}"]', "文本“abc”"),
        (("cells", AMOUNT, "1e3"), f'report.cells["{AMOUNT}"]', "文本“1e3”"),
        (("cells", AMOUNT, "1,000"), f'report.cells["{AMOUNT}"]', "文本“1,000”"),
        (("cells", AMOUNT, False), f'report.cells["{AMOUNT}"]', "布尔值 false"),
        (("cells", AMOUNT, Decimal("Infinity")), f'report.cells["{AMOUNT}"]', "数字 Infinity"),
        (("meta", "agency", None), "report.meta.agency", "空值 null"),
        (("meta", "agency", 5), "report.meta.agency", "整数 5"),
        (("meta", "year", "2024"), "report.meta.year", "文本“2024”"),
        (("meta", "year", Decimal("2024.5")), "report.meta.year", "数字 2024.5"),
        (("meta", "year", True), "report.meta.year", "布尔值 true"),
        (("meta", "publication_date", "2025/01/20"), "report.meta.publication_date", "2025/01/20"),
        (("meta", "publication_date", "2025-02-30"), "report.meta.publication_date", "2025-02-30"),
        (("meta", "publication_date", 20250120), "report.meta.publication_date", "整数"),
    ],
)
def test_wrong_types_name_the_field(change: tuple[str, str, Any], field: str, found: str) -> None:
    data = _data()
    part, key, value = change
    data[part][key] = value
    error = _error(data)
    assert error.field == field
    assert field in error.message
    assert found in error.message
    assert str(error) == error.message
    assert error.title == "草稿内容有误"


@pytest.mark.parametrize(
    ("key", "value", "field", "found"),
    [
        ("preface", ["a"], "report.preface", "列表"),
        ("problems", None, "report.problems", "空值 null"),
        ("meta", None, "report.meta", "空值 null"),
        ("meta", [], "report.meta", "列表"),
        ("cells", None, "report.cells", "空值 null"),
        ("cells", [], "report.cells", "列表"),
        ("overview_parts", {}, "report.overview_parts", "对象"),
        ("other_items", "无", "report.other_items", "文本“无”"),
        ("other_items", ["无"], "report.other_items[0]", "文本“无”"),
    ],
)
def test_wrong_containers_name_the_field(key: str, value: Any, field: str, found: str) -> None:
    data = _data()
    data[key] = value
    error = _error(data)
    assert error.field == field
    assert found in error.message


def test_the_report_itself_must_be_an_object() -> None:
    assert _error([]).field == "report"


def test_unknown_top_level_key() -> None:
    data = _data()
    data["totals"] = {}
    error = _error(data)
    assert error.field == "report.totals"
    assert "不认识" in error.message


def test_unknown_meta_key() -> None:
    data = _data()
    data["meta"]["fax"] = "123"
    assert _error(data).field == "report.meta.fax"


def test_unknown_cell_id() -> None:
    error = _error({"cells": {"table3.x.y": 1}})
    assert error.field == 'report.cells["table3.x.y"]'
    assert "不是报告格式中的表格单元格" in error.message


@pytest.mark.parametrize(
    "cell",
    [
        "table3.results_total.natural_person",
        "table3.new_applications.total",
        "table3.results_total.total",
        "table4.review.total",
    ],
)
def test_computed_cells_are_never_stored(cell: str) -> None:
    assert FORMAT_2021.cell(cell).computed
    error = _error({"cells": {cell: 0}})
    assert error.field == f'report.cells["{cell}"]'
    assert "合计" in error.message


def test_item_key_and_title_are_required() -> None:
    assert _error({"overview_parts": [{"title": "x"}]}).field == "report.overview_parts[0].key"
    assert _error({"other_items": [{"key": "misc"}]}).field == "report.other_items[0].title"


def test_item_key_must_be_declared() -> None:
    error = _error({"other_items": [{"key": "custom", "title": "a"}, {"key": "x", "title": "b"}]})
    assert error.field == "report.other_items[1].key"
    assert "processing_fee" in error.message


def test_item_key_of_the_other_section_is_refused() -> None:
    error = _error({"overview_parts": [{"key": "processing_fee", "title": "x"}]})
    assert error.field == "report.overview_parts[0].key"


def test_unknown_item_key() -> None:
    error = _error({"overview_parts": [{"key": "custom", "title": "x", "note": ""}]})
    assert error.field == "report.overview_parts[0].note"


def test_lone_surrogate_is_refused() -> None:
    assert _error({"preface": "a\ud800b"}).field == "report.preface"


def test_unknown_edition_is_refused_on_reading() -> None:
    with pytest.raises(DraftEditionError) as info:
        report_from_dict({}, edition="2019")
    assert "2019" in info.value.message
    assert info.value.edition == "2019"


def test_input_is_not_modified() -> None:
    data = _data()
    before = copy.deepcopy(data)
    report_from_dict(data)
    assert data == before


def test_long_text_is_shortened_in_messages() -> None:
    assert describe("一" * 50) == "文本“" + "一" * 20 + "…”"
