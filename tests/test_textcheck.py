"""Text against tables, on sentences in the style of real reports — including ones that must stay
silent."""

from __future__ import annotations

import pytest

from report_desktop.domain.findings import Finding
from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.domain.numerals import parse_number
from report_desktop.domain.rules import check

TABLE = {
    "table3.new_applications.natural_person": 12,
    "table3.new_applications.commercial": 3,
    "table3.carried_over.natural_person": 2,
    "table3.disclosed.natural_person": 9,
    "table3.partially_disclosed.commercial": 3,
    "table3.unavailable_not_held.natural_person": 3,
    "table3.carried_forward.natural_person": 2,
    "table2.normative_documents.in_force": 470,
    "table2.rules.in_force": 6,
    "table2.punishment.decisions": 3985758,
    "table2.licensing.decisions": 1200,
    "table4.review.upheld": 2,
    "table4.litigation_direct.pending": 1,
}


def report_saying(text: str, section: str = "overview") -> Report:
    report = new_report(Meta(agency="某某市某某局", year=2024))
    report.cells.update(TABLE)
    if section == "overview":
        report.overview_parts[1].text = text
    elif section == "problems":
        report.problems = text
    else:
        report.other_items[-1].text = text
    return report


def mismatches(report: Report) -> list[Finding]:
    return [f for f in check(report) if f.rule == "text.table_mismatch"]


@pytest.mark.parametrize(
    "sentence",
    [
        "2024年，共收到政府信息公开申请15件，上年结转2件，已全部办结15件，结转下年度继续办理2件。",
        "本年度新收政府信息公开申请15件，其中自然人提出12件，商业企业提出3件。",
        "全年共受理信息公开申请17件（含上年结转2件）。",
        "共收到十五件政府信息公开申请。",
        "截至2024年底，我局现行有效行政规范性文件470件，现行有效规章6件。",
        "全年作出行政处罚决定3,985,758件，行政许可1200件。",
        "全年发生政府信息公开行政复议2件，行政诉讼1件。",
        "予以公开9件，部分公开3件，无法提供3件。",
        "2023年收到政府信息公开申请20件，今年有所下降。",
        "较上年收到的20件申请减少5件。",
        "全年共办理备案审查规范性文件12件。",
        "全年清理规范性文件30件，现行有效行政规范性文件470件。",
        "12345热线共办结群众诉求3200件。",
        "全年主动公开政府信息1523条。",
        "报送人大代表建议办理结果5件，政协提案3件。",
        "依法依规办理信访事项10件。",
    ],
)
def test_consistent_or_unrelated_sentences_stay_silent(sentence: str) -> None:
    assert mismatches(report_saying(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        (
            "截至年底，现行有效行政规范性文件393件。",
            "总体情况写“现行有效行政规范性文件393件”，表二“行政规范性文件”现行有效件数为470件",
        ),
        (
            "2024年，共收到政府信息公开申请20件。",
            "总体情况写“收到政府信息公开申请20件”，"
            "表三“一、本年新收政府信息公开申请数量”总计为15件",
        ),
        (
            "本年度未收到政府信息公开申请。",
            "总体情况写“未收到政府信息公开申请”，表三“一、本年新收政府信息公开申请数量”总计为15件",
        ),
        (
            "全年共收到一百二十三件政府信息公开申请。",
            "总体情况写“收到一百二十三件政府信息公开申请”（读作 123），"
            "表三“一、本年新收政府信息公开申请数量”总计为15件",
        ),
        (
            "本年度共发生政府信息公开行政复议3件。",
            "总体情况写“行政复议3件”，表四“行政复议”总计为2件",
        ),
        (
            "未发生因政府信息公开引起的行政诉讼。",
            "总体情况写“未发生因政府信息公开引起的行政诉讼”，"
            "表四“未经复议直接起诉”与“复议后起诉”总计为1件",
        ),
        (
            "结转下年度继续办理的申请3件。",
            "总体情况写“结转下年度继续办理的申请3件”，表三“四、结转下年度继续办理”总计为2件",
        ),
        (
            "全年作出行政处罚决定3,985,757件。",
            "总体情况写“行政处罚决定3,985,757件”，表二“行政处罚”为3985758件",
        ),
    ],
)
def test_mismatches_name_the_sentence_and_the_cell(sentence: str, message: str) -> None:
    [finding] = mismatches(report_saying(sentence))
    assert finding.message == message
    assert finding.cells[0] == "text.overview"
    assert finding.severity == "warning"


def test_mismatch_in_other_sections_names_them() -> None:
    [finding] = mismatches(report_saying("全年行政诉讼2件。", section="problems"))
    assert finding.cells[0] == "text.problems"
    assert finding.message.startswith("存在的主要问题及改进情况写“行政诉讼2件”")
    [finding] = mismatches(report_saying("全年行政复议0件。", section="other"))
    assert finding.cells == ("text.other", "table4.review.total")


def test_the_seed_wording_is_silent_when_tables_agree() -> None:
    report = new_report(Meta(agency="威海市环翠区统计局", year=2024))
    report.overview_parts[1].text = "2024年，环翠区统计局未收到政府信息公开申请，较2023年少1件。"
    assert mismatches(report) == []
    report.cells["table3.new_applications.natural_person"] = 1
    assert len(mismatches(report)) == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("393", 393),
        ("３９３", 393),
        ("3,985,758", 3985758),
        ("一百二十三", 123),
        ("十二", 12),
        ("两千零五", 2005),
        ("三万四千", 34000),
        ("零", 0),
        ("二〇二四", None),
        ("abc", None),
    ],
)
def test_numbers_in_either_writing(text: str, value: int | None) -> None:
    assert parse_number(text) == value
