#!/bin/bash
# The frozen program at a clerk's desk, inside the smoke-test chroot, as the test user:
#   bash e2e-desk.sh
# 1. starts report-desktop (the start page; with no Chinese font installed its labels must come
#    from the bundled FandolHei) and takes a screenshot;
# 2. 帮助 → 打开示例 from the keyboard (Alt+H, E): the shipped example as a new draft;
# 3. Ctrl+O: the file dialog (its title is printed; screenshot), then Esc;
# 4. Ctrl+P: the print dialog (title printed; screenshot); Enter prints the example on the default
#    printer, a cups-pdf queue set up by smoke-test.sh, through the system's `lp`.
# Screenshots go to $OUT as .xwd; smoke-test.sh checks the names and the printed PDF.
# PACE stretches every pause (3 under qemu emulation).
set -u
PACE=${PACE:-1}
pause() { sleep "$(awk "BEGIN { print $1 * $PACE }")"; }
OUT=${OUT:-/tmp/e2e-desk}
rm -rf "$OUT" && mkdir -p "$OUT"
export HOME=/home/clerk REPORT_DESKTOP_HOME=$OUT/rdhome LANG=C.UTF-8 QT_QPA_PLATFORM=xcb DISPLAY=:93
Xvfb :93 -screen 0 1024x768x24 -nolisten tcp -fbdir "$OUT" > "$OUT/xvfb.log" 2>&1 &
XVFB=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
shot() { cp "$OUT/Xvfb_screen0" "$OUT/$1.xwd" 2>/dev/null; }
# no window manager here: focus goes back to the window by hand after a dialog closed
refocus() { xdotool windowfocus --sync "$WID"; pause 1; }
# every visible window of the program, by name
names() { xdotool search --onlyvisible --class report-desktop getwindowname %@ 2>/dev/null | paste -sd '|'; }

report-desktop > "$OUT/app.log" 2>&1 &
APP=$!
WID=""
for _ in $(seq 240); do
  WID=$(xdotool search --onlyvisible --class report-desktop 2>/dev/null | head -1)
  [ -n "$WID" ] && break; sleep 0.5
done
echo "window: ${WID:-none}"
pause 3; xdotool windowfocus --sync "$WID"; pause 1
shot start
xdotool key alt+h; pause 1; xdotool key e; pause 4
echo "after example: $(names)"
shot example
refocus
xdotool key ctrl+o; pause 4
echo "file dialog: $(names)"
shot file-dialog
xdotool key Escape; pause 2
refocus
xdotool key ctrl+p; pause 6
echo "print dialog: $(names)"
shot print-dialog
xdotool key Return; pause 10
echo "after printing: $(names)"
shot printed
kill -TERM "$APP"; wait "$APP"; echo "app rc=$?"
kill "$XVFB" 2>/dev/null; wait 2>/dev/null
