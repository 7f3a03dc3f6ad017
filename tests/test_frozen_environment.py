"""A frozen build gives the programs it starts (lp, xdg-open) the system's libraries, not the
bundle's: PyInstaller's LD_LIBRARY_PATH is undone once the process has started."""

from __future__ import annotations

import os
import subprocess
import sys

from report_desktop.frozen import restore_system_environment

BUNDLE = "/opt/apps/org.reportdesktop.govreport/files/_internal"


def test_the_clerks_library_path_comes_back() -> None:
    env = {
        "LD_LIBRARY_PATH": f"{BUNDLE}:/opt/vendor/lib",
        "LD_LIBRARY_PATH_ORIG": "/opt/vendor/lib",
    }
    assert restore_system_environment(env, frozen=True)
    assert env == {"LD_LIBRARY_PATH": "/opt/vendor/lib"}


def test_without_a_library_path_of_the_clerks_none_is_left() -> None:
    env = {"LD_LIBRARY_PATH": BUNDLE, "HOME": "/home/clerk"}
    assert restore_system_environment(env, frozen=True)
    assert env == {"HOME": "/home/clerk"}


def test_a_program_run_from_source_keeps_its_environment() -> None:
    env = {"LD_LIBRARY_PATH": "/opt/vendor/lib", "LD_LIBRARY_PATH_ORIG": "/elsewhere"}
    assert not restore_system_environment(env, frozen=False)
    assert env == {"LD_LIBRARY_PATH": "/opt/vendor/lib", "LD_LIBRARY_PATH_ORIG": "/elsewhere"}


def test_a_child_started_after_the_restore_sees_the_system_value() -> None:
    """The whole path in one process: set up as the bootloader leaves it, restore, start a child."""
    script = (
        "import os, subprocess, sys\n"
        "from report_desktop.frozen import restore_system_environment\n"
        "restore_system_environment(frozen=True)\n"
        "out = subprocess.run([sys.executable, '-c', "
        '\'import os; print(os.environ.get("LD_LIBRARY_PATH", "<none>"))\'],'
        " capture_output=True, text=True, check=True).stdout\n"
        "print(out.strip())\n"
    )
    env = {**os.environ, "LD_LIBRARY_PATH": BUNDLE}
    env.pop("LD_LIBRARY_PATH_ORIG", None)
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "<none>"
