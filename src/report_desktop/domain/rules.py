"""The consistency rules: pure functions from a report to findings.

Computed totals (总计 columns, （七）总计) are derived, so the row and column sums of the reference
(rules 2–4) hold by construction; what remains is checked here. ``check`` runs every rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from .crossyear import DEFAULTS, CheckOptions, cross_year
from .declaration import CellSpec, Table, cell_id
from .findings import META_AGENCY, META_YEAR, Finding, Severity, sort_findings, text_place
from .hygiene import hygiene_findings
from .model import (
    Report,
    character_count,
    narrative_problem,
    other_text,
    overview_text,
    resolved_values,
)
from .plausibility import after_review_lawsuits
from .textcheck import last_year_findings, text_findings
from .values import CellValue, as_number, value_problem

Values = dict[str, CellValue]
Rule = Callable[[Report, Values], Iterator[Finding]]

FIRST_FORMAT_YEAR = 2021
OTHER_SHARE_LIMIT = Decimal("0.3")
OTHER_SHARE_MINIMUM = 10
FEE_WORDS = ("信息处理费",)
EMPTY_WORDS = ("无", "没有", "暂无")

T3 = "table3"


def check(
    report: Report, previous: Report | None = None, options: CheckOptions = DEFAULTS
) -> list[Finding]:
    """Every finding for ``report``; with last year's report, the cross-year rules too."""
    values = resolved_values(report)
    findings: list[Finding] = []
    for rule in RULES:
        findings.extend(rule(report, values))
    if previous is not None:
        findings.extend(cross_year(report, values, previous, options))
        before = resolved_values(previous)
        findings.extend(last_year_findings(report, values, before))
        findings.extend(after_review_lawsuits(report, values, before))
    return sort_findings(findings)


# Hard rules ------------------------------------------------------------------------------------


def table3_balance(report: Report, values: Values) -> Iterator[Finding]:
    """一 + 二 = 三（七）总计 + 四, for each of the seven columns."""
    table = report.format.table(T3)
    for column in table.blocks[0].columns:
        ids = [cell_id(T3, row, column.id) for row in _BALANCE_ROWS]
        new, carried, results, forward = (as_number(values[i]) for i in ids)
        if new + carried == results + forward:
            continue
        yield Finding(
            "table3.balance",
            Severity.ERROR,
            tuple(ids),
            f"{column.label}列：本年新收 {new} + 上年结转 {carried} = {new + carried}，"
            f"办理结果总计 {results} + 结转下年度 {forward} = {results + forward}，"
            f"相差 {abs(new + carried - results - forward)}",
        )


_BALANCE_ROWS = ("new_applications", "carried_over", "results_total", "carried_forward")


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
        yield Finding(
            "text.overview_length",
            Severity.WARNING,
            (text_place("overview"),),
            f"“一、总体情况”共 {count} 字，超过原则上不超过的 {limit} 字（多 {count - limit} 字）",
        )


def narrative_too_long(report: Report, values: Values) -> Iterator[Finding]:
    problem = narrative_problem(report)
    if problem:
        yield Finding("text.too_long", Severity.ERROR, (text_place("overview"),), problem)


def problems_empty(report: Report, values: Values) -> Iterator[Finding]:
    text = report.problems.strip().strip("。.")
    if not text or text in EMPTY_WORDS:
        found = "为空" if not text else f"只写了“{report.problems.strip()}”"
        yield Finding(
            "text.problems_empty",
            Severity.WARNING,
            (text_place("problems"),),
            f"“五、存在的主要问题及改进情况”{found}：格式要求具体写明存在的问题和改进情况",
        )


def processing_fee_mentioned(report: Report, values: Values) -> Iterator[Finding]:
    text = other_text(report)  # items without text are not printed: their titles say nothing
    if any(word in text for word in FEE_WORDS):
        return
    yield Finding(
        "text.other_fee",
        Severity.WARNING,
        (text_place("other"),),
        "“六、其他需要报告的事项”没有提到信息处理费：按规定须报告本年度收取信息处理费的情况"
        "（未收取也应写明）",
    )


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


def other_handling_share(report: Report, values: Values) -> Iterator[Finding]:
    total = as_number(values[cell_id(T3, "results_total", "total")])
    table = report.format.table(T3)
    group = next(r for r in table.blocks[0].rows[2].children if r.id == "other_handling")
    ids = [cell_id(T3, leaf.id, "total") for leaf in group.leaves()]
    other = sum((as_number(values[i]) for i in ids), start=0)
    if total < OTHER_SHARE_MINIMUM or other <= total * OTHER_SHARE_LIMIT:
        return
    share = round(Decimal(other) * 100 / Decimal(total))
    yield Finding(
        "table3.other_share",
        Severity.INFO,
        (*ids, cell_id(T3, "results_total", "total")),
        f"{group.label} 共 {other} 件，占办理结果总计 {total} 件的 {share}%，"
        "上级常会问及原因，建议在正文中说明",
    )


def _typed_cells(report: Report, table: Table) -> Iterable[CellSpec]:
    return (spec for spec in report.format.leaf_cells if spec.table is table)


RULES: tuple[Rule, ...] = (
    table3_balance,
    cell_values,
    meta_required,
    overview_length,
    narrative_too_long,
    problems_empty,
    processing_fee_mentioned,
    unfilled_cells,
    other_handling_share,
    text_findings,
    hygiene_findings,
)
