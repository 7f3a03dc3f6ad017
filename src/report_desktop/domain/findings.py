"""What a rule reports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    """The report is wrong (a broken 勾稽关系, a negative count, no agency name)."""
    WARNING = "warning"
    """Probably wrong or against the format's guidance; the clerk may have reasons."""
    INFO = "info"
    """Worth a look (cells not filled yet, a high share of 其他处理)."""

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


# Ids of places that are not table cells, used in Finding.cells.
META_AGENCY = "meta.agency"
META_YEAR = "meta.year"


def text_place(section_id: str) -> str:
    """The place id of a narrative section, e.g. ``text.overview``."""
    return f"text.{section_id}"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    cells: tuple[str, ...]
    """Every place involved: cell ids (``table3.disclosed.natural_person``), ``meta.*`` fields,
    or ``text.<section id>`` for a narrative section."""
    message: str
    """Chinese, with the actual numbers."""

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "cells": list(self.cells),
            "message": self.message,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then information; stable otherwise."""
    return sorted(findings, key=lambda f: f.severity.rank)
