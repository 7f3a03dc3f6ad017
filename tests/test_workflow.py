"""The Qt-free workflow layer shared by the command line and the window."""

from __future__ import annotations

from pathlib import Path

from report_desktop.domain.model import Meta, new_report
from report_desktop.workflow import naming


def test_a_slash_in_the_agency_does_not_break_the_save_path(tmp_path: Path) -> None:
    report = new_report(Meta(agency="某市/某区 统计局:办公室", year=2024))
    for name in (naming.draft_name(report), naming.document_name(report, ".pdf")):
        path = tmp_path / name
        assert path.parent == tmp_path
        assert "/" not in name and ":" not in name
        path.write_text("x", encoding="utf-8")  # a real file can be written under that name
    assert naming.draft_name(report) == "某市某区 统计局办公室2024年政府信息公开工作年度报告.json"


def test_a_name_made_only_of_unsafe_characters_falls_back_to_the_report_name() -> None:
    report = new_report(Meta(agency="///", year=None))
    assert naming.draft_name(report) == "政府信息公开工作年度报告.json"


def test_export_formats_are_listed_once() -> None:
    assert [f.suffix for f in naming.EXPORT_FORMATS] == [".pdf", ".html", ".docx", ".csv"]
    assert naming.export_format(Path("a.HTM")) is naming.HTML
    assert naming.export_format(Path("a.txt")) is None
    assert naming.with_format_suffix(Path("报告"), naming.PDF) == Path("报告.pdf")
    assert naming.with_format_suffix(Path("报告.htm"), naming.HTML) == Path("报告.htm")
