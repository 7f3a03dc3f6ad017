"""Undo commands: every change of an open report is one of these, pushed on the session's stack.

A command keeps the values before and after and asks the session to apply one or the other; the
session then tells the forms what changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtGui import QUndoCommand

from ..domain.values import CellValue
from .fields import FieldValue

if TYPE_CHECKING:
    from .report_session import ReportSession

MERGE_SECONDS = 2.0
"""Typing in one field merges into one undo step until the clerk pauses this long."""

_FIELD_COMMAND_ID = 1001

CellChanges = dict[str, tuple[CellValue, CellValue]]
"""cell id → (value before, value after)."""

State = TypeVar("State")


@dataclass(frozen=True)
class FieldChange:
    key: str
    old: FieldValue
    new: FieldValue


class ApplyCommand(QUndoCommand, Generic[State]):
    """A change that one of the session's ``apply_*`` methods makes: ``apply(after)`` does it,
    ``apply(before)`` undoes it (cells typed or pasted, a list of text items edited, the link to
    last year's report changed)."""

    def __init__(
        self, text: str, apply: Callable[[State], None], before: State, after: State
    ) -> None:
        super().__init__(text)
        self._apply = apply
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._apply(self._after)

    def undo(self) -> None:
        self._apply(self._before)


def cells_command(session: ReportSession, changes: CellChanges, text: str) -> QUndoCommand:
    """One or many typed cells changed at once (an entry, a paste, emptying a selection)."""
    before = {key: old for key, (old, _) in changes.items()}
    after = {key: new for key, (_, new) in changes.items()}
    return ApplyCommand(text, session.apply_cells, before, after)


class SetFieldCommand(QUndoCommand):
    """A text or meta field changed; consecutive typing in one field merges."""

    def __init__(
        self,
        session: ReportSession,
        key: str,
        old: FieldValue,
        new: FieldValue,
        *,
        text: str,
        mergeable: bool = True,
        follower: FieldChange | None = None,
    ) -> None:
        """``follower``: another field changed with this one, in the same step (the default
        preface following the agency's name as it is typed)."""
        super().__init__(text)
        self._session = session
        self.key = key
        self.old = old
        self.new = new
        self.mergeable = mergeable
        self.follower = follower
        self.stamp = time.monotonic()

    def id(self) -> int:
        return _FIELD_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.key != self.key:
            return False
        if not (self.mergeable and other.mergeable):
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        if (self.follower is None) != (other.follower is None):
            return False
        if self.follower is not None and other.follower is not None:
            self.follower = FieldChange(self.follower.key, self.follower.old, other.follower.new)
        self.new = other.new
        self.stamp = other.stamp
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self._session.apply_field(self.key, self.new)
        if self.follower is not None:
            self._session.apply_field(self.follower.key, self.follower.new)

    def undo(self) -> None:
        if self.follower is not None:
            self._session.apply_field(self.follower.key, self.follower.old)
        self._session.apply_field(self.key, self.old)
