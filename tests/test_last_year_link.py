"""The link to last year's report: set, changed, lost — and the CLI around it."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from report_desktop.cli import main
from report_desktop.domain.model import LastYearLink
from report_desktop.storage import DraftReadError, load_draft, save_draft
from report_desktop.storage.last_year import link_target, load_last_year, make_link

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def pair(tmp_path: Path, example_draft_path: Path) -> tuple[Path, Path]:
    """Last year's draft and this year's, started from it, in one folder."""
    last = tmp_path / "reports" / "2024.json"
    last.parent.mkdir()
    shutil.copy(example_draft_path, last)
    this = tmp_path / "reports" / "2025.json"
    assert run("new", "--from", last, "-o", this)[0] == 0
    return last, this


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_link_beside_the_draft_is_relative(pair: tuple[Path, Path]) -> None:
    last, this = pair
    link = load_draft(this).report.last_year_link
    assert link is not None
    assert link.path == "2024.json"
    assert link_target(link, this) == last.resolve()


def test_link_elsewhere_is_absolute(tmp_path: Path, example_draft_path: Path) -> None:
    link = make_link(example_draft_path, tmp_path / "2025.json")
    assert Path(link.path) == example_draft_path.resolve()
    assert len(link.sha256) == 64


def test_a_folder_of_reports_can_move(pair: tuple[Path, Path], tmp_path: Path) -> None:
    last, _ = pair
    moved = tmp_path / "archive"
    shutil.move(last.parent, moved)
    found = load_last_year(load_draft(moved / "2025.json").report, moved / "2025.json")
    assert found.report is not None
    assert found.notice == ""


def test_lost_link_skips_checks_with_a_notice(pair: tuple[Path, Path]) -> None:
    last, this = pair
    last.rename(last.with_name("renamed.json"))
    found = load_last_year(load_draft(this).report, this)
    assert found.report is None
    assert "找不到关联的上年报告" in found.notice
    assert "已跳过跨年核对" in found.notice
    code, out, err = run("check", this)
    assert code == 0
    assert "找不到关联的上年报告" in err
    assert "检查完毕" in out


def test_changed_file_is_noticed_and_still_used(pair: tuple[Path, Path]) -> None:
    last, this = pair
    report = load_draft(last).report
    report.cells["table3.carried_forward.natural_person"] = 5
    save_draft(last, report)
    found = load_last_year(load_draft(this).report, this)
    assert found.report is not None
    assert "被修改过" in found.notice
    _, out, _ = run("check", this)
    assert "警告：自然人列：本年“上年结转” 0 件，上年报告“结转下年度继续办理”为 5 件" in out


def test_unreadable_previous_gives_a_notice(pair: tuple[Path, Path]) -> None:
    last, this = pair
    last.write_text("{broken", encoding="utf-8")
    found = load_last_year(load_draft(this).report, this)
    assert found.report is None
    assert "无法打开" in found.notice


def test_make_link_to_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DraftReadError, match="无法读取上年报告"):
        make_link(tmp_path / "none.json", tmp_path / "2025.json")


def test_link_command_sets_changes_and_clears(pair: tuple[Path, Path], tmp_path: Path) -> None:
    last, this = pair
    other = tmp_path / "other-2024.json"
    shutil.copy(last, other)
    assert run("link", this, other)[0] == 0
    link = load_draft(this).report.last_year_link
    assert link is not None
    assert Path(link.path) == other.resolve()
    assert run("link", this, "--clear")[0] == 0
    assert load_draft(this).report.last_year_link is None
    code, _, err = run("link", this)
    assert code == 2
    assert "择一" in err


def test_link_refuses_a_file_that_is_not_a_draft(pair: tuple[Path, Path], tmp_path: Path) -> None:
    _, this = pair
    junk = tmp_path / "junk.json"
    junk.write_text("[]", encoding="utf-8")
    code, _, err = run("link", this, junk)
    assert code == 2
    assert "无法打开" in err
    assert load_draft(this).report.last_year_link is not None


def test_check_previous_option_overrides_the_link(pair: tuple[Path, Path], tmp_path: Path) -> None:
    last, this = pair
    report = load_draft(last).report
    report.cells["table3.carried_forward.research"] = 2
    other = tmp_path / "other.json"
    save_draft(other, report)
    _, out, _ = run("check", this, "--previous", other)
    assert "科研机构列：本年“上年结转” 0 件，上年报告“结转下年度继续办理”为 2 件" in out


def test_new_without_source(tmp_path: Path) -> None:
    target = tmp_path / "blank.json"
    assert run("new", "-o", target, "--agency", "某某局", "--year", "2025")[0] == 0
    report = load_draft(target).report
    assert report.meta.year == 2025
    assert report.last_year_link is None
    assert run("new", "-o", target)[0] == 2  # never overwrites


def test_version_1_draft_migrates_to_an_unlinked_report() -> None:
    text = (FIXTURES / "draft-v1-example.json").read_text(encoding="utf-8")
    assert json.loads(text)["schema_version"] == 1
    assert "previous" not in json.loads(text)["report"]
    draft = load_draft(FIXTURES / "draft-v1-example.json")
    assert draft.migrated_from == 1
    assert draft.report.last_year_link is None


def test_bad_link_in_a_hand_edited_draft_is_named(tmp_path: Path, example_draft_path: Path) -> None:
    data = json.loads(example_draft_path.read_text(encoding="utf-8"))
    data["report"]["previous"] = {"path": "2023.json", "sha256": "not-a-hash"}
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _, err = run("check", path)
    assert code == 2
    assert "report.previous.sha256" in err


def test_link_round_trips_through_the_draft(tmp_path: Path, example_draft_path: Path) -> None:
    report = load_draft(example_draft_path).report
    report.last_year_link = LastYearLink("../2023/report.json", "ab" * 32)
    save_draft(tmp_path / "x.json", report)
    assert load_draft(tmp_path / "x.json").report == report
