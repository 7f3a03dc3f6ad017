"""The three tables of a published report, found among a document's tables and read cell by cell.

Which table a grid is comes from the labels it holds (the most rows and columns of one of the
format's tables). A row is placed by its label, matched as the spreadsheet import matches labels
(:mod:`.labels`): group headings in merged cells on its left are part of it, enumerators and
spacing do not matter. Values are taken in the official column order. Every value found becomes
a line of the long form (:class:`~.sheet.RawLine`), so that parsing, duplicates and the comparison
of stated totals are the spreadsheet import's own (:func:`~.cells.import_lines`).

A label that is not the official one but close to it (规范性文件, 行政法复议) is matched and
reported as a variant; a row or table that cannot be placed is listed with where it was found,
never silently dropped; a table of the 2019 trial format is named as such, not mapped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from report_desktop.domain.declaration import ReportFormat, Table
from report_desktop.domain.superseded import TRIAL_FORMAT_2019
from report_desktop.domain.values import normalize_number_text

from .labels import (
    FormatLabels,
    LabelIndex,
    MatchStatus,
    TableLabels,
    build_labels,
    normalize_label,
    recognises,
    strip_enumerator,
)
from .markup import SourceDocument, TableBlock, squeeze
from .sheet import RawLine

VARIANT_CUTOFF = 0.75
"""How close (difflib ratio) a label must be to an official one to be taken as a variant of it."""
MAX_LABEL = 200
"""Longer texts are not labels (and are never compared character by character)."""
METADATA_WORDS = ("索引号", "发布机构", "公开日期", "发布日期", "成文日期", "发文字号", "主题分类")
"""Words of the information boxes government sites put above an article (not report tables)."""
_BLANKS = frozenset({"", "-", "－", "—", "——", "–", "/", "／", "无", "\\"})
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MIN_SCORE = 2


@dataclass(frozen=True)
class Variant:
    """A label matched to an official one it is not spelt like."""

    found: str
    official: str
    where: str


@dataclass(frozen=True)
class Unplaced:
    """Something with content that could not be put into the draft."""

    where: str
    text: str
    reason: str


@dataclass
class TableReading:
    lines: list[RawLine] = field(default_factory=list)
    places: dict[int, str] = field(default_factory=dict)
    """Where each line's value was found (line number → 「第2个表格第5行」)."""
    variants: list[Variant] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    found: dict[str, list[int]] = field(default_factory=dict)
    """Table id → numbers of the document tables read as it."""
    trial: list[str] = field(default_factory=list)
    """Where tables of the 2019 trial format were found."""
    ignored: list[TableBlock] = field(default_factory=list)
    """Information boxes and other tables without numbers (read for dates only)."""

    def add(self, raw: RawLine, where: str) -> None:
        self.lines.append(raw)
        self.places[raw.line] = where


def read_tables(document: SourceDocument, fmt: ReportFormat) -> TableReading:
    """Find and read the format's tables among the document's tables."""
    labels = build_labels(fmt)
    reading = TableReading()
    for table in document.tables:
        where = f"第{table.number}个表格"
        if recognises(TRIAL_FORMAT_2019, table.text()[:20_000]):
            reading.trial.append(where)
            continue
        kind = classify(labels, table)
        if kind is None:
            _other_table(reading, table, where)
            continue
        reading.found.setdefault(kind.id, []).append(table.number)
        _TableReader(reading, labels, labels.of(kind.id), table).read()
    return reading


def classify(labels: FormatLabels, table: TableBlock) -> Table | None:
    """The format table whose labels the grid holds most of (at least two), or None."""
    texts = {normalize_label(s.text) for row in table.rows for s in row if s.own and s.text}
    texts = {t for t in texts if t and len(t) <= MAX_LABEL}
    best, best_score = None, 0
    for names in labels.by_table.values():
        score = len(_targets(names.rows, texts)) + len(_targets(names.columns, texts))
        score += len(texts & _caption_words(names))
        if score > best_score:
            best, best_score = names.table, score
    return best if best_score >= _MIN_SCORE else None


def _caption_words(names: TableLabels) -> set[str]:
    """Keys of a table's captions, corners and header cells (第二十条第（五）项, 申请人情况)."""
    table = names.table
    words = [h.label for row in table.header for h in row]
    words += [text for block in table.blocks for text in (block.caption, block.corner) if text]
    return {normalize_label(word) for word in words}


def _targets(index: LabelIndex, keys: set[str]) -> set[str]:
    return {target for key in keys for target in index.keys.get(key, ())}


def _other_table(reading: TableReading, table: TableBlock, where: str) -> None:
    text = table.text()
    numbers = [s.text for row in table.rows for s in row if s.own and is_number(s.text)]
    if any(word in text for word in METADATA_WORDS) or not numbers:
        reading.ignored.append(table)
        return
    shown = "、".join(numbers[:8]) + ("……" if len(numbers) > 8 else "")
    reading.unplaced.append(
        Unplaced(
            where, f"{squeeze(text)[:40]}……（其中的数字：{shown}）", "不是报告的三张表之一，未导入"
        )
    )


