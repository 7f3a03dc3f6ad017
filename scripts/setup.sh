#!/usr/bin/env bash
# Sets up everything report-desktop needs on Debian 12 (or a close relative), idempotently:
#   1. Debian packages that pip cannot provide (Qt runtime, Xvfb, weasyprint's Pango/HarfBuzz,
#      poppler-utils, a CJK font), installed only when missing;
#   2. a virtual environment at .venv (override: REPORT_DESKTOP_VENV) with Python >= 3.11
#      (choose the interpreter with REPORT_DESKTOP_PYTHON);
#   3. `pip install -e ".[dev]"`, skipped while pyproject.toml and setup.py are unchanged.
# Set REPORT_DESKTOP_SKIP_APT=1 to skip step 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REPORT_DESKTOP_VENV:-$ROOT/.venv}"
STAMP="$VENV/.report-desktop-setup"

DEBIAN_PACKAGES=(
    # Qt runtime (offscreen and real windows); printer discovery
    libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libcups2
    # a virtual X display (Xvfb) and the xcb plugin's libraries
    xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
    libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
    # keys sent to the real window by the keyboard-only end-to-end test
    xdotool
    # weasyprint (libharfbuzz-subset0: without it a CJK PDF takes ~8 s instead of ~0.2 s)
    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
    # pdftoppm, to look at PDFs; Chinese glyphs
    poppler-utils fonts-noto-cjk
    # the print test: a CUPS scheduler with a PDF printer (tests/test_print_cups.py starts it)
    cups cups-client cups-bsd cups-pdf
)

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# --- Python ------------------------------------------------------------------------------------

python_ok() {  # usable for the venv: Python >= 3.11
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

find_python() {
    local candidate
    if [ -n "${REPORT_DESKTOP_PYTHON:-}" ]; then
        python_ok "$REPORT_DESKTOP_PYTHON" \
            || die "REPORT_DESKTOP_PYTHON=$REPORT_DESKTOP_PYTHON is not a Python >= 3.11"
        echo "$REPORT_DESKTOP_PYTHON"
        return
    fi
    for candidate in python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            command -v "$candidate"
            return
        fi
    done
    die "no Python >= 3.11 found (tried python3, python3.13, python3.12, python3.11).
       On Debian 12: apt-get install python3 python3-venv; or set REPORT_DESKTOP_PYTHON."
}

venv_works() {
    [ -x "$VENV/bin/python" ] && python_ok "$VENV/bin/python"
}

# --- Debian packages ---------------------------------------------------------------------------

missing_debian_packages() {  # prints the packages of "$@" that are not installed
    local installed
    # ${Package} has no ":arch"; Ubuntu's t64 renames count as installed too.
    installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null \
        | awk '$2 == "ii" { print $1 }')" || true
    local package
    for package in "$@"; do
        if ! grep -qxF -e "$package" -e "${package}t64" <<<"$installed"; then
            echo "$package"
        fi
    done
}

install_debian_packages() {
    local -a missing
    mapfile -t missing < <(missing_debian_packages "$@")
    [ "${#missing[@]}" -eq 0 ] && return 0

    local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            apt=(sudo DEBIAN_FRONTEND=noninteractive apt-get)
        else
            say "these Debian packages are missing: ${missing[*]}"
            say "as root, run: apt-get install --no-install-recommends ${missing[*]}"
            say "continuing without them; parts of the program or the tests may fail."
            return 0
        fi
    fi
    say "installing Debian packages: ${missing[*]}"
    "${apt[@]}" update -qq
    "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

debian_step() {
    if [ "${REPORT_DESKTOP_SKIP_APT:-}" = 1 ]; then
        return
    fi
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        say "not a Debian-like system: install Qt's runtime libraries, Pango, HarfBuzz and a CJK"
        say "font with your package manager (see scripts/setup.sh for the Debian names)."
        return
    fi
    local -a wanted=("${DEBIAN_PACKAGES[@]}")
    # Debian's own python3 lacks ensurepip (and so venv) without python3-venv.
    if ! venv_works; then
        local python
        if ! python="$(find_python 2>/dev/null)"; then
            wanted+=(python3 python3-venv)  # Debian 12's python3 is 3.11
        elif ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
            wanted+=(python3-venv)
        fi
    fi
    install_debian_packages "${wanted[@]}"
}

# --- virtual environment -----------------------------------------------------------------------

venv_step() {
    if venv_works; then
        return
    fi
    local python
    python="$(find_python)"
    local -a clear=()
    if [ -e "$VENV" ]; then
        # Replace only what is recognisably a (broken or too old) virtual environment.
        [ -f "$VENV/pyvenv.cfg" ] || die "$VENV exists but is not a virtual environment"
        clear=(--clear)
    fi
    say "creating the virtual environment $VENV with $("$python" --version 2>&1)"
    "$python" -m venv "${clear[@]}" "$VENV" \
        || die "'$python -m venv' failed (on Debian: apt-get install python3-venv)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
}

install_step() {
    local wanted
    # The stamp records the dependency declarations and where the tree lives (an editable install
    # and the venv's scripts point at absolute paths).
    wanted="$(cat "$ROOT/pyproject.toml" "$ROOT/setup.py" | sha256sum | cut -d' ' -f1) $ROOT"
    if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$wanted" ]; then
        return
    fi
    say "installing report-desktop and its development tools into $VENV (pip install -e .[dev])"
    rm -f "$STAMP"
    # The dev extra includes a recent setuptools: the wheel test builds without build isolation.
    (cd "$ROOT" && "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[dev]")
    echo "$wanted" >"$STAMP"
}

debian_step
venv_step
install_step
