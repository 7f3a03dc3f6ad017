"""atomic_write_bytes/atomic_write_text: all or nothing, no temporary files left behind."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from report_desktop.storage.atomic import atomic_write_bytes, atomic_write_text

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and links")


def _boom(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_creates_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b"\x00\x01data")
    assert target.read_bytes() == b"\x00\x01data"
    assert os.listdir(tmp_path) == ["a.json"]


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old content that is longer")
    atomic_write_bytes(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["a.json"]


def test_text_is_utf8_and_newlines_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    atomic_write_text(target, "环翠区\n第二行\r\n")
    assert target.read_bytes() == "环翠区\n第二行\r\n".encode()


def test_failing_replace_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "draft.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", _boom)
    with pytest.raises(OSError, match="No space left"):
        atomic_write_text(target, "new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["draft.json"]


def test_failing_fsync_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "draft.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", _boom)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["draft.json"]


def test_failing_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _boom)
    with pytest.raises(OSError):
        atomic_write_bytes(tmp_path / "new.json", b"data")
    assert os.listdir(tmp_path) == []


def test_interrupt_while_writing_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    target = tmp_path / "draft.json"
    target.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["draft.json"]


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "no-such-folder" / "a.json", b"x")
    assert os.listdir(tmp_path) == []


def test_target_that_is_a_folder_raises_and_cleans_up(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError):
        atomic_write_bytes(tmp_path / "folder", b"x")
    assert os.listdir(tmp_path) == ["folder"]
    assert os.listdir(tmp_path / "folder") == []


def test_directory_fsync_is_best_effort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    target = tmp_path / "a.json"

    def file_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(22, "Invalid argument")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", file_only)
    atomic_write_bytes(target, b"data")
    assert target.read_bytes() == b"data"


def test_directory_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync
    kinds: list[str] = []

    def record(fd: int) -> None:
        kinds.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", record)
    atomic_write_bytes(tmp_path / "a.json", b"data")
    expected = ["file"] if sys.platform == "win32" else ["file", "dir"]
    assert kinds == expected


@posix_only
def test_existing_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@posix_only
def test_new_file_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "a.json", b"new")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o640


@posix_only
def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


def test_temp_file_is_in_the_target_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, destination: str) -> None:
        seen.append((os.fspath(source), os.fspath(destination)))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", spy)
    atomic_write_bytes(tmp_path / "a.json", b"x")
    [(source, destination)] = seen
    assert Path(source).parent == tmp_path
    assert Path(source).name.startswith(".a.json.")
    assert destination == os.fspath(tmp_path / "a.json")
