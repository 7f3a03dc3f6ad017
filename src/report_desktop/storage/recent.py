"""The recent-files list of :class:`~.settings.Settings`: pure functions returning new settings.

Paths are stored absolute and normalised; two spellings of one file (case on Windows, ``..``)
count as one entry. The most recent comes first; at most :data:`~.settings.MAX_RECENT` are kept.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from .settings import MAX_RECENT, Settings

StrPath = str | os.PathLike[str]


def normalized(path: StrPath) -> str:
    """The form a path is stored in: absolute, ``~`` expanded, ``..`` folded (links kept)."""
    return os.path.normpath(os.path.abspath(os.path.expanduser(os.fspath(path))))


def _key(path: StrPath) -> str:
    return os.path.normcase(normalized(path))


def add_recent(settings: Settings, path: StrPath) -> Settings:
    """``path`` moved (or added) to the front; the oldest beyond the limit dropped."""
    key = _key(path)
    rest = [entry for entry in settings.recent_files if _key(entry) != key]
    return dataclasses.replace(settings, recent_files=[normalized(path), *rest][:MAX_RECENT])


def remove_recent(settings: Settings, path: StrPath) -> Settings:
    """Without ``path`` (for example after it failed to open)."""
    key = _key(path)
    kept = [entry for entry in settings.recent_files if _key(entry) != key]
    return dataclasses.replace(settings, recent_files=kept)


def prune_missing(settings: Settings, exists: Callable[[Path], bool] = Path.is_file) -> Settings:
    """Without the entries whose file no longer exists.

    Call it when the user asks (a draft on an unplugged USB stick or an offline network drive
    also counts as missing). ``exists`` is injectable for tests.
    """
    kept = [entry for entry in settings.recent_files if exists(Path(entry))]
    return dataclasses.replace(settings, recent_files=kept)


def recent_paths(settings: Settings) -> list[Path]:
    """The recent files as paths, most recent first."""
    return [Path(entry) for entry in settings.recent_files]
