from __future__ import annotations

import datetime as dt
from decimal import Decimal

from report_desktop.domain.format2021 import FORMAT_2021, RESULT_ROW_IDS
from report_desktop.domain.model import (
    Meta,
    character_count,
    default_preface,
    new_report,
    other_text,
    overview_text,
    resolved_values,
)


def test_new_report_has_customary_parts() -> None:
    report = new_report(Meta(agency="某某局", year=2024))
    assert [p.key for p in report.overview_parts] == [
        "proactive",
        "on_request",
        "management",
        "platform",
        "supervision",
    ]
    assert report.other_items[0].key == "processing_fee"
    assert "信息处理费" in report.other_items[0].title
    assert report.cells == {}
    assert "2024年1月1日到12月31日" in report.preface


def test_totals_are_derived() -> None:
    report = new_report()
    report.cells["table3.disclosed.natural_person"] = 3
    report.cells["table3.disclosed.commercial"] = 2
    report.cells["table3.withheld_state_secret.other_org"] = 4
    report.cells["table4.review.upheld"] = 1
    report.cells["table4.review.pending"] = 2
    values = resolved_values(report)
    assert values["table3.disclosed.total"] == 5
    assert values["table3.results_total.natural_person"] == 3
    assert values["table3.results_total.other_org"] == 4
    assert values["table3.results_total.total"] == 9
    assert values["table4.review.total"] == 3
    assert values["table4.litigation_direct.total"] == 0
    assert values["table3.disclosed.research"] is None
    assert report.value("table3.results_total.total") == 9


def test_results_total_sums_every_result_row() -> None:
    assert len(RESULT_ROW_IDS) == 2 + 8 + 3 + 5 + 3
    report = new_report()
    for number, row in enumerate(RESULT_ROW_IDS, start=1):
        report.cells[f"table3.{row}.legal_service"] = number
    assert resolved_values(report)["table3.results_total.legal_service"] == 21 * 22 // 2


def test_amount_cells_keep_decimal_type() -> None:
    report = new_report()
    report.cells["table2.fees.amount"] = Decimal("5949.088667")
    assert resolved_values(report)["table2.fees.amount"] == Decimal("5949.088667")
    assert FORMAT_2021.cell("table2.fees.amount").kind == "amount"


def test_default_preface_uses_meta() -> None:
    meta = Meta(
        agency="威海市环翠区统计局",
        year=2024,
        website_name="威海市环翠区人民政府网站",
        website="http://www.huancui.gov.cn",
        address="威海市文化中路59号",
        phone="5222557",
        publication_date=dt.date(2025, 1, 20),
    )
    preface = default_preface(meta)
    assert "结合2024年威海市环翠区统计局政府信息公开工作实际" in preface
    assert "威海市环翠区人民政府网站（网址：http://www.huancui.gov.cn）查阅或下载" in preface
    assert "（地址：威海市文化中路59号，电话：5222557）" in preface
    assert len(preface.split("\n")) == 2


def test_default_preface_without_contact_details() -> None:
    preface = default_preface(Meta())
    assert "XXXX年1月1日" in preface
    assert "网址" not in preface
    assert preface.endswith("请与本机关联系。")


def test_printed_narratives_number_only_filled_parts() -> None:
    report = new_report()
    report.overview_intro = "引言。"
    report.overview_parts[0].text = "主动公开了78条。"
    report.overview_parts[2].text = "严格审查。"
    assert overview_text(report).split("\n") == [
        "引言。",
        "1.主动公开方面。主动公开了78条。",
        "2.政府信息管理方面。严格审查。",
    ]
    report.other_items[0].text = "未收取信息处理费。"
    assert other_text(report) == "1.政府信息公开信息处理费收取情况：未收取信息处理费。"


def test_character_count_ignores_whitespace() -> None:
    assert character_count("一二 三\n四\t") == 4
