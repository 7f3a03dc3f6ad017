"""Noticing that a draft changed on disk while it is open (another program, or a command such
as ``report-desktop link``), and that a draft file is marked read-only.

A :class:`FileStamp` is taken when a draft is opened and after each save; before the next save
(and when the window is activated) the file's current stamp is compared with it. The stamp is
the file's identity, size and modification time: an atomic save by anyone gives a new file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileStamp:
    device: int
    inode: int
    size: int
    mtime_ns: int


def stamp_of(path: Path | None) -> FileStamp | None:
    """The file's stamp now; ``None`` when there is no file (or it cannot be examined)."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return FileStamp(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def changed_on_disk(path: Path | None, stamp: FileStamp | None) -> bool:
    """Whether the file at ``path`` is no longer the one stamped (replaced, changed, deleted)."""
    if path is None or stamp is None:
        return False
    return stamp_of(path) != stamp


def is_read_only_file(path: Path | None) -> bool:
    """Whether an existing file is marked read-only (no write permission for its owner).

    Checked on the permission bits, not with ``os.access``: an atomic save replaces the file
    through its folder, so a read-only mark would otherwise be overridden without a word.
    """
    if path is None:
        return False
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(mode) and not mode & stat.S_IWUSR
