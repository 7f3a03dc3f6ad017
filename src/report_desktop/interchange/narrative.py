"""The text of a published report: title (agency, year), publishing date, 前言 and sections 一 … 六.

Paragraphs are taken in reading order. The title is the paragraph naming an agency, a year and
「政府信息公开（工作）年度报告」 (two lines, agency first, are joined); the 前言 runs from the title
to the heading of section 一. A section heading is a short paragraph starting with the section's
numeral (「一、」「五．」) in order; its words may differ from the official heading (整改措施 for
改进情况): the section is still recognised by its place and the difference is reported. Section
一 is split into its numbered parts (「（一）主动公开…」, 「1.主动公开方面。」) and 六 into
its items, each assigned to the format's customary part by its topic; what fits none is kept as
the clerk's own part. Text after the report (a site's footer) is not taken; the signature date
is used as the publishing date when the page states none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from report_desktop.domain.declaration import ReportFormat, Section, SectionKind, TextPart
from report_desktop.domain.model import CUSTOM_ITEM, TextItem

from .document_tables import Variant
from .labels import normalize_label

_NUMERALS = "一二三四五六七八九十"
_TITLE_TAIL = r"政(?:府信息|务)公开(?:工作)?年度?报告"
_TITLE = re.compile(
    rf"(?P<agency>.*?)(?P<year>(?:19|20)\d\d)\s*年度?\s*(?P<agency2>.*?){_TITLE_TAIL}"
)
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-年/.．]\s*(\d{1,2})\s*[-月/.．]\s*(\d{1,2})")
_DATE_LABEL = re.compile(r"(?:发布|公开|成文|印发)(?:日期|时间)\s*[:：]?\s*")
_SIGNATURE_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_HEADING_MAX = 40
_SHORT_HEADING = 12
_TITLE_MAX = 80
_AGENCY_MAX = 40
_FOOTER = re.compile(
    r"^(?:【?打印|【?关闭|版权所有|主办单位|主办[:：]|承办|网站标识码|网站识别码|[京津沪渝冀晋蒙辽吉黑苏浙"
    r"皖闽赣鲁豫鄂湘粤桂琼川贵云藏陕甘青宁新]ICP|扫一扫|分享到|相关链接|上一篇|下一篇|字号|【字体|"
    r"附件下载|责任编辑|(?:来源|浏览次数|点击数)[:：])"
)
_PART_CHINESE = re.compile(rf"^[（(]([{_NUMERALS}]+)[)）]\s*(.*)$", re.DOTALL)
_PART_ARABIC = re.compile(r"^(\d{1,2})\s*[.．、]\s*(?!\d)(.*)$", re.DOTALL)
_LEAD_END = re.compile(r"[。：:]")
_PART_HEADING_MAX = 30

OVERVIEW_TOPICS: dict[str, tuple[str, ...]] = {
    "proactive": ("主动公开",),
    "on_request": ("依申请",),
    "management": ("信息管理",),
    "platform": ("平台",),
    "supervision": ("监督", "保障"),
}
"""Words naming the topic of each customary part of 一 (by the declared part ids)."""
OTHER_TOPICS: dict[str, tuple[str, ...]] = {
    "processing_fee": ("处理费", "收费", "收取"),
    "proposals": ("建议", "提案"),
    "key_points": ("要点",),
    "innovation": ("创新",),
    "misc": ("其他",),
}


@dataclass
class Narrative:
    agency: str = ""
    year: int | None = None
    title: str = ""
    publication_date: dt.date | None = None
    preface: str = ""
    overview_intro: str = ""
    overview_parts: list[TextItem] = field(default_factory=list)
    problems: str = ""
    other_items: list[TextItem] = field(default_factory=list)
    sections_found: list[str] = field(default_factory=list)
    """Ids of the sections whose headings were found."""
    variants: list[Variant] = field(default_factory=list)
    leftovers: list[tuple[str, str]] = field(default_factory=list)
    """(where, text) of text that has no place in the draft (a sentence under 表二's heading)."""


def read_narrative(
    paragraphs: Sequence[str],
    fmt: ReportFormat,
    titles: Sequence[str] = (),
    dates: Sequence[str] = (),
) -> Narrative:
    """The meta data and texts of a report from its paragraphs in reading order."""
    result = Narrative()
    headings = _find_headings(paragraphs, fmt)
    first = headings[0][0] if headings else len(paragraphs)
    start = _read_title(result, paragraphs[:first], titles)
    end = _report_end(paragraphs, headings[-1][0] + 1 if headings else first)
    result.preface = "\n".join(p for p in paragraphs[start:first] if not _is_furniture(p))
    for number, (index, section) in enumerate(headings):
        stop = headings[number + 1][0] if number + 1 < len(headings) else end
        _take_section(result, section, list(paragraphs[index + 1 : stop]))
        result.sections_found.append(section.id)
        _check_heading(result, paragraphs[index], section)
    result.publication_date = _stated_date(paragraphs, dates) or result.publication_date
    return result


# Headings ----------------------------------------------------------------------------------------


def _find_headings(paragraphs: Sequence[str], fmt: ReportFormat) -> list[tuple[int, Section]]:
    """(paragraph index, section) of the section headings, in the format's order."""
    found: list[tuple[int, Section]] = []
    sections = list(fmt.sections)
    position = 0
    for index, text in enumerate(paragraphs):
        if position >= len(sections):
            break
        for ahead in range(position, len(sections)):
            if _is_heading(text, sections[ahead]):
                found.append((index, sections[ahead]))
                position = ahead + 1
                break
    return found


def _is_heading(text: str, section: Section) -> bool:
    key = normalize_label(text)
    if len(key) > _HEADING_MAX or not key.startswith(section.numeral):
        return False
    rest = key[len(section.numeral) :]
    if not rest.startswith(("、", ".", "．", ":", "：")) or "。" in rest[:-1]:
        return False
    if len(rest) - 1 <= _SHORT_HEADING and not rest.endswith("。"):
        return True  # 「一、工作概述」: a short heading in its place, whatever its words
    official = normalize_label(section.heading)[len(section.numeral) + 1 :]
    return _similar(rest[1:], official) or any(
        _similar(rest[1:], normalize_label(a)[len(section.numeral) + 1 :]) for a in section.aliases
    )


def _similar(found: str, official: str) -> bool:
    import difflib

    if not found:
        return False
    shared = set(found) & set(official)
    return difflib.SequenceMatcher(None, found, official).ratio() >= 0.5 or len(shared) >= 4


def _check_heading(result: Narrative, text: str, section: Section) -> None:
    key = normalize_label(text).rstrip("。")
    spellings = {normalize_label(s) for s in (section.heading, *section.aliases)}
    if key not in spellings:
        where = f"第{section.numeral}部分的标题"
        result.variants.append(Variant(text.strip(), section.heading, where))


# Title, dates, the end of the report ------------------------------------------------------------


def _read_title(result: Narrative, before: Sequence[str], titles: Sequence[str]) -> int:
    """Agency and year from the last title paragraph before 一; where the 前言 starts."""
    for index in range(len(before) - 1, -1, -1):
        if _take_title(result, before[index], before[index - 1] if index else ""):
            return index + 1
    for title in titles:
        if _take_title(result, title, ""):
            return 0
    return 0


def _take_title(result: Narrative, text: str, previous: str) -> bool:
    match = _TITLE.search(text.replace(" ", ""))
    if match is None or len(text) > _TITLE_MAX or re.search(r"[。，,；;]", text):
        return False
    agency = _clean_agency(match.group("agency") or match.group("agency2"))
    if not agency and _looks_like_agency(previous):
        agency = _clean_agency(previous)
    result.agency = result.agency or agency
    result.year = int(match.group("year"))
    result.title = text
    return True


def _clean_agency(text: str) -> str:
    text = re.sub(r"^(?:关于|《)|关于$", "", text.strip())
    return text.strip("《》“”\"' -—_|:：")


def _looks_like_agency(text: str) -> bool:
    return bool(text) and len(text) <= _AGENCY_MAX and not re.search(r"[。，,；;：:]", text)


def _is_furniture(text: str) -> bool:
    """A line of the page around the report (date box, font size links), not report text."""
    return bool(_FOOTER.match(text) or _DATE_LABEL.match(text))


def _report_end(paragraphs: Sequence[str], start: int) -> int:
    for index in range(start, len(paragraphs)):
        if _FOOTER.match(paragraphs[index]):
            return index
    return len(paragraphs)


def _stated_date(paragraphs: Sequence[str], dates: Sequence[str]) -> dt.date | None:
    for text in dates:
        found = _date_in(text)
        if found:
            return found
    for text in paragraphs:
        label = _DATE_LABEL.search(text)
        if label:
            found = _date_in(text[label.end() : label.end() + 20])
            if found:
                return found
    return None


def _date_in(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _signature(lines: list[str], result: Narrative) -> list[str]:
    """The closing lines of 六 without the signature (agency, date), whose date is kept."""
    while lines:
        last = lines[-1].strip()
        match = _SIGNATURE_DATE.fullmatch(last)
        if match:
            result.publication_date = _date_in(last) or result.publication_date
            lines.pop()
        elif result.agency and last == result.agency:
            lines.pop()
        else:
            break
    return lines


# Sections ---------------------------------------------------------------------------------------


def _take_section(result: Narrative, section: Section, lines: list[str]) -> None:
    if section.kind is SectionKind.PARTS:
        intro, parts = split_parts(lines)
        result.overview_intro = "\n".join(intro)
        result.overview_parts = parts
    elif section.kind is SectionKind.TEXT:
        result.problems = "\n".join(lines)
    elif section.kind is SectionKind.ITEMS:
        lines = _signature(lines, result)
        intro, items = split_parts(lines)
        if intro:
            items = _place_intro(intro, items)
        result.other_items = items
    elif lines:
        result.leftovers.append((f"“{section.heading}”之下", "\n".join(lines)))


def split_parts(lines: list[str]) -> tuple[list[str], list[TextItem]]:
    """The text before the first numbered part, and the parts (title, text) in order."""
    intro: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    style = ""
    for line in lines:
        lead = _part_lead(line, style, len(parts) + 1)
        if lead is None:
            (parts[-1][1] if parts else intro).append(line)
            continue
        style, title, text = lead
        parts.append((title, [text] if text else []))
    return intro, [TextItem(CUSTOM_ITEM, title, "\n".join(body)) for title, body in parts]


def _part_lead(line: str, style: str, number: int) -> tuple[str, str, str] | None:
    """(numbering style, title, text after the title) when ``line`` opens part ``number``."""
    for name, pattern in (("chinese", _PART_CHINESE), ("arabic", _PART_ARABIC)):
        if style and style != name:
            continue
        match = pattern.match(line.strip())
        if match is None or _number_of(match.group(1)) != number:
            continue
        rest = match.group(2).strip()
        end = _LEAD_END.search(rest)
        if end is not None:
            return name, rest[: end.start()], rest[end.end() :].strip()
        if len(rest) <= _PART_HEADING_MAX:
            return name, rest, ""
    return None


def _number_of(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in _NUMERALS:
        return _NUMERALS.index(text) + 1
    if len(text) == 2 and text[0] == "十" and text[1] in _NUMERALS:  # 十一 …
        return 10 + _NUMERALS.index(text[1]) + 1
    return 0


def _place_intro(intro: list[str], items: list[TextItem]) -> list[TextItem]:
    """Unnumbered text of 六 becomes an item of its own (its topic assigned later)."""
    return [TextItem(CUSTOM_ITEM, "", "\n".join(intro)), *items]


def assign_parts(
    found: list[TextItem], declared: tuple[TextPart, ...], topics: dict[str, tuple[str, ...]]
) -> list[TextItem]:
    """The declared parts in order, each with the found part of its topic; the others after."""
    taken: dict[str, TextItem] = {}
    extra: list[TextItem] = []
    for item in found:
        key = _topic_of(item, declared, topics, taken)
        if key:
            title = item.title or next(p.title for p in declared if p.id == key)
            taken[key] = TextItem(key, title, item.text)
        else:
            extra.append(item)
    result = [taken.get(p.id, TextItem(p.id, p.title)) for p in declared]
    return result + extra


def _topic_of(
    item: TextItem,
    declared: tuple[TextPart, ...],
    topics: dict[str, tuple[str, ...]],
    taken: dict[str, TextItem],
) -> str:
    for part in declared:
        if part.id not in taken and item.title == part.title:
            return part.id
    probe = item.title or item.text[:60]
    for part in declared:
        words = topics.get(part.id, (part.topic,))
        if part.id not in taken and any(word in probe for word in words):
            return part.id
    return ""
