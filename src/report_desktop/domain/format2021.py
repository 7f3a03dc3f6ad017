"""The 2021 format (国办公开办函〔2021〕30号), declared once.

This module is the only place the official labels live. Ids are stable English snake_case;
draft files, findings and imports refer to cells as ``table.row.column``.
"""

from __future__ import annotations

from decimal import Decimal

from .declaration import (
    BalanceIdentity,
    Block,
    CarryOver,
    Column,
    Continuity,
    FollowUp,
    HeaderCell,
    ReportFormat,
    RowNode,
    Section,
    SectionKind,
    ShareLimit,
    Table,
    Term,
    TextPart,
    ValueKind,
)
from .numerals import chinese_numeral

# 表二 — 二、主动公开政府信息情况 ---------------------------------------------------------------

_DECISIONS = Column("decisions", "本年处理决定数量")


def _article_20_item(
    number: int,
    columns: tuple[Column, ...],
    rows: tuple[RowNode, ...],
    kind: ValueKind = ValueKind.COUNT,
) -> Block:
    """The block of 表二 for item ``number`` of 第二十条, its rows headed 信息内容."""
    return Block(
        id=f"item{number}",
        caption=f"第二十条第（{chinese_numeral(number)}）项",
        corner="信息内容",
        columns=columns,
        rows=rows,
        kind=kind,
    )


TABLE2 = Table(
    id="table2",
    name="表二",
    layout="blocks",
    widths_mm=(40.0, 38.7, 38.7, 38.6),
    blocks=(
        _article_20_item(
            1,
            (
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数", aliases=("本年度止件数",)),
                Column("in_force", "现行有效件数"),
            ),
            (RowNode("rules", "规章"), RowNode("normative_documents", "行政规范性文件")),
        ),
        _article_20_item(5, (_DECISIONS,), (RowNode("licensing", "行政许可"),)),
        _article_20_item(
            6, (_DECISIONS,), (RowNode("punishment", "行政处罚"), RowNode("coercion", "行政强制"))
        ),
        _article_20_item(
            8,
            (Column("amount", "本年收费金额（单位：万元）"),),
            (RowNode("fees", "行政事业性收费"),),
            kind=ValueKind.AMOUNT,
        ),
    ),
)

# 表三 — 三、收到和处理政府信息公开申请情况 ------------------------------------------------------

_APPLICANT_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
)


def _group(group_id: str, label: str, items: tuple[tuple[str, str], ...]) -> RowNode:
    """Rows under one merged label; the row of item ``(key, label)`` is ``<group_id>_<key>``."""
    children = tuple(RowNode(f"{group_id}_{key}", text) for key, text in items)
    return RowNode(group_id, label, children=children)


