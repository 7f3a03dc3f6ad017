"""Regression tests of issue 10: bad files never crash, hang or exhaust memory.

Each test reproduces one defect found by the attack on the file-reading paths; see
docs/hardening.md for the whole list and the fuzzing figures.
"""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from report_desktop import cli
from report_desktop.cli import main
from report_desktop.domain.model import new_report
from report_desktop.domain.textcheck import stated_figures
from report_desktop.storage import DraftError, DraftWriteError, load_draft, loads_draft, save_draft

LONG = "9" * 5000
"""More digits than Python turns into an int by default (4,300)."""


def run(*argv: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def example(example_draft_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_draft_path.read_text("utf-8"))
    return data


def write_draft(path: Path, data: dict[str, Any], raw: dict[str, str] | None = None) -> Path:
    """Write ``data``; every ``"@name@"`` string is replaced by the raw JSON text ``raw[name]``."""
    text = json.dumps(data, ensure_ascii=False)
    for name, literal in (raw or {}).items():
        text = text.replace(f'"@{name}@"', literal)
    path.write_text(text, "utf-8")
    return path


CELL = "table3.new_applications.natural_person"
AMOUNT = "table2.fees.amount"


# Exit code 3 for an unexpected error --------------------------------------------------------


def test_unexpected_error_is_exit_3_with_a_log_named_in_chinese(
    example_draft_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "run_check", broken)
    code, _, err = run("check", example_draft_path)
    assert code == 3
    assert "程序内部出错" in err and "Traceback" not in err
    log = Path(err.split("日志文件“", 1)[1].split("”", 1)[0])
    assert "RuntimeError: boom" in log.read_text("utf-8")


# 1. Numbers over 4,300 digits ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "export", "new"])
def test_long_number_in_a_draft_cell_is_refused_naming_the_cell(
    tmp_path: Path, example_draft_path: Path, command: str
) -> None:
    data = example(example_draft_path)
    data["report"]["cells"][CELL] = "@n@"
    draft = write_draft(tmp_path / "long.json", data, {"n": LONG})
    argv = {
        "check": ("check", draft),
        "export": ("export", draft, "-o", tmp_path / "out.html"),
        "new": ("new", "--from", draft, "-o", tmp_path / "new.json"),
    }[command]
    code, _, err = run(*argv)
    assert code == 2
    assert CELL in err and "超出" in err


def test_long_number_in_the_year_is_refused(tmp_path: Path, example_draft_path: Path) -> None:
    data = example(example_draft_path)
    data["report"]["meta"]["year"] = "@n@"
    draft = write_draft(tmp_path / "long.json", data, {"n": LONG})
    with pytest.raises(DraftError, match=r"report\.meta\.year"):
        load_draft(draft)


def test_long_number_in_a_csv_value_is_a_line_error(tmp_path: Path) -> None:
    csv = tmp_path / "cells.csv"
    csv.write_text(f"table,row,column,value\n表三,（一）予以公开,自然人,{LONG}\n", "utf-8")
    code, out, _ = run("import", csv, "-o", tmp_path / "d.json")
    assert code == 1
    assert "第2行" in out and "超出" in out
    assert not (tmp_path / "d.json").exists()


def test_long_number_in_the_narrative_does_not_crash_the_text_check() -> None:
    text = f"本年度新制发规章{LONG}件，现行有效行政规范性文件{LONG}件。"
    assert stated_figures(text, 2024) == ()  # no figure that long is a claim, and no crash


# 2. Huge exponents --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "literal"),
    [(CELL, "1e1000000"), (AMOUNT, "1e999999999"), (AMOUNT, "1e-999999999"), (CELL, "1e3")],
)
def test_huge_exponent_is_refused_on_reading(
    tmp_path: Path, example_draft_path: Path, cell: str, literal: str
) -> None:
    data = example(example_draft_path)
    data["report"]["cells"][cell] = "@n@"
    draft = write_draft(tmp_path / "exp.json", data, {"n": literal})
    if literal == "1e3":  # a plausible value written with an exponent stays readable
        assert run("check", draft)[0] in (0, 1)
        return
    code, _, err = run("check", draft)
    assert code == 2
    assert cell in err


def test_the_plausible_maximum_is_declared_with_the_cell() -> None:
    from report_desktop.domain.format2021 import FORMAT_2021

    count = FORMAT_2021.cell(CELL)
    amount = FORMAT_2021.cell(AMOUNT)
    assert count.maximum >= 10**6
    assert amount.maximum >= 10**6
    assert count.block.maximum is None or count.block.maximum == count.maximum


