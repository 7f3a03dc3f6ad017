"""What the window needs from the running program (see :mod:`report_desktop.workflow.context`)."""

from __future__ import annotations

from ..workflow.context import AppContext, documents_folder

__all__ = ["AppContext", "documents_folder"]
