"""The example draft is the seed report (环翠区统计局 2024), every word and number of it."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import report_desktop
from report_desktop.domain.declaration import ValueKind
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import (
    Report,
    default_preface,
    other_text,
    overview_text,
    resolved_values,
)
from report_desktop.storage import dumps_draft, load_draft, migrations

SEED = Path(__file__).parent / "fixtures" / "draft-seed-huancui-statistics-2024.txt"
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]"


def _clean(line: str) -> str:
    """Undo the PDF extraction: spaces around CJK characters, the <> around the address."""
    line = re.sub(rf"(?<={_CJK})\s+|\s+(?={_CJK})", "", line.strip())
    return re.sub(r"<(https?://[^>]+)>", r"\1", line)


def _seed_lines() -> list[str]:
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def _seed_section(start: str, end: str | None) -> str:
    """The cleaned paragraphs from the line starting with ``start`` up to ``end``, joined by \\n."""
    lines = _seed_lines()
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    last = next((i for i, line in enumerate(lines) if end and line.startswith(end)), len(lines))
    return "\n".join(_clean(line) for line in lines[first:last])


@pytest.fixture
def report(example_draft_path: Path) -> Report:
    return load_draft(example_draft_path).report


def test_example_is_current_and_round_trips_byte_identically(
    example_draft_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = load_draft(example_draft_path)
    assert draft.migrated_from is None
    assert draft.schema_version == migrations.CURRENT_SCHEMA_VERSION
    assert draft.app_version is not None
    monkeypatch.setattr(report_desktop, "__version__", draft.app_version)
    text = example_draft_path.read_text(encoding="utf-8")
    assert dumps_draft(draft.report, saved_at=draft.saved_at) == text


def test_meta(report: Report) -> None:
    meta = report.meta
    assert meta.agency == "威海市环翠区统计局" == _seed_lines()[0]
    assert meta.year == 2024
    assert _clean(_seed_lines()[1]) == f"{meta.year}年政府信息公开工作年度报告"
    assert meta.website_name == "威海市环翠区人民政府网站"
    assert meta.website == "http://www.huancui.gov.cn"
    assert meta.address == "威海市文化中路59号创新园办公区1号楼11层"
    assert meta.phone == "5222557"
    assert meta.publication_date is None


def test_preface(report: Report) -> None:
    assert report.preface == _seed_section("根据", "一、总体情况")
    assert report.preface.count("\n") == 1
    assert "国务院令第711号" in report.preface
    assert report.preface == default_preface(report.meta)


def test_overview(report: Report) -> None:
    assert overview_text(report) == _seed_section("2024 年，环翠区统计局深入", "二、")
    assert [item.key for item in report.overview_parts] == [
        part.id for part in FORMAT_2021.overview_parts
    ]
    assert [item.title for item in report.overview_parts] == [
        "主动公开方面",
        "依申请公开工作方面",
        "政府信息管理方面",
        "平台建设方面",
        "监督保障方面",
    ]


def test_problems(report: Report) -> None:
    assert report.problems == _seed_section("2024年，环翠区统计局信息公开工作", "六、")
    assert report.problems.count("\n") == 1


def test_other_items(report: Report) -> None:
    assert other_text(report) == _seed_section("1.政府信息公开收费方面", None)
    assert [(item.key, item.title) for item in report.other_items] == [
        ("processing_fee", "政府信息公开收费方面"),
        ("proposals", "人大代表、政协委员提案办理方面"),
        ("misc", "其他方面"),
    ]


def test_no_extraction_artifacts_left(example_draft_path: Path) -> None:
    text = example_draft_path.read_text(encoding="utf-8")
    assert "<" not in text
    assert not re.search(rf"{_CJK} | {_CJK}|\d 年", text)


def test_every_cell_is_filled_with_zero(report: Report) -> None:
    assert set(report.cells) == {spec.id for spec in FORMAT_2021.leaf_cells}
    for spec in FORMAT_2021.leaf_cells:
        value = report.cells[spec.id]
        if spec.kind is ValueKind.AMOUNT:
            assert isinstance(value, Decimal)
            assert str(value) == "0"
        else:
            assert value == 0
            assert type(value) is int
    assert set(resolved_values(report).values()) == {0}
