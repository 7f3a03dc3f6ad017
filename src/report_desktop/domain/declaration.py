"""Types of a report-format declaration.

A format edition (see :mod:`format2021`) is data built from these types: sections, tables, row
trees, columns, header rows and the parts of the narrative. Everything else — forms, draft keys,
rules, printed layout, import label matching — is derived from one such declaration.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class ValueKind(StrEnum):
    """What a table cell holds."""

    COUNT = "count"
    """A non-negative integer (applications, documents, decisions)."""
    AMOUNT = "amount"
    """A non-negative decimal amount in 万元, kept exactly as typed."""

    @property
    def plausible_maximum(self) -> int:
        """The largest value a real report holds in a cell of this kind, with a wide margin.

        Counts: the busiest agencies (公安 行政处罚) decide a few million cases a year; amounts
        (万元): a province's fees stay far below 10¹⁰ 万元 (10¹⁴ 元). Larger values are refused on
        reading, naming the cell (they are typing slips or hostile files, and a billion-digit
        number would stall every sum and export).
        """
        return _PLAUSIBLE_MAXIMUM[self]


_PLAUSIBLE_MAXIMUM = {ValueKind.COUNT: 10**9, ValueKind.AMOUNT: 10**10}

MAX_DECIMAL_PLACES = 6
"""Decimals an amount may carry (万元 to the hundredth of a 元 needs 6)."""


@dataclass(frozen=True)
class Labelled:
    """What a column and a row of a table have alike: an id, the official label, and for a
    computed total the ids it adds up."""

    id: str
    label: str
    sums: tuple[str, ...] = ()
    """Ids of the columns (of a column) or rows (of a row) this computed total adds up; empty
    for a typed one."""
    aliases: tuple[str, ...] = ()
    """Other spellings met in published reports, accepted on import."""

    @property
    def computed(self) -> bool:
        return bool(self.sums)


class Column(Labelled):
    """A column of a block (a frozen dataclass: it adds no field to :class:`Labelled`)."""


@dataclass(frozen=True)
class RowNode(Labelled):
    """A row of a table, or a group of rows sharing a merged label cell."""

    children: tuple[RowNode, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    def leaves(self) -> Iterator[RowNode]:
        if not self.children:
            yield self
            return
        for child in self.children:
            yield from child.leaves()


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a printed header row, with its merge."""

    label: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Block:
    """A rectangular piece of a table: value rows × value columns of one kind.

    表二 has four blocks (one per 第二十条 item, each with a caption and its own header row);
    表三 and 表四 have one block each.
    """

    id: str
    columns: tuple[Column, ...]
    rows: tuple[RowNode, ...]
    kind: ValueKind = ValueKind.COUNT
    caption: str = ""
    """A caption row spanning the table (表二: 第二十条第（一）项)."""
    corner: str = ""
    """The label heading the row-label column (表二: 信息内容)."""
    maximum: int | None = None
    """The largest plausible value of a cell of this block; ``None``: the kind's default."""

    def leaf_rows(self) -> Iterator[RowNode]:
        for row in self.rows:
            yield from row.leaves()

    def row_depth(self) -> int:
        """How many label columns the row tree needs when printed."""

        def depth(node: RowNode) -> int:
            return 1 + max((depth(c) for c in node.children), default=0)

        return max(depth(r) for r in self.rows)


@dataclass(frozen=True)
class Table:
    id: str
    name: str
    """How the clerk calls it: 表二."""
    blocks: tuple[Block, ...]
    header: tuple[tuple[HeaderCell, ...], ...] = ()
    """Printed header rows of tables whose header is not the block columns (表三, 表四)."""
    layout: str = "grid"
    """``blocks`` (表二), ``grid`` (rows × columns, 表三), ``strip`` (one row of cells, 表四)."""
    widths_mm: tuple[float, ...] = ()
    """The printed width of every grid column (see :mod:`table_geometry`); empty: even."""

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)


