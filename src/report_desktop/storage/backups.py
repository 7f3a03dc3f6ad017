"""Rotating backups of saved drafts: the previous version is kept before each save. No Qt here.

Before :func:`save_with_backup` overwrites a draft, the file as it was is copied to
``<backup_dir>/<stem>-<hash8>/<UTC time of the backup>.json`` (with the atomic writer; its
modification time is set to the old draft's, so :attr:`Backup.saved_at` tells when that version
was saved). After the save, only the newest ``keep`` backups of the draft are kept. A backup is a
draft file like any other: :func:`~report_desktop.storage.draft.load_draft` opens it.

Decision: a backup that cannot be made stops the save with a :class:`BackupError` *before* the
draft is touched, so nothing is lost silently (the UI may offer "save without backup", which is
plain :func:`~report_desktop.storage.draft.save_draft`). Removing old backups is best effort and
never fails a save. ``keep == 0`` turns backups off: nothing is made and nothing is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..domain.model import Report
from .atomic import atomic_write_bytes
from .draft import MAX_DRAFT_BYTES, save_draft
from .errors import DraftWriteError
from .paths import path_key, readable_stem
from .safeio import open_regular

DEFAULT_KEEP = 10
MAX_KEEP = 100

_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(r"^(\d{8}T\d{6})\.(\d{6})Z(?:-(\d{1,4}))?\.json$")


class BackupError(DraftWriteError):
    """The previous version could not be backed up, so the draft was not saved (it is intact)."""

    title = "无法备份草稿"


@dataclass(frozen=True)
class Backup:
    path: Path
    saved_at: dt.datetime
    """When this version of the draft had been saved (UTC)."""
    size: int
    """In bytes."""
    backed_up_at: dt.datetime
    """When the backup was taken, i.e. when this version was replaced (UTC)."""
    sequence: int = 0
    """Tells apart backups taken within the same microsecond (or on a coarse clock)."""


class BackupStore:
    """Backups below one folder (``AppPaths.backup_dir``), keeping ``keep`` per draft."""

    def __init__(self, folder: Path, keep: int = DEFAULT_KEEP) -> None:
        if not 0 <= keep <= MAX_KEEP:
            raise ValueError(f"keep must be within 0..{MAX_KEEP}, not {keep}")
        self.folder = Path(folder)
        self.keep = keep

    def folder_for(self, draft_path: Path) -> Path:
        """``<stem>-<hash8>``: the backups of one draft (by its resolved path)."""
        return self.folder / f"{readable_stem(draft_path)}-{path_key(draft_path)[:8]}"

    def list_backups(self, draft_path: Path) -> list[Backup]:
        """The draft's backups, newest first (by when they were taken)."""
        try:
            entries = list(self.folder_for(draft_path).iterdir())
        except OSError:
            return []
        found = [backup for backup in map(_backup_of, entries) if backup is not None]
        return sorted(found, key=lambda item: (item.backed_up_at, item.sequence), reverse=True)

    def back_up(self, draft_path: Path) -> Backup | None:
        """Copy the draft as it is now into its backup folder.

        Returns ``None`` when there is nothing to keep (no such file, backups turned off) and the
        newest backup when it already holds exactly these bytes. Raises :class:`BackupError`.
        """
        draft_path = Path(draft_path)
        if self.keep == 0 or not draft_path.is_file():
            return None
        try:
            data, mtime_ns = _read_old(draft_path)
            newest = self.list_backups(draft_path)[:1]
            if newest and newest[0].size == len(data) and newest[0].path.read_bytes() == data:
                return newest[0]
            return self._write(draft_path, data, mtime_ns)
        except OSError as error:
            raise BackupError(
                f"保存前无法备份原来的文件“{draft_path}”（{error.strerror or error}）。"
                "草稿没有保存，原来的文件没有改动。"
            ) from error

    def prune(self, draft_path: Path) -> list[Path]:
        """Remove all but the newest ``keep`` backups (best effort); returns the removed ones."""
        if self.keep == 0:
            return []
        removed = []
        for backup in self.list_backups(draft_path)[self.keep :]:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
        return removed

    def _write(self, draft_path: Path, data: bytes, mtime_ns: int) -> Backup:
        folder = self.folder_for(draft_path)
        folder.mkdir(parents=True, exist_ok=True)
        path = _free_name(folder, dt.datetime.now(dt.UTC))
        atomic_write_bytes(path, data)
        with contextlib.suppress(OSError):
            os.utime(path, ns=(mtime_ns, mtime_ns))
        backup = _backup_of(path)
        assert backup is not None
        return backup


def save_with_backup(path: Path, report: Report, backups: BackupStore) -> Backup | None:
    """Save a draft the way the app does: back up the old file, save atomically, rotate.

    Returns the backup of the previous version (``None`` when there was none). Raises
    :class:`BackupError` (nothing written), or what :func:`save_draft` raises (the old file is
    intact, its backup is kept).
    """
    backup = backups.back_up(path)
    save_draft(path, report)
    backups.prune(path)
    return backup


def _read_old(path: Path) -> tuple[bytes, int]:
    with open_regular(path) as handle:
        mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
        data = handle.read(MAX_DRAFT_BYTES + 1)
    if len(data) > MAX_DRAFT_BYTES:
        raise OSError(0, "原来的文件过大，不是草稿文件")
    return data, mtime_ns


def _free_name(folder: Path, moment: dt.datetime) -> Path:
    base = f"{moment.strftime(_STAMP)}.{moment.microsecond:06d}Z"
    path = folder / f"{base}.json"
    sequence = 0
    while path.exists():
        sequence += 1
        path = folder / f"{base}-{sequence}.json"
    return path


def _backup_of(path: Path) -> Backup | None:
    match = _NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = dt.datetime.strptime(match[1], _STAMP).replace(microsecond=int(match[2]), tzinfo=dt.UTC)
    return Backup(
        path=path,
        saved_at=dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC),
        size=stat.st_size,
        backed_up_at=stamp,
        sequence=int(match[3] or 0),
    )
