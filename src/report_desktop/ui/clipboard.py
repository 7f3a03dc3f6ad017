"""Copying and pasting rectangular blocks of cells (Excel/WPS: tab-separated, rows by newline).

No Qt: the view hands in the clipboard text and the target position, and gets back the cells to
change and, in Chinese, every value that was refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.declaration import CellSpec
from ..domain.table_geometry import CellRole
from ..domain.values import CellValue, CellValueError, format_value, parse_cell
from .grid_layout import GridLayout


@dataclass
class PastePlan:
    values: dict[str, CellValue] = field(default_factory=dict)
    """Typed cells to set, all in one undo step."""
    refused: list[str] = field(default_factory=list)
    """Why some pasted values were not taken, one Chinese sentence each."""
    totals: list[tuple[CellSpec, CellValue]] = field(default_factory=list)
    """Values pasted onto computed totals: compared with the totals after the paste."""


def parse_block(text: str) -> list[list[str]]:
    """The rows and cells of a copied block. A final line break is not an extra row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [[_unquote(cell) for cell in line.split("\t")] for line in lines]


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell


def plan_paste(layout: GridLayout, block: list[list[str]], row: int, col: int) -> PastePlan:
    """Map a block onto the grid from (row, col): every value parsed and checked."""
    plan = PastePlan()
    outside = 0
    for i, cells in enumerate(block):
        for j, text in enumerate(cells):
            r, c = row + i, col + j
            if not text.strip():
                target = layout.at(r, c)
                if target is not None and target.editable and (target.row, target.col) == (r, c):
                    assert target.spec is not None
                    plan.values[target.spec.id] = None
                continue
            if not (0 <= r < layout.rows and 0 <= c < layout.cols):
                outside += 1
                continue
            _plan_cell(layout, plan, r, c, text)
    if outside:
        plan.refused.append(f"有 {outside} 个值超出了表格范围，未粘贴")
    return plan


def _plan_cell(layout: GridLayout, plan: PastePlan, r: int, c: int, text: str) -> None:
    target = layout.at(r, c)
    where = f"第 {r + 1} 行第 {c + 1} 列"
    if target is None or target.spec is None:
        if target is None or target.text.strip() != text.strip():
            kind = "表头" if target is not None and target.role is not CellRole.LABEL else "栏目"
            plan.refused.append(f"{where}是{kind}，不能填写“{text.strip()}”")
        return
    spec = target.spec
    if (target.row, target.col) != (r, c):
        plan.refused.append(f"{spec.place_name}：“{text.strip()}”落在合并单元格内，未粘贴")
        return
    try:
        value = parse_cell(spec.kind, text)
    except CellValueError as error:
        plan.refused.append(f"{spec.place_name}：{error}")
        return
    if spec.computed:
        plan.totals.append((spec, value))
    else:
        plan.values[spec.id] = value


def total_mismatches(plan: PastePlan, values: dict[str, CellValue]) -> list[str]:
    """Pasted totals that differ from the totals computed after the paste."""
    messages = []
    for spec, pasted in plan.totals:
        computed = values[spec.id]
        if pasted is not None and pasted != computed:
            messages.append(
                f"{spec.place_name}是自动计算的合计：粘贴的是 {format_value(pasted)}，"
                f"计算结果为 {format_value(computed, '0')}，以计算结果为准"
            )
    return messages


def copy_block(
    layout: GridLayout,
    values: dict[str, CellValue],
    rows: range,
    cols: range,
) -> str:
    """The text of a rectangle of the grid: labels and values, merged areas once."""
    lines = []
    for r in rows:
        cells = []
        for c in cols:
            found = layout.at(r, c)
            if found is None or (found.row, found.col) != (r, c):
                cells.append("")
            elif found.spec is not None:
                cells.append(format_value(values[found.spec.id]))
            else:
                cells.append(found.text)
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
