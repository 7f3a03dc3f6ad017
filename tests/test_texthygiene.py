"""Placeholders, doubled words, numbered sequences, section headings, empty sections; and the
plausibility of 复议后起诉 — each with the silent cases beside the reporting ones."""

from __future__ import annotations

import pytest

from report_desktop.domain.findings import Finding, Severity
from report_desktop.domain.format2021 import AFTER_REVIEW
from report_desktop.domain.hygiene import (
    DOUBLED,
    HEADING,
    NUMBERING,
    OVERVIEW_EMPTY,
    PLACEHOLDER,
    PREFACE,
)
from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.domain.rules import check


def report_with(problems: str = "", **meta: str) -> Report:
    report = new_report(Meta(agency="威海市环翠区统计局", year=2024, **meta))
    report.overview_intro = "本年度政府信息公开工作稳步推进。"
    report.other_items[0].text = "本年度未收取信息处理费。"
    report.problems = problems
    return report


def by_rule(report: Report, rule: str, previous: Report | None = None) -> list[Finding]:
    return [f for f in check(report, previous) if f.rule == rule]


# Placeholders -----------------------------------------------------------------------------------


def test_the_default_preface_before_the_year_is_typed_has_a_placeholder() -> None:
    report = new_report(Meta(agency="威海市环翠区统计局"))
    findings = by_rule(report, PLACEHOLDER)
    assert len(findings) == 2  # 「结合XXXX年…」 and 「从XXXX年1月1日…」
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.cells == (PREFACE,)
    assert finding.message.startswith("前言中有未替换的占位内容“")
    assert "（“XXXX”）" in finding.message


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [
        ("一是XXXX年公开不及时。", "XXXX"),
        ("一是ＸＸ局栏目更新慢。", "ＸＸ"),
        ("一是××××栏目更新慢。", "××××"),
        ("一是某某科室回复不及时。", "某某"),
        ("一是【单位名称】栏目更新慢。", "【单位名称】"),
        ("一是存在……等问题。", "……"),
        ("一是存在...等问题。", "..."),
    ],
)
def test_placeholders_anywhere_in_the_text_are_errors(text: str, placeholder: str) -> None:
    [finding] = by_rule(report_with(text), PLACEHOLDER)
    assert finding.severity is Severity.ERROR
    assert finding.cells == ("text.problems",)
    assert f"（“{placeholder}”）" in finding.message


def test_placeholders_in_the_contact_fields_are_errors() -> None:
    report = report_with("一是公开不够及时。", phone="0631-XXXXXXX")
    report.preface = "本报告由威海市环翠区统计局编制。"
    [finding] = by_rule(report, PLACEHOLDER)
    assert finding.cells == ("meta.phone",)
    assert finding.message.startswith("电话中有未替换的占位内容“")
    assert "（“XXXXXXX”）" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "网址：http://www.huancui.gov.cn/xxgk/index.html。",
        "一是公开不够及时…下一步将改进。",
        "X光机采购信息已公开。",
        "某局、某单位等说法不宜出现。",
    ],
)
def test_ordinary_text_has_no_placeholder(text: str) -> None:
    assert by_rule(report_with(text), PLACEHOLDER) == []


# Empty sections ---------------------------------------------------------------------------------


def test_an_empty_overview_is_a_warning() -> None:
    report = report_with("一是公开不够及时。")
    report.overview_intro = ""
    [finding] = by_rule(report, OVERVIEW_EMPTY)
    assert finding.severity is Severity.WARNING
    assert finding.cells == ("text.overview",)
    report.overview_parts[2].text = "严格落实保密审查。"
    assert by_rule(report, OVERVIEW_EMPTY) == []


def test_other_matters_all_empty_still_ask_for_the_processing_fee() -> None:
    """The default item titles name 信息处理费; an empty item is not printed, so its title
    does not count."""
    report = report_with("一是公开不够及时。")
    report.other_items[0].text = ""
    assert [f.rule for f in check(report) if f.rule == "text.other_fee"] == ["text.other_fee"]
    report.other_items[3].text = "本年度按规定未收取任何费用。"
    assert [f.rule for f in check(report) if f.rule == "text.other_fee"] == ["text.other_fee"]
    report.other_items[0].text = "本年度未收取费用。"  # printed under the item's title
    assert [f.rule for f in check(report) if f.rule == "text.other_fee"] == []


