"""Work off the GUI thread: exports and printing as background jobs, weasyprint warmed up early.

A job is a plain function run on a thread of a :class:`~PySide6.QtCore.QThreadPool`; its result
(or the exception it raised) comes back to the GUI thread as the ``finished`` signal of a
:class:`JobRunner`. The functions given to it take copies of what they need (a report copied when
the clerk asked), so the clerk may go on typing while a document is made.

Nothing heavy is imported here: documents are laid out in a renderer process
(:mod:`.render_process`), which a job waits for on its thread.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..domain.model import Report

log = logging.getLogger(__name__)


class JobError(Exception):
    """A failure whose message (Chinese) is written for the clerk."""


@dataclasses.dataclass(frozen=True)
class JobResult:
    """What a background job gave: its value, or the exception it raised."""

    value: object
    error: BaseException | None
    seconds: float
    thread_id: int
    """``threading.get_ident()`` of the thread that ran the job."""

    @property
    def ok(self) -> bool:
        return self.error is None


def run_job(work: Callable[[], object]) -> JobResult:
    """Run ``work`` and catch whatever it raises: a job never lets an exception escape."""
    started = time.perf_counter()
    value: object = None
    error: BaseException | None = None
    try:
        value = work()
    except Exception as failure:  # reported to the clerk by the job's owner, in Chinese
        from .render_process import RendererEnded

        if not isinstance(failure, RendererEnded):  # ended because the program is quitting
            log.warning("background job failed", exc_info=True)
        error = failure
    return JobResult(value, error, time.perf_counter() - started, threading.get_ident())


class _Relay(QObject):
    """Lives in the GUI thread; its signal, emitted by the worker, is queued to the GUI thread."""

    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        self._relay.done.emit(run_job(self._work))


class JobRunner(QObject):
    """Runs one job at a time on its own pool thread; ``finished`` arrives on the GUI thread."""

    busy_changed = Signal(bool)
    finished = Signal(object)
    """The :class:`JobResult` of the job just done."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay: _Relay | None = None
        self._job: _Job | None = None

    def is_busy(self) -> bool:
        return self._relay is not None

    def start(self, work: Callable[[], object]) -> bool:
        """Run ``work`` in the background; False (nothing started) while another job runs."""
        if self._relay is not None:
            return False
        relay = _Relay()
        relay.done.connect(self._done)
        self._relay = relay
        self._job = _Job(work, relay)
        self._pool.start(self._job)
        self.busy_changed.emit(True)
        return True

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running job is done (closing the window); False on timeout."""
        return self._pool.waitForDone(msecs)

    def _done(self, result: JobResult) -> None:
        if self._relay is not None:
            self._relay.deleteLater()
        self._relay = None
        self._job = None
        self.busy_changed.emit(False)
        self.finished.emit(result)


# The jobs -------------------------------------------------------------------------------------


def write_document(report: Report, path: Path, draft_mark: bool) -> Path:
    """Render ``report`` in the format of ``path``'s suffix and write it atomically."""
    from ..storage.atomic import atomic_write_bytes
    from .render_process import RENDERER

    atomic_write_bytes(path, RENDERER.document_bytes(report, path.suffix, draft_mark))
    return path


def pdf_bytes(report: Report, draft_mark: bool) -> bytes:
    """The PDF of ``report`` (for the preview and for printing)."""
    from .render_process import RENDERER

    return RENDERER.document_bytes(report, ".pdf", draft_mark)


def write_bytes(data: bytes, path: Path) -> Path:
    """Write a document already made (the PDF shown in the preview), atomically."""
    from ..storage.atomic import atomic_write_bytes

    atomic_write_bytes(path, data)
    return path


# Messages -------------------------------------------------------------------------------------


def failure_message(error: BaseException, target: Path | None = None) -> str:
    """Why a job failed, in Chinese, for the clerk (never a traceback)."""
    from ..render import UnsupportedExportError
    from ..storage.errors import DraftError
    from .render_process import RendererCrashed

    if isinstance(error, JobError | DraftError | UnsupportedExportError | RendererCrashed):
        return str(error)
    if isinstance(error, OSError):
        return _os_error_message(error, target)
    if isinstance(error, MemoryError):
        return "内存不足，无法生成文档。请关闭其他程序后重试。"
    return (
        f"生成文档时出现内部错误（{type(error).__name__}）。报告内容没有受到影响；"
        "请先保存草稿，再重试一次。如仍失败，请联系技术支持。"
    )


def _os_error_message(error: OSError, target: Path | None) -> str:
    where = f"“{target}”" if target is not None else "文件"
    if isinstance(error, FileNotFoundError):
        folder = f"“{target.parent}”" if target is not None else ""
        return f"无法写入{where}：文件夹{folder}不存在。请重新选择保存位置。"
    if isinstance(error, PermissionError):
        return (
            f"无法写入{where}：没有写入权限。请换一个文件夹，或关闭正在使用该文件的程序"
            "（如 WPS、Word、PDF 阅读器）后重试。"
        )
    if isinstance(error, IsADirectoryError):
        return f"无法写入{where}：这是一个文件夹。请另选文件名。"
    if error.errno == errno.ENOSPC:
        return f"无法写入{where}：磁盘空间不足。"
    from ..storage.safeio import os_reason

    return f"无法写入{where}：{os_reason(error)}。请换一个位置重试。"


# Warming up the renderer ----------------------------------------------------------------------


@dataclasses.dataclass
class WarmUp:
    """The renderer's one warm-up per process: importing weasyprint and laying out a page."""

    started: bool = False
    done: threading.Event = dataclasses.field(default_factory=threading.Event)
    thread_id: int | None = None
    seconds: float = 0.0
    error: str = ""


WARM_UP = WarmUp()


def warm_up_renderer() -> None:
    """Import weasyprint and make the PDF of an empty report once: fonts, stylesheet and layout
    machinery are then ready and the clerk's first export takes the time of any later one."""
    from ..domain.model import new_report

    if WARM_UP.done.is_set():
        return
    result = run_job(lambda: pdf_bytes(new_report(), draft_mark=False))
    WARM_UP.thread_id = result.thread_id
    WARM_UP.seconds = result.seconds
    WARM_UP.error = "" if result.error is None else repr(result.error)
    WARM_UP.done.set()


class _WarmUpJob(QRunnable):
    def run(self) -> None:
        warm_up_renderer()


def start_warm_up() -> bool:
    """Warm the renderer up on a pool thread, once per process; False when already started."""
    if WARM_UP.started:
        return False
    WARM_UP.started = True
    QThreadPool.globalInstance().start(_WarmUpJob())
    return True


def wait_for_warm_up(seconds: float) -> bool:
    """Block until a started warm-up is done (before the program exits); True when none runs."""
    return not WARM_UP.started or WARM_UP.done.wait(seconds)
