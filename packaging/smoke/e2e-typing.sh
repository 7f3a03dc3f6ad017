#!/bin/bash
# Chinese typing through the bundled fcitx plugin, inside the smoke-test chroot, as the test user:
#   dbus-run-session -- bash e2e-typing.sh fcitx5|fcitx4
# Starts Xvfb and the input-method server with pinyin, starts report-desktop (a new report, behind
# the start page), moves the keyboard to 机关名称 (window focus, then Ctrl+1: the first part with the
# keyboard in its first field), types "nihao zhongwen " and ends the program
# with SIGTERM, which writes unsaved work to the autosave (read by smoke-test.sh).
set -u
SERVER=${1:?fcitx5 or fcitx4}
PACE=${PACE:-1}   # stretches every pause (3 under qemu emulation)
pause() { sleep "$(awk "BEGIN { print $1 * $PACE }")"; }
TABS_TO_AGENCY=${TABS_TO_AGENCY:-0}   # more Tabs after Ctrl+1, should the first field change
OUT=${OUT:-/tmp/e2e-$SERVER}
rm -rf "$OUT" && mkdir -p "$OUT"
export HOME=$OUT/home REPORT_DESKTOP_HOME=$OUT/rdhome LANG=C.UTF-8
mkdir -p "$HOME"
has_owner() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q 'boolean true'
}
DISPLAY_NUMBER=${DISPLAY_NUMBER:-97}
Xvfb ":$DISPLAY_NUMBER" -screen 0 1024x768x24 -nolisten tcp -fbdir "$OUT" > "$OUT/xvfb.log" 2>&1 &
XVFB=$!
export DISPLAY=:$DISPLAY_NUMBER
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done

if [ "$SERVER" = fcitx5 ]; then
  mkdir -p "$HOME/.config/fcitx5"
  printf '%s\n' '[Groups/0]' 'Name=Default' 'Default Layout=us' 'DefaultIM=pinyin' '' \
    '[Groups/0/Items/0]' 'Name=keyboard-us' 'Layout=' '' '[Groups/0/Items/1]' 'Name=pinyin' \
    'Layout=' '' '[GroupOrder]' '0=Default' > "$HOME/.config/fcitx5/profile"
  fcitx5 -D > "$OUT/fcitx.log" 2>&1 &
  FCITX=$!
  # wait for the bus name: otherwise fcitx5-remote may D-Bus-activate a second fcitx5
  for _ in $(seq $((50 * PACE))); do has_owner org.fcitx.Fcitx5 && break; sleep 0.2; done
  activate() { fcitx5-remote -s pinyin; }
else
  mkdir -p "$HOME/.config/fcitx"
  printf '[Profile]\nIMName=pinyin\nEnabledIMList=fcitx-keyboard-us:True,pinyin:True\n' \
    > "$HOME/.config/fcitx/profile"
  fcitx -D > "$OUT/fcitx.log" 2>&1 &
  FCITX=$!
  for _ in $(seq $((50 * PACE))); do [ "$(fcitx-remote 2>/dev/null)" = 1 ] && break; sleep 0.2; done
  activate() { fcitx-remote -o; }
fi
pause 1
# What a fcitx desktop session exports; the program picks the plugin itself (platform_input):
# fcitx5 sessions may say QT_IM_MODULE=fcitx5 (no plugin has that key), fcitx 4 sessions of old
# often set only XMODIFIERS.
export XMODIFIERS=@im=fcitx QT_QPA_PLATFORM=xcb
if [ "$SERVER" = fcitx5 ]; then export QT_IM_MODULE=fcitx5; else unset QT_IM_MODULE; fi
report-desktop > "$OUT/app.log" 2>&1 &
APP=$!
WID=""
for _ in $(seq $((60 * PACE))); do
  WID=$(xdotool search --onlyvisible --class report-desktop 2>/dev/null | head -1)
  [ -n "$WID" ] && break; pause 0.5
done
echo "window: ${WID:-none} ($(xdotool getwindowname "$WID" 2>/dev/null))"
pause 2
xdotool windowfocus --sync "$WID"; pause 1
xdotool key ctrl+1; pause 1
for _ in $(seq "$TABS_TO_AGENCY"); do xdotool key Tab; sleep 0.5; done
activate; pause 0.5
xdotool type --delay 150 nihao; pause 1; xdotool key space; pause 1.5
xdotool type --delay 150 zhongwen; pause 1; xdotool key space; pause 1.5
cp "$OUT/Xvfb_screen0" "$OUT/typed.xwd" 2>/dev/null
kill -TERM "$APP"; wait "$APP"; echo "app rc=$?"
kill "$FCITX" "$XVFB" 2>/dev/null; wait 2>/dev/null
ls -la "$REPORT_DESKTOP_HOME/autosave"   # the smoke test reads 机关名称 from here
