"""The window notices a draft changed on disk (issue 10): it asks before overwriting, offers to
reload, and asks before replacing a read-only draft."""

from __future__ import annotations

import io
import stat
from pathlib import Path

from pytestqt.qtbot import QtBot

from gui_support import NEW, Windows, prompter_of
from report_desktop.cli import main
from report_desktop.storage import load_draft, save_draft


def _change_elsewhere(path: Path) -> None:
    """What ``report-desktop link DRAFT --clear`` does while the window has the draft open."""
    report = load_draft(path).report
    report.meta.agency = "别处改过的机关"
    save_draft(path, report)


def test_a_command_cannot_rewrite_the_draft_the_window_holds(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    windows(example)
    before = example.read_bytes()
    err = io.StringIO()
    assert main(["link", str(example), "--clear"], out=io.StringIO(), err=err) == 2
    assert "正被编辑" in err.getvalue()
    assert example.read_bytes() == before


def test_saving_over_a_draft_changed_on_disk_asks_first(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    window.drafts.session.set_cells({NEW: 7})
    _change_elsewhere(example)
    prompter_of(window).script("confirm", False)
    assert not window.drafts.save()
    assert load_draft(example).report.meta.agency == "别处改过的机关"  # kept
    question = prompter_of(window).asked("confirm")[0]
    assert "已被其他程序或命令改动" in question[1]
    prompter_of(window).script("confirm", True)
    assert window.drafts.save()
    assert load_draft(example).report.cells[NEW] == 7
    assert window.drafts.save()  # saved by us: no question any more
    assert len(prompter_of(window).asked("confirm")) == 2


def test_activating_the_window_offers_to_reload_once(
    qtbot: QtBot, windows: Windows, example: Path
) -> None:
    window = windows(example)
    _change_elsewhere(example)
    prompter_of(window).script("confirm", True)
    window.drafts.check_disk()
    assert window.drafts.session.report.meta.agency == "别处改过的机关"
    assert not window.isWindowModified()
    window.drafts.check_disk()  # nothing changed since: not asked again
    assert len(prompter_of(window).asked("confirm")) == 1


def test_saving_over_a_read_only_draft_asks(qtbot: QtBot, windows: Windows, example: Path) -> None:
    window = windows(example)
    window.drafts.session.set_cells({NEW: 9})
    example.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        prompter_of(window).script("confirm", False)
        assert not window.drafts.save()
        assert "只读" in prompter_of(window).asked("confirm")[0][1]
        assert NEW not in load_draft(example).report.cells or (
            load_draft(example).report.cells[NEW] != 9
        )
    finally:
        example.chmod(0o644)