def is_blank(text: str) -> bool:
    """Empty, or a dash or 无: not filled (never read as 0)."""
    return squeeze(text) in _BLANKS


def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(normalize_number_text(text)))


def fuzzy_label(index: LabelIndex, text: str) -> str:
    """The target whose key is uniquely closest to ``text`` (ratio ≥ VARIANT_CUTOFF), or ''."""
    key = strip_enumerator(normalize_label(text))
    if not key or len(key) > MAX_LABEL:
        return ""
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, other).ratio(), other) for other in index.keys),
        reverse=True,
    )
    if not scored or scored[0][0] < VARIANT_CUTOFF:
        return ""
    best = [other for ratio, other in scored if ratio == scored[0][0]]
    targets = {t for other in best for t in index.keys[other]}
    return next(iter(targets)) if len(targets) == 1 else ""


@dataclass(frozen=True)
class _Cell:
    text: str
    column: int
    inherited: bool
    """Merged from the row above (a group heading)."""


class _TableReader:
    def __init__(
        self, reading: TableReading, labels: FormatLabels, names: TableLabels, table: TableBlock
    ) -> None:
        self.reading = reading
        self.labels = labels
        self.names = names
        self.table = table
        self.placed_rows = 0
        self.pending: list[tuple[int, Unplaced]] = []
        """Rows not placed by their label; 表四's may still be its row of numbers."""
        self.header_words = _header_words(names)

    @property
    def where(self) -> str:
        return f"第{self.table.number}个表格（{self.names.table.name}）"

    def read(self) -> None:
        for number, row in enumerate(self.table.rows, start=1):
            cells = [
                _Cell(slot.text, column, not slot.first_row)
                for column, slot in enumerate(row, start=1)
                if slot.first_column
            ]
            self._row(number, cells)
        strip = self.names.table.layout == "strip"
        placed = self._strip() if strip and not self.placed_rows else None
        self.reading.unplaced.extend(u for n, u in self.pending if n != placed)

    def _row(self, number: int, cells: list[_Cell]) -> None:
        while cells and is_blank(cells[0].text):
            cells = cells[1:]
        split = next(
            (i for i, c in enumerate(cells) if is_blank(c.text) or is_number(c.text)), len(cells)
        )
        label_cells, values = cells[:split], cells[split:]
        has_numbers = any(is_number(c.text) for c in values if not c.inherited)
        if not has_numbers and all(is_blank(c.text) for c in values):
            if self._blank_row(number, label_cells, values):
                return
            self._check_header(number, label_cells)
            return
        self._place_row(number, label_cells, values)

    def _blank_row(self, number: int, label_cells: list[_Cell], values: list[_Cell]) -> bool:
        """A data row left wholly blank is still a row: its cells are counted as blanks."""
        if not values or not label_cells:
            return False
        own = [c for c in label_cells if not c.inherited]
        if len(own) != 1:
            return False  # a header row (several labels), not a data row left blank
        row_id = self._match_row(number, label_cells, report=False)
        if not row_id or row_id in self.names.groups:
            return False
        if _fit(values, len(self.names.block_columns(row_id))) is None:
            return False  # a header row ending in a spacer cell, not a row of blank values
        self._match_row(number, label_cells, report=True)
        self._place_values(number, row_id, label_cells, values)
        return True

    def _place_row(self, number: int, label_cells: list[_Cell], values: list[_Cell]) -> None:
        where = f"{self.where}第{number}行"
        shown = " ".join(squeeze(c.text) for c in values if not is_blank(c.text))
        if not label_cells:
            self.pending.append((number, Unplaced(where, shown, "这一行没有行标题，无法对应")))
            return
        row_id = self._match_row(number, label_cells, report=True)
        label = squeeze("".join(c.text for c in label_cells))[:60]
        if not row_id:
            reason = f"{self.names.table.name}中没有这一行"
            self.pending.append((number, Unplaced(where, f"{label}：{shown}", reason)))
            return
        if row_id in self.names.groups:
            reason = "这是分组标题，没有对应的单元格"
            self.reading.unplaced.append(Unplaced(where, f"{label}：{shown}", reason))
            return
        self._place_values(number, row_id, label_cells, values)

    def _match_row(self, number: int, label_cells: list[_Cell], *, report: bool) -> str:
        rows = self.names.rows
        texts = [c.text for c in label_cells]
        for start in range(len(texts)):
            candidate = "".join(texts[start:])
            match = rows.match(candidate)
            if match.status is MatchStatus.FOUND:
                if report:
                    self._note_variant(number, candidate, match.target)
                return match.target
        own = [c.text for c in label_cells if not c.inherited] or texts[-1:]
        target = fuzzy_label(rows, own[-1]) if own else ""
        if target and report:
            self._variant(number, own[-1], rows.display(target))
        return target

    def _note_variant(self, number: int, found: str, row_id: str) -> None:
        official = strip_enumerator(normalize_label(self.names.rows.labels[row_id]))
        if not normalize_label(found).endswith(official):
            self._variant(number, found, self.names.rows.display(row_id))

    def _variant(self, number: int, found: str, official: str) -> None:
        where = f"{self.where}第{number}行"
        self.reading.variants.append(Variant(squeeze(found), official, where))

    def _place_values(
        self, number: int, row_id: str, label_cells: list[_Cell], values: list[_Cell]
    ) -> None:
        columns = self.names.block_columns(row_id)
        fitted = _fit(values, len(columns))
        where = f"{self.where}第{number}行"
        if fitted is None:
            shown = " ".join(squeeze(c.text) or "（空）" for c in values)
            reason = f"应有{len(columns)}列数值，实际为{len(values)}列，无法逐列对应"
            label = squeeze("".join(c.text for c in label_cells))[:60]
            self.reading.unplaced.append(Unplaced(where, f"{label}：{shown}", reason))
            return
        self.placed_rows += 1
        row_text = _row_text(self.names, row_id)
        for column_id, cell in zip(columns, fitted, strict=True):
            self._line(row_text, column_id, cell, where)

    def _line(self, row_text: str, column_id: str, cell: _Cell, where: str) -> None:
        value = "" if is_blank(cell.text) or cell.inherited else cell.text
        line = len(self.reading.lines) + 1
        column = self.names.columns.labels[column_id]
        raw = RawLine(line, self.names.code, row_text, column, value)
        self.reading.add(raw, f"{where}第{cell.column}列")

    def _check_header(self, number: int, label_cells: list[_Cell]) -> None:
        for cell in label_cells:
            if cell.inherited:
                continue
            key = normalize_label(cell.text)
            if not key or len(key) > MAX_LABEL or key in self.header_words:
                continue
            if self.names.rows.match(cell.text).status is not MatchStatus.UNKNOWN:
                continue
            close = difflib.get_close_matches(key, self.header_words, n=2, cutoff=VARIANT_CUTOFF)
            if len(close) >= 1:
                self._variant(number, cell.text, self.header_words[close[0]])

    def _strip(self) -> int | None:
        """表四 printed as one row of fifteen numbers under its header rows: its row number."""
        block = self.names.table.blocks[0]
        slots = [(r, [c for c in self._own_cells(r)]) for r in range(len(self.table.rows))]
        for index, cells in slots:
            numbers = sum(is_number(c.text) for c in cells)
            if numbers < len(block.columns):
                continue
            values = [c for c in cells if is_blank(c.text) or is_number(c.text)]
            expected = len(block.columns) * len(block.rows)
            fitted = _fit(values, expected)
            where = f"{self.where}第{index + 1}行"
            if fitted is None:
                shown = " ".join(squeeze(c.text) or "（空）" for c in values)
                reason = f"应有{expected}个数值，实际为{len(values)}个，无法逐列对应"
                self.reading.unplaced.append(Unplaced(where, shown, reason))
                return index + 1
            self._place_strip(fitted, where)
            return index + 1
        return None

    def _own_cells(self, index: int) -> Iterator[_Cell]:
        for column, slot in enumerate(self.table.rows[index], start=1):
            if slot.own:
                yield _Cell(slot.text, column, False)

    def _place_strip(self, values: list[_Cell], where: str) -> None:
        block = self.names.table.blocks[0]
        width = len(block.columns)
        self.placed_rows += 1
        for position, cell in enumerate(values):
            row = block.rows[position // width]
            column = block.columns[position % width]
            self._line(_row_text(self.names, row.id), column.id, cell, where)


def _fit(values: list[_Cell], expected: int) -> list[_Cell] | None:
    """``values`` trimmed to ``expected`` cells by dropping blank spacer cells at either end."""
    values = list(values)
    while len(values) > expected and is_blank(values[-1].text):
        values.pop()
    while len(values) > expected and is_blank(values[0].text):
        values.pop(0)
    return values if len(values) == expected else None


def _row_text(names: TableLabels, row_id: str) -> str:
    """A label that names the row unambiguously (with its group heading where needed)."""
    for label in (names.rows.labels[row_id], names.rows.display(row_id)):
        match = names.rows.match(label)
        if match.status is MatchStatus.FOUND and match.target == row_id:
            return label
    return names.rows.display(row_id)


def _header_words(names: TableLabels) -> dict[str, str]:
    """Key → official text of everything a table's header rows may say."""
    table = names.table
    words = [h.label for row in table.header for h in row]
    for block in table.blocks:
        words.extend((block.caption, block.corner))
        words.extend(c.label for c in block.columns)
    words.extend(names.rows.labels.values())
    return {normalize_label(w): w for w in words if w}
