from __future__ import annotations

from decimal import Decimal

import pytest

from report_desktop.domain.declaration import ValueKind
from report_desktop.domain.values import (
    CellValueError,
    format_value,
    parse_cell,
    value_problem,
)

COUNT, AMOUNT = ValueKind.COUNT, ValueKind.AMOUNT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (" 12 ", 12),
        ("１２３", 123),
        ("3,985,758", 3985758),
        ("3，985，758", 3985758),
        ("0", 0),
        ("", None),
        ("   ", None),
    ],
)
def test_counts_accepted(text: str, expected: int | None) -> None:
    assert parse_cell(COUNT, text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-1", "负数"),
        ("－３", "负数"),
        ("1.5", "整数"),
        ("abc", "不是数字"),
        ("十二", "不是数字"),
        ("1,23", "不是数字"),
        ("1e3", "不是数字"),
    ],
)
def test_counts_refused_with_reason(text: str, reason: str) -> None:
    with pytest.raises(CellValueError, match=reason):
        parse_cell(COUNT, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5949.088667", "5949.088667"),
        ("0.50", "0.50"),
        ("１２．５", "12.5"),
        ("1,234.5", "1234.5"),
        ("7", "7"),
    ],
)
def test_amounts_keep_the_clerks_decimals(text: str, expected: str) -> None:
    value = parse_cell(AMOUNT, text)
    assert isinstance(value, Decimal)
    assert format_value(value) == expected


def test_amount_refuses_negative() -> None:
    with pytest.raises(CellValueError, match="负数"):
        parse_cell(AMOUNT, "-0.5")


def test_value_problems_of_stored_values() -> None:
    assert value_problem(COUNT, 3) == ""
    assert value_problem(COUNT, None) == ""
    assert "负数" in value_problem(COUNT, -2)
    assert "整数" in value_problem(COUNT, Decimal("2.5"))
    assert value_problem(AMOUNT, Decimal("2.5")) == ""
    assert "负数" in value_problem(AMOUNT, Decimal("-0.1"))
    assert "不是数值" in value_problem(COUNT, "7")  # type: ignore[arg-type]
    assert "不是数值" in value_problem(COUNT, True)


def test_format_for_documents_prints_zero_for_unfilled() -> None:
    assert format_value(None, empty="0") == "0"
    assert format_value(None) == ""
    assert format_value(3985758) == "3985758"
