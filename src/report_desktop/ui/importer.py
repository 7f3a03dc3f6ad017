"""导入: a new draft from a spreadsheet of cell values (the long table ``table,row,column,value``
that ``report-desktop import`` reads), through the same interchange code as the command line."""

from __future__ import annotations

from pathlib import Path

from ..domain.model import new_report
from .drafts import Drafts
from .prompter import Prompter

MAX_LISTED = 12


def import_cells_dialog(drafts: Drafts, prompter: Prompter) -> bool:
    """Ask for a CSV/XLSX file and start a new, unsaved draft with its values."""
    path = prompter.import_path(drafts.ctx.start_folder())
    return False if path is None else import_cells_from(drafts, prompter, path)


def import_cells_from(drafts: Drafts, prompter: Prompter, path: Path) -> bool:
    from ..interchange import CellImportError, import_cells

    drafts.ctx.used_file(path)
    try:
        result = import_cells(path)
    except CellImportError as error:
        prompter.show_error("无法导入", f"无法导入“{path.name}”：{error}")
        return False
    lines = [problem.describe() for problem in result.problems]
    if not result.ok:
        listed = "\n".join(f"· {line}" for line in lines[:MAX_LISTED])
        message = f"“{path.name}”中有 {len(result.errors)} 个错误，没有导入：\n{listed}"
        prompter.show_info("导入未完成", message, "\n".join(lines))
        return False
    report = new_report()
    report.cells.update({k: v for k, v in result.values.items() if v is not None})
    if not drafts.new_from(report):
        return False
    filled = sum(v is not None for v in result.values.values())
    drafts.message.emit(f"已从“{path.name}”导入 {filled} 个单元格；请填写基本信息后保存")
    return True
