"""Shared test setup: headless Qt, a private home for every test, paths to the example files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before anything imports Qt: without a display, Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

from report_desktop.resources import resource_path

# On CI the property tests draw the same examples every run: a submission lands or fails on its
# code, never on the luck of the draw. Locally they keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO_ROOT = Path(__file__).resolve().parents[1]

_PRIVATE_DIRS = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "xdg-config",
    "XDG_DATA_HOME": "xdg-data",
    "XDG_CACHE_HOME": "xdg-cache",
    "XDG_STATE_HOME": "xdg-state",
    "XDG_RUNTIME_DIR": "xdg-runtime",  # unset, Qt warns (and Qt warnings fail tests)
}


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own HOME and XDG folders, so no test reads or writes real settings.

    They live beside the test's ``tmp_path``, not in it, so ``tmp_path`` starts empty.
    """
    base = tmp_path_factory.mktemp("home")
    for variable, name in _PRIVATE_DIRS.items():
        folder = base / name
        folder.mkdir(mode=0o700)  # Qt refuses a runtime dir that others can read
        monkeypatch.setenv(variable, str(folder))
    return base / "home"


@pytest.fixture
def repo_root() -> Path:
    """The repository (source tree) root."""
    return REPO_ROOT


@pytest.fixture
def example_draft_path() -> Path:
    """The example draft: the 2024 report of 威海市环翠区统计局."""
    return resource_path("examples", "huancui-statistics-2024.json")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's own folders (settings, autosave, backups) for a GUI test."""
    folder = tmp_path / "app-home"
    monkeypatch.setenv("REPORT_DESKTOP_HOME", str(folder))
    return folder


@pytest.fixture
def example(tmp_path: Path, example_draft_path: Path) -> Path:
    """A copy of the example draft (locks and backups must not touch the repository)."""
    copy = tmp_path / "drafts" / "huancui-2024.json"
    copy.parent.mkdir()
    copy.write_bytes(example_draft_path.read_bytes())
    return copy


@pytest.fixture
def windows(qtbot: Any, home: Path) -> Iterator[Any]:
    """Makes main windows as the program does (see gui_support.Windows); closes their drafts."""
    from gui_support import Windows  # Qt only for the tests that ask for it

    made = Windows(qtbot)
    yield made
    for window in made.made:
        window.drafts.shutdown()


@pytest.fixture
def start_gui(qtbot: Any, home: Path) -> Iterator[Any]:
    """Starts the program's GUI as ``report-desktop DRAFT`` does; returns the shown window once
    the draft is open. The draft is closed (its lock released) after the test."""
    from report_desktop import gui

    started: list[Any] = []

    def start(draft: Path) -> Any:
        _app, window = gui.start([str(draft)])
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.drafts.current is not None)
        started.append(window)
        return window

    yield start
    for window in started:
        window.drafts.shutdown()
