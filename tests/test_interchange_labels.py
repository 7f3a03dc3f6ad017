"""Tolerant label matching built from the format declaration."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_desktop.domain.declaration import (
    Block,
    Column,
    ReportFormat,
    RowNode,
    Section,
    Table,
)
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.superseded import TRIAL_FORMAT_2019
from report_desktop.interchange.labels import (
    FormatLabels,
    MatchStatus,
    build_labels,
    normalize_label,
    recognises,
    strip_enumerator,
)


@pytest.fixture(scope="module")
def labels() -> FormatLabels:
    return build_labels(FORMAT_2021)


def all_rows(table: Table) -> Iterator[RowNode]:
    def walk(node: RowNode) -> Iterator[RowNode]:
        yield node
        for child in node.children:
            yield from walk(child)

    for block in table.blocks:
        for row in block.rows:
            yield from walk(row)


def row_target(labels: FormatLabels, table: str, text: str) -> str:
    match = labels.of(table).rows.match(text)
    assert match.status is MatchStatus.FOUND, (text, match)
    return match.target


# Normalisation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "official"),
    [
        ("１．属于国家秘密", "1.属于国家秘密"),
        ("1、属于国家秘密", "1.属于国家秘密"),
        ("1 . 属于 国家 秘密", "1.属于国家秘密"),
        ("(一)予以公开", "（一）予以公开"),
        ("（ 一 ） 予以公开", "（一）予以公开"),
        ('3.危及"三安全一稳定"', "3.危及“三安全一稳定”"),
        ("3.危及「三安全一稳定」", "3.危及“三安全一稳定”"),
        ("一.本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
        ("本年收费金额(单位:万元)", "本年收费金额（单位：万元）"),
        ("本\u3000年\t制发件数\n", "本年制发件数"),
    ],
)
def test_normalize_label_makes_spelling_variants_equal(variant: str, official: str) -> None:
    assert normalize_label(variant) == normalize_label(official)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1.属于国家秘密", "2.属于国家秘密"),
        ("（一）予以公开", "（二）予以公开"),
        ("本年制发件数", "本年废止件数"),
    ],
)
def test_normalize_label_keeps_different_labels_apart(first: str, second: str) -> None:
    assert normalize_label(first) != normalize_label(second)


def test_strip_enumerator_removes_only_the_leading_one() -> None:
    assert strip_enumerator(normalize_label("（三）不予公开")) == "不予公开"
    assert strip_enumerator(normalize_label("一、本年新收政府信息公开申请数量")).startswith("本年")
    assert strip_enumerator(normalize_label("8.属于行政查询事项")) == "属于行政查询事项"
    assert strip_enumerator("第二十条第(一)项") == "第二十条第(一)项"


# The 2021 format --------------------------------------------------------------------------------


def test_the_2021_format_has_no_ambiguous_key(labels: FormatLabels) -> None:
    indexes = [labels.tables]
    for names in labels.by_table.values():
        indexes += [names.rows, names.columns]
    ambiguous = [
        key for index in indexes for key, targets in index.keys.items() if len(targets) > 1
    ]
    assert ambiguous == []


@pytest.mark.parametrize("table", FORMAT_2021.tables, ids=lambda t: t.id)
def test_every_official_row_label_finds_its_row(labels: FormatLabels, table: Table) -> None:
    for row in all_rows(table):
        assert row_target(labels, table.id, row.label) == row.id


@pytest.mark.parametrize("table", FORMAT_2021.tables, ids=lambda t: t.id)
def test_every_official_column_label_finds_its_column(labels: FormatLabels, table: Table) -> None:
    for block in table.blocks:
        for column in block.columns:
            for text in (column.label, *column.aliases):
                match = labels.of(table.id).columns.match(text)
                assert (match.status, match.target) == (MatchStatus.FOUND, column.id)


def test_column_alias_from_the_declaration_is_accepted(labels: FormatLabels) -> None:
    match = labels.of("table2").columns.match("本年度止件数")
    assert match.target == "repealed"
    assert labels.of("table2").columns.label(match.target) == "本年废止件数"


@pytest.mark.parametrize(
    ("text", "table"),
    [
        ("二", "table2"),
        ("表二", "table2"),
        ("2", "table2"),
        ("２", "table2"),
        ("表2", "table2"),
        ("三", "table3"),
        ("表 三", "table3"),
        ("3", "table3"),
        ("四", "table4"),
        ("表四", "table4"),
        ("4", "table4"),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "table4"),
    ],
)
def test_table_spellings(labels: FormatLabels, text: str, table: str) -> None:
    match = labels.tables.match(text)
    assert (match.status, match.target) == (MatchStatus.FOUND, table)


@pytest.mark.parametrize("text", ["一", "五", "1", "表五", "table9", ""])
def test_unknown_tables_are_not_matched(labels: FormatLabels, text: str) -> None:
    assert labels.tables.match(text).status is MatchStatus.UNKNOWN


def test_table_code_is_the_section_numeral(labels: FormatLabels) -> None:
    assert [labels.of(t.id).code for t in FORMAT_2021.tables] == ["二", "三", "四"]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("1.属于国家秘密", "withheld_state_secret"),
        ("（三）不予公开 1.属于国家秘密", "withheld_state_secret"),
        ("三、本年度办理结果（三）不予公开1.属于国家秘密", "withheld_state_secret"),
        ("不予公开-属于国家秘密", "withheld_state_secret"),
        ("属于国家秘密", "withheld_state_secret"),
        ("1.本机关不掌握相关政府信息", "unavailable_not_held"),
        ("（六）其他处理／3、其他", "other_handling_misc"),
        ("3.其他", "other_handling_misc"),
        ("其他", "other_handling_misc"),
        ("予以公开", "disclosed"),
        ("总计", "results_total"),
        ("(七) 总计", "results_total"),
        ("三、 本 年 度 办 理 结 果", "results"),
        ("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", "partially_disclosed"),
    ],
)
def test_table3_row_spellings(labels: FormatLabels, text: str, row: str) -> None:
    assert row_target(labels, "table3", text) == row


def test_a_wrong_number_is_not_matched_by_its_text_but_suggested(labels: FormatLabels) -> None:
    match = labels.of("table3").rows.match("2.属于国家秘密")
    assert match.status is MatchStatus.UNKNOWN
    assert match.suggestion == "1.属于国家秘密"


def test_a_leaf_under_the_wrong_heading_is_not_matched(labels: FormatLabels) -> None:
    assert (
        labels.of("table3").rows.match("（四）无法提供 1.属于国家秘密").status
        is MatchStatus.UNKNOWN
    )


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("规章呀", "规章"),
        ("行政许可证", "行政许可"),
        ("行政事业收费", "行政事业性收费"),
    ],
)
def test_close_labels_are_suggested(labels: FormatLabels, text: str, suggestion: str) -> None:
    match = labels.of("table2").rows.match(text)
    assert match.status is MatchStatus.UNKNOWN
    assert match.suggestion == suggestion


def test_nothing_is_suggested_for_an_unrelated_label(labels: FormatLabels) -> None:
    assert labels.of("table2").rows.match("天气预报").suggestion == ""
    assert labels.of("table2").rows.match("").suggestion == ""


def test_rows_nested_twice_are_displayed_with_their_heading(labels: FormatLabels) -> None:
    rows = labels.of("table3").rows
    assert rows.display("withheld_state_secret") == "（三）不予公开 1.属于国家秘密"
    assert rows.display("disclosed") == "（一）予以公开"
    assert rows.label("withheld_state_secret") == "1.属于国家秘密"


# The superseded trial format --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "第二十条第(九)项",
        "政府集中采购",
        "本年增／减",
    ],
)
def test_trial_format_labels_are_recognised(text: str) -> None:
    assert recognises(TRIAL_FORMAT_2019, text)


@pytest.mark.parametrize("text", ["本年制发件数", "第二十条第（八）项", "行政规范性文件", ""])
def test_current_labels_are_not_taken_for_trial_format_ones(text: str) -> None:
    assert not recognises(TRIAL_FORMAT_2019, text)


def test_trial_format_markers_are_not_labels_of_the_current_format(labels: FormatLabels) -> None:
    for names in labels.by_table.values():
        for marker in TRIAL_FORMAT_2019.markers:
            assert names.rows.match(marker).status is MatchStatus.UNKNOWN
            assert names.columns.match(marker).status is MatchStatus.UNKNOWN


# Ambiguity in a format where a leaf label repeats ----------------------------------------------


def repeating_format() -> ReportFormat:
    """A format edition where 「1.其他」 is a leaf of two groups."""
    rows = (
        RowNode(
            "a", "（一）甲类", children=(RowNode("a_misc", "1.其他"), RowNode("a_x", "2.某项"))
        ),
        RowNode("b", "（二）乙类", children=(RowNode("b_misc", "1.其他"),)),
    )
    block = Block("main", columns=(Column("n", "件数"),), rows=rows)
    table = Table("t", "表一", blocks=(block,))
    return ReportFormat(
        edition="test-repeating",
        name="测试格式",
        basis="测试",
        sections=(Section("s", "一", "一、测试", table="t"),),
        tables=(table,),
        overview_parts=(),
        other_items=(),
        overview_limit=1000,
    )


def test_a_repeated_leaf_label_is_ambiguous_never_guessed() -> None:
    rows = build_labels(repeating_format()).of("t").rows
    match = rows.match("1.其他")
    assert match.status is MatchStatus.AMBIGUOUS
    assert match.target == ""
    assert match.candidates == ("（一）甲类 1.其他", "（二）乙类 1.其他")
    assert rows.match("其他").status is MatchStatus.AMBIGUOUS


def test_a_repeated_leaf_label_is_found_with_its_heading() -> None:
    rows = build_labels(repeating_format()).of("t").rows
    assert rows.match("（二）乙类 1.其他").target == "b_misc"
    assert rows.match("甲类/其他").target == "a_misc"
    assert rows.match("2.某项").target == "a_x"


# Property: any tolerated spelling of any official label finds it --------------------------------

_FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
_ENTRIES = [(t.id, row) for t in FORMAT_2021.tables for row in all_rows(t)]


def respell(text: str, full_width: bool, enumerator: str, spaces: list[int]) -> str:
    if text[:2] in {f"{d}." for d in "12345678"}:
        text = text[0] + enumerator + text[2:]
    text = text.replace("“", '"').replace("”", '"')
    if full_width:
        text = "".join(_FULL_WIDTH.get(ch, ch) for ch in text)
    else:
        text = text.replace("（", "(").replace("）", ")")
    for position in sorted(spaces, reverse=True):
        text = text[:position] + " " + text[position:]
    return text


@given(
    entry=st.sampled_from(_ENTRIES),
    full_width=st.booleans(),
    enumerator=st.sampled_from([".", "、", "．"]),
    spaces=st.lists(st.integers(min_value=0, max_value=40), max_size=4),
)
def test_any_tolerated_spelling_finds_the_row(
    labels: FormatLabels,
    entry: tuple[str, RowNode],
    full_width: bool,
    enumerator: str,
    spaces: list[int],
) -> None:
    table, row = entry
    text = respell(row.label, full_width, enumerator, spaces)
    assert row_target(labels, table, text) == row.id
