"""Our own Word export imports back to the identical draft (what the document carries of it).

A document does not carry everything a draft holds: the website, address and phone appear only
inside the 前言, the publishing date not at all, an unfilled cell prints as 0, and a customary
part left empty is not printed (it comes back empty, in its declared place). The drafts generated
here are therefore complete: every cell filled, the meta data the title carries.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_desktop.domain.format2021 import FORMAT_2021
from report_desktop.domain.model import Meta, Report, TextItem, new_report
from report_desktop.interchange.report_import import import_file
from report_desktop.render.docx import render_docx
from report_desktop.storage import load_draft

_WORDS = "本局年度工作公开信息政务平台建设监督保障推进落实情况办理群众关切解读栏目更新制度"
_AGENCY = "云岭江北山南市区县水利交通林业"


def _line() -> st.SearchStrategy[str]:
    first = st.sampled_from(_WORDS)
    rest = st.text(alphabet=_WORDS + "，、", min_size=0, max_size=30)
    end = st.sampled_from(("。", "；", ""))
    return st.builds(lambda a, b, c: a + b + c, first, rest, end)


def _text() -> st.SearchStrategy[str]:
    return st.lists(_line(), min_size=0, max_size=3).map("\n".join)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    agency = draw(st.text(alphabet=_AGENCY, min_size=2, max_size=10)) + "局"
    year = draw(st.integers(2021, 2026))
    report = new_report(Meta(agency=agency, year=year))
    report.preface = draw(_text())
    report.overview_intro = draw(_text())
    report.overview_parts = [
        dataclasses.replace(part, text=draw(_text())) for part in report.overview_parts
    ]
    report.problems = draw(_text())
    report.other_items = [
        dataclasses.replace(item, text=draw(_text())) for item in report.other_items
    ]
    for spec in FORMAT_2021.leaf_cells:
        amount = spec.kind.value == "amount"
        report.cells[spec.id] = draw(
            st.decimals(min_value=0, max_value=10**6, places=2)
            if amount
            else st.integers(min_value=0, max_value=5_000_000)
        )
    return report


def _carried(report: Report) -> tuple[object, ...]:
    return (
        report.meta.agency,
        report.meta.year,
        report.preface,
        report.overview_intro,
        report.overview_parts,
        report.problems,
        report.other_items,
        report.cells,
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(report=reports())
def test_word_export_imports_back_identically(tmp_path: Path, report: Report) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(report, draft_mark=False))
    result = import_file(path)
    assert result.ok, result.errors
    assert not result.unplaced and not result.totals and not result.variants
    assert _carried(result.report) == _carried(report)


def test_the_example_report_round_trips(tmp_path: Path, example_draft_path: Path) -> None:
    report = load_draft(example_draft_path).report
    path = tmp_path / "example.docx"
    path.write_bytes(render_docx(report, draft_mark=False))
    result = import_file(path)
    got = result.report
    assert got.cells == {k: v for k, v in report.cells.items() if v is not None}
    assert (got.meta.agency, got.meta.year) == (report.meta.agency, report.meta.year)
    assert got.preface == report.preface
    assert got.overview_intro == report.overview_intro
    assert got.overview_parts == report.overview_parts
    assert got.problems == report.problems
    shown: list[TextItem] = [item for item in got.other_items if item.text]
    assert shown == [item for item in report.other_items if item.text]
    assert result.filled == len(FORMAT_2021.leaf_cells)


def test_amount_decimals_survive(tmp_path: Path) -> None:
    report = new_report(Meta(agency="云岭市水务局", year=2024))
    report.cells["table2.fees.amount"] = Decimal("5949.088667")
    path = tmp_path / "fees.docx"
    path.write_bytes(render_docx(report, draft_mark=False))
    assert import_file(path).report.cells["table2.fees.amount"] == Decimal("5949.088667")
