"""Versions of the draft file format and the steps that upgrade an older draft.

Every change of the file format bumps :data:`CURRENT_SCHEMA_VERSION`, registers in
:data:`MIGRATIONS` a step that upgrades the envelope dict from the previous version, and adds a
fixture file of the previous version to the tests (``tests/fixtures/draft-v<N>-*.json``).

A step receives the whole envelope (``format``, ``schema_version``, ``report`` …) as read, with
numbers as ints and Decimals, and returns the upgraded envelope; the mechanism sets its
``schema_version``. Code reads these two names through the module (``migrations.MIGRATIONS``), so
a test can patch them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from .errors import DraftMigrationError

Envelope = dict[str, Any]
Migration = Callable[[Envelope], Envelope]

CURRENT_SCHEMA_VERSION = 2
"""The version this program writes and the newest it reads."""


def _link_to_last_year(envelope: Envelope) -> Envelope:
    """1 → 2: a report may be linked to last year's report (``report.previous``); v1 had none."""
    envelope["report"].setdefault("previous", None)
    return envelope


MIGRATIONS: dict[int, Migration] = {1: _link_to_last_year}
"""N → the step upgrading an envelope from version N to N + 1."""


def upgrade(envelope: Envelope, version: int) -> Envelope:
    """The envelope of a draft of ``version`` upgraded to the current version, step by step.

    The input is not modified. Raises :class:`DraftMigrationError` when a step is missing or fails.
    """
    current = copy.deepcopy(envelope)
    for step_from in range(version, CURRENT_SCHEMA_VERSION):
        step = MIGRATIONS.get(step_from)
        if step is None:
            raise DraftMigrationError(
                f"无法把草稿从文件格式版本 {step_from} 升级到版本 {step_from + 1}："
                "本程序缺少这一升级步骤。请把此文件提供给技术支持人员。"
            )
        current = _apply(step, current, step_from)
    return current


def _apply(step: Migration, envelope: Envelope, step_from: int) -> Envelope:
    try:
        upgraded = step(envelope)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise DraftMigrationError(f"{_failed(step_from)}文件内容与该版本不符。") from error
    if not isinstance(upgraded, dict):
        raise DraftMigrationError(f"{_failed(step_from)}升级步骤没有得到草稿内容。")
    upgraded["schema_version"] = step_from + 1
    return upgraded


def _failed(step_from: int) -> str:
    return f"把草稿从文件格式版本 {step_from} 升级到版本 {step_from + 1} 时出错："