@dataclass(frozen=True)
class CellSpec:
    """One value cell of a table, typed or computed."""

    id: str
    table: Table
    block: Block
    row: RowNode
    column: Column
    sums: tuple[str, ...] = ()
    """For a computed total, the ids of the cells it adds up (a total row's sums win over a
    total column's, so （七）总计 × 总计 adds up the result rows' totals)."""
    kind: ValueKind = field(init=False)
    computed: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", self.block.kind)
        object.__setattr__(self, "computed", bool(self.sums))

    @property
    def maximum(self) -> int:
        """The largest plausible value of this cell (larger values are refused on reading)."""
        declared = self.block.maximum
        return self.kind.plausible_maximum if declared is None else declared

    @property
    def place_name(self) -> str:
        """How messages name the cell: 表三“（一）予以公开”行“自然人”列, 表二“行政许可”."""
        if len(self.block.columns) == 1:
            return f"{self.table.name}“{self.row.label}”"
        return f"{self.table.name}“{self.row.label}”行“{self.column.label}”列"


class SectionKind(StrEnum):
    """What a section of the report holds, and so which part of a report fills it."""

    PARTS = "parts"
    """An introduction and the customary numbered parts (一、总体情况)."""
    TABLE = "table"
    """A table (二 … 四)."""
    TEXT = "text"
    """Free text (五、存在的主要问题及改进情况)."""
    ITEMS = "items"
    """Numbered items with titles (六、其他需要报告的事项)."""


@dataclass(frozen=True)
class Section:
    id: str
    numeral: str
    heading: str
    table: str = ""
    """Id of the table printed in this section, if any."""
    aliases: tuple[str, ...] = ()
    """Long forms of the heading used by published reports."""
    kind: SectionKind = SectionKind.TABLE


@dataclass(frozen=True)
class TextPart:
    """A customary numbered part of a narrative section (一's five parts, 六's items): its
    ``topic`` as the clerk sees it in the form, its ``title`` the default printed lead-in
    (主动公开方面)."""

    id: str
    topic: str
    title: str


@dataclass(frozen=True)
class Term:
    """A row in a balance identity, with the short name messages give it (本年新收)."""

    row: str
    name: str


@dataclass(frozen=True)
class BalanceIdentity:
    """A 勾稽关系 of a table: in every column, the left rows add up to the right rows
    (表三: 一 + 二 = 三（七） + 四)."""

    code: str
    """The rule code of its findings (``table3.balance``)."""
    table: str
    left: tuple[Term, ...]
    right: tuple[Term, ...]


@dataclass(frozen=True)
class ShareLimit:
    """A soft limit: the leaves of row group ``part`` should not exceed ``limit`` of row
    ``whole`` in ``column`` once the whole reaches ``minimum`` (表三's 其他处理)."""

    code: str
    table: str
    part: str
    whole: str
    whole_name: str
    """How messages name the whole (办理结果总计)."""
    column: str
    limit: Decimal
    minimum: int


@dataclass(frozen=True)
class CarryOver:
    """This year's row ``target`` starts as last year's row ``source``, column by column
    (表三: 四、结转下年度继续办理 → 二、上年结转); a difference is a cross-year warning."""

    code: str
    table: str
    source: str
    source_name: str
    target: str
    target_name: str


@dataclass(frozen=True)
class Continuity:
    """In every row of a block: ``stock`` = last year's ``stock`` + ``added`` − ``removed``
    (表二: 现行有效件数 = 上年现行有效 + 本年制发 − 本年废止)."""

    code: str
    table: str
    block: str
    stock: Term
    added: Term
    removed: Term


@dataclass(frozen=True)
class FollowUp:
    """Cases of cell ``later`` follow the cases of cell ``source`` decided this year or of cell
    ``pending`` at last year's end: more is worth a look (表四: 复议后起诉 after 行政复议)."""

    code: str
    later: str
    source: str
    pending: str


