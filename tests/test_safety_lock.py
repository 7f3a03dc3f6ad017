"""Draft locks: another instance's lock is reported (with who and since when), stale ones too."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from report_desktop.storage import lock as lock_module
from report_desktop.storage.lock import (
    DraftLock,
    LockOwner,
    LockResult,
    LockState,
    fallback_lock_path,
    lock_path_beside,
    process_alive,
    this_host,
)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "2024年报.json"
    path.write_text("{}", "utf-8")
    return path


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def beijing_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (POSIX)")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    assert not process_alive(process.pid)
    return process.pid


def write_lock(path: Path, **fields: Any) -> None:
    data = {
        "host": "pc-99",
        "user": "zhangsan",
        "pid": 4242,
        "since": "2026-01-05T01:12:00+00:00",
        "token": "theirs",
    }
    data.update(fields)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), "utf-8")


def test_acquire_writes_a_lock_beside_the_draft(draft: Path, state_dir: Path) -> None:
    lock = DraftLock(draft, state_dir)
    result = lock.acquire()
    assert result.state is LockState.ACQUIRED and result.acquired
    assert result.message == ""
    assert result.lock_path == draft.parent / ".~2024年报.json.lock" == lock.held_path
    content = json.loads(result.lock_path.read_text("utf-8"))
    assert content["host"] == this_host()
    assert content["pid"] == os.getpid()
    assert content["token"] == lock.token
    assert content["user"]
    since = dt.datetime.fromisoformat(content["since"])
    assert abs((dt.datetime.now(dt.UTC) - since).total_seconds()) < 60
    assert lock.acquire().acquired  # again: still ours
    lock.release()
    assert not result.lock_path.exists()
    assert not list(state_dir.rglob("*.lock"))  # the identity lock went too


def test_lock_of_another_host_is_held_by_other(
    draft: Path, state_dir: Path, beijing_time: None
) -> None:
    beside = lock_path_beside(draft)
    write_lock(beside)
    result = DraftLock(draft, state_dir).acquire()
    assert result.state is LockState.HELD_BY_OTHER and not result.acquired
    assert result.owner == LockOwner(
        "pc-99", "zhangsan", 4242, dt.datetime(2026, 1, 5, 1, 12, tzinfo=dt.UTC), "theirs"
    )
    assert (
        result.owner.describe()
        == "该草稿已在 主机 pc-99 上由 用户 zhangsan 于 2026-01-05 09:12 打开"
    )
    assert result.message.startswith(result.owner.describe())
    assert json.loads(beside.read_text("utf-8"))["token"] == "theirs"  # untouched


def test_second_window_of_this_program_is_held_by_other(draft: Path, state_dir: Path) -> None:
    first = DraftLock(draft, state_dir)
    assert first.acquire().acquired
    second = DraftLock(draft, state_dir).acquire()
    assert second.state is LockState.HELD_BY_OTHER
    assert "另一个窗口" in second.message


def test_lock_of_a_dead_process_here_is_taken_over_without_asking(
    draft: Path, state_dir: Path, dead_pid: int
) -> None:
    write_lock(lock_path_beside(draft), host=this_host(), pid=dead_pid)
    lock = DraftLock(draft, state_dir)
    result = lock.acquire()
    assert result.acquired and result.lock_path == lock_path_beside(draft)
    assert json.loads(lock_path_beside(draft).read_text("utf-8"))["token"] == lock.token
    lock.release()
    assert not lock_path_beside(draft).exists()


def test_stale_message_names_the_dead_process(draft: Path, dead_pid: int) -> None:
    owner = LockOwner(this_host(), "clerk", dead_pid, None, "theirs")
    result = LockResult(LockState.STALE, draft, lock_path_beside(draft), owner)
    assert "已不在运行" in result.message and str(dead_pid) in result.message


def test_lock_of_a_live_process_here_is_not_stale(draft: Path, state_dir: Path) -> None:
    write_lock(lock_path_beside(draft), host=this_host(), pid=os.getppid())
    assert DraftLock(draft, state_dir).acquire().state is LockState.HELD_BY_OTHER


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"host": "x", "pid": "12"}'])
def test_unreadable_lock_file_is_stale(draft: Path, state_dir: Path, content: str) -> None:
    lock_path_beside(draft).write_text(content, "utf-8")
    result = DraftLock(draft, state_dir).acquire()
    assert result.state is LockState.STALE and result.owner is None
    assert "已损坏" in result.message


def test_take_over_from_another_host(draft: Path, state_dir: Path) -> None:
    write_lock(lock_path_beside(draft))
    lock = DraftLock(draft, state_dir)
    assert lock.acquire().state is LockState.HELD_BY_OTHER
    assert lock.take_over().acquired
    assert DraftLock(draft, state_dir).acquire().state is LockState.HELD_BY_OTHER


def test_release_never_removes_a_lock_taken_over_by_someone_else(
    draft: Path, state_dir: Path
) -> None:
    mine = DraftLock(draft, state_dir)
    assert mine.acquire().acquired
    theirs = DraftLock(draft, state_dir)
    assert theirs.take_over().acquired
    mine.release()
    assert json.loads(lock_path_beside(draft).read_text("utf-8"))["token"] == theirs.token
    theirs.release()
    assert not lock_path_beside(draft).exists()
    theirs.release()  # not held any more: nothing happens


def test_read_only_folder_falls_back_to_state_dir(
    draft: Path, state_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def read_only_folder(path: Any, flags: int, *args: Any) -> int:
        if Path(path).parent == draft.parent and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only_folder)
    lock = DraftLock(draft, state_dir)
    result = lock.acquire()
    assert result.acquired
    assert result.lock_path == fallback_lock_path(draft, state_dir)
    assert result.lock_path.parent == state_dir / "locks"
    assert not lock_path_beside(draft).exists()
    other = DraftLock(draft, state_dir).acquire()
    assert other.state is LockState.HELD_BY_OTHER
    assert other.lock_path == result.lock_path
    lock.release()
    assert not result.lock_path.exists()


def test_folder_in_the_way_of_the_lock_falls_back(draft: Path, state_dir: Path) -> None:
    lock_path_beside(draft).mkdir()
    result = DraftLock(draft, state_dir).acquire()
    assert result.acquired and result.lock_path == fallback_lock_path(draft, state_dir)


def test_no_lock_possible_is_reported_not_raised(tmp_path: Path) -> None:
    draft = tmp_path / "missing-folder" / "年报.json"
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be", "utf-8")
    lock = DraftLock(draft, blocked)
    result = lock.acquire()
    assert result.state is LockState.UNAVAILABLE and result.lock_path is None
    assert "无法为草稿" in result.message
    assert lock.take_over().state is LockState.UNAVAILABLE
    lock.release()


def test_process_alive() -> None:
    assert process_alive(os.getpid())
    assert not process_alive(0)
    assert not process_alive(-5)


def test_owner_round_trip_and_unknown_time() -> None:
    owner = LockOwner("pc", "李四", 7, None, "t")
    assert lock_module.parse_owner(owner.to_json()) == owner
    assert "未知时间" in owner.describe()
