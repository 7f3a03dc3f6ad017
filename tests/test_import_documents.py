"""Importing published reports: saved web pages and Word files, each messy form met in practice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from import_support import (
    APPLICANTS,
    FIXTURES,
    ROADS_TABLE2,
    ROADS_TABLE3,
    ROADS_TABLE4,
    WATER_BLANKS,
    WATER_TABLE2,
    WATER_TABLE3,
    WATER_TABLE4,
    build_word_file,
    expected_cells,
    filled,
)
from report_desktop.domain.model import CUSTOM_ITEM, TextItem
from report_desktop.interchange.report_import import ImportRefused, ReportImport, import_file

WATER_PARTS = [
    TextItem("proactive", "主动公开", "全年主动公开政府信息312条，其中政策文件15件。"),
    TextItem("on_request", "依申请公开", "全年新收政府信息公开申请48件，均在法定期限内答复。"),
    TextItem("management", "政府信息管理", "动态更新主动公开目录，开展公开前保密审查。"),
    TextItem("platform", "平台建设", "优化门户网站专栏，\n及时更新栏目内容。"),
    TextItem("supervision", "监督保障", "将政务公开纳入年度绩效考核。"),
]


def _items(texts: dict[str, str]) -> list[TextItem]:
    titles = {
        "processing_fee": "政府信息公开信息处理费收取情况",
        "proposals": "人大代表建议和政协提案办理情况",
        "key_points": "年度政务公开工作要点落实情况",
        "innovation": "政务公开工作创新情况",
        "misc": "其他事项",
    }
    return [TextItem(key, title, texts.get(key, "")) for key, title in titles.items()]


@pytest.fixture(scope="module")
def water_page() -> ReportImport:
    return import_file(FIXTURES / "word-pasted.html")


@pytest.fixture(scope="module")
def roads_page() -> ReportImport:
    return import_file(FIXTURES / "cms-variants.html")


# A page pasted from Word (MsoNormal, mso- styles, <o:p>, split labels, <br> headers) ------------


def test_word_pasted_page_every_cell(water_page: ReportImport) -> None:
    expected = expected_cells(WATER_TABLE2, WATER_TABLE3, WATER_TABLE4)
    assert water_page.report.cells == filled(expected)
    assert set(water_page.blanks) == WATER_BLANKS
    assert water_page.filled == len(filled(expected))
    assert water_page.ok
    assert not water_page.totals
    assert not water_page.unplaced
    assert not water_page.variants
    assert water_page.report.cells["table2.fees.amount"] == Decimal("12.50")
    assert water_page.report.cells["table2.licensing.decisions"] == 1234  # 「1,234」


def test_word_pasted_page_meta_and_texts(water_page: ReportImport) -> None:
    report = water_page.report
    assert report.meta.agency == "云岭市水务局"  # the title's first line
    assert report.meta.year == 2024
    assert report.meta.publication_date == dt.date(2025, 1, 20)
    assert report.preface == (
        "本报告依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室"
        "印发的年度报告格式编写，统计期限为2024年1月1日至12月31日。\n"
        "本报告电子版可在云岭市人民政府门户网站查阅。如有疑问，请与云岭市水务局办公室联系"
        "（电话：0000-1234567）。"
    )
    assert report.overview_intro == (
        "2024年，本局坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。"
    )
    assert report.overview_parts == WATER_PARTS
    assert report.problems == (
        "一是部分栏目更新不够及时；二是政策解读形式较为单一。\n"
        "下一步，本局将建立栏目巡查机制，丰富图解、视频等解读形式。"
    )
    assert report.other_items == _items(
        {
            "processing_fee": "本年度未收取信息处理费。",
            "proposals": "办理人大代表建议6件、政协提案4件，均已按期办结。",
            "innovation": "开通水务政策问答专栏。",
        }
    )
    assert len(water_page.sections) == 6


def test_scripts_navigation_and_footer_are_not_read(water_page: ReportImport) -> None:
    """The page's script holds a table with 999; links and the site footer are not text."""
    report = water_page.report
    assert 999 not in report.cells.values()
    everything = report.preface + report.problems + "".join(i.text for i in report.other_items)
    for furniture in ("首页", "版权所有", "打印本页", "网站标识码", "分享到"):
        assert furniture not in everything


# A CMS page: GB2312, layout table, variants, spacer cells, wrong totals, extra tables ------------


def test_cms_page_every_cell(roads_page: ReportImport) -> None:
    expected = expected_cells(ROADS_TABLE2, ROADS_TABLE3, ROADS_TABLE4)
    assert roads_page.report.cells == filled(expected)
    assert roads_page.blanks == ("table2.normative_documents.repealed",)  # 「—」 is blank, not 0
    assert roads_page.ok


