"""The services behind last year's report in the window: finding quoted words, comparing a value
with last year's, moving a link with its draft, and the session holding last year's report."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from report_desktop.domain.crossyear import change_share, compared_with_last_year
from report_desktop.domain.model import LastYearLink, Meta, new_report
from report_desktop.domain.textcheck import find_quote, quotes_in
from report_desktop.session.last_year import LINK_RULE, LastYear
from report_desktop.session.report_session import ReportSession
from report_desktop.storage.draft import load_draft
from report_desktop.storage.last_year import link_target, make_link, rebase_link
from report_desktop.storage.settings import Settings
from report_desktop.ui.last_year import check_options, read_last_year

OVER = "table3.carried_over.natural_person"

# Quoted words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "found"),
    [
        ("共收到申请１，２３４件。", "收到申请1,234件", "收到申请１，２３４件"),
        ("共收到申请1,234件。", "收到申请1,234件", "收到申请1,234件"),
        ("办结（含转办）12件", "办结(含转办)12件", "办结（含转办）12件"),
        ("一是公开\n不够及时；二是", "公开不够及时", "公开\n不够及时"),
        ("一是 公开 不够", "是公开不", "是 公开 不"),
    ],
)
def test_find_quote_tolerates_width_and_whitespace(text: str, quote: str, found: str) -> None:
    span = find_quote(text, quote)
    assert span is not None
    assert text[span[0] : span[1]] == found


def test_find_quote_misses_cleanly() -> None:
    assert find_quote("收到申请12件", "收到申请13件") is None
    assert find_quote("收到申请12件", "  ") is None


def test_quotes_in_a_message() -> None:
    message = (
        "“五、存在的主要问题及改进情况”与上年报告的相似度为 90%，与上年重复的段落如“一是信息…”"
    )
    assert quotes_in(message) == ["五、存在的主要问题及改进情况", "一是信息"]


# Comparing with last year ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "then", "text"),
    [
        (18, 12, "上年：12（本年 18，+6，+50%）"),
        (6, 12, "上年：12（本年 6，-6，-50%）"),
        (None, 12, "上年：12"),
        (12, 12, "上年：12（与本年相同）"),
        (5, None, "上年：0（本年 5，+5，上年为 0）"),
        (Decimal("1.5"), Decimal("2.25"), "上年：2.25（本年 1.5，-0.75，-33%）"),
    ],
)
def test_compared_with_last_year(
    now: int | Decimal | None, then: int | Decimal | None, text: str
) -> None:
    assert compared_with_last_year(now, then) == text


def test_change_share() -> None:
    assert change_share(15, 10) == "+50%"
    assert change_share(3, 0) == "上年为 0"


# Links that move with their draft --------------------------------------------------------------


def test_rebase_link_beside_below_and_elsewhere(tmp_path: Path, example_draft_path: Path) -> None:
    last = tmp_path / "reports" / "2024.json"
    last.parent.mkdir()
    shutil.copy(example_draft_path, last)
    unsaved = make_link(last, None)
    assert Path(unsaved.path) == last.resolve()
    beside = rebase_link(unsaved, None, tmp_path / "reports" / "2025.json")
    assert beside == LastYearLink("2024.json", unsaved.sha256)
    above = rebase_link(beside, tmp_path / "reports" / "2025.json", tmp_path / "2025.json")
    assert above.path == "reports/2024.json"
    elsewhere = rebase_link(above, tmp_path / "2025.json", tmp_path / "other" / "2025.json")
    assert Path(elsewhere.path) == last.resolve()
    assert link_target(elsewhere, tmp_path / "other" / "2025.json") == last.resolve()
    assert rebase_link(beside, None, None) == beside  # nothing to anchor a relative link to


# The session -----------------------------------------------------------------------------------


@pytest.fixture
def last_report(example_draft_path: Path) -> LastYear:
    report = load_draft(example_draft_path).report
    report.cells["table3.carried_forward.natural_person"] = 4
    return LastYear(report, example_draft_path)


def test_session_checks_with_last_years_report(qtbot: QtBot, last_report: LastYear) -> None:
    session = ReportSession(new_report(Meta(agency="某某局", year=2025)))
    assert not any(f.rule.startswith("cross_year") for f in session.findings)
    session.set_last_year(last_report)
    assert any(f.rule == "cross_year.carry_over" for f in session.findings_at(OVER))
    assert (
        session.last_year_values is not None
        and session.last_year_values["table3.carried_forward.natural_person"] == 4
    )
    assert not session.is_modified()  # reading last year's report changes nothing


def test_link_change_is_one_undo_step(qtbot: QtBot, last_report: LastYear, tmp_path: Path) -> None:
    session = ReportSession(new_report(Meta(agency="某某局", year=2025)))
    link = LastYearLink("/somewhere/2024.json", "0" * 64)
    session.change_link(link, last_report, "关联上年报告")
    assert session.report.last_year_link == link and session.is_modified()
    assert session.undo_stack.undoText() == "关联上年报告"
    session.undo_stack.undo()
    assert session.report.last_year_link is None and session.last_year.report is None
    assert session.last_year_values is None and not session.is_modified()
    session.undo_stack.redo()
    assert session.last_year is last_report


def test_a_notice_is_an_information_line(qtbot: QtBot) -> None:
    session = ReportSession(new_report(Meta(agency="某某局", year=2025)))
    session.set_last_year(LastYear(None, Path("/x/2024.json"), "找不到关联的上年报告"))
    [line] = [f for f in session.findings if f.rule == LINK_RULE]
    assert line.severity.value == "info" and line.cells == ()
    assert not any(
        f.rule.startswith("cross_year.") and f.rule != LINK_RULE for f in session.findings
    )


def test_saving_elsewhere_moves_the_link(
    qtbot: QtBot, tmp_path: Path, example_draft_path: Path
) -> None:
    last = tmp_path / "reports" / "2024.json"
    last.parent.mkdir()
    shutil.copy(example_draft_path, last)
    report = new_report(Meta(year=2025))
    report.last_year_link = make_link(last, None)
    session = ReportSession(report)
    target = tmp_path / "reports" / "2025.json"
    assert session.snapshot_for(target).last_year_link.path == "2024.json"  # type: ignore[union-attr]
    assert Path(session.report.last_year_link.path) == last.resolve()  # type: ignore[union-attr]
    session.mark_saved(target)
    assert session.report.last_year_link.path == "2024.json"  # type: ignore[union-attr]
    found = read_last_year(session.report, target)
    assert found.report is not None and found.notice == ""


def test_check_options_from_settings() -> None:
    options = check_options(Settings(change_ratio_percent=30, change_minimum=4))
    assert (options.change_ratio, options.change_minimum) == (Decimal("0.3"), 4)
    assert options.similarity_limit == Decimal("0.8")


def test_an_absolute_link_beside_the_draft_becomes_relative_on_save(
    tmp_path: Path, example_draft_path: Path
) -> None:
    last = tmp_path / "2024.json"
    shutil.copy(example_draft_path, last)
    draft = tmp_path / "2025.json"
    absolute = make_link(last, None)
    assert rebase_link(absolute, draft, draft).path == "2024.json"
    relative = LastYearLink("2024.json", absolute.sha256)
    assert rebase_link(relative, draft, draft) == relative
    lost = LastYearLink("gone/2023.json", absolute.sha256)
    assert rebase_link(lost, draft, draft) == lost
