"""Interchange: the table cells as a long-form CSV/XLSX (``table,row,column,value``), and the
import of published reports (saved web pages, Word files).

Import matches official labels tolerantly and reports every problem by line; export writes
every cell with the official labels. See :mod:`.cells` for the behaviour, :mod:`.labels` for the
label matching, :mod:`.report_import` for the import workflow every file kind goes through (web
pages: :mod:`.html_reader`, Word files: :mod:`.docx_reader`, their tables:
:mod:`.document_tables`, their text: :mod:`.narrative`).
"""

from report_desktop.domain.findings import Severity
from report_desktop.domain.superseded import TRIAL_FORMAT_2019, SupersededFormat

from .cells import (
    cells_to_csv_text,
    convert_value,
    export_cells_csv,
    import_cells,
    import_cells_text,
    import_lines,
)
from .problems import CellImport, ImportProblem
from .sheet import CellImportError, RawLine, SheetData, read_csv_text, read_sheet

__all__ = [
    "TRIAL_FORMAT_2019",
    "CellImport",
    "CellImportError",
    "ImportProblem",
    "RawLine",
    "Severity",
    "SheetData",
    "SupersededFormat",
    "cells_to_csv_text",
    "convert_value",
    "export_cells_csv",
    "import_cells",
    "import_cells_text",
    "import_lines",
    "read_csv_text",
    "read_sheet",
]