def test_cms_page_meta_and_texts(roads_page: ReportImport) -> None:
    report = roads_page.report
    assert report.meta.agency == "云岭市交通运输局"  # 「2024年度云岭市交通运输局…」
    assert report.meta.year == 2024
    assert report.meta.publication_date == dt.date(2025, 1, 26)
    assert report.preface == (
        "根据《中华人民共和国政府信息公开条例》规定，特向社会公布2024年度本局政府信息公开工作年度报告。"
    )
    assert report.overview_intro == "本局围绕交通运输中心工作，扎实推进政务公开。"
    assert report.overview_parts == [
        TextItem("proactive", "主动公开方面", "全年发布信息286条。"),
        TextItem("on_request", "依申请公开方面", "全年受理申请19件。\n全部按时答复，无超期。"),
        TextItem("management", "政府信息管理方面", "落实公开属性源头认定。"),
        TextItem("platform", "平台建设方面", "完成网站集约化迁移。"),
        TextItem("supervision", "监督保障方面", "开展季度自查。"),
        TextItem(CUSTOM_ITEM, "业务培训方面", "组织业务培训2次。"),
    ]
    assert report.problems == "政策解读的针对性还需加强。下一步将围绕群众关切开展解读。"
    assert report.other_items == _items(
        {"processing_fee": "本机关2024年度未收取信息处理费。\n附表："}
    )


def test_cms_page_variants_are_matched_and_reported(roads_page: ReportImport) -> None:
    found = {(v.found, v.official) for v in roads_page.variants}
    assert found == {
        ("本年度止件数", "本年废止件数"),
        ("规范性文件", "行政规范性文件"),
        ("行政法复议", "行政复议"),
        ("五、存在的主要问题及整改措施", "五、存在的主要问题及改进情况"),
    }
    assert all(v.where for v in roads_page.variants)


def test_cms_page_stated_totals_that_disagree_are_reported(roads_page: ReportImport) -> None:
    assert len(roads_page.totals) == 3
    assert any("第4行第10列" in t and "合计为20" in t and "应为19" in t for t in roads_page.totals)
    assert sum("（七）总计" in t for t in roads_page.totals) == 2


def test_cms_page_nothing_with_a_number_is_dropped_silently(roads_page: ReportImport) -> None:
    unplaced = {(u.where, u.reason) for u in roads_page.unplaced}
    assert ("第2个表格（表三）第27行", "表三中没有这一行") in unplaced  # 「（八）其他情形」
    assert ("第4个表格", "不是报告的三张表之一，未导入") in unplaced
    assert any("二、主动公开政府信息情况" in where for where, _ in unplaced)
    assert len(roads_page.unplaced) == 3
    texts = " ".join(u.text for u in roads_page.unplaced)
    assert "42" in texts and "17" in texts and "其他情形" in texts


def test_summary_names_what_the_clerk_must_look_at(roads_page: ReportImport) -> None:
    summary = "\n".join(roads_page.summary_lines())
    assert "已填入 165 个单元格" in summary
    assert "1 个单元格在原文中为空白" in summary
    assert "4 处标签与官方写法不同" in summary
    assert "3 处原文的合计与各项之和不符" in summary
    assert "3 处内容无法放入草稿" in summary
    details = "\n".join(roads_page.detail_lines())
    assert "“规范性文件”按“行政规范性文件”对应" in details


# The 2019 trial format -------------------------------------------------------------------------


def test_trial_format_is_named_and_nothing_is_mapped() -> None:
    result = import_file(FIXTURES / "trial-2019.html")
    assert not result.ok
    assert result.report.cells == {}
    assert "2019年试行格式" in result.errors[0]
    assert "国办公开办函〔2019〕60号" in result.errors[0]
    assert result.report.meta.year == 2020


# A Word file ------------------------------------------------------------------------------------


def test_word_file_every_cell_and_text(tmp_path: Path) -> None:
    path = tmp_path / "年报.docx"
    build_word_file(path)
    result = import_file(path)
    expected = expected_cells(WATER_TABLE2, WATER_TABLE3, WATER_TABLE4)
    assert result.source == "Word文件"
    assert result.report.cells == filled(expected)
    assert set(result.blanks) == WATER_BLANKS
    assert not result.totals and not result.unplaced and not result.variants
    report = result.report
    assert (report.meta.agency, report.meta.year) == ("云岭市水务局", 2024)
    assert report.meta.publication_date == dt.date(2025, 1, 20)  # the signature's date
    assert report.preface == "本报告统计期限为2024年1月1日至12月31日。"
    assert report.overview_intro == "本局全面推进政务公开。"
    assert report.overview_parts[:2] == [
        TextItem("proactive", "主动公开", "全年主动公开信息312条。"),
        TextItem("on_request", "依申请公开", "全年新收申请48件。"),
    ]
    assert [p.text for p in report.overview_parts[2:]] == ["", "", ""]
    assert report.problems == "栏目更新不够及时。\n下一步建立巡查机制。"
    assert report.other_items == _items({"processing_fee": "本年度未收取信息处理费。"})


