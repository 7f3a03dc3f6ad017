"""End to end, keyboard only, on a real X display of 1024×768 (Xvfb, keys sent with xdotool).

Ctrl+4, ``10 Tab 3 Tab 1 Enter``, Ctrl+S stores exactly 10/3/1 in the first row of 表三; another
edit, the program killed 5 s later, restarted: the edit is offered back, and Enter restores it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs Xvfb and xdotool (scripts/setup.sh installs them)",
)

SCREEN = "1024x768x24"
FIRST_ROW = "table3.new_applications."
WAIT_S = 60


@pytest.fixture
def display() -> Iterator[str]:
    """A private X display of 1024×768 (Xvfb picks a free number and tells it)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(10)


class Program:
    """``report-desktop DRAFT`` on the display, driven by xdotool."""

    def __init__(self, display: str, home: Path) -> None:
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        self.env["REPORT_DESKTOP_HOME"] = str(home)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, draft: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "report_desktop", str(draft)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            check=False,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=WAIT_S,
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    def focus_window(self, name: str) -> None:
        """Wait for a visible window whose title contains ``name``; give it the keyboard."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, "program ended"
            found = self.xdotool("search", "--onlyvisible", "--name", name).split()
            if found:
                self.xdotool("windowfocus", "--sync", found[-1])
                time.sleep(1.0)  # the first paint and the draft opening
                return
            time.sleep(0.2)
        raise AssertionError(f"no window “{name}” within {WAIT_S} s")

    def keys(self, *keys: str) -> None:
        for key in keys:
            if key.isdigit():
                self.xdotool("type", "--delay", "60", key)
            else:
                self.xdotool("key", key)
            time.sleep(0.08)

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def quit(self) -> None:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: ends without asking
            self.process.wait(30)


def cells(draft: Path) -> dict[str, object]:
    return json.loads(draft.read_text("utf-8"))["report"]["cells"]  # type: ignore[no-any-return]


def wait_for(condition: object, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {WAIT_S} s")


def test_keyboard_only_entry_save_crash_and_recovery(
    display: str, tmp_path: Path, example: Path
) -> None:
    draft = example.with_name("e2e-draft.json")
    example.rename(draft)
    program = Program(display, tmp_path / "home")
    program.start(draft)
    try:
        program.focus_window("e2e-draft")
        before = draft.stat().st_mtime_ns
        program.keys("ctrl+4", "10", "Tab", "3", "Tab", "1", "Return", "ctrl+s")
        wait_for(lambda: draft.stat().st_mtime_ns != before, "saving with Ctrl+S")
        saved = cells(draft)
        row = [saved.get(FIRST_ROW + c) for c in ("natural_person", "commercial", "research")]
        assert row == [10, 3, 1]
        program.keys("42", "Return")  # another edit, not saved
        time.sleep(5)
        program.kill()
        assert cells(draft) == saved  # the crash lost nothing that was saved…
        program.start(draft)
        program.focus_window("恢复未保存的工作")  # …and the edit is offered back
        program.keys("Return")  # 恢复 is the default
        program.focus_window("e2e-draft")
        before = draft.stat().st_mtime_ns
        program.keys("ctrl+s")
        wait_for(lambda: draft.stat().st_mtime_ns != before, "saving the restored draft")
        restored = cells(draft)
        changed = {key: value for key, value in restored.items() if saved.get(key) != value}
        assert list(changed.values()) == [42]
        assert [
            restored.get(FIRST_ROW + c) for c in ("natural_person", "commercial", "research")
        ] == [10, 3, 1]
    finally:
        program.quit()
