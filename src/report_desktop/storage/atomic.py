"""Atomic file writes: the one helper every user-file write of the program goes through.

A write goes to a temporary file in the target's folder, is flushed and fsynced, then moved over
the target with :func:`os.replace` (atomic on POSIX and Windows), and the folder is fsynced (best
effort) so the rename itself survives a power cut. A reader therefore sees the old file or the
new one, never a mix; on any failure the temporary file is removed, the old file is left intact
and the exception propagates.

An existing target keeps its permission bits; a new file gets the usual ``0o666 & ~umask``.
A symbolic link is written through (the link stays, its target is replaced).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from pathlib import Path

StrPath = str | os.PathLike[str]

_NEW_FILE_MODE = 0o666


def atomic_write_bytes(path: StrPath, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``, atomically. Raises OSError on failure."""
    target = _write_target(Path(path))
    temp = target.with_name(f".{target.name}.{os.urandom(6).hex()}.tmp")
    fd = os.open(
        temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _NEW_FILE_MODE
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(target, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(target.parent)


def atomic_write_text(path: StrPath, text: str, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` with ``text`` encoded; newlines are written as they are."""
    atomic_write_bytes(path, text.encode(encoding))


STALE_TEMP_SECONDS = 300
"""A temporary file older than this is left by a write that was killed (a write takes well
under a second), never by one in progress."""


def temp_name_pattern(target: Path) -> re.Pattern[str]:
    """The names of the temporary files :func:`atomic_write_bytes` makes for ``target``."""
    return re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{12}}\.tmp")


def remove_stale_temps(path: StrPath, now: float | None = None) -> int:
    """Remove the temporary files that killed writes of ``path`` left beside it; how many.

    Only this file's own temporary files are touched, and only stale ones (see
    :data:`STALE_TEMP_SECONDS`). Never raises: a folder that cannot be listed is left alone.
    """
    try:
        target = _write_target(Path(path))
        pattern = temp_name_pattern(target)
        limit = (time.time() if now is None else now) - STALE_TEMP_SECONDS
        removed = 0
        with os.scandir(target.parent) as entries:
            for entry in entries:
                if pattern.fullmatch(entry.name) and _stale_file(entry, limit):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
    except OSError:
        return 0
    return removed


def _stale_file(entry: os.DirEntry[str], limit: float) -> bool:
    try:
        status = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_mtime < limit


def _write_target(path: Path) -> Path:
    """The file actually replaced: a symbolic link's target, so the link survives."""
    if path.is_symlink():
        try:
            return path.resolve()
        except RuntimeError as error:  # Python 3.11 reports a symbolic link loop so
            raise OSError(errno.ELOOP, "Too many levels of symbolic links", str(path)) from error
    return path


def _keep_mode(target: Path, temp: Path) -> None:
    """Give the new file the permission bits of the file it replaces (best effort)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.chmod(temp, mode)


def _fsync_directory(folder: Path) -> None:
    """Make the rename durable; not possible everywhere (Windows), hence best effort."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
