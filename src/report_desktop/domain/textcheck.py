"""Numbers the narrative states about the tables, compared with the tables (and, for 「较上年」,
with last year's linked report).

Published reports often say one number in the text and print another in the table. The reader
(:mod:`.textread`) is deliberately narrow: a sentence about something else (备案, 热线, another
year) must stay silent — a missed mismatch costs less than a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .declaration import SectionKind
from .findings import Finding, Severity, text_place
from .model import Report, section_text
from .numerals import normalize
from .textread import (
    AMOUNT_SUBJECTS,
    COUNT,
    DELTA,
    LAST_YEAR,
    PERCENT,
    SUBJECTS,
    Stated,
    read_figures,
)
from .values import CellValue, as_number

RULE = "text.table_mismatch"
LAST_YEAR_RULE = "text.last_year_mismatch"

_GROUP_LABELS = {
    "disclosed_partial": "（一）予以公开”与“（二）部分公开",
    "withheld": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other_handling": "（六）其他处理",
    "orgs": "法人或其他组织",
}


def text_findings(report: Report, values: dict[str, CellValue]) -> Iterator[Finding]:
    """Every figure of 一, 五 and 六 that differs from the table."""
    sums = _Sums(values)
    for section_id, text in _narratives(report):
        heading = report.format.section(section_id).heading.split("、", 1)[-1]
        place = text_place(section_id)
        for _sentence, figures in read_figures(text, report.meta.year):
            for figure in figures:
                if figure.kind == COUNT:
                    message = _count_problem(report, sums, figure)
                elif figure.kind == PERCENT:
                    message = _share_problem(report, sums, figure)
                else:
                    continue
                if message:
                    cells = SUBJECTS[figure.subject][0]
                    yield Finding(RULE, Severity.WARNING, (place, *cells), f"{heading}{message}")


def last_year_findings(
    report: Report, values: dict[str, CellValue], before: dict[str, CellValue]
) -> Iterator[Finding]:
    """「较上年增加3件」, 「比2022年（31起）下降29%」 against last year's linked report."""
    for section_id, text in _narratives(report):
        heading = report.format.section(section_id).heading.split("、", 1)[-1]
        for _sentence, figures in read_figures(text, report.meta.year):
            for figure in figures:
                if figure.kind in (COUNT, PERCENT):
                    continue
                message = _change_problem(report, values, before, figure)
                if message:
                    cells = SUBJECTS[figure.subject][0]
                    place = text_place(section_id)
                    yield Finding(
                        LAST_YEAR_RULE, Severity.WARNING, (place, *cells), f"{heading}{message}"
                    )


class _Sums(dict[tuple[str, ...], Decimal]):
    """The sums of cells the figures speak of, each computed once per check."""

    def __init__(self, values: dict[str, CellValue]) -> None:
        super().__init__()
        self.cells = values

    def __missing__(self, cells: tuple[str, ...]) -> Decimal:
        total = self[cells] = _sum(self.cells, cells)
        return total


def _count_problem(report: Report, known: _Sums, figure: Stated) -> str:
    sums = [known[cells] for cells in SUBJECTS[figure.subject]]
    if figure.subject in AMOUNT_SUBJECTS:
        if any(_rounds_to(actual, figure.value) for actual in sums):
            return ""
    elif figure.value in sums:
        return ""
    where = describe_subject(report, figure.subject)
    unit = "万元" if figure.subject in AMOUNT_SUBJECTS else "件"
    return f"写“{figure.quote}”{_read_as(figure)}，{where}为{_plain(sums[0])}{unit}"


def _read_as(figure: Stated) -> str:
    """「（读作 123）」 where the quoted words do not show the number in digits."""
    shown = re.sub(r"(?<=\d),(?=\d{3})", "", figure.quote)
    if _plain(figure.value) in shown or (figure.value == 0 and not re.search(r"\d", shown)):
        return ""
    return f"（读作 {_plain(figure.value)}）"


def _share_problem(report: Report, known: _Sums, figure: Stated) -> str:
    """占 N%: the share of the applications handled (or received), rounded as stated."""
    part = known[SUBJECTS[figure.subject][0]]
    wholes = [known[cells] for cells in SUBJECTS["handled"]]
    shares = [part * 100 / whole for whole in wholes if whole]
    if not shares or any(_rounds_to(share, figure.value) for share in shares):
        return ""
    where = describe_subject(report, figure.subject)
    return (
        f"写“{figure.quote}”，{where}为{_plain(part)}件，"
        f"占办理结果总计{_plain(wholes[0])}件的{_percent(shares[0], figure.value)}%"
    )