def test_a_page_with_no_report_in_it_is_an_error(tmp_path: Path) -> None:
    page = tmp_path / "news.html"
    page.write_text("<html><body><p>今日新闻</p><p>天气晴。</p></body></html>", encoding="utf-8")
    result = import_file(page)
    assert not result.ok
    assert "不像政府信息公开工作年度报告" in result.errors[0]


def test_unsupported_file_kinds_are_refused_in_chinese(tmp_path: Path) -> None:
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ImportRefused, match=r"另存为\.docx"):
        import_file(old)
    text = tmp_path / "notes.txt"
    text.write_text("随便写的", encoding="utf-8")
    with pytest.raises(ImportRefused, match="不支持导入"):
        import_file(text)


def test_a_value_that_is_not_a_number_is_listed_not_dropped(tmp_path: Path) -> None:
    page = tmp_path / "units.html"
    page.write_text(
        "<html><body><p>云岭市水务局2024年政府信息公开工作年度报告</p>"
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>1</td><td>0</td><td>12件</td></tr>"
        "<tr><td>行政规范性文件</td><td>2</td><td>&nbsp;</td><td>9</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    result = import_file(page)
    assert result.report.cells == {
        "table2.rules.issued": 1,
        "table2.rules.repealed": 0,
        "table2.normative_documents.issued": 2,
        "table2.normative_documents.in_force": 9,
    }
    assert result.blanks == ("table2.normative_documents.repealed",)
    ((where, text, reason),) = [(u.where, u.text, u.reason) for u in result.unplaced]
    assert where == "第1个表格（表二）第2行第4列"
    assert "12件" in text and reason == "数值无法识别，未填入"
    assert result.missing_tables == ("表三", "表四")


def test_a_page_saved_as_a_single_file_mht(tmp_path: Path) -> None:
    """「网页，单个文件」: the page quoted-printable inside a MIME message, with an image part."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    message = MIMEMultipart("related")
    page = (FIXTURES / "word-pasted.html").read_text("utf-8")
    message.attach(MIMEText(page, "html", "utf-8"))
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + b"\0" * 32, "png"))
    path = tmp_path / "年报.mht"
    path.write_bytes(message.as_bytes())
    result = import_file(path)
    assert result.report.cells == filled(expected_cells(WATER_TABLE2, WATER_TABLE3, WATER_TABLE4))
    assert result.report.meta.agency == "云岭市水务局"


def test_a_table_given_twice_with_other_numbers_keeps_the_first(tmp_path: Path) -> None:
    table = (
        "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td>"
        "</tr><tr><td>规章</td><td>{}</td><td>0</td><td>3</td></tr></table>"
    )
    page = tmp_path / "twice.html"
    page.write_text(
        "<p>云岭市水务局2024年政府信息公开工作年度报告</p>"
        f"<p>二、主动公开政府信息情况</p>{table.format(1)}<p>附件</p>{table.format(2)}",
        encoding="utf-8",
    )
    result = import_file(page)
    assert result.report.cells["table2.rules.issued"] == 1
    twice = [(u.where, u.text) for u in result.unplaced if "保留第一处" in u.reason]
    ((where, text),) = twice
    assert where == "第2个表格（表二）第2行第2列"
    assert "在第1个表格（表二）第2行第2列填写为“1”" in text
    assert any("“附件”" in u.text or u.text == "附件" for u in result.unplaced)


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def test_table_two_in_four_tables_a_blank_row_and_a_labelled_table_four(tmp_path: Path) -> None:
    """表二 split per 第二十条 item, 表三 with a row left wholly blank and a leading spacer
    column, 表四 with a label column on the left of its single row of numbers."""
    items = [
        ("第二十条第（一）项", [("规章", "1", "0", "4"), ("行政规范性文件", "2", "1", "7")]),
        ("第二十条第（五）项", [("行政许可", "30")]),
        ("第二十条第（六）项", [("行政处罚", "5"), ("行政强制", "0")]),
        ("第二十条第（八）项", [("行政事业性收费", "0.8")]),
    ]
    tables = "".join(
        f"<table>{_row(caption)}{''.join(_row(*r) for r in rows)}</table>"
        for caption, rows in items
    )
    table3 = (
        "<table>"
        + _row("", "一、本年新收政府信息公开申请数量", "4", "0", "0", "0", "0", "0", "4")
        + _row("", "二、上年结转政府信息公开申请数量", *[""] * 7)
        + _row("", "四、结转下年度继续办理", "1", "0", "0", "0", "0", "0", "1")
        + "</table>"
    )
    table4 = (
        "<table>"
        + _row("行政复议", "行政诉讼")
        + _row(
            "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"
        )
        + _row("数量", *["1", "0", "0", "0", "1"], *["0"] * 5, *["0", "0", "0", "2", "2"])
        + "</table>"
    )
    page = tmp_path / "split.html"
    page.write_text(
        "<p>云岭市水务局2024年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
        f"{tables}<p>三、收到和处理政府信息公开申请情况</p>{table3}"
        f"<p>四、政府信息公开行政复议、行政诉讼情况</p>{table4}",
        encoding="utf-8",
    )
    result = import_file(page)
    cells = result.report.cells
    table2 = {k: v for k, v in cells.items() if k.startswith("table2.")}
    assert table2 == {
        "table2.rules.issued": 1,
        "table2.rules.repealed": 0,
        "table2.rules.in_force": 4,
        "table2.normative_documents.issued": 2,
        "table2.normative_documents.repealed": 1,
        "table2.normative_documents.in_force": 7,
        "table2.licensing.decisions": 30,
        "table2.punishment.decisions": 5,
        "table2.coercion.decisions": 0,
        "table2.fees.amount": Decimal("0.8"),
    }
    assert cells["table3.new_applications.natural_person"] == 4
    assert cells["table3.carried_forward.natural_person"] == 1
    assert {b for b in result.blanks if "carried_over" in b} == {
        f"table3.carried_over.{c}" for c in APPLICANTS
    }
    table4_cells = {k: v for k, v in cells.items() if k.startswith("table4.")}
    assert table4_cells["table4.review.upheld"] == 1
    assert table4_cells["table4.litigation_after_review.pending"] == 2
    assert sum(table4_cells.values()) == 3 and len(table4_cells) == 12
    assert not result.totals and not result.unplaced


def test_headings_in_other_words_are_found_in_their_place_and_reported(tmp_path: Path) -> None:
    page = tmp_path / "words.html"
    paragraphs = [
        "云岭市水务局2024年政府信息公开工作年度报告",
        "前言一句。",
        "一、工作概述",
        "概述正文。",
        "二〇二四年，本局继续推进公开。",
        "五、政府信息公开工作存在的主要问题及改进措施",
        "问题正文。",
        "六、其他需要说明的事项",
        "本年度未收取信息处理费。",
    ]
    page.write_text("".join(f"<p>{p}</p>" for p in paragraphs), encoding="utf-8")
    report = import_file(page).report
    assert report.preface == "前言一句。"
    assert report.overview_intro == "概述正文。\n二〇二四年，本局继续推进公开。"
    assert report.problems == "问题正文。"
    assert report.other_items[0].text == "本年度未收取信息处理费。"
    found = {v.found for v in import_file(page).variants}
    assert found == {
        "一、工作概述",
        "五、政府信息公开工作存在的主要问题及改进措施",
        "六、其他需要说明的事项",
    }


def test_agency_and_year_from_the_title_forms_in_use() -> None:
    from report_desktop.domain.format2021 import FORMAT_2021
    from report_desktop.interchange.narrative import read_narrative

    titles = {
        "云岭市水务局2024年政府信息公开工作年度报告": ("云岭市水务局", 2024),
        "云岭市水务局关于2024年政府信息公开工作年度报告": ("云岭市水务局", 2024),
        "2024年度云岭市水务局政府信息公开工作年度报告": ("云岭市水务局", 2024),
        "云岭市水务局2023年度政府信息公开年度报告": ("云岭市水务局", 2023),
        "《云岭市水务局2022年政务公开工作年度报告》": ("云岭市水务局", 2022),
    }
    for title, expected in titles.items():
        narrative = read_narrative([title, "一、总体情况", "正文。"], FORMAT_2021)
        assert (narrative.agency, narrative.year) == expected, title
    two_lines = read_narrative(["云岭市水务局", "2024年政府信息公开工作年度报告"], FORMAT_2021)
    assert (two_lines.agency, two_lines.year) == ("云岭市水务局", 2024)
    sentence = "本报告是云岭市水务局2024年政府信息公开工作年度报告。"
    assert read_narrative([sentence], FORMAT_2021).year is None  # a sentence is not a title
