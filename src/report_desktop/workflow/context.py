"""What the program needs while it runs: folders, settings and the file services. No Qt."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..storage.autosave import AutosaveStore
from ..storage.backups import BackupStore
from ..storage.paths import AppPaths
from ..storage.recent import recent_paths
from ..storage.settings import Settings, SettingsError, load_settings, save_settings


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    autosaves: AutosaveStore
    settings_warnings: list[str] = dataclasses.field(default_factory=list)
    """Problems found in the settings file (Chinese), to show once."""
    on_settings_error: Callable[[SettingsError], None] | None = None
    last_folder: Path | None = None
    """The folder of the file last opened, saved, exported or linked in this run."""

    @classmethod
    def load(cls, paths: AppPaths) -> AppContext:
        loaded = load_settings(paths.config_dir)
        return cls(paths, loaded.settings, AutosaveStore(paths.autosave_dir), loaded.warnings)

    def used_file(self, path: Path) -> None:
        """A file dialog gave ``path``: the next one starts in its folder."""
        self.last_folder = Path(path).absolute().parent

    def start_folder(self) -> str:
        """Where a file dialog starts (when no open draft has a folder): the folder last used
        (in this run, else that of the most recent draft), else the folder chosen in the
        preferences, else 文档, else the home folder; never the folder the program was
        started from."""
        recent = recent_paths(self.settings)
        candidates = [
            self.last_folder,
            recent[0].parent if recent else None,
            Path(self.settings.default_folder) if self.settings.default_folder else None,
            documents_folder(),
            Path.home(),
        ]
        for folder in candidates:
            if folder is not None and folder.is_absolute() and folder.is_dir():
                return str(folder)
        return str(Path.home())

    def backups(self) -> BackupStore:
        return BackupStore(self.paths.backup_dir, self.settings.backups_kept)

    def update_settings(self, settings: Settings) -> None:
        """Keep and store new settings; a failure to store is reported, never raised."""
        self.settings = settings
        try:
            save_settings(self.paths.config_dir, settings)
        except SettingsError as error:
            if self.on_settings_error is not None:
                self.on_settings_error(error)


def documents_folder() -> Path | None:
    """The clerk's 文档 folder (as the desktop names it), if there is one."""
    import platformdirs

    try:
        return Path(platformdirs.user_documents_dir())
    except (OSError, ValueError):
        return None
