"""Tolerant matching of the official labels found in spreadsheets.

Everything here is derived from a :class:`~report_desktop.domain.declaration.ReportFormat`: the
labels (and their declared aliases) are normalised into lookup keys, so full-width and
half-width characters, whitespace, enumerator punctuation (「1、」 / 「1.」 / 「1．」,
「（一）」 / 「(一)」) and quotes (“” / "") do not matter. A row may also be given with its group
heading in front (「（三）不予公开 1.属于国家秘密」) or without its enumerator
(「属于国家秘密」), but only where that identifies one row: a key that fits two targets is
reported as ambiguous, never guessed.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from report_desktop.domain.declaration import ReportFormat, RowNode, Table
from report_desktop.domain.superseded import SupersededFormat

_NUMERALS = "一二三四五六七八九十"
_QUOTES = "\"'“”‘’„‟「」『』〝〞〟"
_PATH_SEPARATORS = "/\\|>→—–-_·•"
_DROPPED = str.maketrans(dict.fromkeys(_QUOTES + _PATH_SEPARATORS, None))
_ARABIC_ENUMERATOR = re.compile(r"(\d+)、")
_CHINESE_ENUMERATOR = re.compile(rf"([{_NUMERALS}]+)[.,]")
_LEADING_ENUMERATOR = re.compile(rf"^(?:\([{_NUMERALS}\d]+\)|[{_NUMERALS}]+、|\d+\.)")
_SUGGESTION_CUTOFF = 0.5
_MAX_SUGGESTED_KEY = 200


def normalize_label(text: str) -> str:
    """The lookup key of a label: NFKC; no whitespace, quotes or separators; unified enumerators.

    「1、」 and 「1．」 become 「1.」; 「一.」 becomes 「一、」; 「（一）」 becomes 「(一)」 (NFKC).
    """
    key = unicodedata.normalize("NFKC", text)
    key = re.sub(r"\s+", "", key).translate(_DROPPED)
    key = _ARABIC_ENUMERATOR.sub(r"\1.", key)
    return _CHINESE_ENUMERATOR.sub(r"\1、", key)


def strip_enumerator(key: str) -> str:
    """A normalised key without its leading enumerator (「(一)」, 「一、」, 「1.」)."""
    return _LEADING_ENUMERATOR.sub("", key, count=1)


class MatchStatus(StrEnum):
    FOUND = "found"
    UNKNOWN = "unknown"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Match:
    """The outcome of looking a label up. ``target`` is set only when ``status`` is FOUND."""

    status: MatchStatus
    target: str = ""
    candidates: tuple[str, ...] = ()
    """Display labels of the targets an ambiguous label fits."""
    suggestion: str = ""
    """For an unknown label: the official label of a close known one, offered, never applied."""


@dataclass(frozen=True)
class Entry:
    """One thing a label can name (a table, row or column), with every spelling accepted for it."""

    target: str
    label: str
    """The official label, as exported."""
    spellings: tuple[tuple[str, ...], ...]
    """Accepted spellings; each is a sequence of parts (a row's group headings, then its label)."""
    display: str = ""
    """How messages name it (表二 for the table 二); the label when empty."""
    heading: str = ""
    """A row's nearest group heading, added to its display where the label alone is unclear."""
    nested: bool = False
    """A row two levels deep (表三 「1.属于国家秘密」): always displayed with its heading."""


@dataclass
class LabelIndex:
    """Label keys of one namespace (the tables, or the rows or columns of one table) → targets."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    displays: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, entries: Iterable[Entry]) -> LabelIndex:
        entries = tuple(entries)
        index = cls()
        for entry in entries:
            index.labels.setdefault(entry.target, entry.label)
            for spelling in entry.spellings:
                for key in _spelling_keys(spelling):
                    index.keys.setdefault(key, set()).add(entry.target)
        for entry in entries:
            index.displays.setdefault(entry.target, index._display(entry))
        return index

    def _display(self, entry: Entry) -> str:
        unclear = len(self.keys.get(normalize_label(entry.label), ())) > 1
        if entry.heading and (entry.nested or unclear):
            return f"{entry.heading} {entry.label}"
        return entry.display or entry.label

    def match(self, text: str) -> Match:
        key = normalize_label(text)
        targets = self.keys.get(key)
        # Keys without enumerators are registered up front, so 「2.属于国家秘密」 does not
        # match 「1.属于国家秘密」 by its text alone: a wrong number is reported, not corrected.
        if not targets:
            return Match(MatchStatus.UNKNOWN, suggestion=self.suggest(key))
        if len(targets) > 1:
            names = tuple(sorted(self.displays[t] for t in targets))
            return Match(MatchStatus.AMBIGUOUS, candidates=names)
        return Match(MatchStatus.FOUND, target=next(iter(targets)))

    def suggest(self, key: str) -> str:
        """The official label closest to ``key``, or '' when none is close or the best is a tie."""
        if not key or len(key) > _MAX_SUGGESTED_KEY:  # difflib is quadratic in the length
            return ""
        scored = sorted(
            ((ratio, known) for known in self.keys if (ratio := _close(key, known))), reverse=True
        )
        if not scored:
            return ""
        best = scored[0][0]
        targets = set().union(*(self.keys[known] for ratio, known in scored if ratio == best))
        return self.labels[targets.pop()] if len(targets) == 1 else ""

    def label(self, target: str) -> str:
        return self.labels[target]

    def display(self, target: str) -> str:
        return self.displays[target]


def _close(key: str, known: str) -> float:
    """How alike two keys are (difflib's ratio), or 0.0 when below the cutoff. The cheap upper
    bounds are tried first: most keys are far apart, and the full ratio is quadratic."""
    matcher = difflib.SequenceMatcher(None, key, known)
    for bound in (matcher.real_quick_ratio, matcher.quick_ratio, matcher.ratio):
        if bound() < _SUGGESTION_CUTOFF:
            return 0.0
    return matcher.ratio()


def _spelling_keys(parts: tuple[str, ...]) -> Iterator[str]:
    """Every key of a spelling: each part as written or without its enumerator, joined."""
    variants = []
    for part in parts:
        key = normalize_label(part)
        variants.append({key, strip_enumerator(key)} - {""})
    for combination in itertools.product(*variants):
        yield "".join(combination)


@dataclass(frozen=True)
class TableLabels:
    """The row and column namespaces of one table."""

    table: Table
    code: str
    """How the long form names the table (二)."""
    rows: LabelIndex
    columns: LabelIndex
    """Every column of the table (any block)."""
    block_of_row: dict[str, str]
    """Row id → id of its block; group rows included."""
    groups: dict[str, RowNode]
    """Group rows (headings with children, not cells) by id."""

    def block_columns(self, row_id: str) -> tuple[str, ...]:
        """Ids of the columns of the block a row belongs to."""
        return tuple(c.id for c in self.table.block(self.block_of_row[row_id]).columns)


@dataclass(frozen=True)
class FormatLabels:
    """All label lookups of a format edition."""

    fmt: ReportFormat
    tables: LabelIndex
    by_table: dict[str, TableLabels]

    def of(self, table_id: str) -> TableLabels:
        return self.by_table[table_id]


def build_labels(fmt: ReportFormat) -> FormatLabels:
    """The label lookups of ``fmt`` (ambiguous keys are kept and reported when used)."""
    by_table = {table.id: _table_labels(fmt, table) for table in fmt.tables}
    tables = LabelIndex.of(_table_entry(fmt, table) for table in fmt.tables)
    return FormatLabels(fmt, tables, by_table)


def table_code(fmt: ReportFormat, table: Table) -> str:
    """The numeral of the section printing ``table`` (二), or the table's name without one."""
    for section in fmt.sections:
        if section.table == table.id:
            return section.numeral
    return table.name


def _table_entry(fmt: ReportFormat, table: Table) -> Entry:
    code = table_code(fmt, table)
    spellings = [code, table.name, table.id]
    if code in _NUMERALS:
        digit = str(_NUMERALS.index(code) + 1)
        spellings.append(digit)
        if table.name.endswith(code):
            spellings.append(table.name.removesuffix(code) + digit)
    for section in fmt.sections:
        if section.table == table.id:
            spellings.extend((section.heading, *section.aliases))
    return Entry(table.id, code, tuple((s,) for s in spellings), display=table.name)


def _table_labels(fmt: ReportFormat, table: Table) -> TableLabels:
    row_entries: list[Entry] = []
    block_of_row: dict[str, str] = {}
    groups: dict[str, RowNode] = {}
    for block in table.blocks:
        for row in block.rows:
            for node, parents in _walk(row, ()):
                row_entries.append(_row_entry(node, parents))
                block_of_row[node.id] = block.id
                if node.is_group:
                    groups[node.id] = node
    columns = LabelIndex.of(
        Entry(c.id, c.label, tuple((s,) for s in (c.label, *c.aliases)))
        for block in table.blocks
        for c in block.columns
    )
    return TableLabels(
        table=table,
        code=table_code(fmt, table),
        rows=LabelIndex.of(row_entries),
        columns=columns,
        block_of_row=block_of_row,
        groups=groups,
    )


def _walk(
    node: RowNode, parents: tuple[RowNode, ...]
) -> Iterator[tuple[RowNode, tuple[RowNode, ...]]]:
    yield node, parents
    for child in node.children:
        yield from _walk(child, (*parents, node))


def _row_entry(node: RowNode, parents: tuple[RowNode, ...]) -> Entry:
    """A row's spellings: its own labels, alone or after any trailing run of its group headings."""
    own = (node.label, *node.aliases)
    spellings: list[tuple[str, ...]] = []
    for start in range(len(parents) + 1):
        heads = [(p.label, *p.aliases) for p in parents[start:]]
        spellings.extend(itertools.product(*heads, own))
    heading = parents[-1].label if parents else ""
    return Entry(node.id, node.label, tuple(spellings), heading=heading, nested=len(parents) > 1)


# The superseded trial format --------------------------------------------------------------------


def recognises(old: SupersededFormat, text: str) -> bool:
    """Whether a label belongs to a superseded edition of the format."""
    key = normalize_label(text)
    return bool(key) and any(normalize_label(marker) in key for marker in old.markers)
