"""File dialogs: Chinese throughout (Qt's own dialog too), starting where the clerk works."""

from __future__ import annotations

import re
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from gui_support import Windows, prompter_of
from report_desktop import gui
from report_desktop.storage.paths import app_paths
from report_desktop.ui.context import AppContext
from report_desktop.ui.file_dialogs import file_dialog, size_text

ENGLISH = re.compile(r"[A-Za-z]{2,}")
ALLOWED = {"JSON", "PDF", "KB", "MB", "GB", "json"}
"""Words a Chinese desktop shows as they are (file types and patterns, size units)."""


def english_words(text: str, names: set[str]) -> list[str]:
    """Latin words in ``text`` that are neither allowed nor part of a file or folder name."""
    if text in names or "/" in text:
        return []
    return [word for word in ENGLISH.findall(text.replace("&", "")) if word not in ALLOWED]


def texts_of(dialog: QFileDialog) -> list[str]:
    """Every text the dialog shows: labels, buttons and their tips, lists, headers, cells."""
    texts: list[str] = [dialog.windowTitle()]
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += cells_of(widget)
    return [text for text in texts if text]


def cells_of(view: QAbstractItemView) -> list[str]:
    model, root = view.model(), view.rootIndex()
    texts = [
        str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for c in range(model.columnCount(root))
    ]
    for row in range(model.rowCount(root)):
        for col in range(model.columnCount(root)):
            texts.append(str(model.index(row, col, root).data() or ""))
    return texts


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    place = tmp_path / "报告"
    (place / "往年报告").mkdir(parents=True)
    (place / "2024年报告草稿.json").write_text("{}" * 1500, "utf-8")
    (place / "空文件.json").write_text("", "utf-8")
    return place


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave]
)
@pytest.mark.parametrize("view", [QFileDialog.ViewMode.Detail, QFileDialog.ViewMode.List])
def test_qt_file_dialog_has_no_english_left(
    qtbot: QtBot, folder: Path, mode: QFileDialog.AcceptMode, view: QFileDialog.ViewMode
) -> None:
    assert gui.install_translations(QApplication.instance())  # type: ignore[arg-type]
    dialog = file_dialog(None, "打开草稿", str(folder), "报告草稿 (*.json);;所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    dialog.setViewMode(view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: any("2024年报告草稿" in t for t in texts_of(dialog)))
    qtbot.waitUntil(
        lambda: any("KB" in t for t in texts_of(dialog)) or view is QFileDialog.ViewMode.List
    )
    names = {part for path in (folder, Path.home()) for part in path.parts}
    names |= {child.name for child in folder.iterdir()}
    left = {text: words for text in texts_of(dialog) if (words := english_words(text, names))}
    assert left == {}
    dialog.close()


def test_the_supplement_covers_what_qtbase_lacks(qtbot: QtBot) -> None:
    assert gui.install_translations(QApplication.instance())  # type: ignore[arg-type]
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert QCoreApplication.translate("QFileDialog", "Detail View") == "详情视图"  # qtbase's own


def test_sizes_are_written_the_chinese_way() -> None:
    assert [size_text(n) for n in (0, 850, 3000, 5 * 1024**2)] == [
        "0 字节",
        "850 字节",
        "2.9 KB",
        "5.0 MB",
    ]


def test_dialogs_start_in_documents_never_the_working_folder(
    qtbot: QtBot, windows: Windows, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = Path(platformdirs.user_documents_dir())
    documents.mkdir(parents=True, exist_ok=True)
    elsewhere = tmp_path / "launched-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    window = windows()
    window.drafts.open_dialog()
    [(start,)] = prompter_of(window).asked("open_path")
    assert Path(start) == documents


def test_dialogs_start_in_the_folder_last_used(
    qtbot: QtBot, windows: Windows, example: Path, tmp_path: Path
) -> None:
    window = windows(example)
    window.drafts.new()
    window.drafts.open_dialog()
    [(start,)] = prompter_of(window).asked("open_path")
    assert Path(start) == example.parent
    ctx = AppContext.load(app_paths().ensure())  # the next run: the most recent draft's folder
    assert Path(ctx.start_folder()) == example.parent
