"""Text that XML can hold: every export (DOCX, HTML, PDF) gets its strings through here.

A draft may carry characters XML 1.0 forbids (control characters typed as JSON escapes, lone
U+FFFE/U+FFFF); python-docx refuses them and a browser shows garbage. They are removed, except
tab and line breaks, which XML allows. Document properties (the DOCX title and author) have a
length limit of their own: the property is shortened, never the text of the report.
"""

from __future__ import annotations

import dataclasses
import re

from ..domain.model import Report, TextItem

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

MAX_PROPERTY_CHARS = 255
"""OOXML core properties (title, author) hold at most this many characters."""


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def document_property(text: str) -> str:
    """A document property's value: XML-safe and cut to the property limit (with an ellipsis)."""
    text = xml_text(text)
    if len(text) <= MAX_PROPERTY_CHARS:
        return text
    return text[: MAX_PROPERTY_CHARS - 1] + "…"


def xml_safe_report(report: Report) -> Report:
    """A copy of ``report`` whose every text is XML-safe (the report itself is not changed)."""
    meta = report.meta
    clean_meta = dataclasses.replace(
        meta,
        agency=xml_text(meta.agency),
        website_name=xml_text(meta.website_name),
        website=xml_text(meta.website),
        address=xml_text(meta.address),
        phone=xml_text(meta.phone),
    )
    return dataclasses.replace(
        report,
        meta=clean_meta,
        preface=xml_text(report.preface),
        overview_intro=xml_text(report.overview_intro),
        overview_parts=[_item(item) for item in report.overview_parts],
        problems=xml_text(report.problems),
        other_items=[_item(item) for item in report.other_items],
    )


def _item(item: TextItem) -> TextItem:
    return TextItem(key=item.key, title=xml_text(item.title), text=xml_text(item.text))