def test_typed_value_over_the_maximum_is_refused_with_the_reason() -> None:
    from report_desktop.domain.declaration import ValueKind
    from report_desktop.domain.values import CellValueError, parse_cell

    with pytest.raises(CellValueError, match="超出"):
        parse_cell(ValueKind.COUNT, "9" * 30)
    with pytest.raises(CellValueError):
        parse_cell(ValueKind.AMOUNT, "1." + "0" * 50 + "1")


# 3. Years ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["20244", "-5", "1" + "0" * 30, "2020"])
def test_new_accepts_only_plausible_years(tmp_path: Path, year: str) -> None:
    code, _, err = run("new", "-o", tmp_path / "n.json", "--year", year)
    assert code == 2
    assert "报告年度" in err and "2021" in err
    assert not (tmp_path / "n.json").exists()


@pytest.mark.parametrize("year", [20244, -5, 99999])
def test_draft_with_a_year_outside_the_calendar_is_refused(
    tmp_path: Path, example_draft_path: Path, year: int
) -> None:
    data = example(example_draft_path)
    data["report"]["meta"]["year"] = year
    draft = write_draft(tmp_path / "y.json", data)
    code, _, err = run("export", draft, "-o", tmp_path / "y.docx")
    assert code == 2
    assert "report.meta.year" in err
    assert not (tmp_path / "y.docx").exists()


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_last_year_of_the_calendar_still_exports(
    tmp_path: Path, example_draft_path: Path, suffix: str
) -> None:
    data = example(example_draft_path)
    data["report"]["meta"]["year"] = 9999  # readable (four digits); check says it is wrong
    draft = write_draft(tmp_path / "y.json", data)
    code, _, err = run("export", draft, "-o", tmp_path / f"y{suffix}")
    assert code == 0, err


def test_check_says_why_a_future_year_is_wrong(tmp_path: Path, example_draft_path: Path) -> None:
    data = example(example_draft_path)
    data["report"]["meta"]["year"] = 2100
    code, out, _ = run("check", write_draft(tmp_path / "y.json", data))
    assert code == 1
    assert "报告年度 2100" in out
    assert "2021年版格式用于2021年度及以后" not in out  # that reason is wrong for 2100


# 4. XML-unsafe characters and long names in exports ----------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_control_characters_do_not_break_exports(
    tmp_path: Path, example_draft_path: Path, suffix: str
) -> None:
    data = example(example_draft_path)
    data["report"]["meta"]["agency"] = "威海\u0001市\u000b统计局\ufffe"
    data["report"]["preface"] = "前言\u0000有\u001f控制字符"
    draft = write_draft(tmp_path / "c.json", data)
    out = tmp_path / f"c{suffix}"
    code, _, err = run("export", draft, "-o", out)
    assert code == 0, err
    if suffix == ".docx":
        with zipfile.ZipFile(out) as archive:
            body = archive.read("word/document.xml").decode("utf-8")
        assert "威海市统计局" in body.replace("\ufffd", "")


def test_a_very_long_agency_name_exports_to_docx_whole(
    tmp_path: Path, example_draft_path: Path
) -> None:
    data = example(example_draft_path)
    name = "威海市环翠区" * 50  # 300 characters
    data["report"]["meta"]["agency"] = name
    draft = write_draft(tmp_path / "long.json", data)
    out = tmp_path / "long.docx"
    code, _, err = run("export", draft, "-o", out)
    assert code == 0, err
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert name in body


def test_loads_draft_text_with_a_long_number_raises_a_draft_error(example_draft_path: Path) -> None:
    data = example(example_draft_path)
    data["report"]["cells"][CELL] = "@n@"
    text = json.dumps(data, ensure_ascii=False).replace('"@n@"', LONG)
    with pytest.raises(DraftError):
        loads_draft(text)


# 6. Unbounded reads ------------------------------------------------------------------------------


