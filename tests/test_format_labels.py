"""Every label of the declaration, character for character, against the official reference page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report_desktop.domain.declaration import RowNode, Table
from report_desktop.domain.format2021 import FORMAT_2021

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "official-format-2021.md"
COPY = Path(__file__).parent / "fixtures" / "official-format-2021.md"
"""A copy of the reference page, for checkouts without ../shared beside them."""
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def reference() -> str:
    return (SHARED if SHARED.exists() else COPY).read_text(encoding="utf-8")


def test_the_copy_of_the_reference_is_current() -> None:
    if not SHARED.exists():
        pytest.skip("../shared is not beside this checkout: the copy stands in for it")
    assert COPY.read_text(encoding="utf-8") == SHARED.read_text(encoding="utf-8")


def reference_section(text: str, number: str) -> str:
    return next(s for s in re.split(r"^## ", text, flags=re.M) if s.startswith(f"{number}."))


def reference_labels(text: str, number: str) -> list[str]:
    """The labels in the layout blocks of a reference section, in reading order."""
    labels: list[str] = []
    for block in re.findall(r"```\n(.*?)```", reference_section(text, number), flags=re.S):
        for raw in block.splitlines():
            line = re.sub(r"\[[^\]]*\]|\((?:caption|colspan|rowspan)[^)]*\)|^r\d:", " ", raw)
            tokens = (t.strip() for t in re.split(r"\s*\|\s*|\s{2,}", line))
            labels += [t for t in tokens if CJK.search(t) and not t.startswith("decimal")]
    return labels


def row_labels(nodes: tuple[RowNode, ...]) -> list[str]:
    labels: list[str] = []
    for node in nodes:
        labels.append(node.label)
        labels.extend(row_labels(node.children))
    return labels


def declared_labels(table: Table) -> list[str]:
    labels = [cell.label for row in table.header for cell in row]
    for block in table.blocks:
        labels += [block.caption, block.corner] if block.caption else []
        if not table.header:
            labels += [column.label for column in block.columns]
        labels += row_labels(block.rows)
    return labels


TABLE_SECTIONS = [("table2", "3"), ("table3", "4"), ("table4", "5")]


@pytest.mark.parametrize(("table_id", "number"), TABLE_SECTIONS)
def test_table_labels_match_reference(reference: str, table_id: str, number: str) -> None:
    declared = set(declared_labels(FORMAT_2021.table(table_id)))
    official = set(reference_labels(reference, number))
    assert declared == official


def test_table3_rows_in_official_order(reference: str) -> None:
    official = [
        label
        for label in reference_labels(reference, "4")
        if re.match(r"^(?:[一二三四]、|（[一二三四五六七]）|\d\.)", label)
    ]
    assert row_labels(FORMAT_2021.table("table3").blocks[0].rows) == official


def test_table3_columns_in_official_order(reference: str) -> None:
    columns = [c.label for c in FORMAT_2021.table("table3").blocks[0].columns]
    order = reference_section(reference, "4").split("Value columns in order:")[1].split("\n")[0]
    assert "、".join(columns) == order.strip().rstrip(".").replace(", ", "、")


def test_section_headings_match_reference(reference: str) -> None:
    rows = re.findall(r"^\| ([一二三四五六]) \| (\S+) \|", reference_section(reference, "2"), re.M)
    assert [(s.numeral, s.heading) for s in FORMAT_2021.sections] == rows


def test_aliases_are_spellings_the_reference_names(reference: str) -> None:
    """Long headings and known typos are accepted on import; each is quoted in the reference."""
    unwrapped = reference.replace("\n", "")
    aliases = [a for s in FORMAT_2021.sections for a in s.aliases]
    for table in FORMAT_2021.tables:
        for block in table.blocks:
            aliases += [a for c in block.columns for a in c.aliases]
    assert aliases
    for alias in aliases:
        assert alias in unwrapped


def test_cell_counts() -> None:
    assert len(FORMAT_2021.cells_of("table2")) == 10
    assert len(FORMAT_2021.cells_of("table3")) == 175
    assert len(FORMAT_2021.cells_of("table4")) == 15
    computed = [c.id for c in FORMAT_2021.cells if c.computed]
    # 表三: 25 rows' 总计 + 6 more cells of （七）总计; 表四: three 总计.
    assert len(computed) == 25 + 6 + 3
