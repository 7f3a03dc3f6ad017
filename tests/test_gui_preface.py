"""The default 前言 follows agency, year, website, address and phone as they are typed, until the
clerk writes it by hand (issue 9)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from gui_support import Windows, send_text
from report_desktop.domain.model import Meta, default_preface, new_report
from report_desktop.session.preface import followed_preface
from report_desktop.session.report_session import ReportSession
from report_desktop.ui.pages.meta_page import MetaPage


def session_of_new_report(qtbot: QtBot) -> ReportSession:
    return ReportSession(new_report())


def test_the_default_preface_follows_what_is_typed(qtbot: QtBot) -> None:
    session = session_of_new_report(qtbot)
    assert "XXXX年" in session.report.preface
    session.set_field("meta.agency", "威海市环翠区统计局")
    session.set_field("meta.year", 2024)
    session.set_field("meta.website_name", "威海市环翠区人民政府网站")
    session.set_field("meta.website", "http://www.huancui.gov.cn")
    session.set_field("meta.address", "威海市环翠区青岛中路")
    session.set_field("meta.phone", "0631-5233000")
    preface = session.report.preface
    assert preface == default_preface(session.report.meta)
    for quoted in ("威海市环翠区统计局", "2024年", "huancui.gov.cn", "青岛中路", "0631-5233000"):
        assert quoted in preface
    assert "XXXX" not in preface and "本机关" not in preface


def test_typing_and_its_preface_are_one_undo_step(qtbot: QtBot) -> None:
    session = session_of_new_report(qtbot)
    untouched = session.report.preface
    for length in range(1, 5):
        session.set_field("meta.agency", "环翠统计"[:length])
    assert "环翠统计" in session.report.preface
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.report.meta.agency == "" and session.report.preface == untouched
    session.undo_stack.redo()
    assert "环翠统计" in session.report.preface


def test_a_preface_written_by_hand_is_never_rewritten(qtbot: QtBot) -> None:
    session = session_of_new_report(qtbot)
    session.set_field("preface", "本报告由本局编制。", mergeable=False)
    session.set_field("meta.agency", "威海市环翠区统计局")
    session.set_field("meta.year", 2024)
    assert session.report.preface == "本报告由本局编制。"
    session.set_field("preface", default_preface(session.report.meta), mergeable=False)  # 恢复默认
    session.set_field("meta.phone", "0631-5233000")
    assert "0631-5233000" in session.report.preface  # follows again once restored


def test_an_emptied_preface_stays_empty() -> None:
    report = new_report(Meta(agency="甲局", year=2024))
    report.preface = ""
    assert followed_preface(report, "meta.agency", "乙局") is None
    assert followed_preface(new_report(), "meta.publication_date", None) is None
    assert followed_preface(new_report(), "problems", "x") is None


def test_the_meta_page_shows_the_preface_following(qtbot: QtBot, windows: Windows) -> None:
    window = windows(None)
    window.enter_page("meta")
    page = window.stack.current_page()
    assert isinstance(page, MetaPage)
    agency = page.fields["agency"]
    assert isinstance(agency, QLineEdit) and agency.hasFocus()
    send_text(agency, "威海市环翠区统计局")
    qtbot.waitUntil(lambda: "威海市环翠区统计局" in page.preface.toPlainText())
    assert "结合XXXX年威海市环翠区统计局" in page.preface.toPlainText()
