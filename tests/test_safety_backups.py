"""Rotating backups: the previous version is kept before each save, N per draft."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from report_desktop.domain.model import Meta, Report, new_report
from report_desktop.storage import DraftWriteError, load_draft, save_draft
from report_desktop.storage import backups as backups_module
from report_desktop.storage import draft as draft_module
from report_desktop.storage.backups import BackupError, BackupStore, save_with_backup


def version(number: int) -> Report:
    report = new_report(Meta(agency="环翠区统计局", year=2024))
    report.problems = f"第 {number} 版"
    return report


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder / "2024年报.json"


def test_first_save_of_a_new_file_makes_no_backup(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    assert save_with_backup(draft, version(1), store) is None
    assert load_draft(draft).report.problems == "第 1 版"
    assert store.list_backups(draft) == []


def test_previous_version_is_backed_up_and_loadable(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    save_with_backup(draft, version(1), store)
    os.utime(draft, (1_700_000_000, 1_700_000_000))
    first_bytes = draft.read_bytes()
    backup = save_with_backup(draft, version(2), store)
    assert backup is not None
    assert backup.path.parent == store.folder_for(draft)
    assert backup.path.parent.name.startswith("2024年报-")
    assert backup.path.read_bytes() == first_bytes
    assert backup.size == len(first_bytes)
    assert backup.saved_at == dt.datetime.fromtimestamp(1_700_000_000, dt.UTC)
    assert store.list_backups(draft) == [backup]
    assert load_draft(backup.path).report.problems == "第 1 版"
    assert load_draft(draft).report.problems == "第 2 版"


def test_rotation_keeps_the_newest_n_newest_first(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups", keep=3)
    for number in range(1, 8):
        save_with_backup(draft, version(number), store)
    listed = store.list_backups(draft)
    assert [load_draft(b.path).report.problems for b in listed] == ["第 6 版", "第 5 版", "第 4 版"]
    assert [b.backed_up_at for b in listed] == sorted(
        (b.backed_up_at for b in listed), reverse=True
    )
    assert len(list(store.folder_for(draft).iterdir())) == 3


def test_default_keeps_ten(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    for number in range(1, 14):
        save_with_backup(draft, version(number), store)
    listed = store.list_backups(draft)
    assert len(listed) == 10
    assert load_draft(listed[0].path).report.problems == "第 12 版"


def test_unchanged_file_is_not_backed_up_twice(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    save_draft(draft, version(1))
    first = store.back_up(draft)
    again = store.back_up(draft)
    assert first is not None and again == first
    assert len(store.list_backups(draft)) == 1


def test_failing_backup_leaves_the_draft_untouched(
    tmp_path: Path, draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BackupStore(tmp_path / "backups")
    save_draft(draft, version(1))
    before = draft.read_bytes()

    def disk_full(path: object, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups_module, "atomic_write_bytes", disk_full)
    with pytest.raises(BackupError) as caught:
        save_with_backup(draft, version(2), store)
    assert draft.read_bytes() == before
    assert "草稿没有保存" in caught.value.message
    assert caught.value.title == "无法备份草稿"
    assert isinstance(caught.value, DraftWriteError)  # a caller handling save errors sees it


def test_backup_folder_that_cannot_be_created_stops_the_save(tmp_path: Path, draft: Path) -> None:
    blocked = tmp_path / "backups"
    blocked.write_text("a file where the folder should be", "utf-8")
    save_draft(draft, version(1))
    before = draft.read_bytes()
    with pytest.raises(BackupError):
        save_with_backup(draft, version(2), BackupStore(blocked))
    assert draft.read_bytes() == before


def test_failed_save_keeps_old_file_and_its_backup(
    tmp_path: Path, draft: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BackupStore(tmp_path / "backups")
    save_draft(draft, version(1))
    before = draft.read_bytes()

    def broken_write(path: object, text: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(draft_module, "atomic_write_text", broken_write)
    with pytest.raises(DraftWriteError):
        save_with_backup(draft, version(2), store)
    assert draft.read_bytes() == before
    [backup] = store.list_backups(draft)
    assert backup.path.read_bytes() == before


def test_keep_zero_turns_backups_off(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups", keep=0)
    save_with_backup(draft, version(1), store)
    assert save_with_backup(draft, version(2), store) is None
    assert not store.folder.exists()


@pytest.mark.parametrize("keep", [-1, 101])
def test_keep_out_of_range_is_refused(tmp_path: Path, keep: int) -> None:
    with pytest.raises(ValueError, match="keep"):
        BackupStore(tmp_path, keep=keep)


def test_same_name_in_another_folder_has_its_own_backups(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    other = tmp_path / "elsewhere" / draft.name
    other.parent.mkdir()
    for path in (draft, other):
        save_with_backup(path, version(1), store)
        save_with_backup(path, version(2), store)
    assert store.folder_for(draft) != store.folder_for(other)
    assert len(store.list_backups(draft)) == 1
    assert len(store.list_backups(other)) == 1


def test_backups_taken_at_the_same_moment_get_distinct_names(tmp_path: Path) -> None:
    moment = dt.datetime(2026, 1, 5, 9, 12, tzinfo=dt.UTC)
    first = backups_module._free_name(tmp_path, moment)
    first.write_text("1", "utf-8")
    second = backups_module._free_name(tmp_path, moment)
    assert first.name == "20260105T091200.000000Z.json"
    assert second.name == "20260105T091200.000000Z-1.json"


def test_listing_ignores_foreign_files_and_orders_ties_by_sequence(
    tmp_path: Path, draft: Path
) -> None:
    store = BackupStore(tmp_path / "backups", keep=2)
    folder = store.folder_for(draft)
    folder.mkdir(parents=True)
    for name in ("20260105T091200.000000Z.json", "20260105T091200.000000Z-1.json", "notes.txt"):
        (folder / name).write_text("{}", "utf-8")
    (folder / "20250101T000000.000000Z.json").write_text("{}", "utf-8")
    names = [backup.path.name for backup in store.list_backups(draft)]
    assert names == [
        "20260105T091200.000000Z-1.json",
        "20260105T091200.000000Z.json",
        "20250101T000000.000000Z.json",
    ]
    removed = store.prune(draft)
    assert [path.name for path in removed] == ["20250101T000000.000000Z.json"]
    assert (folder / "notes.txt").exists()


def test_non_draft_file_being_overwritten_is_backed_up_too(tmp_path: Path, draft: Path) -> None:
    store = BackupStore(tmp_path / "backups")
    draft.write_text("something the clerk typed elsewhere", "utf-8")
    backup = save_with_backup(draft, version(1), store)
    assert backup is not None
    assert backup.path.read_text("utf-8") == "something the clerk typed elsewhere"
