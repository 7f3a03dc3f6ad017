"""The text as a reader meets it: placeholders left from a template, doubled words, numbered
sequences out of order, section headings that differ from the official ones.

Each check reads one field at a time (cached by its text: a keystroke changes one field), and
quotes the words it means, so the editor can select them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .declaration import SectionKind
from .findings import Finding, Severity
from .lazyre import LazyPattern
from .model import Report, overview_text, section_finding, section_heading, section_place
from .numerals import chinese_numeral, normalize, parse_number
from .values import CellValue

PLACEHOLDER = "text.placeholder"
DOUBLED = "text.doubled"
NUMBERING = "text.numbering"
HEADING = "text.heading"
OVERVIEW_EMPTY = "text.overview_empty"
PREFACE = "meta.preface"
"""The place of the preface: on the 基本信息与前言 page."""

QUOTING_RULES = (PLACEHOLDER, DOUBLED, NUMBERING, HEADING)
"""Rules whose message quotes (first) the words to select in the editor."""

_MAYBE_PLACEHOLDER = LazyPattern(r"[XＸ×✕╳某【…]|\.\.\.")
"""A quick first look: the full pattern tries six forms at every character."""
_PLACEHOLDERS = LazyPattern(
    r"(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])|[×✕╳]{2,}|某某|【[^】\n]{0,30}】|…{2,}|\.{3,}"
)


class Field:
    """A text the clerk types, and the place a finding about it points to."""

    __slots__ = ("name", "place", "text")

    def __init__(self, place: str, name: str, text: str) -> None:
        self.place = place
        self.name = name
        """How the clerk knows the field: 前言, 一、总体情况 …"""
        self.text = text


def fields(report: Report) -> Iterator[Field]:
    """Every text a clerk types, with the place a finding about it points to."""
    meta = report.meta
    labels = (("agency", "机关名称"), ("website_name", "网站名称"), ("website", "网址"))
    for attr, label in (*labels, ("address", "地址"), ("phone", "电话")):
        yield Field(f"meta.{attr}", label, getattr(meta, attr))
    yield Field(PREFACE, "前言", report.preface)
    overview = section_place(report, SectionKind.PARTS)
    heading = section_heading(report, SectionKind.PARTS)
    yield Field(overview, heading, report.overview_intro)
    for item in report.overview_parts:
        yield Field(overview, f"{heading}“{item.title}”", item.title + "\n" + item.text)
    problems = section_heading(report, SectionKind.TEXT)
    yield Field(section_place(report, SectionKind.TEXT), problems, report.problems)
    other = section_heading(report, SectionKind.ITEMS)
    for item in report.other_items:
        name = f"{other}“{item.title}”"
        yield Field(section_place(report, SectionKind.ITEMS), name, item.title + "\n" + item.text)


def hygiene_findings(report: Report, values: dict[str, CellValue]) -> Iterator[Finding]:
    """Placeholders (error), headings (warning), doubled words and numbering (information) in
    every field; an empty 一、总体情况 (warning)."""
    headings = tuple((s.numeral, s.heading, s.aliases) for s in report.format.sections)
    for field in fields(report):
        if not field.text.strip():
            continue
        problems = _field_problems(field.text, field.place == PREFACE, headings)
        for rule, severity, message in problems:
            yield Finding(rule, severity, (field.place,), f"{field.name}{message}")
    if not overview_text(report).strip():
        message = "为空：格式要求概述本年度政府信息公开工作的总体情况"
        yield section_finding(report, SectionKind.PARTS, OVERVIEW_EMPTY, Severity.WARNING, message)


@functools.lru_cache(maxsize=256)
def _field_problems(
    text: str, preface: bool, headings: tuple[tuple[str, str, tuple[str, ...]], ...]
) -> tuple[tuple[str, Severity, str], ...]:
    found: list[tuple[str, Severity, str]] = []
    found.extend(_placeholders(text))
    if not preface:
        plain = normalize(text)  # one character for one: offsets stay those of ``text``
        found.extend(_doubled(text))
        found.extend(_numbering(text, plain))
        found.extend(_headings(text, plain, headings))
    return tuple(found)


_STOPS = frozenset('\n。，、；：！？,.;:!?（）()“”"《》【】 \t')


def _quote(text: str, start: int, end: int, before: int = 4, after: int = 4) -> str:
    """The words at start:end with a little context from the same phrase (up to the nearest
    punctuation), for the clerk to recognise and the editor to find."""
    first = start
    while first > max(0, start - before) and text[first - 1] not in _STOPS:
        first -= 1
    last = end
    while last < min(len(text), end + after) and text[last] not in _STOPS:
        last += 1
    return text[first:last].strip()


def _placeholders(text: str) -> Iterator[tuple[str, Severity, str]]:
    first = _MAYBE_PLACEHOLDER.search(text)
    if first is None:
        return
    for match in _PLACEHOLDERS.finditer(text, first.start()):
        quote = _quote(text, match.start(), match.end())
        yield (
            PLACEHOLDER,
            Severity.ERROR,
            f"中有未替换的占位内容“{quote}”（“{match.group()}”）：请填写实际内容后再发布",
        )


# Doubled words ----------------------------------------------------------------------------------

_DOUBLED_CHARS = "的了在是和与及将被已也就于"
"""Function words that are almost never doubled on purpose."""
_REAL_DOUBLES = (
    "的的确确",
    "目的的",
    "不了了之",
    "了了解",
    "实实在在",
    "现在在",
    "是是非非",
    "是是否",
    "和和美美",
    "及及时",
    "即将将",
    "成就就",
)
"""Phrases in which such a doubling is real Chinese (为了了解, 关键是是否, 以及及时 …)."""
_REAL_WORD_DOUBLES = frozenset(
    f"{verb}{verb}"
    for verb in ("研究", "讨论", "学习", "交流", "商量", "考虑", "了解", "检查", "休息", "整理")
)
"""Verbs doubled for a light "have a go" (ABAB): colloquial, but real."""
_DOUBLED_CHAR = LazyPattern(f"([{_DOUBLED_CHARS}])\\1")
_DOUBLED_WORD = LazyPattern(r"([\u4e00-\u9fff]{2})\1")
_NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿")


def _doubled(text: str) -> Iterator[tuple[str, Severity, str]]:
    for match in _DOUBLED_CHAR.finditer(text):
        around = text[max(0, match.start() - 2) : match.end() + 2]
        if any(real in around and _covers(text, match, real) for real in _REAL_DOUBLES):
            continue
        yield _doubled_message(text, match)
    for match in _DOUBLED_WORD.finditer(text):
        word = match.group(1)
        if match.group() in _REAL_WORD_DOUBLES or set(word) & _NUMERAL_CHARS:
            continue
        if len(set(word)) == 1:
            continue  # 「层层层层」 is not a word doubled
        yield _doubled_message(text, match)


def _covers(text: str, match: re.Match[str], real: str) -> bool:
    """Whether an occurrence of ``real`` spans the doubled characters at ``match``."""
    start = max(0, match.start() - len(real))
    for found in re.finditer(re.escape(real), text[start : match.end() + len(real)]):
        begin = start + found.start()
        if begin <= match.start() and begin + len(real) >= match.end():
            return True
    return False


def _doubled_message(text: str, match: re.Match[str]) -> tuple[str, Severity, str]:
    quote = _quote(text, match.start(), match.end(), before=3, after=3)
    return (
        DOUBLED,
        Severity.INFO,
        f"中“{quote}”有重复的“{match.group()}”：是否多打了一个“{match.group(1)}”？",
    )


# Numbered sequences ----------------------------------------------------------------------------

_BOUNDARY = frozenset("\n。;!?:, \t")
"""What may stand before a number that starts an item (not 之一是, 第（一）项, 12.5)."""
_SEQUENCES = (
    ("是", LazyPattern(r"([一二三四五六七八九十]{1,3})是")),
    ("（）", LazyPattern(r"\(([一二三四五六七八九十]{1,3})\)")),
    (".", LazyPattern(r"(?<![\d.])(\d{1,2})[.、](?!\d)")),
)


def _numbering(text: str, plain: str) -> Iterator[tuple[str, Severity, str]]:
    for family, pattern in _SEQUENCES:
        previous: tuple[int, str] | None = None
        for match in pattern.finditer(plain):
            if match.start() > 0 and plain[match.start() - 1] not in _BOUNDARY:
                continue
            value = parse_number(match.group(1))
            if value is None or value == 0:
                continue
            if previous is not None and value not in (previous[0] + 1, 1):
                yield _numbering_message(text, match, previous, value, family)
            previous = (value, text[match.start() : match.end()])


def _numbering_message(
    text: str, match: re.Match[str], previous: tuple[int, str], value: int, family: str
) -> tuple[str, Severity, str]:
    last, before = previous
    token = text[match.start() : match.end()]
    quote = _quote(text, match.start(), match.end(), before=0, after=6)
    if value == last:
        problem = f"与前一个序号“{before}”重复"
    elif value == last + 2:
        problem = f"跳过了{_token(last + 1, family, before)}"
    else:
        problem = f"接在“{before}”之后，顺序不对"
    return NUMBERING, Severity.INFO, f"中序号“{quote}”{problem}（“{token}”）"


def _token(value: int, family: str, like: str) -> str:
    if family == ".":
        return f"“{value}{like[-1]}”"
    numeral = chinese_numeral(value)
    return f"“{numeral}是”" if family == "是" else f"“{like[0]}{numeral}{like[-1]}”"


# Section headings ------------------------------------------------------------------------------

_HEADING_LINE = LazyPattern(r"^\s*([一二三四五六])\s*[、.]\s*([^。\n]{2,40}?)\s*$", re.MULTILINE)
_IGNORED = LazyPattern(r"[\s:：,，、()（）“”\"]")
HEADING_SIMILARITY = 0.6


def _headings(
    text: str, plain: str, headings: tuple[tuple[str, str, tuple[str, ...]], ...]
) -> Iterator[tuple[str, Severity, str]]:
    official = {number: (heading, aliases) for number, heading, aliases in headings}
    if "、" not in plain and "." not in plain:
        return
    for match in _HEADING_LINE.finditer(plain):
        number = match.group(1)
        if number not in official:
            continue
        heading, aliases = official[number]
        wanted = [_IGNORED.sub("", h.split("、", 1)[1]) for h in (heading, *aliases)]
        written = _IGNORED.sub("", match.group(2))
        if written in wanted or _similarity(written, wanted[0]) < HEADING_SIMILARITY:
            continue
        quote = text[match.start(1) : match.end(2)].strip()
        yield (
            HEADING,
            Severity.WARNING,
            f"中的标题“{quote}”与格式规定的标题“{heading}”不一致",
        )


def _similarity(a: str, b: str) -> float:
    import difflib  # only when a line looks like a heading

    return difflib.SequenceMatcher(None, a, b).ratio()
