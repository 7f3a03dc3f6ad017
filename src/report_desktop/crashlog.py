"""Unexpected errors: written to a log file, reported to the clerk in Chinese with its name.

A crash is never shown as a bare traceback. :func:`record` writes the traceback (and what the
program was doing) to ``<state_dir>/logs/error-<time>-<pid>.log`` — or to the system's temporary
folder when the state folder cannot be written — and :func:`chinese_message` says what happened
and where the details are. No Qt here: the command line and the window both use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

import report_desktop

EXIT_CRASH = 3
"""The command line's exit code for an unexpected error (1 means "the report has errors")."""


def log_folder() -> Path:
    """Where error logs go: ``<state_dir>/logs`` (``REPORT_DESKTOP_HOME`` honoured)."""
    from .storage.paths import app_paths

    return app_paths().state_dir / "logs"


def record(error: BaseException, doing: str = "") -> Path | None:
    """Write the traceback to a new log file; its path (``None`` if none could be written)."""
    now = dt.datetime.now(dt.UTC)
    lines = [
        f"report-desktop {report_desktop.__version__}",
        f"time: {now.isoformat()}",
        f"python: {sys.version.split()[0]} on {platform.platform()}",
        f"doing: {doing}",
        "",
        *traceback.format_exception(type(error), error, error.__traceback__),
    ]
    name = f"error-{now.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}.log"
    for folder in _folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text("\n".join(lines), encoding="utf-8")
        except (OSError, ValueError):
            continue
        return path
    return None


def _folders() -> list[Path]:
    folders = []
    with contextlib.suppress(Exception):  # no usable home: the temporary folder still serves
        folders.append(log_folder())
    folders.append(Path(tempfile.gettempdir()) / "report-desktop-logs")
    return folders


def chinese_message(log: Path | None) -> str:
    """What to tell the clerk: an internal error, nothing written, where the details are."""
    where = (
        f"详细信息已记录在日志文件“{log}”中，请把它发给技术支持人员。"
        if log is not None
        else "详细信息也无法写入日志文件。"
    )
    return f"程序内部出错，操作没有完成。{where}"


def report(error: BaseException, doing: str = "") -> str:
    """Record the error and return the Chinese message naming the log file."""
    return chinese_message(record(error, doing))
