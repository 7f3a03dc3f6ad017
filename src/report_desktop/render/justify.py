"""Body text set on the 28-character grid and justified, for the PDF.

weasyprint stretches only spaces when it justifies, and Chinese text has none, so the lines of a
paragraph are broken here instead: greedily, on the grid (28 characters of 3号 across the 156 mm
版心), with the rules of 避头尾 (no closing punctuation at the start of a line, no opening
punctuation at its end), a number never parted from its unit (「12月31日」, 「78条」), and a run
of Latin letters and digits never broken (「2024」; a URL only after a 「/」 or 「.」). Each line
but the last then gets the letter-spacing that makes its last glyph end exactly at the 版心's
right edge; the last line keeps the grid's own pitch.

Widths come from the font file that prints the text
(:func:`report_desktop.render.fontchoice.chosen_faces`), read with fontTools.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .context import DocumentContext, Line, Paragraph, Span
from .fontchoice import Face

MM = 72 / 25.4
MEASURE_PT = 156 * MM
"""The width of the 版心."""
BODY_PT = 16.0
"""3号."""
GRID_CHARS = 28
INDENT_CHARS = 2
GRID_SPACING_PT = MEASURE_PT / GRID_CHARS - BODY_PT
"""The letter-spacing of the grid (about −0.21 pt): 28 full-width characters fill the 版心."""

NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〉︰…—～·%‰℃,.;:?!)]}%")
"""Characters that may not begin a line (避头)."""
NO_LINE_END = frozenset("（《「『“‘〔【〈([{")
"""Characters that may not end a line (避尾)."""
UNITS = frozenset(
    "年月日时分秒号条件个次人项家户万亿千百元角份位名所篇期批台辆套张页册层楼幢栋室米吨亩天周岁届例宗起笔倍"
    "%‰℃"
)
"""What follows a number as its unit or counter: never on the next line (「78|条」)."""


@dataclass(frozen=True)
class _Glyph:
    char: str
    cls: str
    width: float
    """Natural advance in pt."""


class Metrics:
    """Advance widths of one font file (in em)."""

    def __init__(self, path: Path) -> None:
        from fontTools.ttLib import TTCollection, TTFont

        if path.suffix.lower() in (".ttc", ".otc"):
            font = TTCollection(str(path), lazy=True).fonts[0]
        else:
            font = TTFont(str(path), lazy=True)
        units = float(font["head"].unitsPerEm)
        cmap = font.getBestCmap() or {}
        advances = font["hmtx"].metrics
        self._widths: dict[int, float] = {
            code: advances[name][0] / units for code, name in cmap.items()
        }

    def em(self, char: str) -> float:
        width = self._widths.get(ord(char))
        if width is not None:
            return width
        return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.5


_LOCK = threading.Lock()
_metrics: dict[Path, Metrics] = {}


def metrics(path: Path) -> Metrics:
    with _LOCK:
        if path not in _metrics:
            _metrics[path] = Metrics(path)
        return _metrics[path]


def justify_document(context: DocumentContext, faces: dict[str, Face]) -> DocumentContext:
    """``context`` with every body paragraph (preface and sections) set in lines."""
    body = metrics(faces["body"].path)
    lead = {"level2": metrics(faces["kai"].path), "level3": body}
    context["preface"] = [_set(p, body, lead) for p in context["preface"]]
    for section in context["sections"]:
        section["paragraphs"] = [_set(p, body, lead) for p in section["paragraphs"]]
    return context


def _set(paragraph: Paragraph, body: Metrics, lead: dict[str, Metrics]) -> Paragraph:
    glyphs: list[_Glyph] = []
    if paragraph["lead"]:
        face = lead.get(paragraph["lead_cls"], body)
        glyphs += [
            _Glyph(c, paragraph["lead_cls"], face.em(c) * BODY_PT) for c in paragraph["lead"]
        ]
    text = _SPACES.sub(" ", paragraph["text"])  # as CSS collapses them
    glyphs += [_Glyph(c, "", body.em(c) * BODY_PT) for c in text]
    lines = [trimmed for line in break_lines(glyphs) if (trimmed := _trim(line))]
    indent = INDENT_CHARS * BODY_PT
    set_lines = [
        _line(line, MEASURE_PT - (indent if index == 0 else 0), last=index == len(lines) - 1)
        for index, line in enumerate(lines)
    ]
    return {**paragraph, "lines": set_lines}


_SPACES = re.compile(r"[ \t\r\n\f]+")


def _trim(line: list[_Glyph]) -> list[_Glyph]:
    """A line without the spaces at its ends, which CSS drops at a line break."""
    start, end = 0, len(line)
    while start < end and line[start].char == " ":
        start += 1
    while end > start and line[end - 1].char == " ":
        end -= 1
    return line[start:end]


def break_lines(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """The glyphs of each line (the first line indented by two characters)."""
    lines: list[list[_Glyph]] = [[]]
    available = MEASURE_PT - INDENT_CHARS * BODY_PT
    for group in clusters(glyphs):
        cluster = group
        line = lines[-1]
        if line and not fits(line + cluster, available):
            lines.append([])
            line = lines[-1]
            available = MEASURE_PT
        while not fits(line + cluster, available):  # longer than a line (a long URL)
            cut = max(1, _fitting(line, cluster, available))
            line.extend(cluster[:cut])
            cluster = cluster[cut:]
            lines.append([])
            line = lines[-1]
            available = MEASURE_PT
        line.extend(cluster)
    return [line for line in lines if line]


def fits(glyphs: list[_Glyph], available: float) -> bool:
    """Whether the glyphs fit at the grid's pitch (never set closer than the grid)."""
    return natural(glyphs) + GRID_SPACING_PT * len(_spread_gaps(glyphs)) <= available + 0.01


