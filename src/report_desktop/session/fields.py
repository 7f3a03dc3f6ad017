"""Named fields of a report that the forms edit: ``meta.agency``, ``preface``,
``overview_parts.2.text`` …  One small vocabulary shared by pages, undo commands and findings.
"""

from __future__ import annotations

import datetime as dt

from ..domain.model import Meta, Report, TextItem

FieldValue = str | int | dt.date | None

REPORT_TEXT_FIELDS = ("preface", "overview_intro", "problems")
ITEM_LISTS = ("overview_parts", "other_items")


def get_field(report: Report, key: str) -> FieldValue:
    """The value of a field named by ``key``."""
    head, _, rest = key.partition(".")
    if head == "meta":
        value: FieldValue = getattr(report.meta, _meta_attr(rest))
        return value
    if head in REPORT_TEXT_FIELDS and not rest:
        text: str = getattr(report, head)
        return text
    item, attr = _item(report, head, rest)
    part: str = getattr(item, attr)
    return part


def set_field(report: Report, key: str, value: FieldValue) -> None:
    """Store ``value`` in the field named by ``key``."""
    head, _, rest = key.partition(".")
    if head == "meta":
        setattr(report.meta, _meta_attr(rest), value)
    elif head in REPORT_TEXT_FIELDS and not rest:
        setattr(report, head, value)
    else:
        item, attr = _item(report, head, rest)
        setattr(item, attr, value)


def item_field(list_name: str, index: int, attr: str) -> str:
    """The key of a text item's title or text: ``other_items.0.text``."""
    return f"{list_name}.{index}.{attr}"


def items_of(report: Report, list_name: str) -> list[TextItem]:
    if list_name not in ITEM_LISTS:
        raise KeyError(list_name)
    items: list[TextItem] = getattr(report, list_name)
    return items


def _meta_attr(name: str) -> str:
    if name not in Meta.__dataclass_fields__:
        raise KeyError(f"meta.{name}")
    return name


def _item(report: Report, list_name: str, rest: str) -> tuple[TextItem, str]:
    index, _, attr = rest.partition(".")
    if attr not in ("title", "text"):
        raise KeyError(f"{list_name}.{rest}")
    return items_of(report, list_name)[int(index)], attr
