"""Every rule with passing and failing reports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from report_desktop.domain.findings import Finding, Severity
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.domain.rules import check


def clean_report() -> Report:
    """A balanced, complete report with every cell filled."""
    report = new_report(Meta(agency="威海市环翠区统计局", year=2024))
    report.overview_intro = "本年度政府信息公开工作稳步推进。"
    for spec in FORMAT_2021.leaf_cells:
        report.cells[spec.id] = Decimal("0") if spec.kind == "amount" else 0
    report.problems = "一是公开不够及时。下一步将加强培训。"
    report.other_items[0].text = "本年度未收取信息处理费。"
    report.cells["table3.new_applications.natural_person"] = 3
    report.cells["table3.disclosed.natural_person"] = 2
    report.cells["table3.carried_forward.natural_person"] = 1
    return report


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_clean_report_has_no_findings() -> None:
    assert check(clean_report()) == []


def test_balance_error_names_column_cells_and_numbers() -> None:
    report = clean_report()
    report.cells["table3.carried_forward.natural_person"] = 0
    [natural, total] = by_rule(check(report), "table3.balance")
    assert natural.severity is Severity.ERROR
    assert natural.message == (
        "自然人列：本年新收 3 + 上年结转 0 = 3，办理结果总计 2 + 结转下年度 0 = 2，相差 1"
    )
    assert natural.cells == (
        "table3.new_applications.natural_person",
        "table3.carried_over.natural_person",
        "table3.results_total.natural_person",
        "table3.carried_forward.natural_person",
    )
    assert total.message.startswith("总计列：")


def test_balance_fixed_finding_disappears() -> None:
    report = clean_report()
    report.cells["table3.withheld_state_secret.research"] = 2
    assert len(by_rule(check(report), "table3.balance")) == 2
    report.cells["table3.new_applications.research"] = 2
    assert by_rule(check(report), "table3.balance") == []


@pytest.mark.parametrize(
    ("cell", "value", "words"),
    [
        ("table3.disclosed.commercial", -2, "负数"),
        ("table2.rules.issued", Decimal("1.5"), "整数"),
        ("table2.fees.amount", Decimal("-0.01"), "负数"),
        ("table4.review.upheld", "3", "不是数值"),
    ],
)
def test_value_errors(cell: str, value: object, words: str) -> None:
    report = clean_report()
    report.cells[cell] = value  # type: ignore[assignment]
    [finding] = by_rule(check(report), "cell.value")
    assert finding.cells == (cell,)
    assert words in finding.message
    assert finding.severity is Severity.ERROR


def test_value_error_names_the_place() -> None:
    report = clean_report()
    report.cells["table3.disclosed.commercial"] = -2
    [finding] = by_rule(check(report), "cell.value")
    assert finding.message.startswith("表三“（一）予以公开”行“商业企业”列")


def test_unknown_or_computed_cell_in_model_is_an_error() -> None:
    report = clean_report()
    report.cells["table3.results_total.natural_person"] = 5
    report.cells["table9.x.y"] = 1
    assert {f.cells[0] for f in by_rule(check(report), "cell.unknown")} == {
        "table3.results_total.natural_person",
        "table9.x.y",
    }


def test_meta_required() -> None:
    report = clean_report()
    report.meta.agency = "  "
    report.meta.year = None
    rules = {f.rule for f in check(report) if f.severity is Severity.ERROR}
    assert rules == {"meta.agency", "meta.year"}


def test_year_before_the_format_is_an_error() -> None:
    report = clean_report()
    report.meta.year = 2019
    [finding] = by_rule(check(report), "meta.year")
    assert "2019" in finding.message


def test_overview_length_warning_counts_characters() -> None:
    report = clean_report()
    report.overview_intro = "字" * 990
    assert by_rule(check(report), "text.overview_length") == []
    report.overview_parts[0].text = "多" * 20
    [finding] = by_rule(check(report), "text.overview_length")
    assert finding.severity is Severity.WARNING
    # 990 + "1.主动公开方面。" (9) + 20
    assert "共 1019 字" in finding.message
    assert finding.cells == ("text.overview",)


@pytest.mark.parametrize("text", ["", "  ", "无", "无。", "暂无"])
def test_problems_section_empty_or_nothing(text: str) -> None:
    report = clean_report()
    report.problems = text
    [finding] = by_rule(check(report), "text.problems_empty")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("text.problems",)


def test_processing_fee_must_be_mentioned() -> None:
    report = clean_report()
    report.other_items[0].text = "本年度未收取费用。"
    report.other_items[0].title = "收费方面"
    [finding] = by_rule(check(report), "text.other_fee")
    assert "信息处理费" in finding.message
    report.other_items[1].text = "未收取政府信息公开信息处理费。"
    assert by_rule(check(report), "text.other_fee") == []


def test_unfilled_cells_are_information_per_table() -> None:
    report = clean_report()
    for cell in list(report.cells)[:3]:
        del report.cells[cell]
    for row in ("disclosed", "carried_over"):
        for column in ("research", "public_interest", "legal_service"):
            report.cells[f"table3.{row}.{column}"] = None
    findings = by_rule(check(report), "cells.unfilled")
    messages = {f.message for f in findings}
    assert "表二还有 3 个单元格未填写（按 0 计算和打印）" in messages
    assert "表三还有 6 个单元格未填写（按 0 计算和打印）" in messages
    assert all(f.severity is Severity.INFO for f in findings)
    assert check(new_report(Meta(agency="局", year=2024)))[-1].severity is Severity.INFO


def test_high_share_of_other_handling_is_information() -> None:
    report = clean_report()
    report.cells["table3.new_applications.natural_person"] = 9
    report.cells["table3.disclosed.natural_person"] = 4
    report.cells["table3.other_handling_misc.natural_person"] = 4
    assert by_rule(check(report), "table3.other_share") == []  # too few cases to matter
    report.cells["table3.new_applications.natural_person"] = 11
    report.cells["table3.disclosed.natural_person"] = 6
    [finding] = by_rule(check(report), "table3.other_share")
    assert finding.severity is Severity.INFO
    assert "（六）其他处理 共 4 件，占办理结果总计 10 件的 40%" in finding.message
    assert "table3.other_handling_misc.total" in finding.cells
    report.cells["table3.other_handling_misc.natural_person"] = 2
    report.cells["table3.disclosed.natural_person"] = 8
    assert by_rule(check(report), "table3.other_share") == []


def test_findings_are_sorted_by_severity() -> None:
    report = new_report()
    report.cells["table3.new_applications.natural_person"] = 1
    severities = [f.severity.rank for f in check(report)]
    assert severities == sorted(severities)


def test_finding_as_json() -> None:
    report = clean_report()
    report.meta.agency = ""
    [finding] = by_rule(check(report), "meta.agency")
    assert finding.as_json() == {
        "rule": "meta.agency",
        "severity": "error",
        "cells": ["meta.agency"],
        "message": "未填写机关名称",
    }


# Cross-year ------------------------------------------------------------------------------------


def test_carry_over_matches_last_year() -> None:
    last, this = clean_report(), clean_report()
    this.problems = "一是解读材料偏少。二是栏目更新不及时。"
    this.cells["table3.new_applications.natural_person"] = 2
    this.cells["table3.carried_over.natural_person"] = 1
    assert check(this, last_year=last) == []
    this.cells["table3.carried_over.legal_service"] = 2
    this.cells["table3.carried_forward.legal_service"] = 2
    [finding, total] = by_rule(check(this, last_year=last), "cross_year.carry_over")
    assert total.cells == ("table3.carried_over.total",)
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("table3.carried_over.legal_service",)
    assert finding.message == (
        "法律服务机构列：本年“上年结转” 2 件，上年报告“结转下年度继续办理”为 0 件"
    )


def test_in_force_continues_from_last_year() -> None:
    last, this = clean_report(), clean_report()
    last.cells["table2.normative_documents.in_force"] = 393
    this.cells["table2.normative_documents.issued"] = 80
    this.cells["table2.normative_documents.repealed"] = 3
    this.cells["table2.normative_documents.in_force"] = 470
    assert by_rule(check(this, last_year=last), "cross_year.in_force") == []
    this.cells["table2.normative_documents.in_force"] = 393
    [finding] = by_rule(check(this, last_year=last), "cross_year.in_force")
    assert finding.message == (
        "行政规范性文件现行有效件数为 393，按上年现行有效 393 + 本年制发 80 − 本年废止 3 应为 470"
    )
    assert finding.severity is Severity.WARNING
