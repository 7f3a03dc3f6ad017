"""The program's settings as the window uses them: the declared settings, the recent-files list.
No Qt. (Stored by :mod:`report_desktop.storage.settings`.)"""

from __future__ import annotations

from ..storage.recent import add_recent, recent_paths, remove_recent
from ..storage.settings import (
    SPECS,
    Settings,
    SettingsError,
    SettingsValueError,
    Spec,
    changed,
    value_problem,
)

__all__ = [
    "SPECS",
    "Settings",
    "SettingsError",
    "SettingsValueError",
    "Spec",
    "add_recent",
    "changed",
    "recent_paths",
    "remove_recent",
    "value_problem",
]
