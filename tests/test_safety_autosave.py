"""Autosave side files: written, listed for recovery when newer than the draft, never lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.storage import DraftError, save_draft
from report_desktop.storage import autosave as autosave_module
from report_desktop.storage.autosave import (
    AUTOSAVE_SUFFIX,
    AutosaveStore,
    AutosaveWriteError,
    new_session_id,
)

SRC = Path(autosave_module.__file__).resolve().parents[2]


@pytest.fixture
def report() -> Report:
    report = new_report(Meta(agency="威海市环翠区统计局", year=2024))
    report.cells["table2.rules.issued"] = 3
    report.problems = "尚未保存的修改"
    return report


@pytest.fixture
def store(tmp_path: Path) -> AutosaveStore:
    return AutosaveStore(tmp_path / "autosave")


@pytest.fixture
def restart() -> Callable[[], None]:
    """Simulates the program starting again: earlier autosaves are no longer "ours"."""
    return autosave_module._process_token.cache_clear


def set_mtime(path: Path, timestamp: float) -> None:
    os.utime(path, (timestamp, timestamp))


def test_untitled_report_is_recovered_after_restart(
    store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    session = new_session_id()
    side = store.write(report, None, session)
    assert side.parent == store.folder and side.name.endswith(AUTOSAVE_SUFFIX)
    restart()
    [item] = store.pending()
    assert item.path == side
    assert item.draft_path is None and item.is_untitled
    assert item.session_id == session
    assert item.draft_saved_at is None and item.is_newer_than_draft
    assert item.error is None
    assert item.load() == report


def test_autosave_newer_than_draft_is_pending(
    tmp_path: Path, store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    draft = tmp_path / "年报.json"
    save_draft(draft, new_report())
    side = store.write(report, draft, new_session_id())
    restart()
    autosaved = store.inspect(side).autosaved_at.timestamp()
    set_mtime(draft, autosaved - 60)
    [item] = store.pending()
    assert item.draft_path == draft
    assert item.draft_saved_at is not None
    assert abs(item.draft_saved_at.timestamp() - (autosaved - 60)) < 1
    assert item.is_newer_than_draft
    assert item.load().problems == "尚未保存的修改"
    assert store.find(draft) == item


def test_autosave_older_than_draft_is_not_pending_but_kept(
    tmp_path: Path, store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    draft = tmp_path / "年报.json"
    save_draft(draft, report)
    side = store.write(report, draft, new_session_id())
    restart()
    set_mtime(draft, store.inspect(side).autosaved_at.timestamp() + 60)
    assert store.pending() == []
    assert store.find(draft) is None
    assert side.is_file()
    assert not store.inspect(side).is_newer_than_draft


def test_autosave_of_a_draft_that_disappeared_is_pending(
    tmp_path: Path, store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    draft = tmp_path / "moved-away.json"
    save_draft(draft, report)
    store.write(report, draft, new_session_id())
    draft.unlink()
    restart()
    [item] = store.pending()
    assert item.draft_path == draft
    assert item.draft_saved_at is None and item.is_newer_than_draft


def test_one_side_file_per_draft_rewritten_in_place(
    tmp_path: Path, store: AutosaveStore, report: Report
) -> None:
    draft = tmp_path / "年报.json"
    first = store.write(new_report(), draft, new_session_id())
    second = store.write(report, draft, new_session_id())
    assert first == second
    assert sorted(p.name for p in store.folder.iterdir()) == [first.name]  # no temp files left
    assert store.inspect(first).load() == report
    other = store.write(report, tmp_path / "other" / "年报.json", new_session_id())
    assert other != first


def test_pending_is_newest_first(
    tmp_path: Path, store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    older = store.write(report, None, "first")
    newer = store.write(report, tmp_path / "never-saved.json", "second")
    restart()
    assert [item.path for item in store.pending()] == [newer, older]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\xfe garbage",
        b'{"format": "report-desktop-autosave", "autosave_version": 1, "draft_pa',
        b'{"format": "something-else"}',
        b"[1, 2, 3]",
        b'{"format": "report-desktop-autosave", "autosave_version": 99, "draft": {}}',
    ],
)
def test_corrupt_side_file_is_listed_with_reason_not_deleted(
    store: AutosaveStore, content: bytes
) -> None:
    store.folder.mkdir()
    side = store.folder / f"broken{AUTOSAVE_SUFFIX}"
    side.write_bytes(content)
    [item] = store.pending()
    assert item.path == side
    assert item.error
    assert any("\u4e00" <= char <= "\u9fff" for char in item.error)  # said in Chinese
    assert side.read_bytes() == content
    with pytest.raises(DraftError):
        item.load()


def test_side_file_with_a_damaged_report_keeps_its_draft_path(
    tmp_path: Path, store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    draft = tmp_path / "年报.json"
    side = store.write(report, draft, new_session_id())
    envelope = json.loads(side.read_text("utf-8"))
    envelope["draft"]["report"]["cells"]["no.such.cell"] = 1
    side.write_text(json.dumps(envelope, ensure_ascii=False), "utf-8")
    restart()
    [item] = store.pending()
    assert item.draft_path == draft
    assert item.error is not None and "no.such.cell" in item.error
    with pytest.raises(DraftError):
        item.load()


def test_discard_file_only_when_asked_and_only_our_files(
    tmp_path: Path, store: AutosaveStore
) -> None:
    store.folder.mkdir()
    side = store.folder / f"broken{AUTOSAVE_SUFFIX}"
    side.write_text("{", "utf-8")
    outsider = tmp_path / f"user-file{AUTOSAVE_SUFFIX}"
    outsider.write_text("{}", "utf-8")
    with pytest.raises(ValueError, match="not an autosave file"):
        store.discard_file(outsider)
    with pytest.raises(ValueError, match="not an autosave file"):
        store.discard_file(store.folder / "notes.txt")
    assert outsider.is_file()
    store.discard_file(side)
    assert not side.exists()
    assert store.pending() == []
    store.discard_file(side)  # already gone: fine


def test_discard_after_save_removes_the_draft_and_the_untitled_autosave(
    tmp_path: Path, store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    session = new_session_id()
    untitled = store.write(report, None, session)
    draft = tmp_path / "saved-as.json"
    named = store.write(report, draft, session)
    kept = store.write(report, None, "another-session")
    store.discard(draft, session)
    assert not untitled.exists() and not named.exists()
    assert kept.exists()
    store.discard(draft, session)  # nothing left to remove: no error
    restart()
    assert [item.path for item in store.pending()] == [kept]


def test_autosaves_of_a_running_instance_are_not_offered(
    tmp_path: Path, store: AutosaveStore, report: Report
) -> None:
    mine = store.write(report, tmp_path / "mine.json", "mine")
    assert store.pending() == []  # this program is still running
    assert [item.path for item in store.pending(include_in_use=True)] == [mine]
    assert store.inspect(mine).in_use


def test_autosave_of_another_live_instance_is_in_use(
    store: AutosaveStore, report: Report, restart: Callable[[], None]
) -> None:
    side = store.write(report, None, "theirs")
    envelope = json.loads(side.read_text("utf-8"))
    envelope["pid"] = os.getppid()  # a process that is certainly alive
    envelope["process"] = "another-instance"
    side.write_text(json.dumps(envelope), "utf-8")
    restart()
    assert store.pending() == []
    assert store.inspect(side).in_use
    envelope["host"] = "some-other-pc"
    side.write_text(json.dumps(envelope), "utf-8")
    assert [item.path for item in store.pending()] == [side]


def test_autosave_survives_a_crashed_process(tmp_path: Path, store: AutosaveStore) -> None:
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from report_desktop.domain.model import new_report\n"
        "from report_desktop.storage.autosave import AutosaveStore\n"
        "report = new_report()\n"
        "report.problems = '崩溃前的修改'\n"
        "AutosaveStore(Path(sys.argv[1])).write(report, Path(sys.argv[2]), 'crashed')\n"
        "os._exit(9)\n"
    )
    draft = tmp_path / "年报.json"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(store.folder), str(draft)], env=env, check=False
    )
    assert result.returncode == 9
    [item] = store.pending()
    assert not item.in_use
    assert item.draft_path == draft
    assert item.load().problems == "崩溃前的修改"


def test_write_failure_is_a_typed_chinese_error(tmp_path: Path, report: Report) -> None:
    blocked = tmp_path / "autosave"
    blocked.write_text("a file where the folder should be", "utf-8")
    with pytest.raises(AutosaveWriteError) as caught:
        AutosaveStore(blocked).write(report, None, new_session_id())
    assert "自动保存" in caught.value.message
    assert caught.value.title == "无法自动保存"


def test_failed_write_keeps_the_previous_autosave(
    store: AutosaveStore, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    side = store.write(report, None, "s1")
    before = side.read_bytes()

    def disk_full(path: object, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(autosave_module, "atomic_write_text", disk_full)
    with pytest.raises(AutosaveWriteError, match="No space left"):
        store.write(new_report(), None, "s1")
    assert side.read_bytes() == before


@pytest.mark.parametrize("session", ["", "../escape", "a/b", "x" * 65])
def test_invalid_session_ids_are_refused(
    store: AutosaveStore, report: Report, session: str
) -> None:
    with pytest.raises(ValueError, match="session id"):
        store.write(report, None, session)
    assert not store.folder.exists()


def test_pending_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert AutosaveStore(tmp_path / "nowhere").pending() == []
    assert not (tmp_path / "nowhere").exists()
