"""``report-desktop import`` with web pages, Word files and PDFs."""

from __future__ import annotations

import io
from pathlib import Path

from import_support import FIXTURES, build_word_file
from report_desktop.cli import main
from report_desktop.interchange.report_import import PDF_NOT_OURS
from report_desktop.storage import load_draft


def run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_import_a_saved_page(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    code, out, _ = run("import", FIXTURES / "cms-variants.html", "-o", draft)
    assert code == 0, out
    assert "已填入 165 个单元格" in out
    assert "近似标签" in out and "合计不符" in out and "未导入" in out
    report = load_draft(draft).report
    assert report.meta.agency == "云岭市交通运输局"
    assert report.cells["table2.punishment.decisions"] == 1024


def test_import_a_word_file_with_the_clerks_agency(tmp_path: Path) -> None:
    word = tmp_path / "年报.docx"
    build_word_file(word)
    draft = tmp_path / "draft.json"
    code, out, _ = run("import", word, "-o", draft, "--agency", "云岭市水利局")
    assert code == 0, out
    report = load_draft(draft).report
    assert report.meta.agency == "云岭市水利局"  # the option wins over the title
    assert report.meta.year == 2024


def test_import_chooses_by_content_not_suffix(tmp_path: Path) -> None:
    page = tmp_path / "saved-page.txt"
    page.write_bytes((FIXTURES / "word-pasted.html").read_bytes())
    draft = tmp_path / "draft.json"
    code, out, _ = run("import", page, "-o", draft)
    assert code == 0, out
    assert load_draft(draft).report.meta.agency == "云岭市水务局"


def test_a_trial_format_report_is_named_and_not_written(tmp_path: Path) -> None:
    draft = tmp_path / "draft.json"
    code, out, _ = run("import", FIXTURES / "trial-2019.html", "-o", draft)
    assert code == 1
    assert "2019年试行格式" in out
    assert "未写入草稿" in out
    assert not draft.exists()


def test_a_pdf_that_is_not_ours_asks_for_the_page_or_the_word_file(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    pdf = tmp_path / "published.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with pdf.open("wb") as stream:
        writer.write(stream)
    code, _, err = run("import", pdf, "-o", tmp_path / "d.json")
    assert code == 2
    assert PDF_NOT_OURS in err
    assert "网页" in err and "Word" in err


def test_our_own_pdf_is_imported(tmp_path: Path, example_draft_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    assert run("export", example_draft_path, "-o", pdf)[0] == 0
    draft = tmp_path / "again.json"
    code, out, _ = run("import", pdf, "-o", draft)
    assert code == 0, out
    assert load_draft(draft).report.cells == load_draft(example_draft_path).report.cells


def test_new_from_last_years_page_and_check_against_it(tmp_path: Path) -> None:
    page = tmp_path / "2024.html"
    page.write_bytes((FIXTURES / "word-pasted.html").read_bytes())
    draft = tmp_path / "2025.json"
    code, out, _ = run("new", "--from", page, "-o", draft)
    assert code == 0, out
    report = load_draft(draft).report
    assert report.meta.year == 2025 and report.meta.agency == "云岭市水务局"
    assert report.cells["table3.carried_over.natural_person"] == 3  # last year's 结转下年度
    assert report.last_year_link is not None and report.last_year_link.path == "2024.html"
    code, out, err = run("check", draft)
    assert code == 1  # a new draft: 一 and the meta data are still empty
    assert "按上年现行有效 2" in out  # last year's figures came from the page
    assert "注意" not in err  # the link to the page is followed without a notice
    page.unlink()
    code, out, err = run("check", draft)
    assert "找不到关联的上年报告" in err