@dataclass(frozen=True)
class ReportFormat:
    edition: str
    name: str
    basis: str
    """The document that defines this format."""
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    overview_parts: tuple[TextPart, ...]
    other_items: tuple[TextPart, ...]
    overview_limit: int
    """Section 一 should not exceed this many characters."""
    title: str = ""
    """The report's title after 「<year>年」 (政府信息公开工作年度报告), spelled only here."""
    identities: tuple[BalanceIdentity, ...] = ()
    share_limits: tuple[ShareLimit, ...] = ()
    carry_overs: tuple[CarryOver, ...] = ()
    continuities: tuple[Continuity, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    cells: tuple[CellSpec, ...] = field(init=False, repr=False, compare=False)
    leaf_cells: tuple[CellSpec, ...] = field(init=False, repr=False, compare=False)
    """The cells a clerk types (not computed), in declaration order."""
    leaf_ids: frozenset[str] = field(init=False, repr=False, compare=False)
    totals: tuple[CellSpec, ...] = field(init=False, repr=False, compare=False)
    """The computed cells, in an order where every total's parts come before it."""

    def __post_init__(self) -> None:
        cells = tuple(_cells_of(self.tables))
        _check_unique(c.id for c in cells)
        totals = [c for c in cells if c.computed]
        object.__setattr__(self, "cells", cells)
        object.__setattr__(self, "leaf_cells", tuple(c for c in cells if not c.computed))
        object.__setattr__(self, "leaf_ids", frozenset(c.id for c in self.leaf_cells))
        object.__setattr__(self, "totals", tuple(sorted(totals, key=lambda c: c.row.computed)))

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def row(self, table_id: str, row_id: str) -> RowNode:
        """A row or row group of a table, by id (looked up once, then kept: the rules ask
        after every keystroke)."""
        rows: dict[tuple[str, str], RowNode] | None = self.__dict__.get("_row_index")
        if rows is None:
            rows = {}
            for table in self.tables:
                for block in table.blocks:
                    for top in block.rows:
                        for node in _walk(top):
                            rows.setdefault((table.id, node.id), node)
            object.__setattr__(self, "_row_index", rows)
        try:
            return rows[table_id, row_id]
        except KeyError:
            raise KeyError(row_id) from None

    def section_of(self, kind: SectionKind) -> Section:
        """The (first) section of a kind: where the report's text of that kind is printed."""
        for section in self.sections:
            if section.kind is kind:
                return section
        raise KeyError(kind)

    def cell(self, cell_id: str) -> CellSpec:
        return self._index()[cell_id]

    def has_cell(self, cell_id: str) -> bool:
        return cell_id in self._index()

    def cells_of(self, table_id: str) -> tuple[CellSpec, ...]:
        return tuple(c for c in self.cells if c.table.id == table_id)

    def _index(self) -> dict[str, CellSpec]:
        index: dict[str, CellSpec] | None = self.__dict__.get("_cell_index")
        if index is None:
            index = {c.id: c for c in self.cells}
            object.__setattr__(self, "_cell_index", index)
        return index


def cell_id(table_id: str, row_id: str, column_id: str) -> str:
    return f"{table_id}.{row_id}.{column_id}"


def _walk(node: RowNode) -> Iterator[RowNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _cells_of(tables: tuple[Table, ...]) -> Iterator[CellSpec]:
    for table in tables:
        for block in table.blocks:
            for row in block.leaf_rows():
                for column in block.columns:
                    spec_id = cell_id(table.id, row.id, column.id)
                    yield CellSpec(spec_id, table, block, row, column, _sums(table, row, column))


def _sums(table: Table, row: RowNode, column: Column) -> tuple[str, ...]:
    if row.sums:
        return tuple(cell_id(table.id, part, column.id) for part in row.sums)
    return tuple(cell_id(table.id, row.id, part) for part in column.sums)


def _check_unique(ids: Iterator[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"duplicate id in format declaration: {item}")
        seen.add(item)
