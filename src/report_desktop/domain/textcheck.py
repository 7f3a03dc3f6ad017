"""Numbers the narrative states about the tables, compared with the tables.

Published reports often say one number in the text and print another in the table. Each claim
below is a pattern of real report wording and the table cells it speaks about. The patterns are
deliberately narrow: a sentence about something else (备案, last year's figures, a comparison)
must stay silent — a missed mismatch costs less than a false alarm.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .declaration import cell_id
from .findings import Finding, Severity, text_place
from .model import Report, other_text, overview_text
from .numerals import NUMBER, normalize, parse_number
from .values import CellValue, as_number

RULE = "text.table_mismatch"
_N = f"(?P<n>{NUMBER})"
_UNIT = "(?:件|起|宗)"
_APPLICATION = "(?:政府)?信息公开申请"


@dataclass(frozen=True)
class Claim:
    """A way the text states a table figure."""

    pattern: str
    """A regular expression, compiled on first use (by ``re``'s own cache) to keep start-up fast."""
    cells: tuple[str, ...]
    """The cells whose sum the stated number must equal."""
    also: tuple[str, ...] = ()
    """Another sum the text may mean instead (新收 or 新收 + 上年结转)."""
    needs: str = ""
    """A word the sentence must contain for the claim to apply."""
    zero: bool = False
    """The pattern states "none" (未收到…申请): the number is 0."""
    key: str = ""
    """A word every match contains: clauses without it are skipped before the pattern runs."""


def _claim(
    key: str,
    pattern: str,
    cells: tuple[str, ...],
    *,
    also: tuple[str, ...] = (),
    needs: str = "",
    zero: bool = False,
) -> Claim:
    assert key in pattern, key
    return Claim(pattern.replace("N", _N), cells, also=also, needs=needs, zero=zero, key=key)


def _t3(row: str) -> str:
    return cell_id("table3", row, "total")


def _t4(row: str) -> str:
    return cell_id("table4", row, "total")


_LITIGATION = (_t4("litigation_direct"), _t4("litigation_after_review"))
_RECEIVED = "(?:新收|收到|接收|受理|接到)了?(?:各类|群众|公众)?(?:提出|提交|依法提出)?的?"

CLAIMS: tuple[Claim, ...] = (
    _claim(
        "信息公开申请",
        f"{_RECEIVED}{_APPLICATION}(?:共|合计|总计|共计)?N{_UNIT}",
        (_t3("new_applications"),),
        also=(_t3("new_applications"), _t3("carried_over")),
    ),
    _claim(
        "信息公开申请",
        f"{_RECEIVED}(?:共|合计)?N{_UNIT}{_APPLICATION}",
        (_t3("new_applications"),),
        also=(_t3("new_applications"), _t3("carried_over")),
    ),
    _claim(
        "信息公开申请",
        f"(?:未|没有)(?:收到|接到|受理|新收)(?:任何)?(?:群众|公众)?{_APPLICATION}",
        (_t3("new_applications"),),
        zero=True,
    ),
    _claim("结转", f"上一?年度?结转的?(?:{_APPLICATION}|申请)?N{_UNIT}", (_t3("carried_over"),)),
    _claim(
        "办结", f"办结的?(?:{_APPLICATION}|申请)?N{_UNIT}", (_t3("results_total"),), needs="申请"
    ),
    _claim(
        "结转",
        f"结转(?:至|到)?下一?年度?(?:继续办理)?的?(?:申请)?N{_UNIT}",
        (_t3("carried_forward"),),
        needs="申请",
    ),
    _claim(
        "结转",
        f"N{_UNIT}(?:申请)?结转(?:至|到)?下一?年度?",
        (_t3("carried_forward"),),
        needs="申请",
    ),
    _claim("予以公开", f"予以公开的?(?:申请)?N{_UNIT}", (_t3("disclosed"),), needs="申请"),
    _claim("行政复议", f"行政复议(?:案件|申请)?(?:共|合计)?N{_UNIT}", (_t4("review"),)),
    _claim(
        "行政复议",
        "(?:未|没有)(?:发生|收到|出现|产生|被申请|涉及)[^，,；;]{0,16}?行政复议",
        (_t4("review"),),
        zero=True,
    ),
    _claim("行政诉讼", f"行政诉讼(?:案件)?(?:共|合计)?N{_UNIT}", _LITIGATION),
    _claim(
        "行政诉讼",
        "(?:未|没有)(?:发生|收到|出现|产生|被提起|涉及)[^，,；;]{0,16}?行政诉讼",
        _LITIGATION,
        zero=True,
    ),
    _claim(
        "规范性文件",
        "现行有效的?(?:行政)?规范性文件(?:共|有)?N件",
        (cell_id("table2", "normative_documents", "in_force"),),
    ),
    _claim("规章", "现行有效的?规章(?:共|有)?N件", (cell_id("table2", "rules", "in_force"),)),
    _claim(
        "行政许可",
        "行政许可(?:决定)?(?:共|合计)?N件",
        (cell_id("table2", "licensing", "decisions"),),
    ),
    _claim(
        "行政处罚",
        "行政处罚(?:决定)?(?:共|合计)?N件",
        (cell_id("table2", "punishment", "decisions"),),
    ),
    _claim(
        "行政强制",
        "行政强制(?:决定)?(?:共|合计)?N件",
        (cell_id("table2", "coercion", "decisions"),),
    ),
)

_ANY_KEY = "|".join(sorted({claim.key for claim in CLAIMS}))
_SENTENCE_BREAK = re.compile(r"[。!?;\n]")
_CLAUSE_BREAK = re.compile(r",(?!\d{3})|:")
_OTHER_TIME = re.compile(r"(?:上一?年|去年|前年|同比|较|比上年|与上年)(?!度?结转)")
_OTHER_TOPIC = re.compile(r"备案|审查|清理|征求意见|听证|转办|信访")


def text_findings(report: Report, values: dict[str, CellValue]) -> Iterator[Finding]:
    """Every sentence of 一, 五 and 六 whose stated figure differs from the table."""
    for section_id, text in _narratives(report):
        heading = report.format.section(section_id).heading.split("、", 1)[-1]
        for claim, stated, quote in stated_figures(text, report.meta.year):
            actual = _sum(values, claim.cells)
            if stated == actual or (claim.also and stated == _sum(values, claim.also)):
                continue
            yield Finding(
                RULE,
                Severity.WARNING,
                (text_place(section_id), *claim.cells),
                f"{heading}写“{quote}”，{describe_cells(report, claim.cells)}为{actual}件",
            )


def _narratives(report: Report) -> Iterator[tuple[str, str]]:
    yield "overview", overview_text(report)
    yield "problems", report.problems
    yield "other", other_text(report)


@functools.lru_cache(maxsize=64)
def stated_figures(text: str, year: int | None) -> tuple[tuple[Claim, int, str], ...]:
    """The figures a narrative states: (claim, number, quoted words). Cached: the text changes
    far less often than the tables while a clerk types."""
    found: list[tuple[Claim, int, str]] = []
    for sentence, clause in _clauses(normalize(text), year):
        found.extend(_claims_in(sentence, clause))
    return tuple(found)


def _clauses(text: str, year: int | None) -> Iterator[tuple[str, str]]:
    """(sentence, clause) pairs speaking of this report's year and of the tables' subjects:
    comparisons, other years and other topics (备案, 审查 …) are left out."""
    for sentence in _SENTENCE_BREAK.split(text):
        if not re.search(_ANY_KEY, sentence):
            continue
        for clause in _CLAUSE_BREAK.split(sentence):
            years = {int(y) for y in re.findall(r"(\d{4})年", clause)}
            if years - {year} or _OTHER_TIME.search(clause) or _OTHER_TOPIC.search(clause):
                continue
            yield sentence, clause


def _claims_in(sentence: str, clause: str) -> Iterator[tuple[Claim, int, str]]:
    seen: set[tuple[str, ...]] = set()
    for claim in CLAIMS:
        if claim.key not in clause or claim.cells in seen or claim.needs not in sentence:
            continue
        match = re.search(claim.pattern, clause)
        if match is None:
            continue
        stated = 0 if claim.zero else parse_number(match.group("n"))
        if stated is not None:
            seen.add(claim.cells)
            yield claim, stated, match.group(0)


def _sum(values: dict[str, CellValue], cells: tuple[str, ...]) -> int:
    return int(sum((as_number(values[c]) for c in cells), start=0))


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