def _change_problem(
    report: Report, values: dict[str, CellValue], before: dict[str, CellValue], figure: Stated
) -> str:
    cells = SUBJECTS[figure.subject][0]
    now, then = _sum(values, cells), _sum(before, cells)
    tables = (
        f"{describe_subject(report, figure.subject)}本年为{_plain(now)}，上年报告为{_plain(then)}"
    )
    said = f"写“{figure.quote}”"
    if figure.kind == LAST_YEAR:
        wrong = figure.value != then
        read = f"（上年 {_plain(figure.value)}）"
    elif figure.kind == DELTA:
        wrong = figure.value != now - then
        read = f"（变化 {_signed(figure.value)}）"
        tables += f"，变化 {_signed(now - then)}"
    else:
        change = (now - then) * 100 / then if then else None
        wrong = change is not None and not _rounds_to(change, figure.value)
        read = f"（变化 {_signed(figure.value)}%）"
        if change is not None:
            tables += f"，变化 {_signed(Decimal(_percent(change, figure.value)))}%"
    return f"{said}{read}，{tables}" if wrong else ""


def _rounds_to(actual: Decimal, stated: Decimal) -> bool:
    """Whether ``stated`` is ``actual`` rounded (half up, or cut off) to the places it shows."""
    places = max(0, -int(stated.as_tuple().exponent))
    step = Decimal(1).scaleb(-places)
    return abs(actual - stated) <= step / 2 or (
        0 <= (actual - stated) * (1 if stated >= 0 else -1) < step
    )


def _percent(share: Decimal, like: Decimal) -> str:
    places = max(1, -int(like.as_tuple().exponent))
    return f"{share:.{places}f}".rstrip("0").rstrip(".")


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}" if value != value.to_integral_value() else str(int(value))


def _signed(value: Decimal) -> str:
    return f"+{_plain(value)}" if value > 0 else _plain(value).replace("-", "−")


def _narratives(report: Report) -> Iterator[tuple[str, str]]:
    for section in report.format.sections:
        if section.kind is not SectionKind.TABLE:
            yield section.id, section_text(report, section.kind)


def stated_figures(text: str, year: int | None) -> tuple[Stated, ...]:
    """The figures a narrative states, in order (see :mod:`.textread`)."""
    return tuple(figure for _sentence, figures in read_figures(text, year) for figure in figures)


stated_figures.cache_clear = read_figures.cache_clear  # type: ignore[attr-defined]


def _sum(values: dict[str, CellValue], cells: tuple[str, ...]) -> Decimal:
    total = sum([as_number(values[c]) for c in cells])
    return total if isinstance(total, Decimal) else Decimal(total)


def describe_subject(report: Report, subject: str) -> str:
    """表三“（三）不予公开”各项合计, or the cells as :func:`describe_cells` names them."""
    cells = SUBJECTS[subject][0]
    label = _GROUP_LABELS.get(subject)
    if label is None:
        return describe_cells(report, cells)
    table = report.format.cell(cells[0]).table.name
    if subject == "orgs":
        row = report.format.cell(cells[0]).row.label
        return f"{table}“{row}”“{label}”各列合计"
    if subject == "disclosed_partial":
        return f"{table}“{label}”合计"
    return f"{table}“{label}”各项合计"


def describe_cells(report: Report, cells: tuple[str, ...]) -> str:
    """表三“一、本年新收政府信息公开申请数量”总计, or several joined with 与."""
    fmt = report.format
    specs = [fmt.cell(c) for c in cells]
    table = specs[0].table.name
    rows = "与".join(f"“{s.row.label}”" for s in specs)
    column = specs[0].column
    if len(specs[0].block.columns) == 1:
        return f"{table}{rows}"
    return f"{table}{rows}{column.label}"


_QUOTED = re.compile(r"“([^“”]+)”")


def quotes_in(message: str) -> list[str]:
    """The words a finding's message quotes in “…”, in order (a trailing … of a shortened quote
    dropped)."""
    return [quote.removesuffix("…") for quote in _QUOTED.findall(message)]


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where a finding's quoted words stand in the clerk's ``text``: (start, end) offsets.

    Findings quote the normalised text (full-width digits and punctuation made ASCII, see
    :func:`normalize`) and the 五 similarity quotes it without whitespace, so both are compared
    in that form; None when the words are not there.
    """
    target = "".join(normalize(quote).split())
    if not target:
        return None
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in normalize(char):
            if not piece.isspace():
                pieces.append(piece)
                origin.append(index)
    at = "".join(pieces).find(target)
    if at < 0:
        return None
    return origin[at], origin[at + len(target) - 1] + 1
