"""Draft envelope: canonical text, saving, and every way a file can fail to be a draft."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import report_desktop
from report_desktop.domain.model import Meta, Report, TextItem, new_report
from report_desktop.storage import (
    DRAFT_FORMAT,
    Draft,
    DraftEditionError,
    DraftEncodingError,
    DraftError,
    DraftFormatError,
    DraftReadError,
    DraftSyntaxError,
    DraftValueError,
    DraftVersionError,
    DraftWriteError,
    dumps_draft,
    load_draft,
    loads_draft,
    migrations,
    save_draft,
)
from report_desktop.storage.draft import MAX_DRAFT_BYTES
from report_desktop.storage.jsontext import dumps_canonical

WHEN = dt.datetime(2025, 1, 20, 8, 30, 5, 123456, tzinfo=dt.UTC)


def _report() -> Report:
    report = new_report(Meta(agency="威海市环翠区统计局", year=2024))
    report.cells = {
        "table3.new_applications.natural_person": 2,
        "table2.fees.amount": Decimal("0.50"),
    }
    report.problems = "“引号”\n<script>alert('x')</script>\\"
    return report


def _envelope(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps_draft(_report(), saved_at=WHEN))
    for key, value in changes.items():
        if value is ...:
            del data[key]
        else:
            data[key] = value
    return data


def _text(**changes: Any) -> str:
    return dumps_canonical(_envelope(**changes))


def _fails(text: str, kind: type[DraftError]) -> DraftError:
    with pytest.raises(kind) as info:
        loads_draft(text)
    error = info.value
    assert str(error) == error.message
    assert error.title
    return error


# Writing ------------------------------------------------------------------------------------


def test_envelope_and_layout() -> None:
    text = dumps_draft(_report(), saved_at=WHEN)
    data = json.loads(text)
    assert data["format"] == DRAFT_FORMAT == "report-desktop-draft"
    assert data["format_edition"] == "2021"
    assert data["schema_version"] == migrations.CURRENT_SCHEMA_VERSION
    assert data["app_version"] == report_desktop.__version__
    assert data["saved_at"] == "2025-01-20T08:30:05Z"
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert "威海市环翠区统计局" in text
    assert "\\u" not in text


def test_saved_at_defaults_to_now_in_utc() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    saved = loads_draft(dumps_draft(_report())).saved_at
    assert saved is not None
    assert before <= saved <= dt.datetime.now(dt.UTC)
    assert saved.tzinfo is not None


def test_saved_at_in_another_zone_is_written_in_utc() -> None:
    beijing = dt.timezone(dt.timedelta(hours=8))
    moment = dt.datetime(2025, 1, 20, 16, 30, tzinfo=beijing)
    assert json.loads(dumps_draft(_report(), saved_at=moment))["saved_at"] == "2025-01-20T08:30:00Z"


def test_round_trip_through_text() -> None:
    report = _report()
    draft = loads_draft(dumps_draft(report, saved_at=WHEN))
    assert draft == Draft(
        report=report,
        schema_version=migrations.CURRENT_SCHEMA_VERSION,
        app_version=report_desktop.__version__,
        saved_at=WHEN.replace(microsecond=0),
        migrated_from=None,
    )
    assert str(draft.report.cells["table2.fees.amount"]) == "0.50"


def test_a_report_that_could_not_be_read_back_is_not_dumped() -> None:
    report = _report()
    report.meta.year = True
    with pytest.raises(DraftValueError, match=r"report\.meta\.year"):
        dumps_draft(report)


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "报告.json"
    save_draft(path, _report(), saved_at=WHEN)
    assert path.read_text(encoding="utf-8") == dumps_draft(_report(), saved_at=WHEN)
    assert load_draft(path).report == _report()
    assert load_draft(str(path)).report == _report()


def test_bad_report_never_replaces_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    save_draft(path, _report(), saved_at=WHEN)
    before = path.read_bytes()
    bad = _report()
    bad.cells["table3.results_total.natural_person"] = 1
    with pytest.raises(DraftValueError):
        save_draft(path, bad)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["draft.json"]


def test_failed_save_says_so_and_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.json"
    path.write_text("old", encoding="utf-8")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DraftWriteError) as info:
        save_draft(path, _report())
    assert "没有写入权限" in info.value.message
    assert isinstance(info.value.__cause__, PermissionError)
    assert path.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["draft.json"]


def test_save_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DraftWriteError, match="文件夹不存在"):
        save_draft(tmp_path / "missing" / "draft.json", _report())


# Reading: files that cannot be read -------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DraftReadError) as info:
        load_draft(tmp_path / "nope.json")
    assert "找不到" in info.value.message
    assert "nope.json" in info.value.message
    assert info.value.title == "无法读取草稿文件"
    assert isinstance(info.value.__cause__, FileNotFoundError)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(DraftReadError, match="文件夹"):
        load_draft(tmp_path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    path.write_text(dumps_draft(_report()), encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(DraftReadError, match="没有权限"):
            load_draft(path)
    finally:
        path.chmod(0o600)


def test_permission_error_is_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("report_desktop.storage.draft.read_limited", refuse)
    with pytest.raises(DraftReadError) as info:
        load_draft(tmp_path / "draft.json")
    assert "没有权限读取" in info.value.message
    assert isinstance(info.value.__cause__, PermissionError)


def test_other_os_error_is_wrapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("report_desktop.storage.draft.read_limited", broken)
    with pytest.raises(DraftReadError, match="输入/输出错误"):  # the system's words, translated
        load_draft(tmp_path / "draft.json")


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("report_desktop.storage.draft.MAX_DRAFT_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text(dumps_draft(_report()), encoding="utf-8")
    assert MAX_DRAFT_BYTES > 1_000_000
    with pytest.raises(DraftFormatError, match="过大"):
        load_draft(path)


# Reading: not UTF-8, not JSON, truncated ----------------------------------------------------------


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(dumps_draft(_report()).encode("gbk"))
    with pytest.raises(DraftEncodingError, match="UTF-8"):
        load_draft(path)


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_draft(_report()).encode())
    assert load_draft(path).report == _report()


def test_byte_order_mark_in_text_is_tolerated() -> None:
    assert loads_draft("\ufeff" + dumps_draft(_report())).report == _report()


def test_not_json_gives_line_and_column() -> None:
    error = _fails('{\n  "format": "report-desktop-draft",\n  oops\n}', DraftSyntaxError)
    assert isinstance(error, DraftSyntaxError)
    assert (error.line, error.column) == (3, 3)
    assert "第 3 行第 3 列" in error.message
    assert "键名" in error.message


@pytest.mark.parametrize("text", ["", "  \n", "\x00"])
def test_empty_or_garbage(text: str) -> None:
    _fails(text, DraftSyntaxError)


def test_duplicate_keys_are_refused() -> None:
    error = _fails('{"format": "a", "format": "report-desktop-draft"}', DraftSyntaxError)
    assert "format" in error.message


def test_deep_nesting_is_refused() -> None:
    _fails("[" * 100_000 + "]" * 100_000, DraftSyntaxError)


def test_truncated_text_at_many_points() -> None:
    text = dumps_draft(_report(), saved_at=WHEN)
    cuts = {*range(1, len(text) - 2, 37), len(text) - 2, len(text) // 2}
    for cut in sorted(cuts):
        with pytest.raises(DraftSyntaxError):
            loads_draft(text[:cut])


def test_truncated_file_inside_a_chinese_character(tmp_path: Path) -> None:
    data = dumps_draft(_report(), saved_at=WHEN).encode()
    cut = data.index("威".encode()) + 1
    path = tmp_path / "cut.json"
    path.write_bytes(data[:cut])
    with pytest.raises(DraftSyntaxError) as info:
        load_draft(path)
    assert "意外结束" in info.value.message
    assert info.value.line is not None


def test_truncated_file_at_many_points(tmp_path: Path) -> None:
    data = dumps_draft(_report(), saved_at=WHEN).encode()
    path = tmp_path / "cut.json"
    for cut in range(0, len(data) - 2, 53):
        path.write_bytes(data[:cut])
        with pytest.raises(DraftSyntaxError):
            load_draft(path)


# Reading: JSON that is not one of our drafts ------------------------------------------------------


@pytest.mark.parametrize("text", ["[]", '"report"', "42", "null"])
def test_json_that_is_not_an_object(text: str) -> None:
    _fails(text, DraftFormatError)


def test_missing_format_marker() -> None:
    error = _fails(_text(format=...), DraftFormatError)
    assert "没有 format 标记" in error.message
    assert error.title == "不是草稿文件"


def test_other_format_marker() -> None:
    error = _fails(_text(format="some-other-app"), DraftFormatError)
    assert "some-other-app" in error.message


def test_other_json_file() -> None:
    _fails('{"name": "package", "version": "1.0"}', DraftFormatError)


# Reading: versions and editions ---------------------------------------------------------------


def test_newer_schema_version_is_refused_before_the_report_is_read() -> None:
    newer = migrations.CURRENT_SCHEMA_VERSION + 1
    text = _text(schema_version=newer, app_version="9.9.0", report="not even an object", extra=1)
    error = _fails(text, DraftVersionError)
    assert isinstance(error, DraftVersionError)
    assert "更新版本" in error.message
    assert "9.9.0" in error.message
    assert error.schema_version == newer
    assert error.app_version == "9.9.0"


def test_newer_schema_version_without_app_version() -> None:
    error = _fails(_text(schema_version=7, app_version=...), DraftVersionError)
    assert "未知" in error.message


@pytest.mark.parametrize(
    ("version", "found"),
    [("1", "文本“1”"), (True, "布尔值"), (Decimal("1.0"), "数字"), (None, "空值")],
)
def test_schema_version_of_wrong_type(version: Any, found: str) -> None:
    text = _text(schema_version=version)
    error = _fails(text, DraftValueError)
    assert isinstance(error, DraftValueError)
    assert error.field == "schema_version"
    assert found in error.message


@pytest.mark.parametrize("version", [0, -1])
def test_schema_version_below_one(version: int) -> None:
    assert "不小于 1" in _fails(_text(schema_version=version), DraftValueError).message


def test_missing_schema_version() -> None:
    assert "schema_version" in _fails(_text(schema_version=...), DraftValueError).message


def test_unknown_format_edition() -> None:
    error = _fails(_text(format_edition="2031"), DraftEditionError)
    assert "2031" in error.message
    assert error.title == "未知的报告格式"


def test_format_edition_of_wrong_type() -> None:
    error = _fails(_text(format_edition=2021), DraftValueError)
    assert isinstance(error, DraftValueError)
    assert error.field == "format_edition"


def test_missing_format_edition_and_report() -> None:
    assert "format_edition" in _fails(_text(format_edition=...), DraftValueError).message
    assert "report" in _fails(_text(report=...), DraftValueError).message


def test_unknown_envelope_key() -> None:
    error = _fails(_text(comment="hi"), DraftValueError)
    assert isinstance(error, DraftValueError)
    assert error.field == "comment"


# Reading: envelope values -----------------------------------------------------------------------


def test_app_version_and_saved_at_may_be_left_out() -> None:
    draft = loads_draft(_text(app_version=..., saved_at=...))
    assert draft.app_version is None
    assert draft.saved_at is None
    assert draft.report == _report()


def test_saved_at_with_offset_or_naive_is_read_as_utc() -> None:
    assert loads_draft(_text(saved_at="2025-01-20T16:30:00+08:00")).saved_at == dt.datetime(
        2025, 1, 20, 8, 30, tzinfo=dt.UTC
    )
    assert loads_draft(_text(saved_at="2025-01-20T08:30:00")).saved_at == dt.datetime(
        2025, 1, 20, 8, 30, tzinfo=dt.UTC
    )


@pytest.mark.parametrize(
    ("key", "value"), [("saved_at", "yesterday"), ("saved_at", 5), ("app_version", 1)]
)
def test_envelope_values_of_wrong_type(key: str, value: Any) -> None:
    error = _fails(_text(**{key: value}), DraftValueError)
    assert isinstance(error, DraftValueError)
    assert error.field == key


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (
            ("cells", "table3.disclosed.research"),
            "abc",
            'report.cells["table3.disclosed.research"]',
        ),
        (("meta", "year"), "二〇二四", "report.meta.year"),
        (("other_items",), None, "report.other_items"),
    ],
)
def test_wrong_values_in_the_report_name_the_field(
    path: tuple[str, ...], value: Any, field: str
) -> None:
    data = _envelope()
    target = data["report"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    error = _fails(json.dumps(data, ensure_ascii=False), DraftValueError)
    assert field in error.message


def test_amount_as_json_number_keeps_its_digits() -> None:
    text = _text().replace('"table2.fees.amount": "0.50"', '"table2.fees.amount": 5949.088667000')
    assert str(loads_draft(text).report.cells["table2.fees.amount"]) == "5949.088667000"


def test_nan_is_refused_with_the_field() -> None:
    text = _text().replace('"table2.fees.amount": "0.50"', '"table2.fees.amount": NaN')
    error = _fails(text, DraftValueError)
    assert "table2.fees.amount" in error.message


def test_fractional_and_negative_counts_are_loaded_and_saved_back() -> None:
    text = _text().replace(
        '"table3.new_applications.natural_person": 2',
        '"table3.new_applications.natural_person": 2.50, "table3.disclosed.research": -4',
    )
    report = loads_draft(text).report
    assert report.cells["table3.new_applications.natural_person"] == Decimal("2.50")
    assert report.cells["table3.disclosed.research"] == -4
    again = dumps_draft(report, saved_at=WHEN)
    assert re.search(r'"table3.new_applications.natural_person": 2\.50$', again, re.M)
    assert re.search(r'"table3.disclosed.research": -4,$', again, re.M)
    assert loads_draft(again).report == report


def test_text_items_survive() -> None:
    report = Report(other_items=[TextItem("custom", "标题", "第一行\n第二行")])
    assert loads_draft(dumps_draft(report)).report == report
