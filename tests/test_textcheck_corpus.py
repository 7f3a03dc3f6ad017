"""The text-against-table check on our annotated set of real-report forms, on last year's report
for 「较上年」, and on narratives generated from random tables (hypothesis)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from report_desktop.domain.model import Meta, new_report
from report_desktop.domain.textcheck import LAST_YEAR_RULE, RULE
from report_desktop.domain.textread import read_figures
from text_claims import (
    FORMS,
    KNOWN_MISSES,
    SILENT,
    SILENT_ZERO_TABLE,
    TABLE,
    Form,
    cells_of,
    figure_of,
    fill,
    mismatches,
    report_saying,
    score,
)


def _id(form: Form) -> str:
    return form.template[:24]


@pytest.mark.parametrize("form", FORMS, ids=_id)
def test_each_form_is_silent_when_it_agrees_with_the_table(form: Form) -> None:
    assert mismatches(report_saying(fill(form, agree=True))) == []


@pytest.mark.parametrize("form", [f for f in FORMS if f.category != KNOWN_MISSES], ids=_id)
def test_each_form_names_its_cells_when_it_disagrees(form: Form) -> None:
    findings = mismatches(report_saying(fill(form, agree=False)))
    assert any(set(cells_of(form.subject)) <= set(f.cells) for f in findings), findings
    assert all(f.cells[0] == "text.overview" and f.severity == "warning" for f in findings)


@pytest.mark.parametrize("form", [f for f in FORMS if f.category == KNOWN_MISSES], ids=_id)
def test_forms_known_to_be_missed_stay_missed(form: Form) -> None:
    """Documented limits (docs/text-checks.md): if one starts to be read, update the table."""
    assert mismatches(report_saying(fill(form, agree=False))) == []


@pytest.mark.parametrize(("category", "sentence"), SILENT)
def test_sentences_about_other_things_stay_silent(category: str, sentence: str) -> None:
    assert mismatches(report_saying(sentence)) == []


@pytest.mark.parametrize(("category", "sentence"), SILENT_ZERO_TABLE)
def test_none_forms_are_read_as_zero(category: str, sentence: str) -> None:
    assert mismatches(report_saying(sentence, table={})) == []
    assert mismatches(report_saying(sentence))


def test_the_score_has_no_false_alarms() -> None:
    scores = score()
    assert sum(entry.false_alarms for entry in scores.values()) == 0
    assert (
        sum(entry.found for entry in scores.values())
        >= 0.95 * sum(entry.forms for entry in scores.values() if entry.forms) - 3
    )


# Messages ---------------------------------------------------------------------------------------


def only(text: str) -> str:
    [finding] = mismatches(report_saying(text))
    return finding.message


def test_a_message_names_the_words_the_figure_and_the_cells() -> None:
    message = only("全年共收到政府信息公开申请 50 件。")
    assert message == (
        "总体情况写“收到政府信息公开申请50件”，表三“一、本年新收政府信息公开申请数量”总计为48件"
    )


def test_chinese_numerals_are_read_aloud_in_the_message() -> None:
    assert "（读作 2005）" in only("全年作出行政许可决定两千零五件。")
    assert "（读作 32）" in only("全年共收到三十二件政府信息公开申请。")


def test_a_group_of_results_is_named_as_the_group() -> None:
    assert only("办理申请45件，不予公开9件。").endswith("表三“（三）不予公开”各项合计为3件")


def test_a_wrong_share_names_the_stated_and_the_computed_share() -> None:
    message = only("答复申请45件，其中予以公开及部分公开的26件，占60%。")
    assert "占60%" in message and "57.8%" in message and "45件" in message


@pytest.mark.parametrize("share", ["57.78", "57.8", "58", "57.77"])
def test_shares_are_compared_as_rounded_as_stated(share: str) -> None:
    """26 / 45 = 57.777…: rounded or cut off to the places shown."""
    text = f"答复申请45件，其中予以公开及部分公开的26件，占{share}%。"
    assert mismatches(report_saying(text)) == []


def test_amounts_are_compared_as_rounded_as_stated() -> None:
    assert mismatches(report_saying("全年收取行政事业性收费12.4万元。")) == []
    assert mismatches(report_saying("全年收取行政事业性收费123500元。")) == []
    assert "为12.35万元" in only("全年收取行政事业性收费13.35万元。")


def test_repealed_and_declared_void_count_together() -> None:
    assert mismatches(report_saying("废止规范性文件3件，宣布失效规范性文件1件。")) == []
    message = only("废止规范性文件3件，宣布失效规范性文件2件。")
    assert "“废止规范性文件3件,宣布失效规范性文件2件”" in message
    assert "本年废止件数为4件" in message


def test_carried_forward_to_next_year_is_this_years_claim() -> None:
    assert mismatches(report_saying("办结45件，结转至2025年继续办理7件。")) == []
    assert "结转至2025年继续办理8件" in only("办结45件，结转至2025年继续办理8件。")
    assert mismatches(report_saying("2025年将继续办理8件申请。")) == []


def test_policy_documents_are_not_normative_documents() -> None:
    text = "制发行政规范性文件9件，公开政策性文件30件，其他文件12件。"
    assert mismatches(report_saying(text)) == []


def test_the_year_named_at_the_start_governs_the_sentence() -> None:
    assert mismatches(report_saying("2023年，共收到政府信息公开申请31件。")) == []
    assert mismatches(report_saying("2024年，共收到政府信息公开申请48件。")) == []
    assert only("2024年，共收到政府信息公开申请31件。")


def test_pdf_line_breaks_and_spaces_are_read_through() -> None:
    text = "全年收到政府信息公开申请 48 件，上年结转政府信息公开\n申请 4 件，不予公开答复 3\n件。"
    assert mismatches(report_saying(text)) == []
    text = "全年收到政府信息公开申请 48 件，上年结转政府信息公开\n申请 5 件。"
    assert "上年结转政府信息公开申请5件" in only(text)


def test_a_space_between_digits_is_not_one_number() -> None:
    assert read_figures("收到政府信息公开申请2 0件。", 2024) == ()


def test_long_digit_runs_are_not_figures() -> None:
    text = "收到政府信息公开申请" + "7" * 5000 + "件。"
    assert read_figures(text, 2024) == ()
    assert mismatches(report_saying(text)) == []


def test_the_seed_wording_is_read() -> None:
    """「未收到…，较2023年少1件」: zero this year; the change is for last year's report."""
    text = "2024年，环翠区统计局未收到政府信息公开申请，较2023年少1件。"
    assert mismatches(report_saying(text, table={})) == []
    assert mismatches(report_saying(text))


