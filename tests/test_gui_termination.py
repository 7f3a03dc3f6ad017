"""Logout or shutdown while the editor is open: nothing asked, nothing lost, no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from report_desktop import gui
from report_desktop.storage.autosave import AutosaveStore
from report_desktop.storage.paths import app_paths


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or os.name != "posix", reason="POSIX signals")
def test_sigterm_ends_the_program_and_releases_the_lock(
    tmp_path: Path, example_draft_path: Path
) -> None:
    draft = tmp_path / "report.json"
    draft.write_bytes(example_draft_path.read_bytes())
    lock = tmp_path / ".~report.json.lock"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", REPORT_DESKTOP_HOME=str(tmp_path / "h"))
    program = subprocess.Popen(
        [sys.executable, "-m", "report_desktop", str(draft)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert _wait_for(lock.exists, 30), "the editor never opened the draft"
        program.send_signal(signal.SIGTERM)
        assert program.wait(timeout=30) == 0
    finally:
        if program.poll() is None:
            program.kill()
    assert not lock.exists()
    assert b"Traceback" not in program.stderr.read()  # type: ignore[union-attr]


def test_terminate_keeps_unsaved_work_in_the_autosave(start_gui: Any, example: Path) -> None:
    window = start_gui(example)
    window.drafts.session.set_cells({"table3.disclosed.natural_person": 7})
    gui.keep_unsaved_work(window)
    window.drafts.shutdown()
    [recovery] = AutosaveStore(app_paths().autosave_dir).pending(include_in_use=True)
    assert recovery.draft_path == example
    assert recovery.load().cells["table3.disclosed.natural_person"] == 7
