"""Where the program keeps its own files: settings, autosaves, backups, locks. No Qt here.

Nothing is resolved when this module is imported: the app calls :func:`app_paths` once at start-up
and hands the folders to the services that need them. ``REPORT_DESKTOP_HOME`` overrides the
platform folders (tests, portable installs on a USB stick): everything then lives below it.

Also the two helpers that turn a draft's path into file names of our own (autosaves, backups,
fallback locks): a stable key of the resolved path and a readable, file-system safe stem.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "report-desktop"
"""The platformdirs application name."""

HOME_ENV = "REPORT_DESKTOP_HOME"
"""Environment variable: one folder holding everything (tests, portable installs)."""

_MAX_STEM = 40
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class AppPaths:
    """The program's own folders. None of them exists until :meth:`ensure` is called."""

    config_dir: Path
    """``settings.json``."""
    data_dir: Path
    """Parent of the autosave and backup folders on the platform layout."""
    autosave_dir: Path
    """Autosaved unsaved work (side files)."""
    backup_dir: Path
    """Rotating backups of saved drafts, one subfolder per draft."""
    state_dir: Path
    """Fallback draft locks (when a draft's folder is read-only)."""

    @classmethod
    def under(cls, home: Path) -> AppPaths:
        """Everything below one folder: ``home/config``, ``home/autosave`` and so on."""
        return cls(
            config_dir=home / "config",
            data_dir=home / "data",
            autosave_dir=home / "autosave",
            backup_dir=home / "backups",
            state_dir=home / "state",
        )

    def folders(self) -> tuple[Path, ...]:
        return (self.config_dir, self.data_dir, self.autosave_dir, self.backup_dir, self.state_dir)

    def ensure(self) -> AppPaths:
        """Create every folder (owner-only where the system honours it); returns ``self``.

        Raises :class:`OSError` when a folder cannot be created.
        """
        for folder in self.folders():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self


def app_paths(env: Mapping[str, str] | None = None) -> AppPaths:
    """The folders of this user, from ``REPORT_DESKTOP_HOME`` or else the platform conventions.

    ``env`` defaults to :data:`os.environ`. Only the override is read from ``env``; platformdirs
    itself consults the process environment (``XDG_*`` on Linux). Creates nothing.
    """
    variables = os.environ if env is None else env
    home = variables.get(HOME_ENV, "").strip()
    if home:
        return AppPaths.under(Path(home).expanduser().absolute())
    data_dir = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return AppPaths(
        config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
        data_dir=data_dir,
        autosave_dir=data_dir / "autosave",
        backup_dir=data_dir / "backups",
        state_dir=platformdirs.user_state_path(APP_NAME, appauthor=False),
    )


def path_key(path: Path) -> str:
    """A stable hex key of a draft's location: sha256 of its resolved, case-normalised path."""
    try:
        real = Path(path).expanduser().resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links (RuntimeError on Python 3.11)
        real = Path(path).expanduser().absolute()
    resolved = os.path.normcase(str(real))
    return hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()


def readable_stem(path: Path) -> str:
    """The draft's stem made safe for a file name (Chinese kept), at most 40 characters."""
    stem = _UNSAFE.sub("_", Path(path).stem).strip("._")
    return stem[:_MAX_STEM] or "draft"
