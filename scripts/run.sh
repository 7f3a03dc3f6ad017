#!/usr/bin/env bash
# Sets everything up, then runs report-desktop:
#   - with arguments: `report-desktop ARGS...` (subcommands work without a display);
#   - with a display (DISPLAY or WAYLAND_DISPLAY): the GUI;
#   - without one: exports the example report to out/huancui-statistics-2024.pdf.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${REPORT_DESKTOP_VENV:-$ROOT/.venv}"

bash "$ROOT/scripts/setup.sh"

if [ "$#" -gt 0 ] || [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$VENV/bin/report-desktop" "$@"
fi

cd "$ROOT"
example="examples/huancui-statistics-2024.json"
output="out/huancui-statistics-2024.pdf"
mkdir -p "$(dirname "$output")"
echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): exporting the example report."
echo "未检测到图形显示环境：导出示例报告。"
"$VENV/bin/report-desktop" export "$example" -o "$output"
echo "Wrote the example report to: $ROOT/$output"
echo "示例报告已写入：$ROOT/$output"
