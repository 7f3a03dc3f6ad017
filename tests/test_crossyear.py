"""Year over year: starting from last year's report, and the cross-year rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from report_desktop.domain.crossyear import CheckOptions, new_report_from_last_year, similarity
from report_desktop.domain.findings import Finding, Severity
from report_desktop.domain.model import Report
from report_desktop.domain.rules import check
from report_desktop.storage import load_draft

APPLICANTS = ("natural_person", "commercial", "research", "public_interest", "legal_service")


@pytest.fixture
def last_year(example_draft_path: Path) -> Report:
    report = load_draft(example_draft_path).report
    for number, column in enumerate((*APPLICANTS, "other_org"), start=1):
        report.cells[f"table3.new_applications.{column}"] = number + 1
        report.cells[f"table3.disclosed.{column}"] = 1
        report.cells[f"table3.carried_forward.{column}"] = number
    return report


def rule(findings: list[Finding], name: str) -> list[Finding]:
    return [f for f in findings if f.rule == name]


def test_new_from_last_year_carries_forward_column_by_column(last_year: Report) -> None:
    assert check(last_year) == [f for f in check(last_year) if f.severity is not Severity.ERROR]
    report = new_report_from_last_year(last_year)
    for number, column in enumerate((*APPLICANTS, "other_org"), start=1):
        assert report.cells[f"table3.carried_over.{column}"] == number
    assert report.value("table3.carried_over.total") == 21
    typed = {k for k, v in report.cells.items() if v is not None}
    assert all(k.startswith("table3.carried_over.") for k in typed)
    assert rule(check(report, last_year=last_year), "cross_year.carry_over") == []


def test_new_from_last_year_moves_the_year_on_and_leaves_texts_empty(last_year: Report) -> None:
    report = new_report_from_last_year(last_year)
    assert report.meta.year == 2025
    assert report.meta.agency == last_year.meta.agency
    assert report.meta.phone == last_year.meta.phone
    assert report.meta.publication_date is None
    assert "结合2025年威海市环翠区统计局政府信息公开工作实际" in report.preface
    assert "统计期限从2025年1月1日到12月31日止" in report.preface
    assert "国办公开办函〔2021〕30号" in report.preface
    assert report.overview_intro == report.problems == ""
    assert all(item.text == "" for item in report.overview_parts + report.other_items)
    assert [i.title for i in report.other_items] == [i.title for i in last_year.other_items]
    assert report.last_year_link is None  # linking needs the file: storage.last_year.make_link


def test_problems_nearly_identical_to_last_year(last_year: Report) -> None:
    report = new_report_from_last_year(last_year)
    report.problems = last_year.problems.replace("2025年", "2026年").replace("两个", "三个")
    [finding] = rule(check(report, last_year=last_year), "cross_year.problems_repeated")
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("text.problems",)
    assert "相似度为 9" in finding.message
    assert "与上年重复的段落如“" in finding.message


def test_problems_rewritten_stays_silent(last_year: Report) -> None:
    report = new_report_from_last_year(last_year)
    report.problems = (
        "2025年，本局政府信息公开工作仍存在不足：政策解读形式较为单一，图解、视频解读偏少。"
        "下一步，将丰富解读形式，每季度至少发布一期图解。"
    )
    assert rule(check(report, last_year=last_year), "cross_year.problems_repeated") == []


def test_similarity_measure() -> None:
    assert similarity("", "anything")[0] == 0
    ratio, passage = similarity(
        "一是信息公开不够及时。二是内容不够丰富。", "一是信息公开不够及时。"
    )
    assert Decimal("0.6") < ratio < 1
    assert passage == "一是信息公开不够及时。"


def test_big_change_is_information_with_configurable_ratio(last_year: Report) -> None:
    report = new_report_from_last_year(last_year)
    last_year.cells["table2.punishment.decisions"] = 100
    report.cells["table2.punishment.decisions"] = 160
    [finding] = rule(check(report, last_year=last_year), "cross_year.change")
    assert finding.severity is Severity.INFO
    assert finding.cells == ("table2.punishment.decisions",)
    assert finding.message == "表二“行政处罚”：本年 160，上年 100，变化 +60%"
    relaxed = CheckOptions(change_ratio=Decimal("0.7"))
    assert rule(check(report, last_year=last_year, options=relaxed), "cross_year.change") == []


def test_small_numbers_do_not_count_as_big_changes(last_year: Report) -> None:
    report = new_report_from_last_year(last_year)
    report.cells["table2.licensing.decisions"] = 9  # last year 0: +9 is below the minimum
    assert rule(check(report, last_year=last_year), "cross_year.change") == []
    report.cells["table2.licensing.decisions"] = 12
    [finding] = rule(check(report, last_year=last_year), "cross_year.change")
    assert "上年为 0" in finding.message
