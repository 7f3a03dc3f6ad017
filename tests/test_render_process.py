"""The renderer process: documents are laid out outside the program's own process."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from report_desktop import render
from report_desktop.session import export_worker, render_process
from report_desktop.session.export_worker import failure_message
from report_desktop.session.render_process import RENDERER, Renderer, RendererCrashed
from report_desktop.storage.draft import load_draft

HTML_START = b"<!DOCTYPE html>"


def test_documents_are_made_in_the_renderer_process(tmp_path: Path, example: Path) -> None:
    report = load_draft(example).report
    target = export_worker.write_document(report, tmp_path / "report.pdf", False)
    assert target.read_bytes().startswith(b"%PDF")
    assert RENDERER.running()
    assert any(child.is_alive() for child in multiprocessing.active_children())
    with pytest.raises(render.UnsupportedExportError) as raised:  # raised there, reported here
        export_worker.write_document(report, tmp_path / "report.xyz", False)
    assert "不支持导出" in failure_message(raised.value)
    assert not (tmp_path / "report.xyz").exists()


def test_a_crashed_renderer_is_reported_and_replaced(example: Path) -> None:
    report = load_draft(example).report
    assert export_worker.wait_for_warm_up(120)  # no other renderer starting meanwhile
    before = set(multiprocessing.active_children())
    renderer = Renderer()
    assert renderer.document_bytes(report, ".html", False).startswith(HTML_START)
    [process] = set(multiprocessing.active_children()) - before
    os.kill(process.pid, signal.SIGKILL)  # the renderer dies (out of memory, say)
    process.join(30)
    with pytest.raises(RendererCrashed) as raised:
        renderer.document_bytes(report, ".html", False)
    assert "意外退出" in failure_message(raised.value)
    assert renderer.document_bytes(report, ".html", False).startswith(HTML_START)
    renderer.shutdown()


def test_without_a_process_documents_are_made_on_the_thread(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: object, **__: object) -> None:
        raise OSError(38, "Function not implemented")  # e.g. no /dev/shm for its semaphores

    monkeypatch.setattr(render_process, "ProcessPoolExecutor", refused)
    renderer = Renderer()
    before = set(multiprocessing.active_children())
    data = renderer.document_bytes(load_draft(example).report, ".html", False)
    assert data.startswith(HTML_START)
    assert "Function not implemented" in renderer.unavailable
    assert not renderer.running()
    assert set(multiprocessing.active_children()) <= before  # none started


ORPHANED = """
import multiprocessing, os
from report_desktop.domain.model import new_report
from report_desktop.session.render_process import RENDERER
RENDERER.document_bytes(new_report(), ".html", False)
print([child.pid for child in multiprocessing.active_children()], flush=True)
os.kill(os.getpid(), 9)
"""


def test_the_renderer_ends_when_the_program_is_killed() -> None:
    killed = subprocess.run(
        [sys.executable, "-c", ORPHANED], check=False, capture_output=True, text=True, timeout=60
    )
    assert killed.returncode == -signal.SIGKILL
    [pid] = json.loads(killed.stdout)
    deadline = time.monotonic() + 20
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return ""
