"""From a finding about a narrative to the words it quotes: the sentence selected in its field.

A text-against-table finding quotes the sentence (“…”) in the normalised form the checks read
(full-width digits and punctuation made ASCII); the 五 similarity finding quotes the repeated
passage without whitespace. :func:`find_quote` finds either in the clerk's own text.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from ..domain.findings import Finding
from ..domain.hygiene import QUOTING_RULES as HYGIENE_RULES
from ..domain.textcheck import LAST_YEAR_RULE, find_quote, quotes_in
from ..domain.textcheck import RULE as TABLE_MISMATCH
from .fields import TextField
from .pages.base import Page

PROBLEMS_REPEATED = "cross_year.problems_repeated"
QUOTING_RULES = (TABLE_MISMATCH, LAST_YEAR_RULE, PROBLEMS_REPEATED, *HYGIENE_RULES)


def finding_quotes(finding: Finding) -> list[str]:
    """The quoted words to look for, most telling first (the similarity message quotes the
    section's heading before the repeated passage)."""
    quotes = quotes_in(finding.message)
    return quotes[::-1] if finding.rule == PROBLEMS_REPEATED else quotes


def select_quote(page: Page, quotes: list[str]) -> TextField | None:
    """Select the first of ``quotes`` found in a text field of ``page`` and show it there."""
    fields = page.findChildren(TextField)
    for quote in quotes:
        for field in fields:
            text = field.toPlainText()
            span = find_quote(text, quote)
            if span is not None:
                select_span(page, field, _utf16(text, span[0]), _utf16(text, span[1]))
                return field
    return None


def _utf16(text: str, index: int) -> int:
    """A text cursor counts UTF-16 units: a character beyond the BMP counts twice."""
    return len(text[:index].encode("utf-16-le")) // 2


def select_span(page: Page, field: TextField, start: int, end: int) -> None:
    cursor = field.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    field.setTextCursor(cursor)
    page.reveal(field)
    field.ensureCursorVisible()
