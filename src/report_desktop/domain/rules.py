"""The consistency rules: pure functions from a report to findings.

Computed totals (总计 columns, （七）总计) are derived, so the row and column sums of the reference
(rules 2–4) hold by construction; what remains is checked here. ``check`` runs every rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from .crossyear import DEFAULTS, CheckOptions, cross_year
from .declaration import BalanceIdentity, CellSpec, Column, SectionKind, Table, Term, cell_id
from .findings import META_AGENCY, META_YEAR, Finding, Severity, sort_findings
from .hygiene import hygiene_findings
from .model import (
    Report,
    character_count,
    narrative_problem,
    other_text,
    overview_text,
    resolved_values,
    section_finding,
    section_place,
)
from .plausibility import after_review_lawsuits
from .textcheck import last_year_findings, text_findings
from .values import CellValue, as_number, value_problem

Values = dict[str, CellValue]
Rule = Callable[[Report, Values], Iterator[Finding]]

FIRST_FORMAT_YEAR = 2021
FEE_WORDS = ("信息处理费",)
EMPTY_WORDS = ("无", "没有", "暂无")


def check(
    report: Report, last_year: Report | None = None, options: CheckOptions = DEFAULTS
) -> list[Finding]:
    """Every finding for ``report``; with last year's report, the cross-year rules too."""
    values = resolved_values(report)
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report, values))
    if last_year is not None:
        findings.extend(cross_year(report, values, last_year, options))
        before = resolved_values(last_year)
        findings.extend(last_year_findings(report, values, before))
        findings.extend(after_review_lawsuits(report, values, before))
    return sort_findings(findings)


# Hard rules ------------------------------------------------------------------------------------


def balance_identities(report: Report, values: Values) -> Iterator[Finding]:
    """The format's 勾稽关系 (表三: 一 + 二 = 三（七）总计 + 四), for each column."""
    fmt = report.format
    for identity in fmt.identities:
        table = fmt.table(identity.table)
        for column in table.blocks[0].columns:
            yield from _balance(identity, column, values)


def _balance(identity: BalanceIdentity, column: Column, values: Values) -> Iterator[Finding]:
    left = [(t, cell_id(identity.table, t.row, column.id)) for t in identity.left]
    right = [(t, cell_id(identity.table, t.row, column.id)) for t in identity.right]
    left_sum = sum((as_number(values[i]) for _, i in left), start=0)
    right_sum = sum((as_number(values[i]) for _, i in right), start=0)
    if left_sum == right_sum:
        return
    yield Finding(
        identity.code,
        Severity.ERROR,
        tuple(i for _, i in left + right),
        f"{column.label}列：{_side(left, values, left_sum)}，{_side(right, values, right_sum)}，"
        f"相差 {abs(left_sum - right_sum)}",
    )


def _side(terms: list[tuple[Term, str]], values: Values, total: Decimal | int) -> str:
    text = " + ".join(f"{term.name} {as_number(values[i])}" for term, i in terms)
    return text if len(terms) == 1 else f"{text} = {total}"


def cell_values(report: Report, values: Values) -> Iterator[Finding]:
    """Every typed value is a non-negative number of its cell's kind."""
    for spec in report.format.leaf_cells:
        value = values[spec.id]
        if value is None or (type(value) is int and value >= 0):
            continue  # the common case, decided without building a message
        problem = value_problem(spec.kind, value)
        if problem:
            message = f"{spec.place_name}：{problem}"
            yield Finding("cell.value", Severity.ERROR, (spec.id,), message)
    for key in sorted(report.cells.keys() - report.format.leaf_ids):
        yield Finding("cell.unknown", Severity.ERROR, (key,), f"未知的单元格“{key}”，已忽略")


def meta_required(report: Report, values: Values) -> Iterator[Finding]:
    meta = report.meta
    if not meta.agency.strip():
        yield Finding("meta.agency", Severity.ERROR, (META_AGENCY,), "未填写机关名称")
    if meta.year is None:
        yield Finding("meta.year", Severity.ERROR, (META_YEAR,), "未填写报告年度")
    elif problem := year_problem(meta.year):
        yield Finding("meta.year", Severity.ERROR, (META_YEAR,), problem)


