"""Quitting: the renderer is ended, not awaited, so the program is gone at once (issue 9).

The time itself is measured by ``bench/bench_gui.py`` (quit); these tests check the behaviour.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from report_desktop.session import export_worker
from report_desktop.session.render_process import Renderer, RendererEnded
from report_desktop.storage.draft import load_draft


def test_ending_the_renderer_stops_a_document_in_progress(example: Path) -> None:
    assert export_worker.wait_for_warm_up(120)  # no other renderer starting meanwhile
    report = load_draft(example).report
    before = set(multiprocessing.active_children())
    renderer = Renderer()
    outcome: list[BaseException | bytes] = []

    def make() -> None:
        try:
            outcome.append(renderer.document_bytes(report, ".pdf", False))
        except BaseException as error:  # what the job saw is the result
            outcome.append(error)

    job = threading.Thread(target=make)
    job.start()
    while not set(multiprocessing.active_children()) - before:
        job.join(0.02)
    started = set(multiprocessing.active_children()) - before
    renderer.end()
    job.join(30)
    assert not job.is_alive()
    [result] = outcome
    assert isinstance(result, RendererEnded)
    for process in started:
        assert _ends_within(process, 10)


def _ends_within(process: multiprocessing.process.BaseProcess, seconds: float) -> bool:
    """Whether the process ends within ``seconds``. Asked repeatedly, not by one join(): the
    pool's own thread may reap the killed worker first, and until it records the exit code a
    join() from here sees the child gone (ECHILD) and reports it alive."""
    deadline = time.monotonic() + seconds
    while process.is_alive():
        if time.monotonic() > deadline:
            return False
        process.join(0.05)
    return True


def test_a_job_ended_by_quitting_is_not_logged_as_a_failure(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def ended() -> None:
        raise RendererEnded("ended")

    result = export_worker.run_job(ended)
    assert isinstance(result.error, RendererEnded)
    assert "background job failed" not in caplog.text
