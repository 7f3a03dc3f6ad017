"""Last year's report as a checking partner: the cross-year rules.

All are warnings or information — real reports break continuity for good reasons (a clean-up of
规范性文件, a re-counted carry-over) — and all run only when last year's report is linked.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .declaration import Continuity, RowNode, SectionKind, cell_id
from .findings import Finding, Severity
from .model import (
    Report,
    TextItem,
    character_count,
    new_report,
    resolved_values,
    section_finding,
)
from .values import CellValue, as_number, format_value

Values = dict[str, CellValue]


@dataclass(frozen=True)
class CheckOptions:
    change_ratio: Decimal = Decimal("0.5")
    """A cell changing by more than this share of last year's value is worth a look (info)."""
    change_minimum: int = 10
    """…if it also changed by at least this much: small numbers swing widely and mean little."""
    similarity_limit: Decimal = Decimal("0.8")
    """Section 五 at least this similar to last year's is 年年雷同 (warning)."""


DEFAULTS = CheckOptions()
QUOTE_LENGTH = 40


def cross_year(
    report: Report, values: Values, last: Report, options: CheckOptions = DEFAULTS
) -> Iterator[Finding]:
    before = resolved_values(last)
    yield from _carry_over(report, values, before)
    yield from _in_force(report, values, before)
    yield from _problems_repeated(report, last, options)
    yield from _big_changes(report, values, before, options)


def _carry_over(report: Report, values: Values, before: Values) -> Iterator[Finding]:
    """The format's carry-over rows (表三: 二、上年结转 = last year's 四), column by column."""
    fmt = report.format
    for pair in fmt.carry_overs:
        for column in fmt.table(pair.table).blocks[0].columns:
            now_id = cell_id(pair.table, pair.target, column.id)
            then = as_number(before[cell_id(pair.table, pair.source, column.id)])
            now = as_number(values[now_id])
            if now != then:
                yield Finding(
                    pair.code,
                    Severity.WARNING,
                    (now_id,),
                    f"{column.label}列：本年“{pair.target_name}” {now} 件，"
                    f"上年报告“{pair.source_name}”为 {then} 件",
                )


def _in_force(report: Report, values: Values, before: Values) -> Iterator[Finding]:
    """The format's continuity rules (表二: 现行有效 = 上年现行有效 + 本年制发 − 本年废止)."""
    fmt = report.format
    for rule in fmt.continuities:
        for row in fmt.table(rule.table).block(rule.block).rows:
            yield from _continuity(rule, row, values, before)


def _continuity(
    rule: Continuity, row: RowNode, values: Values, before: Values
) -> Iterator[Finding]:
    stock, added, removed = (
        cell_id(rule.table, row.id, term.row) for term in (rule.stock, rule.added, rule.removed)
    )
    last = as_number(before[stock])
    plus, minus = as_number(values[added]), as_number(values[removed])
    expected = last + plus - minus
    actual = as_number(values[stock])
    if actual != expected:
        yield Finding(
            rule.code,
            Severity.WARNING,
            (added, removed, stock),
            f"{row.label}{rule.stock.name}件数为 {format_value(actual)}，按上年{rule.stock.name} "
            f"{last} + {rule.added.name} {plus} − {rule.removed.name} {minus} 应为 {expected}",
        )


def _problems_repeated(report: Report, last: Report, options: CheckOptions) -> Iterator[Finding]:
    """Section 五 must not be the same year after year (不得年年雷同)."""
    ratio, passage = similarity(report.problems, last.problems)
    if ratio < options.similarity_limit or not passage:
        return
    quote = passage if len(passage) <= QUOTE_LENGTH else passage[:QUOTE_LENGTH] + "…"
    message = (
        f"与上年报告的相似度为 {round(ratio * 100)}%，"
        f"与上年重复的段落如“{quote}”：格式要求不得年年雷同"
    )
    kind = SectionKind.TEXT
    yield section_finding(report, kind, "cross_year.problems_repeated", Severity.WARNING, message)