# Doubled words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("一是公开的的信息不够全面。", "的的"),
        ("一是回复了了申请人。", "了了"),
        ("一是审核审核流程不够规范。", "审核审核"),
        ("一是在在线平台更新不及时。", "在在"),
        ("一是政务公开公开栏更新慢。", "公开公开"),
    ],
)
def test_doubled_words_are_pointed_out(text: str, doubled: str) -> None:
    [finding] = by_rule(report_with(text), DOUBLED)
    assert finding.severity is Severity.INFO
    assert f"有重复的“{doubled}”" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "常常出现信息更新不及时，人人都要重视，层层压实责任，处处体现为民，步步推进。",
        "为了了解群众需求，开展问卷调查。",
        "关键是是否落实到位。",
        "以及及时回应社会关切。",
        "的的确确存在短板，要实实在在整改，不能不了了之。",
        "二〇二二年以来，方方面面，扎扎实实，家家户户，年年如此。",
        "组织科室负责人研究研究具体措施。",
        "一步一步推进，一件一件落实。",
    ],
)
def test_real_reduplications_stay_silent(text: str) -> None:
    assert by_rule(report_with(text), DOUBLED) == []


# Numbered sequences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("一是公开不及时；二是解读不深入；四是平台待完善。", "跳过了“三是”"),
        ("一是公开不及时；二是解读不深入；二是平台待完善。", "与前一个序号“二是”重复"),
        ("（一）主动公开。（二）依申请公开。（二）平台建设。", "与前一个序号“（二）”重复"),
        ("1.公开不及时。\n2.解读不深入。\n4.平台待完善。", "跳过了“3.”"),
        ("一是公开不及时；三是解读不深入；二是平台待完善。", "顺序不对"),
    ],
)
def test_numbering_out_of_order_or_repeated(text: str, words: str) -> None:
    findings = by_rule(report_with(text), NUMBERING)
    assert any(words in f.message for f in findings), findings
    assert all(f.severity is Severity.INFO for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "一是公开不及时；二是解读不深入；三是平台待完善。针对上述问题：一是加强培训；二是完善制度。",
        "（一）主动公开。（二）依申请公开。（三）平台建设。",
        "1.公开不及时。\n2.解读不深入。\n3.平台待完善。",
        "依据《条例》第二十条第（一）项和第（五）项公开，占比12.5%，其中之一是公开不及时。",
        "唯一是非判断标准，统一是前提。",
    ],
)
def test_numbering_in_order_stays_silent(text: str) -> None:
    assert by_rule(report_with(text), NUMBERING) == []


# Section headings -------------------------------------------------------------------------------


def test_a_misspelt_section_heading_names_the_official_one() -> None:
    text = "一是公开不及时。\n四、政府信息公开行政法复议、行政诉讼情况\n本年度无。"
    [finding] = by_rule(report_with(text), HEADING)
    assert finding.severity is Severity.WARNING
    assert "“四、政府信息公开行政法复议、行政诉讼情况”" in finding.message
    assert "格式规定的标题“四、政府信息公开行政复议、行政诉讼情况”" in finding.message


@pytest.mark.parametrize(
    "line",
    [
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "五、存在的主要问题及改进情况：",
        "一、加强组织领导",
        "二、完善制度建设",
    ],
)
def test_official_or_own_headings_stay_silent(line: str) -> None:
    assert by_rule(report_with(f"一是公开不及时。\n{line}\n正文。"), HEADING) == []


# Plausibility -----------------------------------------------------------------------------------


def with_appeals(after_review: int, reviews: int, pending_last_year: int) -> tuple[Report, Report]:
    this, last = report_with("一是公开不及时。"), report_with("一是解读不深入。")
    last.meta.year = 2023
    this.cells["table4.litigation_after_review.upheld"] = after_review
    this.cells["table4.review.upheld"] = reviews
    last.cells["table4.review.pending"] = pending_last_year
    return this, last


def test_more_lawsuits_after_review_than_reviews_is_worth_a_look() -> None:
    this, last = with_appeals(after_review=3, reviews=1, pending_last_year=1)
    [finding] = by_rule(this, AFTER_REVIEW, last)
    assert finding.severity is Severity.INFO
    assert finding.cells == ("table4.litigation_after_review.total", "table4.review.total")
    assert "复议后起诉”总计 3 件" in finding.message
    assert "“行政复议”总计 1 件与上年" in finding.message and "（2 件）" in finding.message


@pytest.mark.parametrize(("after", "reviews", "pending"), [(2, 1, 1), (0, 0, 0), (1, 3, 0)])
def test_lawsuits_after_review_within_reviews_stay_silent(
    after: int, reviews: int, pending: int
) -> None:
    this, last = with_appeals(after, reviews, pending)
    assert by_rule(this, AFTER_REVIEW, last) == []


def test_without_last_years_report_there_is_no_plausibility_finding() -> None:
    this, _ = with_appeals(after_review=3, reviews=0, pending_last_year=0)
    assert by_rule(this, AFTER_REVIEW) == []
