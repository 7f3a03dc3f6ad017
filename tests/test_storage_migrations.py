"""The migration mechanism, exercised on the schema-version-1 fixture with a made-up version 2."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from report_desktop.domain.model import Meta, Report, TextItem
from report_desktop.storage import (
    DraftMigrationError,
    dumps_draft,
    load_draft,
    loads_draft,
    migrations,
)

FIXTURE = Path(__file__).parent / "fixtures" / "draft-v1-example.json"


def _v1_report() -> Report:
    """What draft-v1-example.json holds; must keep loading from every later version."""
    return Report(
        meta=Meta(
            agency="某某县交通运输局",
            year=2023,
            website_name="某某县人民政府网站",
            website="http://www.example.gov.cn",
            address="某某县人民路1号",
            phone="0631-1234567",
            publication_date=dt.date(2024, 1, 26),
        ),
        preface="根据《中华人民共和国政府信息公开条例》要求，编制本报告。",
        overview_intro="2023年，本局认真落实“公开为常态、不公开为例外”的原则。",
        overview_parts=[
            TextItem("proactive", "主动公开方面", "主动公开政府信息120条。"),
            TextItem("on_request", "依申请公开方面", "收到申请3件。\n均已按期答复。"),
            TextItem("custom", "其他工作方面", ""),
        ],
        problems="一是公开内容不够丰富；二是解读形式单一。",
        other_items=[
            TextItem("processing_fee", "政府信息公开信息处理费收取情况", "未收取信息处理费。"),
            TextItem("custom", "政务公开培训情况", "组织培训2次。"),
        ],
        cells={
            "table2.fees.amount": Decimal("5949.088667"),
            "table2.licensing.decisions": 3985758,
            "table2.normative_documents.in_force": 15,
            "table2.normative_documents.issued": 2,
            "table2.normative_documents.repealed": 1,
            "table2.rules.issued": 0,
            "table3.disclosed.natural_person": 2,
            "table3.new_applications.natural_person": 3,
            "table3.unavailable_not_held.natural_person": 1,
            "table4.review.upheld": 1,
        },
    )


def _append_marker(marker: str) -> migrations.Migration:
    def step(envelope: dict[str, Any]) -> dict[str, Any]:
        envelope["report"]["problems"] += marker
        return envelope

    return step


def test_v1_fixture_loads_with_the_current_program() -> None:
    draft = load_draft(FIXTURE)
    assert draft.report == _v1_report()
    assert draft.saved_at == dt.datetime(2024, 1, 26, 1, 2, 3, tzinfo=dt.UTC)
    assert draft.app_version == "0.1.0"
    if migrations.CURRENT_SCHEMA_VERSION == 1:
        assert draft.migrated_from is None
        assert FIXTURE.read_text(encoding="utf-8") == dumps_draft(draft.report, draft.saved_at)
    else:
        assert draft.migrated_from == 1


def test_every_older_version_has_a_step() -> None:
    assert set(migrations.MIGRATIONS) == set(range(1, migrations.CURRENT_SCHEMA_VERSION))


def test_one_step_upgrades_the_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, _append_marker("【v2】"))
    draft = load_draft(FIXTURE)
    assert draft.migrated_from == 1
    assert draft.schema_version == 2
    assert draft.report.problems == _v1_report().problems + "【v2】"
    assert draft.report.cells == _v1_report().cells


def test_steps_apply_in_sequence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, _append_marker("A"))
    monkeypatch.setitem(migrations.MIGRATIONS, 2, _append_marker("B"))
    draft = load_draft(FIXTURE)
    assert draft.report.problems.endswith("AB")
    assert (draft.migrated_from, draft.schema_version) == (1, 3)


def test_upgraded_draft_is_saved_in_the_new_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, _append_marker("!"))
    text = dumps_draft(load_draft(FIXTURE).report)
    assert '"schema_version": 2' in text
    again = loads_draft(text)
    assert again.migrated_from is None
    assert again.report.problems.endswith("!")  # not applied twice


def test_schema_version_is_set_by_the_mechanism(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def step(envelope: dict[str, Any]) -> dict[str, Any]:
        seen.append(envelope["schema_version"])
        return envelope

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, step)
    monkeypatch.setitem(migrations.MIGRATIONS, 2, step)
    load_draft(FIXTURE)
    assert seen == [1, 2]


def test_missing_step_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, _append_marker("A"))
    with pytest.raises(DraftMigrationError) as info:
        load_draft(FIXTURE)
    assert "从文件格式版本 2 升级到版本 3" in info.value.message
    assert "缺少" in info.value.message
    assert info.value.title == "无法升级草稿文件"


def test_failing_step_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(envelope: dict[str, Any]) -> dict[str, Any]:
        del envelope["no such key"]
        return envelope

    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, broken)
    with pytest.raises(DraftMigrationError, match="从文件格式版本 1 升级到版本 2 时出错"):
        load_draft(FIXTURE)


def test_step_returning_nothing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, lambda envelope: None)
    with pytest.raises(DraftMigrationError):
        load_draft(FIXTURE)


def test_upgrade_does_not_modify_its_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, _append_marker("x"))
    envelope = {"schema_version": 1, "report": {"problems": ""}}
    upgraded = migrations.upgrade(envelope, 1)
    assert envelope == {"schema_version": 1, "report": {"problems": ""}}
    assert upgraded == {"schema_version": 2, "report": {"problems": "x"}}