# Comparisons with last year's report -----------------------------------------------------------


def last_year(new: int) -> object:
    report = new_report(Meta(agency="威海市环翠区统计局", year=2023))
    report.cells["table3.new_applications.natural_person"] = new
    return report


@pytest.mark.parametrize(
    "text",
    [
        "全年共收到政府信息公开申请48件，较上年增加8件。",
        "全年共收到政府信息公开申请48件，同比增长20%。",
        "全年共收到政府信息公开申请48件，比2023年（40件）增长20%。",
        "全年共收到政府信息公开申请48件，与去年相比增加8件。",
    ],
)
def test_changes_agreeing_with_last_years_report_are_silent(text: str) -> None:
    assert mismatches(report_saying(text), last_year(40)) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("全年共收到政府信息公开申请48件，较上年增加5件。", "（变化 +5），"),
        ("全年共收到政府信息公开申请48件，同比下降20%。", "（变化 −20%），"),
        ("全年共收到政府信息公开申请48件，比2023年（45件）增长20%。", "（上年 45），"),
    ],
)
def test_changes_are_checked_against_last_years_report(text: str, words: str) -> None:
    findings = mismatches(report_saying(text), last_year(40))  # type: ignore[arg-type]
    assert [f.rule for f in findings] == [LAST_YEAR_RULE]
    assert words in findings[0].message
    assert "本年为48，上年报告为40" in findings[0].message


def test_changes_are_never_checked_against_this_years_cells() -> None:
    text = "全年共收到政府信息公开申请48件，较上年增加48件。"
    assert mismatches(report_saying(text)) == []  # no last year's report: nothing to compare
    assert [f.rule for f in mismatches(report_saying(text), last_year(0))] == []  # type: ignore[arg-type]


# Generated narratives ------------------------------------------------------------------------


def _plain(form: Form) -> bool:
    """Forms with no number of their own besides the one stated."""
    rest = re.sub(r"20\d\d年|100%", "", form.template)
    return not form.percent and not re.search(r"\d", rest) and form.category != KNOWN_MISSES


PLAIN_FORMS = [form for form in FORMS if _plain(form)]
SINGLE_SUM_SUBJECTS = {"carried_over", "carried_forward", "disclosed", "partial", "withheld"}
SINGLE_SUM_SUBJECTS |= {"licensing", "punishment", "coercion", "review", "direct", "after_review"}
SINGLE_SUM_SUBJECTS |= {"normative_documents.issued", "normative_documents.in_force"}
SINGLE_SUM = [form for form in PLAIN_FORMS if form.subject in SINGLE_SUM_SUBJECTS]
COUNT_CELLS = [cell for cell, value in TABLE.items() if isinstance(value, int)]


@st.composite
def tables(draw: st.DrawFn) -> dict[str, int | Decimal]:
    table: dict[str, int | Decimal] = {
        cell: draw(st.integers(min_value=0, max_value=3000)) for cell in COUNT_CELLS
    }
    cents = draw(st.integers(min_value=0, max_value=10**7))
    table["table2.fees.amount"] = Decimal(cents) / 100
    return table


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=tables(),
    chosen=st.lists(st.sampled_from(PLAIN_FORMS), min_size=1, max_size=6),
)
def test_consistent_narratives_from_random_tables_are_silent(
    table: dict[str, int | Decimal], chosen: list[Form]
) -> None:
    text = "".join(fill(form, agree=True, table=table) for form in chosen)
    assert mismatches(report_saying(text, table=table)) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=tables(),
    form=st.sampled_from(SINGLE_SUM),
    others=st.lists(st.sampled_from(PLAIN_FORMS), max_size=4),
    change=st.integers(min_value=1, max_value=500),
)
def test_one_perturbed_figure_is_named_with_both_numbers(
    table: dict[str, int | Decimal], form: Form, others: list[Form], change: int
) -> None:
    wrong = fill(form, agree=False, table=table, change=change)
    text = "".join(fill(f, agree=True, table=table) for f in others) + wrong
    findings = mismatches(report_saying(text, table=table))
    actual = int(figure_of(form.subject, table))
    named = [f for f in findings if set(cells_of(form.subject)) <= set(f.cells)]
    assert len(named) == 1, findings
    message = named[0].message.replace(",", "")
    assert str(actual + change) in message or "读作" in message
    assert f"为{actual}件" in message
    assert all(f.rule == RULE for f in findings)
