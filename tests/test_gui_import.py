"""文件 → 导入… and 从上年报告新建 from a published web page or Word file, in the window.

The window calls the same import workflow as the command line; these tests check what the clerk
sees: the summary before the draft opens (which can be cancelled), the new unsaved draft, and
last year's report read from the page it was published as.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from gui_support import ScriptedPrompter, Windows, grid, prompter_of
from import_support import FIXTURES, WATER_TABLE3, build_word_file
from report_desktop.interchange.report_import import ReportImport, import_file
from report_desktop.storage.draft import load_draft
from report_desktop.ui.actions import menu_of
from report_desktop.ui.importing import summary_dialog
from report_desktop.ui.main_window import MainWindow


class Asker:
    """Answers the import's questions from a script and records the summaries shown."""

    def __init__(self, path: Path | None, confirm: bool = True) -> None:
        self.path = path
        self.confirm = confirm
        self.shown: list[tuple[ReportImport, str]] = []

    def import_path(self, folder: str) -> Path | None:
        return self.path

    def confirm_import(self, result: ReportImport, accept: str) -> bool:
        self.shown.append((result, accept))
        return self.confirm


class Prompter(ScriptedPrompter):
    """Asks the file and the summary of ``asker`` when one is given."""

    def __init__(self, asker: Asker | None = None) -> None:
        super().__init__()
        self.asker = asker

    def last_year_path(self, folder: str) -> Path | None:
        return self._answer("last_year_path", None, folder)  # type: ignore[no-any-return]

    def import_path(self, folder: str) -> Path | None:
        return None if self.asker is None else self.asker.import_path(folder)

    def confirm_import(self, result: ReportImport, accept: str) -> bool:
        return True if self.asker is None else self.asker.confirm_import(result, accept)


def _window(windows: Windows, asker: Asker, example: Path | None = None) -> MainWindow:
    return windows(example, Prompter(asker))


def test_import_is_in_the_file_menu_after_open(qtbot: QtBot, windows: Windows) -> None:
    window = windows(None, Prompter())
    menu = menu_of(window.commands.open)
    actions = menu.actions()
    assert actions[actions.index(window.commands.open) + 1] is window.imports.action
    assert window.imports.action.text() == "导入(&I)…"


def test_import_a_page_shows_the_summary_then_opens_a_new_draft(
    qtbot: QtBot, windows: Windows
) -> None:
    asker = Asker(FIXTURES / "cms-variants.html")
    window = _window(windows, asker)
    window.imports.action.trigger()
    ((result, accept),) = asker.shown
    assert accept == "打开为新草稿"
    assert result.filled == 165 and len(result.variants) == 4 and len(result.totals) == 3
    session = window.drafts.session
    assert session.path is None and session.is_modified()
    assert session.report.meta.agency == "云岭市交通运输局"
    assert session.report.cells["table2.punishment.decisions"] == 1024
    assert "导入" in window.statusBar().currentMessage()


def test_cancelling_the_summary_keeps_the_open_report(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    asker = Asker(FIXTURES / "word-pasted.html", confirm=False)
    window = _window(windows, asker, example)
    before = window.drafts.session
    assert not window.imports.import_dialog()
    assert len(asker.shown) == 1
    assert window.drafts.session is before and window.drafts.session.path == example.absolute()


def test_a_refused_file_is_explained(qtbot: QtBot, windows: Windows, tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    asker = Asker(pdf)
    window = _window(windows, asker)
    assert not window.imports.import_dialog()
    assert not asker.shown
    ((title, message),) = prompter_of(window).asked("show_error")
    assert title == "无法导入" and "网页" in message


def test_a_trial_format_report_is_refused_by_name(qtbot: QtBot, windows: Windows) -> None:
    asker = Asker(FIXTURES / "trial-2019.html")
    window = _window(windows, asker)
    assert not window.imports.import_dialog()
    ((_, message),) = prompter_of(window).asked("show_error")
    assert "2019年试行格式" in message


def test_new_from_last_years_word_file(qtbot: QtBot, windows: Windows, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    word = folder / "2024年报.docx"
    build_word_file(word)
    asker = Asker(None)
    window = _window(windows, asker)
    prompter: Any = prompter_of(window)
    prompter.script("last_year_path", word)
    assert window.last_year.new_from_last_year()
    ((_, accept),) = asker.shown
    assert accept == "作为上年报告"
    session = window.drafts.session
    assert session.report.meta.year == 2025 and session.report.meta.agency == "云岭市水务局"
    model = grid(window).grid_model
    forward = WATER_TABLE3["carried_forward"]
    assert model.edit_text(model.index_of("table3.carried_over.natural_person")) == str(forward[0])
    assert model.edit_text(model.index_of("table3.carried_over.commercial")) == str(forward[1])
    assert session.last_year.report is not None
    target = folder / "2025.json"
    prompter.script("save_path", target)
    assert window.drafts.save()
    assert load_draft(target).report.last_year_link.path == "2024年报.docx"  # type: ignore[union-attr]
    window.close()
    again = windows(target, Prompter())
    assert again.drafts.session.last_year.report is not None  # the Word file is read again
    assert not again.drafts.session.last_year.notice


def test_new_from_last_years_page_cancelled(
    qtbot: QtBot, windows: Windows, example: Path, tmp_path: Path
) -> None:
    page = tmp_path / "2024.html"
    shutil.copy(FIXTURES / "word-pasted.html", page)
    asker = Asker(None, confirm=False)
    window = _window(windows, asker, example)
    prompter_of(window).script("last_year_path", page)
    assert not window.last_year.new_from_last_year()
    assert window.drafts.session.path == example.absolute()


def test_summary_dialog_shows_counts_and_details(qtbot: QtBot) -> None:
    result = import_file(FIXTURES / "cms-variants.html")
    dialog = summary_dialog(result, "打开为新草稿")
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton

    summary = dialog.findChild(QLabel, "import-summary")
    details = dialog.findChild(QPlainTextEdit, "import-details")
    assert summary is not None and "已填入 165 个单元格" in summary.text()
    assert details is not None and "行政法复议" in details.toPlainText()
    buttons = {b.text() for b in dialog.findChildren(QPushButton)}
    assert buttons == {"打开为新草稿", "取消"}


def test_a_page_dropped_on_the_window_is_imported(qtbot: QtBot, windows: Windows) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    asker = Asker(None)
    window = _window(windows, asker)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(FIXTURES / "word-pasted.html"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert len(asker.shown) == 1
    assert window.drafts.session.report.meta.agency == "云岭市水务局"
