"""What a published report's markup is reduced to before it is understood: paragraphs and tables.

The web page reader (:mod:`.html_reader`) and the Word reader (:mod:`.docx_reader`) both produce a
:class:`SourceDocument`: the text blocks in reading order, each table as a grid with its merges
expanded (a merged cell's text is repeated in every slot it covers, each slot saying whether it is
the cell's own first row and column). Nothing here knows the report format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

MAX_SPAN = 200
"""A larger rowspan or colspan is read as this: real report tables are 25 × 15 at most."""

MAX_GRID_SLOTS = 200_000
"""Slots of one table beyond this are not read (a hostile page cannot make a huge grid)."""

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def clean_text(text: str) -> str:
    """Whitespace runs (&nbsp;, full-width and zero-width spaces) as one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


def squeeze(text: str) -> str:
    """Text without any whitespace: a label split over lines or padded with &nbsp; made whole."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class Slot:
    """One position of a table grid."""

    text: str
    first_row: bool = True
    """False where a cell merged from above (rowspan) covers this row."""
    first_column: bool = True
    """False where a cell merged from the left (colspan) covers this column."""

    @property
    def own(self) -> bool:
        return self.first_row and self.first_column


@dataclass(frozen=True)
class SourceCell:
    """A cell as the markup gives it: text (cell paragraphs joined) and its merges."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    continues: bool = False
    """Word's vertical merge: this cell continues the one above (its text is the one above's)."""


@dataclass(frozen=True)
class TableBlock:
    number: int
    """1 for the first table of the document."""
    rows: tuple[tuple[Slot, ...], ...]

    def text(self) -> str:
        return "".join(slot.text for row in self.rows for slot in row if slot.own)


@dataclass(frozen=True)
class TextBlock:
    text: str


Block = TableBlock | TextBlock


@dataclass
class SourceDocument:
    """A report's markup reduced to text blocks and table grids, in reading order."""

    kind: str
    """How the clerk calls the source: 网页 or Word文件."""
    blocks: list[Block] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    """Title candidates outside the body (the page's <title>, the Word file's title property)."""
    dates: list[str] = field(default_factory=list)
    """Publishing-date candidates outside the body (the page's PubDate meta data)."""

    @property
    def tables(self) -> list[TableBlock]:
        return [block for block in self.blocks if isinstance(block, TableBlock)]

    @property
    def paragraphs(self) -> list[TextBlock]:
        return [block for block in self.blocks if isinstance(block, TextBlock)]

    def add_text(self, text: str) -> None:
        cleaned = clean_text(text)
        if cleaned:
            self.blocks.append(TextBlock(cleaned))

    def add_table(self, rows: Sequence[Sequence[SourceCell]]) -> None:
        grid = build_grid(rows)
        if grid:
            self.blocks.append(TableBlock(len(self.tables) + 1, grid))


def build_grid(rows: Sequence[Sequence[SourceCell]]) -> tuple[tuple[Slot, ...], ...]:
    """The rows of a table with every merge expanded into slots (the usual HTML table algorithm)."""
    taken: dict[tuple[int, int], Slot] = {}
    above: dict[int, str] = {}
    budget = MAX_GRID_SLOTS
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            if cell.continues:
                text = above.get(c, "")
                taken[(r, c)] = Slot(text, first_row=False)
                for extra in range(1, _bounded(cell.colspan)):
                    taken[(r, c + extra)] = Slot(text, first_row=False, first_column=False)
                c += _bounded(cell.colspan)
                continue
            budget -= _place(taken, above, r, c, cell)
            if budget < 0:
                return _rows_of(taken)
            c += _bounded(cell.colspan)
    return _rows_of(taken)


def _place(
    taken: dict[tuple[int, int], Slot], above: dict[int, str], r: int, c: int, cell: SourceCell
) -> int:
    rowspan, colspan = _bounded(cell.rowspan), _bounded(cell.colspan)
    for dr in range(rowspan):
        for dc in range(colspan):
            taken.setdefault((r + dr, c + dc), Slot(cell.text, dr == 0, dc == 0))
    for dc in range(colspan):
        above[c + dc] = cell.text
    return rowspan * colspan


_PADDING = Slot("", first_row=False, first_column=False)
"""Where a row is shorter than the table: no cell at all (skipped like a merged slot)."""


def _bounded(span: int) -> int:
    return max(1, min(span, MAX_SPAN))


def _rows_of(taken: dict[tuple[int, int], Slot]) -> tuple[tuple[Slot, ...], ...]:
    if not taken:
        return ()
    height = max(r for r, _ in taken) + 1
    width = max(c for _, c in taken) + 1
    return tuple(tuple(taken.get((r, c), _PADDING) for c in range(width)) for r in range(height))


def join_cell_text(parts: Iterable[str]) -> str:
    """A cell's paragraphs or lines as one text: a label broken over lines or <br> made whole."""
    return "".join(clean_text(part) for part in parts)