def year_problem(year: int, today: dt.date | None = None) -> str:
    """Why ``year`` is not a plausible report year (2021 to next year), or ''."""
    last = (today or dt.date.today()).year + 1
    if year < FIRST_FORMAT_YEAR:
        return f"报告年度 {year} 不适用本格式：2021年版格式用于2021年度及以后的报告"
    if year > last:
        return f"报告年度 {year} 不合理：应为 {FIRST_FORMAT_YEAR} 年至 {last} 年之间的年份"
    return ""


# Soft rules ------------------------------------------------------------------------------------


def overview_length(report: Report, values: Values) -> Iterator[Finding]:
    count = character_count(overview_text(report))
    limit = report.format.overview_limit
    if count > limit:
        yield section_finding(
            report,
            SectionKind.PARTS,
            "text.overview_length",
            Severity.WARNING,
            f"共 {count} 字，超过原则上不超过的 {limit} 字（多 {count - limit} 字）",
        )


def narrative_too_long(report: Report, values: Values) -> Iterator[Finding]:
    problem = narrative_problem(report)
    if problem:
        yield Finding(
            "text.too_long", Severity.ERROR, (section_place(report, SectionKind.PARTS),), problem
        )


def problems_empty(report: Report, values: Values) -> Iterator[Finding]:
    text = report.problems.strip().strip("。.")
    if not text or text in EMPTY_WORDS:
        found = "为空" if not text else f"只写了“{report.problems.strip()}”"
        message = f"{found}：格式要求具体写明存在的问题和改进情况"
        kind = SectionKind.TEXT
        yield section_finding(report, kind, "text.problems_empty", Severity.WARNING, message)


def processing_fee_mentioned(report: Report, values: Values) -> Iterator[Finding]:
    text = other_text(report)  # items without text are not printed: their titles say nothing
    if any(word in text for word in FEE_WORDS):
        return
    message = "没有提到信息处理费：按规定须报告本年度收取信息处理费的情况（未收取也应写明）"
    yield section_finding(report, SectionKind.ITEMS, "text.other_fee", Severity.WARNING, message)


# Information -----------------------------------------------------------------------------------


def unfilled_cells(report: Report, values: Values) -> Iterator[Finding]:
    for table in report.format.tables:
        empty = tuple(spec.id for spec in _typed_cells(report, table) if values[spec.id] is None)
        if empty:
            yield Finding(
                "cells.unfilled",
                Severity.INFO,
                empty,
                f"{table.name}还有 {len(empty)} 个单元格未填写（按 0 计算和打印）",
            )


def share_limits(report: Report, values: Values) -> Iterator[Finding]:
    """Row groups that take more than their customary share of a total (表三's 其他处理)."""
    fmt = report.format
    for watch in fmt.share_limits:
        whole_id = cell_id(watch.table, watch.whole, watch.column)
        total = as_number(values[whole_id])
        group = fmt.row(watch.table, watch.part)
        ids = [cell_id(watch.table, leaf.id, watch.column) for leaf in group.leaves()]
        part = sum((as_number(values[i]) for i in ids), start=0)
        if total < watch.minimum or part <= total * watch.limit:
            continue
        share = round(Decimal(part) * 100 / Decimal(total))
        yield Finding(
            watch.code,
            Severity.INFO,
            (*ids, whole_id),
            f"{group.label} 共 {part} 件，占{watch.whole_name} {total} 件的 {share}%，"
            "上级常会问及原因，建议在正文中说明",
        )


def _typed_cells(report: Report, table: Table) -> Iterable[CellSpec]:
    return (spec for spec in report.format.leaf_cells if spec.table is table)


RULES: tuple[Rule, ...] = (
    balance_identities,
    cell_values,
    meta_required,
    overview_length,
    narrative_too_long,
    problems_empty,
    processing_fee_mentioned,
    unfilled_cells,
    share_limits,
    text_findings,
    hygiene_findings,
)
