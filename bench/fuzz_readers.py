"""The long fuzzing run of issue 10: every reader with 10,000 hostile files (by default).

    .venv/bin/python bench/fuzz_readers.py [--examples N] [--reader NAME ...]

Runs ``tests/test_fuzz_readers.py`` with ``REPORT_DESKTOP_FUZZ_EXAMPLES=N`` and prints, per
reader, the cases run, the exit codes met, the median and slowest case and the process's peak
memory. A failing case stops that reader and is printed by pytest (shrunk by hypothesis). The
figures of the last run are in docs/hardening.md. No assertions of speed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST = "test_any_file_gives_a_chinese_answer_and_an_allowed_exit_code"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--reader", action="append", default=[], help="only these readers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "figures.json"
        selection = " or ".join(f"[{name}]" for name in args.reader) if args.reader else ""
        test = "tests/test_fuzz_readers.py::" + TEST
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test]
        if selection:
            command += ["-k", selection]
        env = os.environ | {
            "REPORT_DESKTOP_FUZZ_EXAMPLES": str(args.examples),
            "REPORT_DESKTOP_FUZZ_REPORT": str(report),
            "REPORT_DESKTOP_FUZZ_FULL": "1",
            "QT_QPA_PLATFORM": "offscreen",
        }
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, check=False)
        elapsed = time.perf_counter() - start
        figures = json.loads(report.read_text("utf-8")) if report.exists() else {}
    print(f"\n{args.examples} cases per reader, {elapsed / 60:.1f} min in all")
    print(
        f"{'reader':16} {'cases':>6} {'exit codes':28} {'median':>8} {'slowest':>9} {'peak RSS':>9}"
    )
    for name, row in figures.items():
        codes = ", ".join(f"{code}: {count}" for code, count in row["exit_codes"].items())
        print(
            f"{name:16} {row['cases']:>6} {codes:28} {row['median_ms']:>6} ms"
            f" {row['slowest_ms']:>6} ms {row['peak_rss_mb']:>6} MB"
        )
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
