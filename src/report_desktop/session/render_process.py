"""Documents are laid out in a process of their own, so the window never waits for them.

weasyprint is pure Python for the most part: laid out on a thread of this process, it holds the
interpreter lock for tens of milliseconds at a time, and the window stood still for up to 0.17 s
during each PDF export. In a separate process it holds only its own. One renderer process is
started at the first document (the warm-up, a little after the window shows) and kept: its fonts,
stylesheet and layout machinery stay ready for the next document.

The functions here block until the document is made; they are called by background jobs
(:mod:`.export_worker`), never on the GUI thread. Nothing from Qt is imported here.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.process
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.model import Report

log = logging.getLogger(__name__)

CRASHED = (
    "生成文档的后台进程意外退出（可能是内存不足），文档没有生成。报告内容没有受到影响；请重试一次。"
)


class RendererCrashed(Exception):
    """The renderer process ended while making a document (its message is for the clerk)."""


class RendererEnded(RendererCrashed):
    """The program ended the renderer on purpose (it is quitting): nothing to report."""


class Renderer:
    """The renderer process, started at the first document and kept (one per program)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._ended = False
        self._ended_pool: ProcessPoolExecutor | None = None
        self.unavailable = ""
        """Why no process could be started (documents are then made on the calling thread)."""

    def document_bytes(self, report: Report, suffix: str, draft_mark: bool | None) -> bytes:
        """The document for a file suffix, made by the renderer process (started when needed).

        Raises what the renderer raised (e.g. ``UnsupportedExportError``), or
        :class:`RendererCrashed` when the process died; the next call starts a new one.
        """
        from ..render import document_bytes

        pool = self._started()
        if self._ended:
            raise RendererEnded(CRASHED)
        if pool is None:  # slower for the window, but the clerk still gets the document
            return document_bytes(report, suffix, draft_mark)
        try:
            # Submitted under the lock: the pool records the worker it starts only after the
            # process is running, and end() must find it there to kill it.
            with self._lock:
                if self._ended:
                    raise RendererEnded(CRASHED)
                future = pool.submit(document_bytes, report, suffix, draft_mark)
            return future.result()
        except BrokenProcessPool as broken:
            self._forget(pool)
            if self._ended:
                raise RendererEnded(CRASHED) from broken
            raise RendererCrashed(CRASHED) from broken
        except RuntimeError as refused:  # "cannot schedule new futures after shutdown"
            if self._ended:
                raise RendererEnded(CRASHED) from refused
            raise

    def running(self) -> bool:
        """Whether the process has been started (and not shut down)."""
        return self._pool is not None

    def shutdown(self) -> None:
        """End the process (the program is closing); a document not begun is not made."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def end(self) -> None:
        """End the process now, without waiting for it to wind down (the program is quitting
        and no document is being made for the clerk: the window waits for exports first). A
        warm-up still running then fails at once instead of being waited for. Call it again
        while a warm-up is still running: a worker that was being started is ended too."""
        with self._lock:
            if self._pool is not None:
                self._ended_pool = self._pool
            self._pool = None
            self._ended = True
            pool = self._ended_pool
        if pool is None:
            return
        workers: dict[int, multiprocessing.process.BaseProcess] = getattr(pool, "_processes", {})
        for worker in list((workers or {}).values()):  # the pool's one worker
            worker.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def _started(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self.unavailable and not self._ended:
                # "spawn" everywhere: forking a process that runs Qt threads is unsafe.
                context = multiprocessing.get_context("spawn")
                try:
                    self._pool = ProcessPoolExecutor(
                        1, mp_context=context, initializer=end_with_parent
                    )
                except (OSError, ImportError, NotImplementedError) as error:  # no /dev/shm, say
                    log.warning("no renderer process, rendering on a thread: %r", error)
                    self.unavailable = repr(error)
            return self._pool

    def _forget(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)


RENDERER = Renderer()


def end_with_parent() -> None:
    """Runs in the renderer process as it starts: it ends when the program ends, however that
    happens (killed, crashed), instead of lingering with its fonts in memory."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), daemon=True).start()


def _exit_after(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns when the parent process is gone
    os._exit(0)
