#!/bin/bash
# Smoke test of a built .deb in a fresh Debian 11 (bullseye) minbase chroot — glibc 2.31, the
# oldest base reachable here (buster is gone from the mirrors; glibc 2.28 is covered by the
# readelf audit of build-deb.sh).
#
#   sudo bash packaging/smoke-test.sh amd64 [dist/report-desktop_<version>_amd64.deb]
#
# 1. UOS layout of the .deb (packaging/check_deb.py, desktop-file-validate);
# 2. apt-get install ./the.deb into the fresh chroot pulls only its declared dependencies;
# 3. `report-desktop export <example> -o out.pdf` (offscreen, as a normal user): a valid multi-page
#    PDF whose fonts are all embedded, made with the bundled HarfBuzz subsetter;
# 4. `ldd -r` of the bundled fcitx plugin: every symbol resolves against the bundle's Qt;
# 5. under Xvfb the window appears (screenshot: $OUT/window.png), with no Chinese font installed
#    on the system (its labels come from the bundled FandolHei);
# 5b. at the desk (smoke/e2e-desk.sh): 帮助 → 打开示例, the file dialog in Chinese, and printing the
#    example on the default printer (a cups-pdf queue) through the system's lp;
# 6. fcitx5 + pinyin, then fcitx 4 + pinyin: typing "nihao zhongwen " into 机关名称 gives 你好中文;
# 7. with the fcitx plugin removed, the program says in Chinese at start that it cannot type Chinese.
# Exit status 0 only if every step passed. Takes a few minutes (the chroot's packages); arm64 on an
# x86_64 host runs emulated (qemu-user), with every pause of the GUI scripts stretched (PACE=3).
set -euo pipefail

