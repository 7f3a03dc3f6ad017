"""The program's settings as the window uses them: the declared settings, the recent-files list.
No Qt. (Stored by :mod:`report_desktop.storage.settings`.)"""

from __future__ import annotations

from ..storage.recent import add_recent, recent_paths, remove_recent
from ..storage.settings import (
    AUTOSAVE_SECONDS,
    BACKUPS_KEPT,
    CHANGE_MINIMUM,
    CHANGE_RATIO_PERCENT,
    Settings,
    SettingsError,
)

__all__ = [
    "AUTOSAVE_SECONDS",
    "BACKUPS_KEPT",
    "CHANGE_MINIMUM",
    "CHANGE_RATIO_PERCENT",
    "Settings",
    "SettingsError",
    "add_recent",
    "recent_paths",
    "remove_recent",
]
