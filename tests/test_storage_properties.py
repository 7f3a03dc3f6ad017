"""Property tests: valid reports survive dumps/loads; the canonical writer matches json.dumps."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from report_desktop.domain.declaration import TextPart, ValueKind
from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import CUSTOM_ITEM, Meta, Report, TextItem
from report_desktop.domain.values import CellValue
from report_desktop.storage import dumps_draft, loads_draft
from report_desktop.storage.jsontext import dumps_canonical, loads_exact
from report_desktop.storage.schema import draft_json_schema

_TRICKY = [
    '"',
    "\\",
    "\n",
    "\r\n",
    "\t",
    "<script>alert('x')</script>",
    "</textarea>",
    "{{ x }}",
    "\u2028",
    "\x00",
    "😀",
    "“引号”",
    "'单引号'",
]
_CHINESE = "环翠区统计局政府信息公开工作年度报告，。；：“”《》（）〔〕、一二三0123456789"

texts = st.one_of(
    st.text(),
    st.text(alphabet=_CHINESE + "abc \"'\\<>&/\n"),
    st.lists(st.sampled_from([*_TRICKY, "环翠区", "x"]), max_size=6).map("".join),
)
amounts = st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(
        min_value=0, max_value=10**9, places=places, allow_nan=False, allow_infinity=False
    )
)


def _value(kind: ValueKind) -> st.SearchStrategy[CellValue]:
    number = amounts if kind is ValueKind.AMOUNT else st.integers(min_value=0, max_value=10**7)
    return st.one_of(st.none(), number)


cells = st.fixed_dictionaries(
    {},
    optional={spec.id: _value(spec.kind) for spec in FORMAT_2021.leaf_cells},
)


def _items(parts: tuple[TextPart, ...]) -> st.SearchStrategy[list[TextItem]]:
    keys = st.sampled_from([part.id for part in parts] + [CUSTOM_ITEM])
    return st.lists(st.builds(TextItem, key=keys, title=texts, text=texts), max_size=6)


metas = st.builds(
    Meta,
    agency=texts,
    year=st.one_of(st.none(), st.integers(min_value=1949, max_value=2200)),
    website_name=texts,
    website=texts,
    address=texts,
    phone=texts,
    publication_date=st.one_of(st.none(), st.dates()),
)
reports = st.builds(
    Report,
    meta=metas,
    preface=texts,
    overview_intro=texts,
    overview_parts=_items(FORMAT_2021.overview_parts),
    problems=texts,
    other_items=_items(FORMAT_2021.other_items),
    cells=cells,
)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)


def _exact(cells: dict[str, CellValue]) -> dict[str, tuple[type, str]]:
    """Cells as (type, digits): Decimal("0.5") == Decimal("0.50"), but the clerk typed one."""
    return {key: (type(value), str(value)) for key, value in cells.items() if value is not None}


@settings(max_examples=150, deadline=None)
@given(reports, moments)
def test_valid_reports_round_trip(report: Report, saved_at: dt.datetime) -> None:
    text = dumps_draft(report, saved_at=saved_at)
    draft = loads_draft(text)
    expected = report.copy()
    expected.cells = {key: value for key, value in report.cells.items() if value is not None}
    assert draft.report == expected
    assert _exact(draft.report.cells) == _exact(report.cells)
    assert draft.saved_at == saved_at.replace(microsecond=0)
    assert dumps_draft(draft.report, saved_at=draft.saved_at) == text


@settings(max_examples=40, deadline=None)
@given(reports)
def test_canonical_drafts_of_valid_reports_match_the_schema(report: Report) -> None:
    document = json.loads(dumps_draft(report))
    jsonschema.Draft202012Validator(draft_json_schema()).validate(document)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=20,
)


@given(json_values)
def test_canonical_text_is_json_dumps(value: Any) -> None:
    expected = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    assert dumps_canonical(value) == expected
    assert loads_exact(expected) == value


@given(amounts)
def test_decimals_are_written_as_exact_numbers(amount: Decimal) -> None:
    text = dumps_canonical({"n": amount})
    assert loads_exact(text) == {"n": amount}
    assert str(loads_exact(text)["n"]) == format(amount, "f")
