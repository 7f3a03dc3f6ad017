"""The headless commands, through main() and once through the installed entry point."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from report_desktop.cli import main
from report_desktop.storage import load_draft, save_draft


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def broken_draft(tmp_path: Path, example_draft_path: Path) -> Path:
    """The example with 表三 out of balance in the 自然人 column."""
    report = load_draft(example_draft_path).report
    report.cells["table3.new_applications.natural_person"] = 3
    report.cells["table3.disclosed.natural_person"] = 2
    path = tmp_path / "broken.json"
    save_draft(path, report)
    return path


def test_check_clean_example_exits_zero(example_draft_path: Path) -> None:
    code, out, _ = run("check", example_draft_path)
    assert code == 0
    assert out.strip() == "检查完毕：未发现问题"


def test_check_reports_errors_and_exits_one(broken_draft: Path) -> None:
    code, out, _ = run("check", broken_draft)
    assert code == 1
    assert (
        "错误：自然人列：本年新收 3 + 上年结转 0 = 3，办理结果总计 2 + 结转下年度 0 = 2，相差 1"
        in out
    )
    # The seed's text says 未收到政府信息公开申请, which the changed table now contradicts.
    assert (
        "警告：总体情况写“未收到政府信息公开申请”，表三“一、本年新收政府信息公开申请数量”总计为3件"
        in out
    )
    assert out.endswith("检查完毕：2 个错误，1 个警告，0 个提示\n")


def test_check_json(broken_draft: Path) -> None:
    code, out, _ = run("check", broken_draft, "--json")
    assert code == 1
    findings = json.loads(out)
    assert [f["rule"] for f in findings] == [
        "table3.balance",
        "table3.balance",
        "text.table_mismatch",
    ]
    assert findings[0]["severity"] == "error"
    assert "table3.carried_forward.natural_person" in findings[0]["cells"]


def test_check_with_last_year(tmp_path: Path, example_draft_path: Path) -> None:
    last = load_draft(example_draft_path).report
    last.cells["table3.carried_forward.commercial"] = 4
    previous = tmp_path / "2023.json"
    save_draft(previous, last)
    code, out, _ = run("check", example_draft_path, "--previous", previous)
    assert code == 0  # cross-year findings are warnings
    assert "警告：商业企业列：本年“上年结转” 0 件，上年报告“结转下年度继续办理”为 4 件" in out


@pytest.mark.parametrize("content", [b"", b'{"format": "report-desk', b"\xff\xfe\x00garbage"])
def test_unreadable_draft_exits_two_with_chinese_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, out, err = run("check", path)
    assert code == 2
    assert out == ""
    assert err.startswith("report-desktop：无法打开“")
    assert "Traceback" not in err


def test_missing_draft_exits_two(tmp_path: Path) -> None:
    code, _, err = run("check", tmp_path / "nowhere.json")
    assert code == 2
    assert "找不到" in err


def test_entry_point_never_shows_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "truncated.json"
    path.write_text('{"format": "report-desktop-draft", "schema_version": 1, "rep', "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "report_desktop", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "无法打开" in result.stderr


def test_import_then_check(tmp_path: Path) -> None:
    cells = tmp_path / "cells.csv"
    cells.write_text(
        "table,row,column,value\n"
        "三,一、本年新收政府信息公开申请数量,自然人,5\n"
        "三,（一）予以公开,自然人,5\n"
        '二,行政处罚,本年处理决定数量,"3,985,758"\n',
        encoding="utf-8",
    )
    draft = tmp_path / "draft.json"
    code, out, _ = run("import", cells, "-o", draft, "--agency", "环翠区统计局", "--year", "2024")
    assert code == 0, out
    assert "已导入 3 个单元格" in out
    report = load_draft(draft).report
    assert report.meta.agency == "环翠区统计局"
    assert report.cells["table2.punishment.decisions"] == 3985758
    assert "环翠区统计局" in report.preface and "2024年" in report.preface  # no XXXX left
    code, out, _ = run("check", draft)
    assert code == 0
    assert "提示：表二还有 9 个单元格未填写" in out


def test_import_with_errors_writes_nothing(tmp_path: Path) -> None:
    cells = tmp_path / "cells.csv"
    cells.write_text("table,row,column,value\n三,（九）不存在,自然人,1\n", encoding="utf-8")
    draft = tmp_path / "draft.json"
    code, out, _ = run("import", cells, "-o", draft)
    assert code == 1
    assert "第2行" in out
    assert "未写入草稿" in out
    assert not draft.exists()


def test_import_refuses_to_overwrite(tmp_path: Path, example_draft_path: Path) -> None:
    cells = tmp_path / "cells.csv"
    cells.write_text("table,row,column,value\n", encoding="utf-8")
    target = tmp_path / "existing.json"
    target.write_bytes(example_draft_path.read_bytes())
    code, _, err = run("import", cells, "-o", target)
    assert code == 2
    assert "已存在" in err
    assert target.read_bytes() == example_draft_path.read_bytes()


def test_import_unreadable_spreadsheet(tmp_path: Path) -> None:
    cells = tmp_path / "cells.xlsx"
    cells.write_bytes(b"not a zip")
    code, _, err = run("import", cells, "-o", tmp_path / "d.json")
    assert code == 2
    assert "无法导入" in err


def test_export_csv_round_trips_through_import(tmp_path: Path, broken_draft: Path) -> None:
    csv_path = tmp_path / "cells.csv"
    assert run("export", broken_draft, "-o", csv_path)[0] == 0
    assert csv_path.read_text("utf-8-sig").startswith("table,row,column,value\n")
    again = tmp_path / "again.json"
    assert run("import", csv_path, "-o", again)[0] == 0
    assert load_draft(again).report.cells == load_draft(broken_draft).report.cells


def test_export_unknown_suffix(tmp_path: Path, example_draft_path: Path) -> None:
    code, _, err = run("export", example_draft_path, "-o", tmp_path / "out.txt")
    assert code == 2
    assert "不支持导出为“.txt”" in err


def test_bad_command_line_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2
    assert "缺少参数 草稿" in capsys.readouterr().err


def test_export_pdf_of_a_report_with_errors_says_it_is_a_draft(
    tmp_path: Path, broken_draft: Path
) -> None:
    target = tmp_path / "report.pdf"
    code, out, _ = run("export", broken_draft, "-o", target)
    assert code == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert "注意：报告还有 2 个错误，导出的文件带有“草稿”标记" in out


def test_export_html_of_a_clean_report(tmp_path: Path, example_draft_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, _ = run("export", example_draft_path, "-o", target)
    assert code == 0
    assert out == f"已导出“{target}”\n"
    assert "威海市环翠区统计局" in target.read_text(encoding="utf-8")


def test_check_opens_an_exported_pdf_as_a_draft(tmp_path: Path, example_draft_path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert run("export", example_draft_path, "-o", target)[0] == 0
    code, out, _ = run("check", target)
    assert code == 0
    assert out.strip() == "检查完毕：未发现问题"
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(b"%PDF-1.7\n%%EOF\n")
    code, _, err = run("check", plain)
    assert code == 2
    assert "无法打开" in err
