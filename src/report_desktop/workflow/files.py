"""Opening, saving, locking and recovering drafts: the file workflows of the window and the
command line. No Qt; heavy readers (PDF, imported documents) are imported when first needed.

The window asks its questions itself; everything it does with a file goes through here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from ..domain.model import Report
from ..storage.autosave import AutosaveError, AutosaveStore, Recovery
from ..storage.backups import Backup, BackupError, BackupStore, save_with_backup
from ..storage.draft import load_draft, save_draft
from ..storage.errors import DraftError, DraftReadError, DraftWriteError
from ..storage.filestamp import FileStamp, changed_on_disk, is_read_only_file, stamp_of
from ..storage.last_year import DOCUMENT_SUFFIXES
from ..storage.lock import DraftLock, LockResult, LockState
from ..storage.safeio import os_reason

__all__ = [
    "DOCUMENT_SUFFIXES",
    "IMPORTED_SUFFIXES",
    "AutosaveError",
    "AutosaveStore",
    "Backup",
    "BackupError",
    "BackupStore",
    "DraftBusyError",
    "DraftError",
    "DraftLock",
    "DraftReadError",
    "FileStamp",
    "LockResult",
    "LockState",
    "Recovery",
    "changed_on_disk",
    "draft_locked",
    "is_pdf",
    "is_published_document",
    "is_read_only_file",
    "opens_by_import",
    "read_draft",
    "read_example",
    "read_report",
    "save_draft",
    "save_with_backup",
    "stamp_of",
    "write_draft",
]

IMPORTED_SUFFIXES = (*DOCUMENT_SUFFIXES, ".mht", ".mhtml", ".csv", ".xlsx", ".xlsm")
"""Files that become a report by import: published pages, Word files, cell tables."""


def opens_by_import(path: Path) -> bool:
    """Whether a file becomes a report by import (a page, Word file, cell table)."""
    return path.suffix.lower() in IMPORTED_SUFFIXES


def is_published_document(path: Path) -> bool:
    """Whether a file is a published report (web page, Word file), read by import."""
    return path.suffix.lower() in DOCUMENT_SUFFIXES


class DraftBusyError(Exception):
    """A command was asked to write a draft that is open in an editor (message in Chinese)."""


def is_pdf(path: Path) -> bool:
    return path.suffix.lower() == ".pdf"


def read_draft(path: Path) -> Report:
    """A draft file, or the draft an exported PDF carries. Raises :class:`DraftError`."""
    if is_pdf(path):
        from ..render.pdf_draft import load_pdf_draft

        return load_pdf_draft(path).report
    return load_draft(path).report


EXAMPLE = ("examples", "huancui-statistics-2024.json")
"""The example draft shipped with the program (a real 2024 report, 威海市环翠区统计局)."""


def read_example() -> Report:
    """The shipped example draft, to be opened as a new, unsaved draft (the file itself may lie in
    a read-only installation). Raises :class:`DraftError` if the installation lacks it."""
    from ..resources import resource_path

    try:
        path = resource_path(*EXAMPLE)
    except FileNotFoundError as error:
        raise DraftReadError("本程序的安装缺少示例报告文件，请重新安装本程序。") from error
    return load_draft(path).report


def read_report(path: Path) -> Report:
    """:func:`read_draft`, or a published page or Word file read by import (last year's report,
    or a report to check). Raises :class:`DraftError`."""
    if is_published_document(path):
        from ..storage.last_year import read_last_year_file

        return read_last_year_file(path)
    return read_draft(path)


def write_draft(path: Path, report: Report) -> None:
    """Save without a backup (a new file); every failure a :class:`DraftError`."""
    try:
        save_draft(path, report)
    except OSError as error:  # not expected from the storage layer, which says why itself
        raise DraftWriteError(os_reason(error)) from error


@contextlib.contextmanager
def draft_locked(path: Path, state_dir: Path) -> Iterator[None]:
    """Hold the draft's edit lock (the window's) while a command writes it.

    Raises :class:`DraftBusyError` when an editor holds it. A lock left by a program that no
    longer runs is taken over; where no lock can be written (a read-only folder) the work goes on,
    and its save will say why it cannot write.
    """
    lock = DraftLock(path, state_dir)
    result = lock.acquire()
    if result.state is LockState.HELD_BY_OTHER:
        raise DraftBusyError(
            f"“{path}”正被编辑，命令没有改动它：{result.message}"
            "请先在编辑窗口中关闭该草稿，再执行此命令。"
        )
    if result.state is LockState.STALE:
        lock.take_over()
    try:
        yield
    finally:
        lock.release()


def take_lock_for_save_as(path: Path, state_dir: Path) -> tuple[DraftLock, LockResult]:
    """The lock of a file a draft is about to be saved as (taken over when stale); the result
    says whether another editor holds it."""
    lock = DraftLock(path, state_dir)
    result = lock.acquire()
    if result.state is LockState.STALE:
        lock.take_over()
    return lock, result
