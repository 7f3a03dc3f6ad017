"""The JSON Schema (draft 2020-12) of the canonical draft, generated from the format declaration.

``resources/draft.schema.json`` is this schema as text; a test keeps the two equal. Regenerate the
file after a change of the declaration or of the draft format with::

    .venv/bin/python -m report_desktop.storage.schema > resources/draft.schema.json

The schema describes what this program writes for a valid report: it is stricter than the reader,
which also loads negative or fractional counts and keys left out (see ``docs/draft-format.md``).
"""

from __future__ import annotations

import json
from typing import Any

from ..domain.declaration import ReportFormat, TextPart, ValueKind
from ..domain.format2021 import FORMAT_2021
from ..domain.model import CUSTOM_ITEM
from ..resources import resource_path
from . import migrations
from .codec import META_TEXT_KEYS, REPORT_TEXT_KEYS
from .draft import DRAFT_FORMAT
from .jsontext import dumps_canonical

Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
AMOUNT_PATTERN = r"^(0|[1-9][0-9]*)(\.[0-9]+)?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
TIMESTAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"


def draft_json_schema(fmt: ReportFormat = FORMAT_2021) -> Schema:
    """The schema of a canonical draft of the format edition ``fmt``."""
    return {
        "$schema": DIALECT,
        "title": "report-desktop draft",
        "description": "A draft of the annual government information disclosure report "
        f"(edition {fmt.edition}, {fmt.basis}), as written by report-desktop. "
        "See docs/draft-format.md.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "format",
            "format_edition",
            "schema_version",
            "app_version",
            "saved_at",
            "report",
        ],
        "properties": {
            "format": {"const": DRAFT_FORMAT},
            "format_edition": {"const": fmt.edition},
            "schema_version": {"const": migrations.CURRENT_SCHEMA_VERSION},
            "app_version": {"type": "string", "minLength": 1},
            "saved_at": {"type": "string", "pattern": TIMESTAMP_PATTERN},
            "report": {"$ref": "#/$defs/report"},
        },
        "$defs": _definitions(fmt),
    }


def draft_json_schema_text(fmt: ReportFormat = FORMAT_2021) -> str:
    """The schema as the text of ``resources/draft.schema.json``."""
    return dumps_canonical(draft_json_schema(fmt))


def shipped_draft_schema() -> Schema:
    """The schema file shipped with the program."""
    text = resource_path("resources", "draft.schema.json").read_text(encoding="utf-8")
    schema: Schema = json.loads(text)
    return schema


def _definitions(fmt: ReportFormat) -> Schema:
    return {
        "report": _report(),
        "meta": _meta(),
        "overview_item": _item(fmt.overview_parts),
        "other_item": _item(fmt.other_items),
        "cells": _cells(fmt),
        "previous": _previous(),
        "count": {"type": "integer", "minimum": 0},
        "amount": {
            "type": "string",
            "pattern": AMOUNT_PATTERN,
            "description": "A non-negative amount in 万元 with the clerk's exact decimals.",
        },
    }


def _report() -> Schema:
    properties: Schema = {key: {"type": "string"} for key in REPORT_TEXT_KEYS}
    properties |= {
        "meta": {"$ref": "#/$defs/meta"},
        "overview_parts": {"type": "array", "items": {"$ref": "#/$defs/overview_item"}},
        "other_items": {"type": "array", "items": {"$ref": "#/$defs/other_item"}},
        "cells": {"$ref": "#/$defs/cells"},
        "previous": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/previous"}]},
    }
    return _closed_object(properties)


def _previous() -> Schema:
    """The link to last year's report (schema version 2)."""
    return _closed_object(
        {
            "path": {"type": "string", "minLength": 1},
            "sha256": {"type": "string", "pattern": SHA256_PATTERN},
        }
    )


def _meta() -> Schema:
    properties: Schema = {key: {"type": "string"} for key in META_TEXT_KEYS}
    properties |= {
        "year": {"type": ["integer", "null"]},
        "publication_date": {"type": ["string", "null"], "pattern": DATE_PATTERN},
    }
    return _closed_object(properties)


def _item(parts: tuple[TextPart, ...]) -> Schema:
    keys = [part.id for part in parts] + [CUSTOM_ITEM]
    return _closed_object(
        {
            "key": {"enum": keys},
            "title": {"type": "string"},
            "text": {"type": "string"},
        }
    )


def _cells(fmt: ReportFormat) -> Schema:
    """Every typed cell, optional: a cell left out is not filled yet. Totals are never stored."""
    properties = {
        spec.id: {"$ref": "#/$defs/amount" if spec.kind is ValueKind.AMOUNT else "#/$defs/count"}
        for spec in fmt.leaf_cells
    }
    return {"type": "object", "additionalProperties": False, "properties": properties}


def _closed_object(properties: Schema) -> Schema:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(properties),
        "properties": properties,
    }


def main() -> None:
    """Print the schema (used to regenerate ``resources/draft.schema.json``)."""
    print(draft_json_schema_text(), end="")


if __name__ == "__main__":
    main()
