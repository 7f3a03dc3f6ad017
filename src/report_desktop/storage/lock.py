"""Draft locks: notice when a draft is already open for editing in another running instance.

The lock is a small JSON file beside the draft, ``.~<name>.lock`` (like LibreOffice's), so that
instances on different machines sharing a folder see each other. When the draft's folder is not
writable, the lock goes to ``<state_dir>/locks/<stem>-<hash>.lock`` instead (this machine only).
A lock is created with an exclusive create, so two instances can never both acquire it.

The lock says who holds it: ``{"host", "user", "pid", "since", "token"}``. Another instance's lock
is reported as :attr:`LockState.HELD_BY_OTHER`, or as :attr:`LockState.STALE` when it was made on
this machine by a process that is no longer running (or the lock file is unreadable). A lock left
on this machine by a process that no longer runs (our own crash) is taken over by
:meth:`DraftLock.acquire` without asking; any other is taken over only when the user agrees
(:meth:`DraftLock.take_over`). Opening a draft read-only needs no lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import getpass
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import atomic_write_text
from .paths import path_key, readable_stem
from .safeio import read_limited

LOCK_PREFIX = ".~"
LOCK_SUFFIX = ".lock"
_MAX_LOCK_BYTES = 64 * 1024
_UNKNOWN = "未知"
_MAX_PID = 2**31 - 1
"""No system hands out larger process ids (Linux at most 2²², Windows 32 bits)."""


# This process --------------------------------------------------------------------------------


def this_host() -> str:
    """The machine's name as other instances will see it in a lock or an autosave."""
    uname = getattr(os, "uname", None)  # POSIX: no need to import socket at start-up
    if uname is not None:
        return str(uname().nodename) or _UNKNOWN
    import socket

    return socket.gethostname() or _UNKNOWN


