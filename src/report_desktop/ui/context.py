"""What the window needs from the running program: folders, settings and the file services."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from ..storage.autosave import AutosaveStore
from ..storage.backups import BackupStore
from ..storage.paths import AppPaths
from ..storage.settings import Settings, SettingsError, load_settings, save_settings


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    autosaves: AutosaveStore
    settings_warnings: list[str] = dataclasses.field(default_factory=list)
    """Problems found in the settings file (Chinese), to show once."""
    on_settings_error: Callable[[SettingsError], None] | None = None

    @classmethod
    def load(cls, paths: AppPaths) -> AppContext:
        loaded = load_settings(paths.config_dir)
        return cls(paths, loaded.settings, AutosaveStore(paths.autosave_dir), loaded.warnings)

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
