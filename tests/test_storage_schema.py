"""The shipped JSON Schema is the generated one, and canonical drafts validate against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from report_desktop.domain.declaration import ValueKind
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import new_report
from report_desktop.resources import resource_path
from report_desktop.storage import dumps_draft, load_draft
from report_desktop.storage.codec import REPORT_KEYS
from report_desktop.storage.schema import (
    draft_json_schema,
    draft_json_schema_text,
    shipped_draft_schema,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(shipped_draft_schema())


def _errors(document: Any) -> list[str]:
    return [error.message for error in _validator().iter_errors(document)]


def test_shipped_file_equals_the_generated_schema() -> None:
    shipped = resource_path("resources", "draft.schema.json").read_text(encoding="utf-8")
    assert shipped == draft_json_schema_text(), (
        "regenerate: python -m report_desktop.storage.schema > resources/draft.schema.json"
    )
    assert shipped_draft_schema() == draft_json_schema()


def test_schema_is_a_valid_2020_12_schema() -> None:
    schema = shipped_draft_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_cells_are_the_typed_cells_of_the_declaration() -> None:
    cells = draft_json_schema()["$defs"]["cells"]["properties"]
    assert list(cells) == [spec.id for spec in FORMAT_2021.leaf_cells]
    amounts = [key for key, rule in cells.items() if rule["$ref"] == "#/$defs/amount"]
    expected = [s.id for s in FORMAT_2021.leaf_cells if s.kind is ValueKind.AMOUNT]
    assert amounts == expected == ["table2.fees.amount"]


def test_example_validates(example_draft_path: Path) -> None:
    assert _errors(json.loads(example_draft_path.read_text(encoding="utf-8"))) == []


def test_migrated_fixture_validates() -> None:
    """A version-1 draft, once upgraded and saved, is a canonical draft of the current version."""
    draft = load_draft(FIXTURES / "draft-v1-example.json")
    assert draft.migrated_from == 1
    assert _errors(json.loads(dumps_draft(draft.report, draft.saved_at))) == []


def _example(example_draft_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(example_draft_path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("table3.disclosed.natural_person", -1),
        ("table3.disclosed.natural_person", 1.5),
        ("table3.disclosed.natural_person", "1"),
        ("table2.fees.amount", "-1"),
        ("table2.fees.amount", "1e3"),
        ("table2.fees.amount", "01.5"),
        ("table2.fees.amount", 0),
        ("table3.results_total.natural_person", 0),
        ("table3.no_such_row.natural_person", 0),
    ],
)
def test_schema_refuses_what_is_not_canonical(
    cell: str, value: Any, example_draft_path: Path
) -> None:
    data = _example(example_draft_path)
    data["report"]["cells"][cell] = value
    assert _errors(data)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("format", "other"),
        ("format_edition", "2019"),
        ("schema_version", 1),
        ("saved_at", "2025-01-20 08:30"),
        ("extra", 1),
    ],
)
def test_schema_refuses_a_wrong_envelope(key: str, value: Any, example_draft_path: Path) -> None:
    data = _example(example_draft_path)
    data[key] = value
    assert _errors(data)


@pytest.mark.parametrize("key", REPORT_KEYS)
def test_schema_requires_every_report_key(key: str, example_draft_path: Path) -> None:
    data = _example(example_draft_path)
    del data["report"][key]
    assert _errors(data)


def test_empty_new_report_validates() -> None:
    assert _errors(json.loads(dumps_draft(new_report()))) == []