def this_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return _UNKNOWN


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a permission error counts as yes)."""
    if pid <= 0 or pid > _MAX_PID:  # no system gives such ids; os.kill would overflow
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:
    # os.kill(pid, 0) would terminate the process on Windows: ask the kernel instead.
    import ctypes

    if sys.platform != "win32":  # pragma: no cover - keeps the type checker on one platform
        return False
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel32.GetLastError() == 5)  # ERROR_ACCESS_DENIED: exists, not ours
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


# Lock contents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock, as written in the lock file."""

    host: str
    user: str
    pid: int
    since: dt.datetime | None
    token: str = ""

    @property
    def on_this_host(self) -> bool:
        return self.host == this_host()

    def since_text(self) -> str:
        """``since`` in local time, ``2026-01-05 09:12`` (or 未知时间)."""
        if self.since is None:
            return "未知时间"
        return self.since.astimezone().strftime("%Y-%m-%d %H:%M")

    def describe(self) -> str:
        """「该草稿已在 主机 X 上由 用户 Y 于 2026-01-05 09:12 打开」."""
        return f"该草稿已在 主机 {self.host} 上由 用户 {self.user} 于 {self.since_text()} 打开"

    def to_json(self) -> str:
        since = None if self.since is None else self.since.astimezone(dt.UTC).isoformat()
        data = {
            "host": self.host,
            "user": self.user,
            "pid": self.pid,
            "since": since,
            "token": self.token,
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def current_owner(token: str) -> LockOwner:
    return LockOwner(this_host(), this_user(), os.getpid(), dt.datetime.now(dt.UTC), token)


def parse_owner(text: str) -> LockOwner | None:
    """The owner a lock file names; ``None`` when it is not a readable lock."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    if isinstance(pid, bool) or not isinstance(pid, int):
        return None
    return LockOwner(
        host=_text(data, "host"),
        user=_text(data, "user"),
        pid=pid,
        since=_since(data.get("since")),
        token=_text(data, "token", default=""),
    )


def _text(data: dict[str, Any], key: str, default: str = _UNKNOWN) -> str:
    value = data.get(key)
    return value if isinstance(value, str) and value else default


def _since(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


# Results --------------------------------------------------------------------------------------


class LockState(enum.Enum):
    ACQUIRED = "acquired"
    """This instance holds the lock."""
    HELD_BY_OTHER = "held_by_other"
    """Another instance (here or on another machine, or another window of this one) holds it."""
    STALE = "stale"
    """A lock left behind by a process that no longer runs, or an unreadable lock file."""
    UNAVAILABLE = "unavailable"
    """No lock could be written anywhere: editing works, but other instances are not warned."""


@dataclass(frozen=True)
class LockResult:
    state: LockState
    draft_path: Path
    lock_path: Path | None
    """The lock file found or written (``None`` when none could be written)."""
    owner: LockOwner | None = None
    """Who holds it (``None`` when acquired by us, or the lock file is unreadable)."""

    @property
    def acquired(self) -> bool:
        return self.state is LockState.ACQUIRED

    @property
    def message(self) -> str:
        """What to tell the user, in Chinese (empty when acquired)."""
        return _MESSAGES[self.state](self)


def _held_message(result: LockResult) -> str:
    owner = result.owner
    if owner is None:
        return "该草稿已在别处打开。"
    if owner.on_this_host and owner.pid == os.getpid():
        return f"该草稿已在本程序的另一个窗口中打开（{owner.since_text()}）。"
    return (
        f"{owner.describe()}（进程 {owner.pid}）。同时编辑会互相覆盖修改。"
        "可以只读打开；如果确认对方已经关闭该草稿，也可以接管编辑。"
    )


def _stale_message(result: LockResult) -> str:
    owner = result.owner
    if owner is None:
        return f"草稿的锁文件“{result.lock_path}”已损坏，无法确定是否有人正在编辑。可以接管编辑。"
    return (
        f"该草稿上次在 主机 {owner.host} 上由 用户 {owner.user} 于 {owner.since_text()} 打开，"
        f"但那个程序（进程 {owner.pid}）已不在运行，可能是异常退出留下的锁。可以接管编辑。"
    )


def _unavailable_message(result: LockResult) -> str:
    return (
        f"无法为草稿“{result.draft_path}”创建锁文件，其他人同时打开此草稿时将不会收到提醒。"
        "可以继续编辑。"
    )


_MESSAGES = {
    LockState.ACQUIRED: lambda result: "",
    LockState.HELD_BY_OTHER: _held_message,
    LockState.STALE: _stale_message,
    LockState.UNAVAILABLE: _unavailable_message,
}


# The lock ---------------------------------------------------------------------------------------


def lock_path_beside(draft_path: Path) -> Path:
    """``.~<name>.lock`` in the draft's folder."""
    return draft_path.with_name(f"{LOCK_PREFIX}{draft_path.name}{LOCK_SUFFIX}")


def identity_lock_path(draft_path: Path, state_dir: Path) -> Path | None:
    """``<state_dir>/locks/id-<device>-<inode>.lock``: the lock of the file itself, whatever name
    (a symbolic or hard link) it is opened by on this machine; ``None`` when it does not exist."""
    try:
        status = os.stat(draft_path)
    except (OSError, ValueError):
        return None
    if not status.st_ino:  # a file system without inode numbers: the path locks alone
        return None
    return state_dir / "locks" / f"id-{status.st_dev:x}-{status.st_ino:x}{LOCK_SUFFIX}"


def resolved_draft_path(draft_path: Path) -> Path:
    """The draft's real path: symbolic links followed, so every name of it finds one lock."""
    path = Path(draft_path).absolute()
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links: nothing to read or lock there anyway
        return path


def fallback_lock_path(draft_path: Path, state_dir: Path) -> Path:
    """``<state_dir>/locks/<stem>-<hash16>.lock``: used when the draft's folder is read-only."""
    name = f"{readable_stem(draft_path)}-{path_key(draft_path)[:16]}{LOCK_SUFFIX}"
    return state_dir / "locks" / name


class DraftLock:
    """The edit lock of one draft for one open report (one per session, not shared).

    ``acquire()`` → result; when held by another or stale, ``take_over()`` after the user agreed;
    ``release()`` when the report is closed or saved under another name. Re-acquiring a lock this
    object holds is a no-op. Releasing never deletes a lock someone else has taken over.
    """

    def __init__(self, draft_path: Path, state_dir: Path) -> None:
        self.draft_path = resolved_draft_path(draft_path)
        self.state_dir = state_dir
        self.token = os.urandom(16).hex()
        self._held: Path | None = None
        self._identity: Path | None = None

    @property
    def candidates(self) -> tuple[Path, Path]:
        """Where a lock may be: beside the draft first, then the fallback in ``state_dir``."""
        return lock_path_beside(self.draft_path), fallback_lock_path(
            self.draft_path, self.state_dir
        )

    @property
    def held_path(self) -> Path | None:
        """The lock file this object holds, if any."""
        return self._held

    def acquire(self) -> LockResult:
        """Take the lock if nobody holds it; else say who does (nothing is overwritten)."""
        for path in self.candidates:
            found = self._existing(path)
            if found is not None and found.state is LockState.STALE and found.owner is not None:
                return self.take_over()  # left by a crash here: nobody to ask about
            if found is not None:
                return found
        other_name = self._identity_held_by_other()
        if other_name is not None:
            return other_name
        for path in self.candidates:
            try:
                created = self._create(path)
            except FileExistsError:  # another instance was quicker (or a folder has that name)
                found = self._existing(path)
                if found is not None:
                    return found
                continue
            if created:
                self._held = path
                self._claim_identity()
                return LockResult(LockState.ACQUIRED, self.draft_path, path)
        return LockResult(LockState.UNAVAILABLE, self.draft_path, None)

    def take_over(self) -> LockResult:
        """Replace whatever lock exists with ours (the user agreed); same result as acquire."""
        owner_text = current_owner(self.token).to_json()
        existing = [path for path in self.candidates if _exists(path)]
        for path in [*existing, *self.candidates]:
            try:
                self._make_folder(path)
                atomic_write_text(path, owner_text)
            except OSError:
                continue
            self._held = path
            self._claim_identity(replace=True)
            return LockResult(LockState.ACQUIRED, self.draft_path, path)
        return LockResult(LockState.UNAVAILABLE, self.draft_path, None)

    def release(self) -> None:
        """Remove our lock file, unless someone has since taken it over. Never raises."""
        path, self._held = self._held, None
        identity, self._identity = self._identity, None
        for held in (path, identity):
            if held is None:
                continue
            owner = _read_owner(held)
            if owner is not None and owner.token == self.token:
                with contextlib.suppress(OSError):
                    held.unlink()

    def _identity_held_by_other(self) -> LockResult | None:
        """Another live instance here holds this file under another name (a hard link)."""
        path = identity_lock_path(self.draft_path, self.state_dir)
        owner = None if path is None or not _exists(path) else _read_owner(path)
        if owner is None or owner.token == self.token:
            return None
        if not owner.on_this_host or not process_alive(owner.pid):
            return None  # left behind: the next claim replaces it
        return LockResult(LockState.HELD_BY_OTHER, self.draft_path, path, owner)

    def _claim_identity(self, replace: bool = False) -> None:
        """Record this file's identity as ours too (best effort: the path lock stays the rule)."""
        path = identity_lock_path(self.draft_path, self.state_dir)
        if path is None or (not replace and self._identity_held_by_other() is not None):
            return
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, current_owner(self.token).to_json())
            self._identity = path

    def _existing(self, path: Path) -> LockResult | None:
        """The result a lock file at ``path`` implies, ``None`` when there is none."""
        if not _exists(path):
            return None
        owner = _read_owner(path)
        if owner is not None and owner.token == self.token:
            self._held = path
            return LockResult(LockState.ACQUIRED, self.draft_path, path)
        if owner is None or (owner.on_this_host and not process_alive(owner.pid)):
            return LockResult(LockState.STALE, self.draft_path, path, owner)
        return LockResult(LockState.HELD_BY_OTHER, self.draft_path, path, owner)

    def _make_folder(self, path: Path) -> None:
        """Create the fallback's folder when needed; never the draft's own folder."""
        if path != lock_path_beside(self.draft_path):
            path.parent.mkdir(parents=True, exist_ok=True)

    def _create(self, path: Path) -> bool:
        """Create the lock file exclusively; ``False`` when that is not possible here.

        Raises :class:`FileExistsError` when another instance has just created it.
        """
        data = current_owner(self.token).to_json().encode("utf-8")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            self._make_folder(path)
            fd = os.open(path, flags, 0o644)
        except FileExistsError:
            raise
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError:
            with contextlib.suppress(OSError):
                path.unlink()
            return False
        return True


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _read_owner(path: Path) -> LockOwner | None:
    try:
        data = read_limited(path, _MAX_LOCK_BYTES)
    except OSError:
        return None
    return parse_owner(data.decode("utf-8", "replace"))
