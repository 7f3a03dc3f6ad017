"""Fuzzing every file reader through the command line (issue 10): any file gives exit code 0, 1
or 2 with a Chinese message — never a traceback, a hang, or memory without bound.

Seeded (derandomized), 200 cases per reader by default so the suite stays fast; set
``REPORT_DESKTOP_FUZZ_EXAMPLES`` for a longer run (``bench/fuzz_readers.py`` runs 10,000 and
prints the figures). Readers are listed in ``fuzzing.READERS``.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import READERS, Outcome, Reader, check_outcome, run_case

EXAMPLES = int(os.environ.get("REPORT_DESKTOP_FUZZ_EXAMPLES", "200"))
FULL = os.environ.get("REPORT_DESKTOP_FUZZ_FULL") == "1"
"""Every reader gets ``EXAMPLES`` cases, slow ones too (the long run)."""
REPORT = os.environ.get("REPORT_DESKTOP_FUZZ_REPORT", "")
"""When set, a JSON file each reader's figures are added to (cases, exit codes, slowest)."""
MEMORY_LIMIT = 1536 * 2**20
"""Address space a reader process may use in the subprocess runs (the program needs ~400 MB)."""


def _settings(reader: Reader) -> settings:
    return settings(
        max_examples=EXAMPLES if FULL else max(1, int(EXAMPLES * reader.share)),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.name)
def test_any_file_gives_a_chinese_answer_and_an_allowed_exit_code(reader: Reader) -> None:
    outcomes: list[Outcome] = []

    @_settings(reader)
    @given(data=reader.files)
    def case(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            outcomes.append(run_case(reader, data, Path(folder)))

    case()
    assert outcomes
    if REPORT:
        _record(reader, outcomes)


def _record(reader: Reader, outcomes: list[Outcome]) -> None:
    path = Path(REPORT)
    figures = json.loads(path.read_text("utf-8")) if path.exists() else {}
    seconds = sorted(outcome.seconds for outcome in outcomes)
    figures[reader.name] = {
        "cases": len(outcomes),
        "exit_codes": dict(sorted(Counter(outcome.code for outcome in outcomes).items())),
        "median_ms": round(seconds[len(seconds) // 2] * 1000, 1),
        "slowest_ms": round(seconds[-1] * 1000, 1),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False), "utf-8")


# A few cases in a process of their own: memory and time bounded by the system ------------------


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize("reader", READERS, ids=lambda reader: reader.name)
def test_a_few_files_in_a_process_with_bounded_memory(reader: Reader, tmp_path: Path) -> None:
    @settings(max_examples=3, derandomize=True, database=None, deadline=None)
    @given(data=reader.files)
    def case(data: bytes) -> None:
        path = tmp_path / f"case{reader.suffix}"
        path.write_bytes(data)
        argv = [sys.executable, "-m", "report_desktop", *reader.command(path, tmp_path)]
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=120, preexec_fn=_limited, check=False
        )
        check_outcome(Outcome(done.returncode, done.stdout, done.stderr, 0.0))

    case()


def test_the_strategies_reach_every_exit_code() -> None:
    """The fuzzing is honest only if it produces good files too, not only broken ones."""
    codes: set[int] = set()
    reader = READERS[0]

    @settings(max_examples=60, derandomize=True, database=None, deadline=None)
    @given(data=st.data())
    def case(data: st.DataObject) -> None:
        with tempfile.TemporaryDirectory() as folder:
            codes.add(run_case(reader, data.draw(reader.files), Path(folder)).code)

    case()
    assert codes == {0, 1, 2}