def _spread_gaps(glyphs: list[_Glyph]) -> list[int]:
    """The gaps (after glyph i) that take letter-spacing: not those inside a Latin word or
    number, whose letters keep their own spacing."""
    return [
        index
        for index in range(len(glyphs) - 1)
        if not (_latin(glyphs[index].char) and _latin(glyphs[index + 1].char))
    ]


def natural(glyphs: list[_Glyph]) -> float:
    return sum(g.width for g in glyphs)


def _fitting(line: list[_Glyph], cluster: list[_Glyph], available: float) -> int:
    count = 0
    while count < len(cluster) and fits(line + cluster[: count + 1], available):
        count += 1
    return count


def clusters(glyphs: list[_Glyph]) -> list[list[_Glyph]]:
    """The glyphs in groups no line break may part."""
    groups: list[list[_Glyph]] = []
    for index, glyph in enumerate(glyphs):
        if groups and not may_break(glyphs[index - 1].char, glyph.char):
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
    return groups


def may_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` when ``after`` follows."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if _latin(before) and _latin(after):  # a word, a number; a URL after 「/」 or 「.」
        return (before == "/" and after.isalnum()) or (before in "._-" and after.isalpha())
    if before.isdigit() and before.isascii():  # 「78条」, 「12月」, 「31日」, 「5%」
        return after not in UNITS
    return not (before == after and before in "—…")


def _latin(char: str) -> bool:
    return char.isascii() and not char.isspace()


def _line(glyphs: list[_Glyph], available: float, last: bool) -> Line:
    """The line's spans, each with its letter-spacing.

    weasyprint writes the space after each glyph in whole thousandths of an em, truncated: a
    letter-spacing of −13.4 units prints as −13, and a line of 27 gaps would end 0.2 pt short.
    So every gap is a whole number of units (plus 0.1, which the truncation drops): the first
    gaps one unit wider than the rest, as many as it takes to end the line within a unit.
    """
    gaps = _spread_gaps(glyphs)
    units = [0] * len(glyphs)
    if last or not gaps:
        grid = round(GRID_SPACING_PT / BODY_PT * 1000)
        for index in gaps:
            units[index] = grid
    else:
        total = round((available - natural(glyphs)) / BODY_PT * 1000)
        base, wider = divmod(total, len(gaps))
        for order, index in enumerate(gaps):
            units[index] = base + 1 if order < wider else base
    spans: list[Span] = []
    for glyph, unit in zip(glyphs, units, strict=True):
        spacing = _css_spacing(unit)
        if spans and spans[-1]["cls"] == glyph.cls and spans[-1]["spacing"] == spacing:
            spans[-1]["text"] += glyph.char
        else:
            spans.append({"text": glyph.char, "cls": glyph.cls, "spacing": spacing})
    return {"spans": spans}


def _css_spacing(units: int) -> str:
    """A letter-spacing in pt that prints as exactly ``units`` thousandths of an em."""
    if units == 0:
        return "0"
    magnitude = (abs(units) + 0.1) * BODY_PT / 1000
    return f"{-magnitude if units < 0 else magnitude:.5f}pt"
