"""Autosave: unsaved work written to a side file in the program's autosave folder. No Qt here.

One side file per draft, named after the draft's resolved path (``<stem>-<hash16>.autosave.json``),
or per session for a report never saved (``_untitled-<session id>.autosave.json``). It holds a
small envelope around the full draft (as :func:`~report_desktop.storage.draft.dumps_draft` writes
it)::

    {
      "format": "report-desktop-autosave",
      "autosave_version": 1,
      "draft_path": "/home/clerk/2024年报.json",   # or null for an unsaved report
      "session_id": "9f1c…",
      "autosaved_at": "2026-01-05T09:12:33.123456+00:00",
      "host": "pc-17", "pid": 4242, "process": "b1e0…",
      "draft": { "format": "report-desktop-draft", … }
    }

At start-up the app asks :meth:`AutosaveStore.pending` for what can be recovered: autosaves newer
than their draft (or whose draft is missing), autosaves of unsaved reports, and unreadable side
files (with the reason, so the user decides). Autosaves written by another instance still running
on this machine are left out. Nothing is ever deleted unless asked: :meth:`AutosaveStore.discard`
after a successful save, :meth:`AutosaveStore.discard_file` when the user says so.

Use one store per running program (any number of sessions may share it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain.model import Report
from .atomic import atomic_write_text
from .draft import MAX_DRAFT_BYTES, decode_draft_bytes, draft_from_envelope, dumps_draft
from .errors import DraftError
from .jsontext import dumps_canonical, loads_exact
from .lock import process_alive, this_host
from .paths import path_key, readable_stem
from .safeio import os_reason, read_limited

AUTOSAVE_FORMAT = "report-desktop-autosave"
AUTOSAVE_VERSION = 1
AUTOSAVE_SUFFIX = ".autosave.json"
UNTITLED_PREFIX = "_untitled-"
"""Draft stems never start with ``_`` (see :func:`readable_stem`), so the names cannot clash."""

_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class AutosaveError(DraftError):
    """A side file that cannot be read, or is not an autosave of this program."""

    title = "自动保存文件有误"


class AutosaveWriteError(AutosaveError):
    """The autosave could not be written (the previous autosave, if any, is intact)."""

    title = "无法自动保存"


def new_session_id() -> str:
    """A fresh session id for a newly opened or created report."""
    return os.urandom(16).hex()


@functools.cache
def _process_token() -> str:
    """This running program, told apart from an earlier one that had the same process id."""
    return os.urandom(16).hex()


@dataclass(frozen=True)
class Recovery:
    """An autosave that can be offered for recovery."""

    path: Path
    """The side file."""
    draft_path: Path | None
    """The draft it belongs to; ``None`` for a report never saved (or an unreadable side file)."""
    autosaved_at: dt.datetime
    """When it was written (UTC); the side file's modification time if it is unreadable."""
    draft_saved_at: dt.datetime | None
    """The draft file's modification time (UTC); ``None`` when the draft does not exist."""
    session_id: str | None = None
    error: str | None = None
    """Why the side file cannot be recovered (Chinese), or ``None`` when it can."""
    in_use: bool = False
    """Written by an instance of the program that is still running on this machine."""

    @property
    def is_untitled(self) -> bool:
        return self.draft_path is None

    @property
    def is_newer_than_draft(self) -> bool:
        """True when the draft is missing (or unknown) or older than the autosave."""
        return self.draft_saved_at is None or self.autosaved_at > self.draft_saved_at

    def load(self) -> Report:
        """The autosaved report. Raises :class:`DraftError` (for example the file is damaged)."""
        return draft_from_envelope(_read_header(self.path).draft).report


@dataclass(frozen=True)
class _Header:
    draft_path: Path | None
    session_id: str | None
    autosaved_at: dt.datetime
    host: str | None
    pid: int | None
    process: str | None
    draft: Any