@functools.lru_cache(maxsize=16)
def similarity(text: str, before: str) -> tuple[Decimal, str]:
    """How alike two texts are (0–1, whitespace ignored) and their longest common passage."""
    import difflib

    a, b = "".join(text.split()), "".join(before.split())
    if not a or not b or character_count(a) < 10:
        return Decimal(0), ""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    block = matcher.find_longest_match(0, len(a), 0, len(b))
    ratio = Decimal(str(matcher.ratio())).quantize(Decimal("0.001"))
    return ratio, a[block.a : block.a + block.size]


def _big_changes(
    report: Report, values: Values, before: Values, options: CheckOptions
) -> Iterator[Finding]:
    """A typed cell far from last year's value: information, never an error. Cells not filled
    yet are left to the unfilled-cells information."""
    for spec in report.format.leaf_cells:
        if values[spec.id] is None:
            continue
        now, then = as_number(values[spec.id]), as_number(before[spec.id])
        change: int | Decimal = now - then
        size = change if change >= 0 else -change
        if size < options.change_minimum or (then and size <= then * options.change_ratio):
            continue
        yield Finding(
            "cross_year.change",
            Severity.INFO,
            (spec.id,),
            f"{spec.place_name}：本年 {format_value(now)}，上年 {format_value(then)}，"
            f"变化 {change_share(now, then)}",
        )


def change_share(now: int | Decimal, then: int | Decimal) -> str:
    """How much a value changed from last year, as the clerk reads it: 「+50%」, 「-20%」, or
    「上年为 0」 when there is no share to speak of."""
    if not then:
        return "上年为 0"
    change = now - then
    return f"{'+' if change > 0 else ''}{round(change * 100 / then)}%"


def new_report_from_last_year(last: Report) -> Report:
    """This year's report started from last year's.

    The year moves on; agency details, the section-六 item titles and the preface (with its
    years moved on) are kept; last year's 四、结转下年度继续办理 becomes this year's
    二、上年结转, column by column. Every other cell and every narrative starts empty: last
    year's text is shown beside the editor for reference, never copied (copying is how
    年年雷同 happens).
    """
    year = last.meta.year + 1 if last.meta.year is not None else None
    meta = dataclasses.replace(last.meta, year=year, publication_date=None)
    report = new_report(meta, last.format)
    report.preface = _moved_on(last.preface, last.meta.year) if last.preface else report.preface
    report.other_items = [TextItem(item.key, item.title) for item in last.other_items]
    report.overview_parts = [TextItem(item.key, item.title) for item in last.overview_parts]
    before = resolved_values(last)
    for pair in report.format.carry_overs:
        for column in report.format.table(pair.table).blocks[0].columns:
            if not column.computed:
                carried = before[cell_id(pair.table, pair.source, column.id)]
                report.cells[cell_id(pair.table, pair.target, column.id)] = carried
    return report


def _moved_on(text: str, year: int | None) -> str:
    """「2024年」 → 「2025年」 and 「2025年」 → 「2026年」 (the year the report is published)."""
    if year is None:
        return text
    return re.sub(r"(?<!\d)(\d{4})(?=年)", lambda m: _next(m.group(1), year), text)


def _next(found: str, year: int) -> str:
    return str(int(found) + 1) if int(found) in (year, year + 1) else found


def compared_with_last_year(now: CellValue, then: CellValue) -> str:
    """How a cell stands against last year's, for a tooltip: 「上年：12」, and when this year's
    value is filled, the change: 「上年：12（本年 18，+6，+50%）」."""
    before = as_number(then)
    text = f"上年：{format_value(before)}"
    if now is None:
        return text
    change = as_number(now) - before
    if not change:
        return f"{text}（与本年相同）"
    sign = "+" if change > 0 else ""
    share = change_share(as_number(now), before)
    return f"{text}（本年 {format_value(now)}，{sign}{format_value(change)}，{share}）"
