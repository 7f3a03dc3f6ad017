"""Shared test setup: headless Qt, a private home for every test, paths to the example files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Before anything imports Qt: without a display, Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from report_desktop.resources import resource_path

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