class AutosaveStore:
    """The side files in one folder (``AppPaths.autosave_dir``); created when first written."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def side_file(self, draft_path: Path | None, session_id: str) -> Path:
        """Where the autosave of this draft (or of this unsaved session) goes."""
        if draft_path is None:
            return self.folder / f"{UNTITLED_PREFIX}{_checked_session(session_id)}{AUTOSAVE_SUFFIX}"
        _checked_session(session_id)
        return self._draft_side_file(draft_path)

    def _draft_side_file(self, draft_path: Path) -> Path:
        name = f"{readable_stem(draft_path)}-{path_key(draft_path)[:16]}{AUTOSAVE_SUFFIX}"
        return self.folder / name

    def write(self, report: Report, draft_path: Path | None, session_id: str) -> Path:
        """Autosave ``report`` atomically; returns the side file.

        Raises :class:`AutosaveWriteError` on a file-system failure, or the :class:`DraftError`
        of :func:`dumps_draft` for a report that cannot be written.
        """
        path = self.side_file(draft_path, session_id)
        now = dt.datetime.now(dt.UTC)
        envelope = {
            "format": AUTOSAVE_FORMAT,
            "autosave_version": AUTOSAVE_VERSION,
            "draft_path": None if draft_path is None else str(Path(draft_path).absolute()),
            "session_id": session_id,
            "autosaved_at": now.isoformat(timespec="microseconds"),
            "host": this_host(),
            "pid": os.getpid(),
            "process": _process_token(),
            "draft": loads_exact(dumps_draft(report, saved_at=now)),
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, dumps_canonical(envelope))
        except OSError as error:
            raise AutosaveWriteError(
                f"无法写入自动保存文件“{path}”（{error.strerror or error}）。请尽快手动保存草稿。"
            ) from error
        return path

    def discard(self, draft_path: Path | None, session_id: str) -> None:
        """Remove the autosaves made obsolete by a successful save: the draft's, and this
        session's untitled one. After "save as", call it for the old path too.

        File-system errors are ignored: a leftover is older than the saved draft, so it is not
        offered again. Raises :class:`ValueError` only for an invalid ``session_id``.
        """
        paths = [self.side_file(None, session_id)]
        if draft_path is not None:
            paths.append(self._draft_side_file(draft_path))
        for path in paths:
            with contextlib.suppress(OSError):
                path.unlink()

    def discard_file(self, path: Path) -> None:
        """Delete one side file the user chose to give up (also an unreadable one).

        Raises :class:`ValueError` for a file that is not a side file of this folder, and
        :class:`AutosaveError` when it cannot be deleted.
        """
        path = Path(path)
        if path.parent.resolve() != self.folder.resolve() or not path.name.endswith(
            AUTOSAVE_SUFFIX
        ):
            raise ValueError(f"not an autosave file of {self.folder}: {path}")
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise AutosaveError(
                f"无法删除自动保存文件“{path}”（{error.strerror or error}）。"
            ) from error

    def pending(self, include_in_use: bool = False) -> list[Recovery]:
        """What can be recovered, newest first (see the module documentation)."""
        found = [self.inspect(path) for path in self._side_files()]
        wanted = [
            item
            for item in found
            if (item.error is not None or item.is_newer_than_draft)
            and (include_in_use or not item.in_use)
        ]
        return sorted(wanted, key=lambda item: item.autosaved_at, reverse=True)

    def find(self, draft_path: Path) -> Recovery | None:
        """The autosave of a draft about to be opened, if it should be offered."""
        path = self._draft_side_file(draft_path)
        if not path.is_file():
            return None
        item = self.inspect(path)
        if item.in_use or (item.error is None and not item.is_newer_than_draft):
            return None
        return item

    def inspect(self, path: Path) -> Recovery:
        """What one side file holds; an unreadable one is described, never raised."""
        try:
            header = _read_header(path)
        except DraftError as error:
            moment = _mtime(path) or dt.datetime.now(dt.UTC)
            return Recovery(path, None, moment, None, error=error.message)
        problem = None
        try:
            draft_from_envelope(header.draft)
        except DraftError as error:
            problem = error.message
        return Recovery(
            path=path,
            draft_path=header.draft_path,
            autosaved_at=header.autosaved_at,
            draft_saved_at=None if header.draft_path is None else _mtime(header.draft_path),
            session_id=header.session_id,
            error=problem,
            in_use=_in_use(header),
        )

    def _side_files(self) -> list[Path]:
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return []
        return sorted(p for p in entries if p.name.endswith(AUTOSAVE_SUFFIX) and p.is_file())


def _checked_session(session_id: str) -> str:
    if not _SESSION_ID.fullmatch(session_id):
        raise ValueError(f"invalid session id: {session_id!r}")
    return session_id


def _in_use(header: _Header) -> bool:
    if header.host != this_host() or header.pid is None:
        return False
    if header.process == _process_token():
        return True
    return header.pid != os.getpid() and process_alive(header.pid)


def _mtime(path: Path) -> dt.datetime | None:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC)


# Reading a side file ---------------------------------------------------------------------------


def _read_header(path: Path) -> _Header:
    try:
        data = read_limited(path, 2 * MAX_DRAFT_BYTES)
    except OSError as error:
        raise AutosaveError(f"无法读取自动保存文件“{path}”（{os_reason(error)}）。") from error
    if len(data) > 2 * MAX_DRAFT_BYTES:
        raise AutosaveError(f"文件“{path}”过大，不是本程序的自动保存文件。")
    envelope = loads_exact(decode_draft_bytes(data))
    if not isinstance(envelope, dict) or envelope.get("format") != AUTOSAVE_FORMAT:
        raise AutosaveError(f"文件“{path}”不是本程序的自动保存文件。")
    _check_version(envelope.get("autosave_version"))
    if "draft" not in envelope:
        raise AutosaveError("自动保存文件不完整：缺少草稿内容。")
    return _Header(
        draft_path=_draft_path(envelope.get("draft_path")),
        session_id=_optional_text(envelope.get("session_id")),
        autosaved_at=_moment(envelope.get("autosaved_at")),
        host=_optional_text(envelope.get("host")),
        pid=_optional_int(envelope.get("pid")),
        process=_optional_text(envelope.get("process")),
        draft=envelope["draft"],
    )


def _check_version(version: object) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise AutosaveError("自动保存文件的格式版本缺失或无效。")
    if version > AUTOSAVE_VERSION:
        raise AutosaveError(
            f"此自动保存文件由更新版本的程序写入（格式版本 {version}），本程序无法读取。"
        )


def _draft_path(value: object) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise AutosaveError("自动保存文件中记录的草稿路径无效。")
    return Path(value)


def _moment(value: object) -> dt.datetime:
    if not isinstance(value, str):
        raise AutosaveError("自动保存文件中缺少自动保存时间。")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise AutosaveError(f"自动保存文件中的时间“{value}”无效。") from error
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _optional_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _optional_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