_WITHHELD = _group(
    "withheld",
    "（三）不予公开",
    (
        ("state_secret", "1.属于国家秘密"),
        ("prohibited", "2.其他法律行政法规禁止公开"),
        ("security", "3.危及“三安全一稳定”"),
        ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"),
        ("process", "6.属于四类过程性信息"),
        ("enforcement_files", "7.属于行政执法案卷"),
        ("inquiry", "8.属于行政查询事项"),
    ),
)
_UNAVAILABLE = _group(
    "unavailable",
    "（四）无法提供",
    (
        ("not_held", "1.本机关不掌握相关政府信息"),
        ("needs_creation", "2.没有现成信息需要另行制作"),
        ("unclear", "3.补正后申请内容仍不明确"),
    ),
)
_NOT_PROCESSED = _group(
    "not_processed",
    "（五）不予处理",
    (
        ("petition", "1.信访举报投诉类申请"),
        ("repeated", "2.重复申请"),
        ("publication", "3.要求提供公开出版物"),
        ("excessive", "4.无正当理由大量反复申请"),
        ("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ),
)
_OTHER_HANDLING = _group(
    "other_handling",
    "（六）其他处理",
    (
        (
            "no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ),
        (
            "unpaid_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ),
        ("misc", "3.其他"),
    ),
)
_RESULT_LEAVES: tuple[RowNode, ...] = (
    RowNode("disclosed", "（一）予以公开"),
    RowNode("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _WITHHELD,
    _UNAVAILABLE,
    _NOT_PROCESSED,
    _OTHER_HANDLING,
)
RESULT_ROW_IDS: tuple[str, ...] = tuple(
    leaf.id for node in _RESULT_LEAVES for leaf in node.leaves()
)

TABLE3 = Table(
    id="table3",
    name="表三",
    layout="grid",
    widths_mm=(7.6, 16.0, 56.9, 12.5, 10.5, 10.5, 10.5, 10.5, 10.5, 10.5),
    header=(
        (
            HeaderCell(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                colspan=3,
                rowspan=3,
            ),
            HeaderCell("申请人情况", colspan=7),
        ),
        (
            HeaderCell("自然人", rowspan=2),
            HeaderCell("法人或其他组织", colspan=5),
            HeaderCell("总计", rowspan=2),
        ),
        tuple(HeaderCell(c.label) for c in _APPLICANT_COLUMNS[1:]),
    ),
    blocks=(
        Block(
            id="main",
            columns=(
                *_APPLICANT_COLUMNS,
                Column("total", "总计", sums=tuple(c.id for c in _APPLICANT_COLUMNS)),
            ),
            rows=(
                RowNode("new_applications", "一、本年新收政府信息公开申请数量"),
                RowNode("carried_over", "二、上年结转政府信息公开申请数量"),
                RowNode(
                    "results",
                    "三、本年度办理结果",
                    children=(
                        *_RESULT_LEAVES,
                        RowNode("results_total", "（七）总计", sums=RESULT_ROW_IDS),
                    ),
                ),
                RowNode("carried_forward", "四、结转下年度继续办理"),
            ),
        ),
    ),
)

# 表四 — 四、政府信息公开行政复议、行政诉讼情况 --------------------------------------------------

_OUTCOMES = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other_result", "其他结果"),
    Column("pending", "尚未审结"),
)
_OUTCOME_COLUMNS = (*_OUTCOMES, Column("total", "总计", sums=tuple(c.id for c in _OUTCOMES)))
_OUTCOME_HEADER = tuple(HeaderCell(c.label) for c in _OUTCOME_COLUMNS)

TABLE4 = Table(
    id="table4",
    name="表四",
    layout="strip",
    widths_mm=(10.4,) * 15,
    header=(
        (HeaderCell("行政复议", colspan=5), HeaderCell("行政诉讼", colspan=10)),
        (
            *(HeaderCell(c.label, rowspan=2) for c in _OUTCOME_COLUMNS),
            HeaderCell("未经复议直接起诉", colspan=5),
            HeaderCell("复议后起诉", colspan=5),
        ),
        (*_OUTCOME_HEADER, *_OUTCOME_HEADER),
    ),
    blocks=(
        Block(
            id="main",
            columns=_OUTCOME_COLUMNS,
            rows=(
                RowNode("review", "行政复议"),
                RowNode("litigation_direct", "未经复议直接起诉"),
                RowNode("litigation_after_review", "复议后起诉"),
            ),
        ),
    ),
)

# Sections and narrative parts ------------------------------------------------------------------

SECTIONS = (
    Section("overview", "一", "一、总体情况", kind=SectionKind.PARTS),
    Section(
        "proactive",
        "二",
        "二、主动公开政府信息情况",
        table="table2",
    ),
    Section(
        "requests",
        "三",
        "三、收到和处理政府信息公开申请情况",
        table="table3",
    ),
    Section(
        "appeals",
        "四",
        "四、政府信息公开行政复议、行政诉讼情况",
        table="table4",
        aliases=("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    ),
    Section("problems", "五", "五、存在的主要问题及改进情况", kind=SectionKind.TEXT),
    Section("other", "六", "六、其他需要报告的事项", kind=SectionKind.ITEMS),
)

OVERVIEW_PARTS = (
    TextPart("proactive", "主动公开", "主动公开方面"),
    TextPart("on_request", "依申请公开", "依申请公开方面"),
    TextPart("management", "政府信息管理", "政府信息管理方面"),
    TextPart("platform", "平台建设", "平台建设方面"),
    TextPart("supervision", "监督保障", "监督保障方面"),
)

PROCESSING_FEE_ITEM = "processing_fee"

AFTER_REVIEW = "plausibility.after_review"
"""The rule code of 复议后起诉 outnumbering the reviews it can follow."""

OTHER_ITEMS = (
    TextPart(PROCESSING_FEE_ITEM, "信息处理费", "政府信息公开信息处理费收取情况"),
    TextPart("proposals", "人大代表建议和政协提案办理", "人大代表建议和政协提案办理情况"),
    TextPart("key_points", "年度政务公开工作要点落实情况", "年度政务公开工作要点落实情况"),
    TextPart("innovation", "政务公开工作创新情况", "政务公开工作创新情况"),
    TextPart("misc", "其他", "其他事项"),
)

FORMAT_2021 = ReportFormat(
    edition="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    basis="国办公开办函〔2021〕30号",
    title="政府信息公开工作年度报告",
    sections=SECTIONS,
    tables=(TABLE2, TABLE3, TABLE4),
    overview_parts=OVERVIEW_PARTS,
    other_items=OTHER_ITEMS,
    overview_limit=1000,
    identities=(
        BalanceIdentity(
            "table3.balance",
            "table3",
            left=(Term("new_applications", "本年新收"), Term("carried_over", "上年结转")),
            right=(Term("results_total", "办理结果总计"), Term("carried_forward", "结转下年度")),
        ),
    ),
    share_limits=(
        ShareLimit(
            "table3.other_share",
            "table3",
            part="other_handling",
            whole="results_total",
            whole_name="办理结果总计",
            column="total",
            limit=Decimal("0.3"),
            minimum=10,
        ),
    ),
    carry_overs=(
        CarryOver(
            "cross_year.carry_over",
            "table3",
            source="carried_forward",
            source_name="结转下年度继续办理",
            target="carried_over",
            target_name="上年结转",
        ),
    ),
    continuities=(
        Continuity(
            "cross_year.in_force",
            "table2",
            "item1",
            stock=Term("in_force", "现行有效"),
            added=Term("issued", "本年制发"),
            removed=Term("repealed", "本年废止"),
        ),
    ),
    follow_ups=(
        FollowUp(
            AFTER_REVIEW,
            later="table4.litigation_after_review.total",
            source="table4.review.total",
            pending="table4.review.pending",
        ),
    ),
)