ARCH=${1:?usage: smoke-test.sh amd64|arm64 [deb]}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
DEB=${2:-$(ls -t "$REPO"/dist/report-desktop_*_"$ARCH".deb 2>/dev/null | head -1)}
[ -f "$DEB" ] || { echo "no .deb for $ARCH in dist/ (run packaging/build-deb.sh $ARCH)" >&2; exit 2; }
DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
CACHE=${REPORT_DESKTOP_BUILD_CACHE:-/var/cache/report-desktop-build}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NICE=(nice -n 19 ionice -c3)
SM=$CACHE/$ARCH/smoke
OUT=${SMOKE_OUT:-$REPO/dist/smoke-$ARCH}
APPID=$(dpkg-deb -f "$DEB" Package)
FILES=/opt/apps/$APPID/files
[ "$(id -u)" = 0 ] || { echo "smoke-test.sh must run as root (debootstrap, chroot)" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT"
FAILED=()
PACE=1; [ "$ARCH" = arm64 ] && [ "$(uname -m)" != aarch64 ] && PACE=3
CONVERT=$(command -v /usr/bin/convert convert | head -1 || true)   # ImageMagick, for screenshots
log() { printf '\n== [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILED+=("$*"); }
as_root() { "${NICE[@]}" chroot "$SM" env -i HOME=/root LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
as_clerk() { "${NICE[@]}" chroot --userspec=clerk:clerk "$SM" env -i HOME=/home/clerk LANG=C.UTF-8 \
  PATH=/usr/local/bin:/usr/bin:/bin "$@"; }

mount_smoke() {
  mount -t proc proc "$SM/proc"
  mount --bind /dev "$SM/dev"
  mount -t devpts devpts "$SM/dev/pts" -o newinstance,ptmxmode=0666
  mount -t tmpfs shm "$SM/dev/shm"
}
umount_smoke() {
  local m
  for m in dev/shm dev/pts dev proc; do mountpoint -q "$SM/$m" && umount -l "$SM/$m"; done
  return 0
}
trap umount_smoke EXIT

log "1. UOS layout: $(basename "$DEB") ($(du -m "$DEB" | cut -f1) MB)"
if python3 "$HERE/check_deb.py" "$DEB"; then pass "UOS layout"; else fail "UOS layout"; fi

log "2. fresh bullseye minbase chroot; apt-get install the .deb"
BASE=$CACHE/$ARCH/bullseye-minbase.tar
if [ ! -e "$BASE" ]; then   # debootstrap once; every run starts from this pristine copy
  rm -rf "$SM.tmp" && "${NICE[@]}" debootstrap --variant=minbase --arch="$ARCH" bullseye "$SM.tmp" "$MIRROR"
  tar -C "$SM.tmp" -cf "$BASE.tmp" . && mv "$BASE.tmp" "$BASE" && rm -rf "$SM.tmp"
fi
umount_smoke
rm -rf "$SM" && mkdir -p "$SM" && tar -C "$SM" -xf "$BASE"
{
  echo "deb $MIRROR bullseye main"
  echo "deb $MIRROR bullseye-updates main"
} > "$SM/etc/apt/sources.list"
cp /etc/resolv.conf "$SM/etc/resolv.conf"
mount_smoke
cp "$DEB" "$SM/tmp/"
# no service starts inside the chroot while packages install (cupsd is started by hand below)
printf '#!/bin/sh\nexit 101\n' > "$SM/usr/sbin/policy-rc.d" && chmod +x "$SM/usr/sbin/policy-rc.d"
as_root sh -c 'apt-get update -q >/dev/null && useradd -m clerk'
before=$(as_root dpkg-query -W -f '${Package}\n' | sort)
if as_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
     /tmp/$(basename "$DEB")" > "$OUT/apt-install.log" 2>&1; then
  added=$(comm -13 <(echo "$before") <(as_root dpkg-query -W -f '${Package}\n' | sort))
  echo "$(echo "$added" | wc -l) packages installed: $(echo "$added" | tr '\n' ' ')"
  pass "apt-get install of the .deb with its declared Depends"
else
  tail -20 "$OUT/apt-install.log"; fail "apt-get install"
fi

log "3. offscreen PDF export of the example draft"
EXAMPLE=$FILES/_internal/report_desktop/_data/examples/huancui-statistics-2024.json
t0=$(date +%s.%N)
if as_clerk env QT_QPA_PLATFORM=offscreen report-desktop export "$EXAMPLE" -o /home/clerk/out.pdf \
     > "$OUT/export.log" 2>&1; then
  t1=$(date +%s.%N)
  cp "$SM/home/clerk/out.pdf" "$OUT/example.pdf"
  pages=$(pdfinfo "$OUT/example.pdf" | awk '/^Pages:/ {print $2}')
  fonts=$(pdffonts "$OUT/example.pdf" | tail -n +3)
  not_embedded=$(echo "$fonts" | awk '$(NF-4) != "yes"' | grep -c . || true)
  echo "export $(printf '%.2f' "$(echo "$t1 - $t0" | bc)") s (whole process), $pages pages, $(echo "$fonts" | grep -c .) fonts, $not_embedded not embedded"
  echo "$fonts"
  if [ "${pages:-0}" -ge 2 ] && [ "$not_embedded" = 0 ] && [ -n "$fonts" ]; then
    pass "multi-page PDF with embedded fonts"
  else
    fail "PDF check (pages=$pages, not embedded=$not_embedded)"
  fi
else
  cat "$OUT/export.log"; fail "export"
fi

log "3b. the export uses the bundled HarfBuzz subsetter (LD_DEBUG shows which libraries load)"
as_clerk env QT_QPA_PLATFORM=offscreen LD_DEBUG=files report-desktop export "$EXAMPLE" \
  -o /home/clerk/out2.pdf > "$OUT/export-ld-debug.log" 2>&1 || true
if grep -q "calling init: $FILES/_internal/libharfbuzz-subset.so.0" "$OUT/export-ld-debug.log"; then
  pass "HarfBuzz subsetting loaded from the bundle"
else
  grep harfbuzz "$OUT/export-ld-debug.log" | head -5; fail "HarfBuzz subsetting not loaded from the bundle"
fi

log "4. ldd -r of the bundled fcitx plugin"
PLUGIN=$(cd "$SM" && ls ."$FILES"/_internal/PySide6/Qt/plugins/platforminputcontexts/libfcitx*.so 2>/dev/null | head -1)
if [ -n "$PLUGIN" ]; then
  # the frozen program runs with LD_LIBRARY_PATH=<bundle>/_internal (set by PyInstaller's bootloader)
  as_root env LD_LIBRARY_PATH="$FILES/_internal" ldd -r "${PLUGIN#.}" > "$OUT/ldd-plugin.txt" 2>&1 || true
  if grep -q 'not found\|undefined symbol' "$OUT/ldd-plugin.txt"; then
    grep 'not found\|undefined symbol' "$OUT/ldd-plugin.txt" | head; fail "plugin symbols"
  else
    grep -o '/opt/apps[^ ]*libQt6[A-Za-z]*.so.6' "$OUT/ldd-plugin.txt" | sort -u
    pass "fcitx plugin resolves every symbol against the bundled Qt"
  fi
else
  fail "no fcitx plugin in the bundle"
fi

# No CJK font is installed (the package only recommends one): the window must bring its own.
log "test tools into the chroot (after the dependency check): Xvfb, xdotool, CUPS + cups-pdf, fcitx5, fcitx 4"
as_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  xvfb xauth x11-utils xdotool dbus dbus-x11 fcitx5 fcitx5-chinese-addons fcitx-bin fcitx-pinyin \
  fcitx-data fcitx-modules fcitx-module-dbus fcitx-module-x11 fcitx-ui-classic \
  cups cups-client printer-driver-cups-pdf poppler-utils >/dev/null' > "$OUT/apt-tools.log" 2>&1 || fail "test tools"
echo "Chinese fonts on the system: $(as_root fc-list :lang=zh family 2>/dev/null | grep -c . || true)"

log "5. the window under Xvfb"
cat > "$SM/tmp/window.sh" <<'EOF'
export HOME=/home/clerk REPORT_DESKTOP_HOME=/tmp/window-home QT_QPA_PLATFORM=xcb DISPLAY=:96
rm -rf /tmp/window && mkdir -p /tmp/window
Xvfb :96 -screen 0 1024x768x24 -nolisten tcp -fbdir /tmp/window >/dev/null 2>&1 & XVFB=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
t0=$(date +%s%N)
report-desktop > /tmp/window/app.log 2>&1 & APP=$!
for _ in $(seq $((120 * PACE))); do
  W=$(xdotool search --onlyvisible --class report-desktop 2>/dev/null | head -1); [ -n "$W" ] && break; sleep 0.25
done
echo "window after $(( ($(date +%s%N) - t0) / 1000000 )) ms: ${W:-none} $(xdotool getwindowname "$W" 2>/dev/null)"
sleep $((4 * PACE)); cp /tmp/window/Xvfb_screen0 /tmp/window/window.xwd
kill -TERM $APP; wait $APP; echo "app rc=$?"; kill $XVFB
[ -n "$W" ]
EOF
if as_clerk env PACE=$PACE bash /tmp/window.sh > "$OUT/window.log" 2>&1; then
  cat "$OUT/window.log"; pass "window appears under Xvfb"
else
  cat "$OUT/window.log" "$SM/tmp/window/app.log" 2>/dev/null | tail -20; fail "window"
fi
if [ -n "$CONVERT" ] && [ -e "$SM/tmp/window/window.xwd" ]; then
  "$CONVERT" "xwd:$SM/tmp/window/window.xwd" "$OUT/window.png" 2>/dev/null || true
fi

log "5b. at the desk: 帮助 → 打开示例, the file dialog, printing on a cups-pdf queue through lp"
# the chroot shares the host's network: its scheduler listens on its own socket only, never on
# localhost:631 (where it would answer the host's CUPS clients)
sed -i -e '/^Listen localhost:631/d' -e '/^Port 631/d' "$SM/etc/cups/cupsd.conf"
as_root sh -c 'mkdir -p /run/cups && cupsd && for i in $(seq 100); do lpstat -r >/dev/null 2>&1 && break; sleep 0.2; done
  lpadmin -p smoke -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd \
    -o pdftops-renderer-default=pdftocairo && lpadmin -d smoke && lpstat -d' > "$OUT/cups.log" 2>&1 \
  || { cat "$OUT/cups.log"; fail "CUPS with a cups-pdf queue"; }
cp "$HERE/smoke/e2e-desk.sh" "$SM/tmp/e2e-desk.sh"
as_clerk env PACE=$PACE bash /tmp/e2e-desk.sh > "$OUT/desk.log" 2>&1 || true
cat "$OUT/desk.log"
for shot in start example file-dialog print-dialog printed; do
  if [ -n "$CONVERT" ] && [ -e "$SM/tmp/e2e-desk/$shot.xwd" ]; then
    "$CONVERT" "xwd:$SM/tmp/e2e-desk/$shot.xwd" "$OUT/desk-$shot.png" 2>/dev/null || true
  fi
done
if grep -q '^file dialog: .*打开草稿' "$OUT/desk.log"; then pass "file dialog (打开草稿) from the bundle"
else fail "file dialog"; fi
if grep -q '^print dialog: .*打印' "$OUT/desk.log"; then pass "print dialog (打印) from the bundle"
else fail "print dialog"; fi
printed=""
for _ in $(seq $((60 * PACE))); do
  printed=$(ls "$SM"/home/clerk/PDF/*.pdf 2>/dev/null | head -1); [ -n "$printed" ] && break; sleep 1
done
if [ -n "$printed" ] && sleep 2 && pdftotext "$printed" - | tr -d ' \n' | grep -q '威海市环翠区统计局'; then
  cp "$printed" "$OUT/printed.pdf"
  echo "printed: $(pdfinfo "$printed" | awk '/^Pages:/ {print $2}') pages, $(du -k "$printed" | cut -f1) KB"
  pass "帮助 → 打开示例, then printing through lp to the default printer"
else
  tail -5 "$SM/var/log/cups/error_log" 2>/dev/null; tail -5 "$SM/tmp/e2e-desk/app.log" 2>/dev/null
  fail "printing the example"
fi
for pid in $(pgrep -x cupsd); do [ "$(readlink "/proc/$pid/root")" = "$SM" ] && kill "$pid"; done

log "6. Chinese typing into 机关名称 through the bundled fcitx plugin"
cp "$HERE/smoke/e2e-typing.sh" "$SM/tmp/e2e-typing.sh"
for server in fcitx5 fcitx4; do
  as_clerk env PACE=$PACE dbus-run-session -- bash /tmp/e2e-typing.sh "$server" > "$OUT/typing-$server.log" 2>&1 || true
  agency=$(python3 - "$SM/tmp/e2e-$server/rdhome/autosave" <<'PY'
import json, sys
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("**/*.json")):
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        continue
    draft = data.get("draft", data) if isinstance(data, dict) else {}  # an autosave wraps the draft
    print(draft.get("report", draft).get("meta", {}).get("agency", ""))
    break
PY
)
  echo "$server: 机关名称 after typing = '${agency:-<nothing autosaved>}'"
  if [ -n "$CONVERT" ] && [ -e "$SM/tmp/e2e-$server/typed.xwd" ]; then
    "$CONVERT" "xwd:$SM/tmp/e2e-$server/typed.xwd" "$OUT/typing-$server.png" 2>/dev/null || true
  fi
  if [ "$agency" = "你好中文" ]; then pass "$server pinyin typing"; else
    tail -15 "$OUT/typing-$server.log"; fail "$server pinyin typing"; fi
done

log "7. no loadable input-method plugin: the program says so in Chinese at start"
PLUGIN_DIR=$SM$FILES/_internal/PySide6/Qt/plugins/platforminputcontexts
mkdir -p "$SM/tmp/hidden-plugin" && mv "$PLUGIN_DIR"/libfcitx*.so "$SM/tmp/hidden-plugin/" 2>/dev/null
cat > "$SM/tmp/notice.sh" <<'EOF'
export HOME=/home/clerk REPORT_DESKTOP_HOME=/tmp/notice-home QT_QPA_PLATFORM=xcb DISPLAY=:95
export QT_IM_MODULE=fcitx XMODIFIERS=@im=fcitx
rm -rf /tmp/notice && mkdir -p /tmp/notice
Xvfb :95 -screen 0 1024x768x24 -nolisten tcp -fbdir /tmp/notice >/dev/null 2>&1 & XVFB=$!
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done
report-desktop > /tmp/notice/app.log 2>&1 & APP=$!
for _ in $(seq $((60 * PACE))); do xdotool search --onlyvisible --class report-desktop >/dev/null 2>&1 && break; sleep 0.25; done
sleep $((3 * PACE)); cp /tmp/notice/Xvfb_screen0 /tmp/notice/notice.xwd
kill -TERM $APP; sleep 2; kill -9 $APP 2>/dev/null; kill $XVFB
cat /tmp/notice/app.log
EOF
as_clerk env PACE=$PACE bash /tmp/notice.sh > "$OUT/notice.log" 2>&1 || true
mv "$SM/tmp/hidden-plugin"/* "$PLUGIN_DIR/"
if [ -n "$CONVERT" ] && [ -e "$SM/tmp/notice/notice.xwd" ]; then
  "$CONVERT" "xwd:$SM/tmp/notice/notice.xwd" "$OUT/notice.png" 2>/dev/null || true
fi
if grep -q '无法接入本程序' "$OUT/notice.log"; then
  grep '无法接入本程序' "$OUT/notice.log" | head -1; pass "Chinese notice without an input-method plugin"
else
  cat "$OUT/notice.log"; fail "notice without an input-method plugin"
fi

log "summary ($ARCH, $(basename "$DEB"))"
if [ ${#FAILED[@]} = 0 ]; then echo "smoke test PASSED"; exit 0; fi
printf 'FAILED: %s\n' "${FAILED[@]}"; exit 1
