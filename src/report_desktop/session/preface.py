"""The default 前言 follows what it quotes (agency, year, website, address, phone) as they are
typed, until the clerk writes the 前言 by hand. No Qt here.

The preface counts as untouched while it is exactly the default text for the current basic
information; so the rule needs no flag in the draft and survives saving and reopening. Once the
clerk has changed it, it is never rewritten silently (恢复默认前言 is there to ask for it).
"""

from __future__ import annotations

import dataclasses

from ..domain.model import Report, preface_for
from .fields import FieldValue

PREFACE = "preface"
QUOTED = ("agency", "year", "website_name", "website", "address", "phone")
"""The basic information the default preface quotes."""


def followed_preface(report: Report, key: str, value: FieldValue) -> str | None:
    """The preface to go with setting field ``key`` to ``value``: the default for the new basic
    information when the preface is still the default for the current one, else ``None``."""
    head, _, name = key.partition(".")
    if head != "meta" or name not in QUOTED:
        return None
    meta = dataclasses.replace(report.meta)
    setattr(meta, name, value)
    after = preface_for(report, meta)  # written by hand (or emptied): left alone
    return after if after != report.preface else None
