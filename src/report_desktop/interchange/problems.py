"""The outcome of an import: the cell values read and the problems met, line by line."""

from __future__ import annotations

from dataclasses import dataclass

from report_desktop.domain.findings import Severity
from report_desktop.domain.values import CellValue


@dataclass(frozen=True)
class ImportProblem:
    line: int | None
    """Spreadsheet row number (the header is line 1); ``None`` for the file as a whole."""
    severity: Severity
    message: str
    """Chinese, without the line number (see :meth:`describe`)."""
    cell: str = ""
    """Id of the cell concerned, when the line named one."""
    suggestion: str = ""
    """For an unknown label: an official label close to it, offered, never applied."""

    def describe(self) -> str:
        """The message as shown to the clerk: 「第3行：…」."""
        return self.message if self.line is None else f"第{self.line}行：{self.message}"


@dataclass(frozen=True)
class CellImport:
    """Typed values of the cells a file gave and every problem met, in line order.

    ``values`` holds typed (leaf) cells only, keyed by cell id: a cell given with an empty value
    is present as ``None`` (not filled); a cell the file does not mention is absent. Totals are
    never in it. A refused value leaves its cell out; a cell given twice with different values
    keeps the first.

    The values are returned even when there are errors, so that a caller can show what was
    understood; a caller must refuse to write a draft from an import with any error.
    """

    values: dict[str, CellValue]
    problems: tuple[ImportProblem, ...]

    @property
    def errors(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[ImportProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing stands in the way of using the values."""
        return not self.errors
