#!/usr/bin/env bash
# Sets everything up, then runs every check in order, stopping at the first failure:
# ruff (lint), ruff (format), mypy, pytest. Extra arguments go to pytest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REPORT_DESKTOP_VENV:-$ROOT/.venv}"

bash "$ROOT/scripts/setup.sh"
cd "$ROOT"

step() { printf '\n==> %s\n' "$*"; }

step "ruff check"
"$VENV/bin/ruff" check .

step "ruff format --check"
"$VENV/bin/ruff" format --check .

step "mypy"
"$VENV/bin/mypy"

step "pytest"
export QT_QPA_PLATFORM=offscreen
"$VENV/bin/python" -m pytest "$@"