def run_process(*argv: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, with 1.5 GB of address space and a time limit
    (a reader that waits on a FIFO or reads /dev/zero without end fails here instead of hanging)."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))

    return subprocess.run(
        [sys.executable, "-m", "report_desktop", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit_memory,
        check=False,
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("reader", ["check", "import-csv", "check-pdf"])
def test_a_device_is_refused_at_once(tmp_path: Path, reader: str) -> None:
    for name in ("zero.json", "zero.csv", "zero.pdf"):
        (tmp_path / name).symlink_to("/dev/zero")
    argv = {
        "check": ("check", tmp_path / "zero.json"),
        "import-csv": ("import", tmp_path / "zero.csv", "-o", tmp_path / "d.json"),
        "check-pdf": ("check", tmp_path / "zero.pdf"),
    }[reader]
    result = run_process(*argv)
    assert result.returncode == 2, result.stderr
    assert "设备" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("name", ["fifo.json", "fifo.csv", "fifo.pdf", "fifo.xlsx"])
def test_a_fifo_is_refused_without_waiting(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    if name.endswith((".csv", ".xlsx")):
        result = run_process("import", fifo, "-o", tmp_path / "d.json", timeout=30)
    else:
        result = run_process("check", fifo, timeout=30)
    assert result.returncode == 2, result.stderr
    assert "管道" in result.stderr


def test_a_huge_pdf_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as handle:
        handle.truncate(200 * 2**20)  # sparse: 200 MB without writing them
    code, _, err = run("check", big)
    assert code == 2
    assert "MB" in err


def _xlsx_with(tmp_path: Path, part: str, content: bytes) -> Path:
    from openpyxl import Workbook

    path = tmp_path / "cells.xlsx"
    book = Workbook()
    book.active.append(["table", "row", "column", "value"])
    book.save(path)
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[part] = content
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for member, data in members.items():
            target.writestr(member, data)
    return path


@pytest.mark.parametrize("part", ["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"])
def test_an_xlsx_that_unpacks_huge_is_refused_before_openpyxl(tmp_path: Path, part: str) -> None:
    bomb = b"<?xml version='1.0'?>" + b" " * (40 * 2**20)
    path = _xlsx_with(tmp_path, part, bomb)
    code, _, err = run("import", path, "-o", tmp_path / "d.json")
    assert code == 2
    assert "解压后过大" in err


def test_a_csv_with_a_very_long_label_is_refused_quickly(tmp_path: Path) -> None:
    label = (
        "予以公开" * 5000
    )  # 20,000 characters: the fuzzy matcher took seconds, 120,000 took 66 s
    csv = tmp_path / "cells.csv"
    csv.write_text(f"table,row,column,value\n表三,{label},自然人,1\n", "utf-8")
    code, out, _ = run("import", csv, "-o", tmp_path / "d.json")
    assert code == 1
    assert "过长" in out and len(out) < 2000


def test_too_many_rows_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from report_desktop.interchange import sheet

    monkeypatch.setattr(sheet, "MAX_LINES", 20)
    csv = tmp_path / "cells.csv"
    rows = "".join("表三,（一）予以公开,自然人,1\n" for _ in range(30))
    csv.write_text("table,row,column,value\n" + rows, "utf-8")
    code, _, err = run("import", csv, "-o", tmp_path / "d.json")
    assert code == 2
    assert "行数过多" in err


def test_a_formula_without_a_cached_value_is_reported(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "cells.xlsx"
    book = Workbook()
    book.active.append(["table", "row", "column", "value"])
    book.active.append(["表三", "（一）予以公开", "自然人", "=1+1"])  # openpyxl stores no result
    book.save(path)
    code, out, _ = run("import", path, "-o", tmp_path / "d.json")
    assert code == 1
    assert "公式" in out and "=1+1" in out


# 7. Orphan temp files; OS errors in Chinese -------------------------------------------------------


def _temp_of(draft: Path, age: float) -> Path:
    temp = draft.with_name(f".{draft.name}.{os.urandom(6).hex()}.tmp")
    temp.write_text("half a draft", "utf-8")
    moment = time.time() - age
    os.utime(temp, (moment, moment))
    return temp


@pytest.mark.parametrize("how", ["save", "open"])
def test_stale_temp_files_of_the_draft_are_removed(
    tmp_path: Path, example_draft_path: Path, how: str
) -> None:
    draft = tmp_path / "年报.json"
    draft.write_bytes(example_draft_path.read_bytes())
    stale = [_temp_of(draft, age=3600) for _ in range(3)]
    fresh = _temp_of(draft, age=0)  # perhaps another program's save in progress
    other = _temp_of(tmp_path / "别的.json", age=3600)
    if how == "save":
        save_draft(draft, load_draft(draft).report)
    else:
        load_draft(draft)
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and other.exists()


def test_a_failed_first_save_does_not_claim_an_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(DraftWriteError) as info:
        save_draft(tmp_path / "new.json", new_report())
    assert "磁盘空间不足" in info.value.message
    assert "原来的文件" not in info.value.message
    assert "No space" not in info.value.message


def test_saving_through_a_symlink_loop_is_a_chinese_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    code, _, err = run("new", "-o", loop, "--force")
    assert code == 2
    assert "符号链接" in err and "Too many" not in err


# 5. The lock ----------------------------------------------------------------------------------


def _their_lock(draft: Path, pid: int) -> None:
    from report_desktop.storage.lock import lock_path_beside, this_host

    owner = {"host": this_host(), "user": "zhangsan", "pid": pid, "since": None, "token": "x"}
    lock_path_beside(draft).write_text(json.dumps(owner), "utf-8")


@pytest.fixture
def held_draft(tmp_path: Path, example_draft_path: Path) -> Path:
    """A draft linked to last year's, open in a window (a live process on this machine)."""
    draft = tmp_path / "2025.json"
    previous = tmp_path / "2024.json"
    previous.write_bytes(example_draft_path.read_bytes())
    assert run("new", "--from", previous, "-o", draft)[0] == 0
    _their_lock(draft, os.getppid())
    return draft


@pytest.mark.parametrize(
    "argv",
    [
        ("link", "{draft}", "--clear"),
        ("link", "{draft}", "{previous}"),
        ("new", "-o", "{draft}", "--force"),
        ("import", "{csv}", "-o", "{draft}", "--force"),
    ],
)
def test_writing_commands_respect_the_window_lock(held_draft: Path, argv: tuple[str, ...]) -> None:
    csv = held_draft.with_name("cells.csv")
    csv.write_text("table,row,column,value\n表三,（一）予以公开,自然人,1\n", "utf-8")
    names = {"draft": held_draft, "previous": held_draft.with_name("2024.json"), "csv": csv}
    before = held_draft.read_bytes()
    code, _, err = run(*(part.format(**names) for part in argv))
    assert code == 2
    assert "正被编辑" in err
    assert held_draft.read_bytes() == before


def test_a_writing_command_leaves_no_lock_behind(held_draft: Path) -> None:
    from report_desktop.storage.lock import lock_path_beside

    lock_path_beside(held_draft).unlink()
    assert run("link", held_draft, "--clear")[0] == 0
    assert not lock_path_beside(held_draft).exists()


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_another_name_of_the_same_file_finds_the_lock(tmp_path: Path, kind: str) -> None:
    from report_desktop.storage.lock import DraftLock, LockState

    draft = tmp_path / "a" / "2024.json"
    draft.parent.mkdir()
    draft.write_text("{}", "utf-8")
    other = tmp_path / "b" / "别名.json"
    other.parent.mkdir()
    if kind == "symlink":
        other.symlink_to(draft)
    else:
        os.link(draft, other)
    first = DraftLock(draft, tmp_path / "state")
    assert first.acquire().acquired
    second = DraftLock(other, tmp_path / "state").acquire()
    assert second.state is LockState.HELD_BY_OTHER
    first.release()
    assert DraftLock(other, tmp_path / "state").acquire().acquired


@pytest.mark.parametrize("pid", [2**63, 2**64 + 5, 10**30])
def test_a_lock_naming_an_impossible_pid_is_stale(tmp_path: Path, pid: int) -> None:
    from report_desktop.storage.lock import DraftLock, LockState

    draft = tmp_path / "2024.json"
    draft.write_text("{}", "utf-8")
    _their_lock(draft, pid)
    state = DraftLock(draft, tmp_path / "state").acquire().state
    assert state in (LockState.STALE, LockState.ACQUIRED)  # its process cannot exist


# Very long narratives --------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".html"])
def test_a_megabyte_of_narrative_is_refused_with_a_clear_message(
    tmp_path: Path, example_draft_path: Path, suffix: str
) -> None:
    data = example(example_draft_path)
    data["report"]["preface"] = "本机关依法公开政府信息。" * 90_000  # about 1 MB
    draft = write_draft(tmp_path / "long.json", data)
    code, _, err = run("export", draft, "-o", tmp_path / f"long{suffix}")
    assert code == 1
    assert "正文共" in err and "上限" in err
    assert not (tmp_path / f"long{suffix}").exists()
    code, out, _ = run("check", draft)
    assert code == 1 and "正文共" in out


def test_an_unexpected_error_in_the_window_is_logged_and_shown_in_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from report_desktop import app
    from report_desktop.ui import crash_dialog

    shown: list[str] = []
    monkeypatch.setattr(crash_dialog, "show_crash", shown.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app.install_crash_hook()
    try:
        raise RuntimeError("slot failed")
    except RuntimeError as error:
        sys.excepthook(RuntimeError, error, error.__traceback__)
    err = capsys.readouterr().err
    assert "程序内部出错" in err and "Traceback" not in err
    assert shown and "日志文件" in shown[0]
    log = Path(shown[0].split("日志文件“", 1)[1].split("”", 1)[0])
    assert "RuntimeError: slot failed" in log.read_text("utf-8")
