#!/bin/bash
# Build dist/report-desktop_<version>_<arch>.deb: a frozen (PyInstaller onedir) report-desktop in the
# UOS store layout, for 统信UOS 20 / V25 and 银河麒麟 V10 SP1 / V11.
#
#   sudo bash packaging/build-deb.sh amd64
#   sudo bash packaging/build-deb.sh arm64        (after amd64; see "arm64" in packaging/README.md)
#
# Runs as root on Debian 12. Everything comes from Debian's archive and PyPI: a Debian 11 (bullseye)
# chroot gives the old glibc base; CPython 3.11 and HarfBuzz 6 are built from Debian's pristine
# source tarballs, the fcitx Qt 6 input-method plugin from fcitx-qt5's source against the headers
# of exactly the Qt that the PySide6 wheel ships; the Python packages come hash-locked
# (packaging/requirements-<arch>.txt), the source tarballs checksum-locked (packaging/sources.lock).
# The slow steps are cached under $REPORT_DESKTOP_BUILD_CACHE (default /var/cache/report-desktop-build).
#
# arm64 on an x86_64 host: what must run as arm64 (CPython's build, pip, PyInstaller) runs in an
# arm64 chroot under qemu-user; what only has to be *built for* arm64 (HarfBuzz, the fcitx plugin)
# is cross-compiled in the amd64 chroot (the "tools chroot", with bullseye's aarch64 cross compiler
# and the arm64 chroot mounted as its sysroot), at native speed. `--tools` prepares only the tools
# chroot (the amd64 chroot, CPython, Qt's moc and headers, the amd64 venv) and builds no package.
set -euo pipefail

ARCH=${1:?usage: build-deb.sh amd64|arm64 [--tools]}
TOOLS_ONLY=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
CACHE=${REPORT_DESKTOP_BUILD_CACHE:-/var/cache/report-desktop-build}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
NICE=(nice -n 19 ionice -c3)
APPID=org.reportdesktop.govreport
PY_VERSION=3.11.2        # bookworm's python3.11 orig tarball
HB_VERSION=6.0.0         # bookworm's harfbuzz orig tarball
QT_VERSION=6.8.2         # trixie's qt6-base: the headers and moc the fcitx plugin is built with
FCITX_QT_VERSION=1.2.7   # trixie's fcitx-qt5 (its qt6/ plugin speaks fcitx 4 and fcitx5)

case $ARCH in
  amd64) GLIBC_FLOOR=2.28; TRIPLET=x86_64-linux-gnu ;;
  arm64) GLIBC_FLOOR=2.31; TRIPLET=aarch64-linux-gnu ;;
  *) echo "unknown architecture: $ARCH (amd64 or arm64)" >&2; exit 2 ;;
esac
[ "$(id -u)" = 0 ] || { echo "build-deb.sh must run as root (debootstrap, chroot)" >&2; exit 2; }

WORK=$CACHE/$ARCH
CH=$WORK/chroot
TOOLS=$CACHE/amd64/chroot                  # the amd64 build chroot: native tools, cross compiler
SRC=$CACHE/sources
mkdir -p "$WORK" "$SRC" "$CACHE/pip"
# the Qt of the wheel this target bundles (6.8.2.1 → 6.8.2); the plugin must match its private API
QT_TARGET_VERSION=$(sed -n 's/^pyside6[-_]essentials==\([0-9]*\.[0-9]*\.[0-9]*\).*/\1/p' \
  "$HERE/requirements-$ARCH.txt")
CROSS=; [ "$ARCH" = arm64 ] && [ "$(uname -m)" != aarch64 ] && CROSS=aarch64-linux-gnu-
log() { printf '\n== [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
run_in() { local root=$1; shift; "${NICE[@]}" chroot "$root" env -i HOME=/root \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
in_chroot() { run_in "$CH" "$@"; }
in_tools() { run_in "$TOOLS" "$@"; }

# ---------------------------------------------------------------- the bullseye chroot
mount_chroot() {  # [root] (default: this target's chroot)
  local R=${1:-$CH}
  mountpoint -q "$R/proc" || mount -t proc proc "$R/proc"
  mountpoint -q "$R/dev" || mount --bind /dev "$R/dev"
  mountpoint -q "$R/dev/pts" || mount -t devpts devpts "$R/dev/pts" -o newinstance,ptmxmode=0666
  mountpoint -q "$R/dev/shm" || mount -t tmpfs shm "$R/dev/shm"
  mkdir -p "$R/build/sources" "$R/root/.cache/pip"
  mountpoint -q "$R/build/sources" || mount --bind "$SRC" "$R/build/sources"
  mountpoint -q "$R/root/.cache/pip" || mount --bind "$CACHE/pip" "$R/root/.cache/pip"
}
umount_chroot() {
  local m R
  for R in "$CH" "$TOOLS"; do
    for m in sysroot root/.cache/pip build/sources dev/shm dev/pts dev proc; do
      mountpoint -q "$R/$m" && umount -l "$R/$m"
    done
  done
  return 0
}

BUILD_PACKAGES="build-essential pkg-config patchelf ca-certificates xz-utils file
 libssl-dev libffi-dev zlib1g-dev libbz2-dev liblzma-dev libsqlite3-dev libreadline-dev uuid-dev
 libgdbm-dev libexpat1-dev
 meson ninja-build cmake libglib2.0-dev libfreetype-dev libfontconfig-dev
 libgl-dev libegl-dev libxcb1-dev libx11-dev libdbus-1-dev libxkbcommon-dev libxkbcommon-x11-dev
 libpango-1.0-0 libpangoft2-1.0-0 libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1
 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
 libxcb-sync1 libxcb-xfixes0 libxcb-render0 libxcb-shm0 libxcb-util1"

enable_qemu() {  # arm64 on an x86_64 host: run the chroot's binaries through qemu-user
  [ "$ARCH" = arm64 ] && [ "$(uname -m)" != aarch64 ] || return 0
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64 2>/dev/null || true
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || { echo "qemu-user-static is needed for arm64" >&2; exit 2; }
}

make_chroot() {
  enable_qemu
  [ -e "$CH/.base-done" ] && return 0
  log "debootstrap bullseye $ARCH"
  umount_chroot
  rm -rf "$CH"
  "${NICE[@]}" debootstrap --variant=minbase --arch="$ARCH" bullseye "$CH" "$MIRROR"
  {
    echo "deb $MIRROR bullseye main"
    echo "deb $MIRROR bullseye-updates main"
    # the arm64 pool of bullseye-security misses files on this mirror (see packaging-linux.md)
    [ "$ARCH" = amd64 ] && echo "deb http://deb.debian.org/debian-security bullseye-security main"
  } > "$CH/etc/apt/sources.list"
  cp /etc/resolv.conf "$CH/etc/resolv.conf"
  mkdir -p "$CH/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$CH/usr/local/share/ca-certificates/" 2>/dev/null || true
  mount_chroot
  in_chroot sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends $(echo $BUILD_PACKAGES) && update-ca-certificates"
  touch "$CH/.base-done"
}

# ---------------------------------------------------------------- sources from Debian's archive
fetch_sources() {
  local need=0 f
  for f in $(awk '!/^#/ && NF {print $2}' "$HERE/sources.lock"); do [ -e "$SRC/$f" ] || need=1; done
  if [ $need = 1 ]; then
    log "download source tarballs (deb-src bookworm/trixie, private apt configuration)"
    local A=$CACHE/apt-src
    mkdir -p "$A/lists/partial" "$A/archives/partial" "$A/parts"
    printf 'deb-src %s bookworm main\ndeb-src %s trixie main\n' "$MIRROR" "$MIRROR" > "$A/sources.list"
    cat > "$A/apt.conf" <<CONF
Dir::Etc::SourceList "$A/sources.list";
Dir::Etc::SourceParts "$A/parts";
Dir::State::Lists "$A/lists";
Dir::Cache::Archives "$A/archives";
CONF
    APT_CONFIG=$A/apt.conf apt-get update -q
    # fcitx-qt5's .debian.tar.xz is not served (404) but its pristine .orig is: tolerate the failure,
    # the checksums below decide.
    (cd "$SRC" && for p in python3.11/bookworm harfbuzz/bookworm qt6-base/trixie fcitx-qt5/trixie; do
       APT_CONFIG=$A/apt.conf apt-get source -q --download-only "$p" || true; done)
  fi
  (cd "$SRC" && sha256sum --check --strict <(awk '!/^#/ && NF' "$HERE/sources.lock"))
}

# ---------------------------------------------------------------- slow steps, cached as tarballs
# A stage runs a script inside the chroot once; its result (a folder under /build) is kept as a
# tarball in $WORK keyed by version, so a new chroot (or another checkout) reuses it.
# With STAGE_IN=tools the script runs in the tools chroot (a cross build) and must install into
# $(cross_folder <folder>) there; the tarball of that is unpacked into this target's chroot.
cached_stage() {  # name, folder in the chroot, script[, "keep-in-chroot": no tarball]
  local name=$1 folder=$2 script=$3 tarball=$WORK/$1.tar.gz keep=${4:-}
  if [ -e "$CH$folder/.done" ]; then return 0; fi
  if [ -e "$tarball" ]; then
    log "$name: from cache $tarball"
    mkdir -p "$CH$folder" && tar -C "$CH$folder" -xzf "$tarball"
    return 0
  fi
  local root=$CH run=in_chroot made=$folder
  [ "${STAGE_IN:-}" = tools ] && { root=$TOOLS run=in_tools made=$(cross_folder "$folder"); }
  if [ -n "$keep" ]; then log "$name: building (kept in the chroot)"
  else log "$name: building${CROSS:+ (cross, ${CROSS%-})} (cached afterwards as $tarball)"; fi
  local t0=$SECONDS
  printf '%s\n' "set -euo pipefail" "$script" > "$root/build/stage-$name.sh"
  [ "$made" = "$folder" ] || rm -rf "${root:?}$made"
  mkdir -p "$root$made"
  "$run" bash "/build/stage-$name.sh"
  touch "$root$made/.done"
  [ -n "$keep" ] || { tar -C "$root$made" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"; }
  if [ "$made" != "$folder" ]; then
    mkdir -p "$CH$folder" && tar -C "$CH$folder" -xzf "$tarball" && rm -rf "${root:?}$made"
  fi
  log "$name: $((SECONDS - t0)) s"
}

cross_folder() { echo "/build/cross-$ARCH$1"; }

# ---------------------------------------------------------------- the tools chroot (cross builds)
# The amd64 chroot with its CPython, Qt's moc and headers and amd64 venv (build-deb.sh amd64
# --tools, all cached), plus bullseye's aarch64 cross compiler and this target's chroot as sysroot.
prepare_tools() {
  [ -n "$CROSS" ] || return 0
  log "tools chroot: build-deb.sh amd64 --tools, then the ${CROSS%-} cross compiler"
  bash "$HERE/build-deb.sh" amd64 --tools
  mount_chroot "$TOOLS"
  mkdir -p "$TOOLS/sysroot"
  mountpoint -q "$TOOLS/sysroot" || mount --bind "$CH" "$TOOLS/sysroot"
  [ -x "$TOOLS/usr/bin/${CROSS}g++" ] || in_tools sh -c "apt-get update -q && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    g++-${CROSS%-}"
  cat > "$TOOLS/build/cross-$ARCH.ini" <<INI
[binaries]
c = ['${CROSS}gcc', '--sysroot=/sysroot']
cpp = ['${CROSS}g++', '--sysroot=/sysroot']
ar = '${CROSS}ar'
strip = '${CROSS}strip'
pkgconfig = 'pkg-config'

[properties]
sys_root = '/sysroot'
pkg_config_libdir = ['/sysroot/usr/lib/$TRIPLET/pkgconfig', '/sysroot/usr/share/pkgconfig']

[host_machine]
system = 'linux'
cpu_family = '${CROSS%%-*}'
cpu = '${CROSS%%-*}'
endian = 'little'
INI
}

build_python() {
  cp "$HERE/glibc228-compat.h" "$CH/build/glibc228-compat.h"
  cached_stage "cpython-$PY_VERSION" /build/python "
rm -rf /build/work/cpython; mkdir -p /build/work/cpython; cd /build/work/cpython
tar xzf /build/sources/python3.11_$PY_VERSION.orig.tar.gz; cd Python-$PY_VERSION
./configure -q --prefix=/build/python --enable-shared --with-ensurepip=install \
  ac_cv_func_sem_clockwait=no ac_cv_func_pthread_cond_clockwait=no \
  CFLAGS='-include /build/glibc228-compat.h -fno-builtin-exp -fno-builtin-exp2 -fno-builtin-log -fno-builtin-log2 -fno-builtin-pow' \
  LDFLAGS='-Wl,-rpath,\\\$\$ORIGIN/../lib'
make -s -j2 >/dev/null && make -s install >/dev/null
patchelf --set-rpath '\$ORIGIN/../lib' /build/python/bin/python3.11
/build/python/bin/python3.11 -c 'import ssl, sqlite3, ctypes, lzma, bz2, pyexpat; print(\"cpython ok\")'
rm -rf /build/work/cpython"
}

build_harfbuzz() {
  local prefix=/build/hb cross=""
  # cross: no GObject bindings (their generator would have to run from the sysroot)
  [ -z "$CROSS" ] || { prefix=$(cross_folder /build/hb); cross="--cross-file /build/cross-$ARCH.ini -Dgobject=disabled"; }
  STAGE_IN=${CROSS:+tools} cached_stage "harfbuzz-$HB_VERSION" /build/hb "
rm -rf /build/work/hb-$ARCH; mkdir -p /build/work/hb-$ARCH; cd /build/work/hb-$ARCH
tar xJf /build/sources/harfbuzz_$HB_VERSION+dfsg.orig.tar.xz; cd harfbuzz-$HB_VERSION
meson setup build $cross --prefix=$prefix --libdir=lib --buildtype=release -Dtests=disabled \
  -Ddocs=disabled -Dintrospection=disabled -Dcairo=disabled -Dicu=disabled -Dgraphite2=disabled \
  -Dutilities=disabled -Dfreetype=enabled -Dglib=enabled >/dev/null
ninja -C build -j2 install >/dev/null
ls $prefix/lib/libharfbuzz-subset.so.0
rm -rf /build/work/hb-$ARCH"
}

# Qt's moc and private headers, generated from the qt6-base source of the wheel's Qt version
# (the wheel ships neither). Source and build folder stay together (the headers point into both),
# in the chroot only: half a GB, and rebuilt in under two minutes.
build_qt_tools() {
  [ -z "$CROSS" ] || return 0   # a cross build uses the tools chroot's (they write the same source)
  cached_stage "qt-tools-$QT_VERSION" /build/qt "
cd /build/qt; rm -rf qtbase-everywhere-src-$QT_VERSION qtb
tar xJf /build/sources/qt6-base_$QT_VERSION+dfsg.orig.tar.xz
cmake -G Ninja -S qtbase-everywhere-src-$QT_VERSION -B qtb -DCMAKE_BUILD_TYPE=Release \
  -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DQT_GENERATE_SBOM=OFF -DFEATURE_sql=OFF \
  -DFEATURE_printsupport=OFF -DFEATURE_concurrent=OFF -DFEATURE_testlib=OFF -DFEATURE_openssl=OFF >/dev/null
ninja -C qtb -j2 Core_sync_headers Gui_sync_headers DBus_sync_headers Widgets_sync_headers >/dev/null
ninja -C qtb -j2 moc >/dev/null
ls -la qtb/libexec/moc" keep-in-chroot
}

# ---------------------------------------------------------------- the bundle's Python packages
make_venv() {
  local lock=$HERE/requirements-$ARCH.txt stamp
  stamp=$(sha256sum "$lock" | cut -c1-16)
  [ -e "$CH/build/venv/.lock-$stamp" ] && return 0
  log "venv: pip install --require-hashes -r $(basename "$lock")"
  cp "$lock" "$CH/build/requirements.txt"
  in_chroot sh -c "rm -rf /build/venv && /build/python/bin/python3.11 -m venv /build/venv && \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt PIP_DISABLE_PIP_VERSION_CHECK=1 \
    /build/venv/bin/pip install -q --require-hashes --no-deps --only-binary=:all: \
      --index-url https://pypi.org/simple -r /build/requirements.txt"
  touch "$CH/build/venv/.lock-$stamp"
}

# The fcitx Qt 6 input-context plugin, built against the wheel's Qt (see packaging/fcitx/).
build_fcitx_plugin() {
  local qtlib=/build/venv/lib/python3.11/site-packages/PySide6/Qt/lib
  local out=/build/venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforminputcontexts
  local plugin=libfcitxplatforminputcontextplugin-qt6.so
  local cached=$WORK/fcitx-qt5-$FCITX_QT_VERSION-qt$QT_TARGET_VERSION-$plugin
  if [ ! -e "$cached" ]; then
    log "fcitx plugin: building against Qt $QT_TARGET_VERSION${CROSS:+ (cross, ${CROSS%-})}"
    local root=$CH run=in_chroot target=(QTLIB=$qtlib)
    if [ -n "$CROSS" ]; then
      root=$TOOLS run=in_tools
      target=(QTLIB=/sysroot$qtlib TOOL_QTLIB=$qtlib CROSS=$CROSS SYSROOT=/sysroot)
    fi
    cp "$HERE/fcitx/build-plugin.sh" "$root/build/build-fcitx-plugin.sh"
    cp "$HERE"/fcitx/qt-*-private-api.patch "$root/build/"
    "$run" env QT_VERSION=$QT_VERSION QT_TARGET_VERSION="$QT_TARGET_VERSION" \
      FCITX_QT_VERSION=$FCITX_QT_VERSION "${target[@]}" bash /build/build-fcitx-plugin.sh
    cp "$root/build/fcitx-out/$plugin" "$cached"
  fi
  install -m 0755 "$cached" "$CH$out/$plugin"
}

# ---------------------------------------------------------------- freeze
freeze() {
  log "PyInstaller onedir"
  rm -rf "$CH/build/app" && mkdir -p "$CH/build/app"
  git -C "$REPO" ls-files -z | tar -C "$REPO" --null -T - -cf - | tar -C "$CH/build/app" -xf -
  local epoch
  epoch=$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)
  in_chroot env SOURCE_DATE_EPOCH="$epoch" PYTHONHASHSEED=0 sh -c 'rm -rf /build/freeze && mkdir -p /build/freeze && cd /build/freeze &&
    /build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN --onedir --name report-desktop \
      --paths /build/app/src --exclude-module tkinter \
      --add-data /build/app/resources:report_desktop/_data/resources \
      --add-data /build/app/templates:report_desktop/_data/templates \
      --add-data /build/app/examples:report_desktop/_data/examples \
      --add-binary /usr/lib/'"$TRIPLET"'/libpango-1.0.so.0:. \
      --add-binary /usr/lib/'"$TRIPLET"'/libpangoft2-1.0.so.0:. \
      --add-binary /usr/lib/'"$TRIPLET"'/libgobject-2.0.so.0:. \
      /build/app/packaging/launcher.py'
  local B=$CH/build/freeze/dist/report-desktop I
  I=$B/_internal
  # HarfBuzz 6 (with the subsetter) in place of bullseye's 2.7.4 that came with Pango
  cp -L "$CH/build/hb/lib/libharfbuzz.so.0" "$CH/build/hb/lib/libharfbuzz-subset.so.0" "$I/"
  # Left to the target system (all in Depends): libpng16 needs GLIBC_2.29, libsystemd 2.30 and
  # libdbus links libsystemd; fontconfig/freetype must match the system's own font configuration.
  rm -f "$I"/libpng16.so.16 "$I"/libsystemd.so.0 "$I"/libdbus-1.so.3 "$I"/libfontconfig.so.1 \
    "$I"/libfreetype.so.6
  # a GTK theme plugin would pull the system's GTK into a Qt 6 process
  rm -f "$I"/PySide6/Qt/plugins/platformthemes/libqgtk3.so
  # not used by a desktop program: the virtual keyboard (it pulls in Qt Quick and QML), EGLFS,
  # VNC, linuxfb and Vulkan-display platforms, evdev input, network information, TLS back-ends
  local P=$I/PySide6/Qt/plugins L=$I/PySide6/Qt/lib
  rm -rf "$P"/platforminputcontexts/libqtvirtualkeyboardplugin.so "$P"/egldeviceintegrations \
    "$P"/platforms/{libqeglfs,libqlinuxfb,libqminimalegl,libqvkkhrdisplay,libqvnc}.so \
    "$P"/generic "$P"/networkinformation "$P"/tls
  rm -f "$L"/libQt6{EglFSDeviceIntegration,EglFsKmsSupport,Qml,QmlMeta,QmlModels,QmlWorkerScript,Quick,VirtualKeyboard}.so.6
  find "$B" -xtype l -delete   # PyInstaller's top-level links to the libraries dropped above
  in_chroot strip --strip-unneeded /build/freeze/dist/report-desktop/_internal/libpython3.11.so.1.0
}

# No bundled ELF may need a glibc symbol version above the target's floor.
audit_glibc() {
  log "readelf audit: nothing above GLIBC_$GLIBC_FLOOR"
  local B=$CH/build/freeze/dist/report-desktop bad=0 f v worst=0
  while IFS= read -r -d '' f; do
    head -c 4 "$f" | grep -q 'ELF' || continue
    for v in $(readelf -W -V "$f" 2>/dev/null | sed -n '/Version needs/,$p' | grep -o 'GLIBC_[0-9.]*' | sort -u); do
      v=${v#GLIBC_}
      if [ "$(printf '%s\n%s\n' "$v" "$GLIBC_FLOOR" | sort -V | tail -1)" != "$GLIBC_FLOOR" ]; then
        echo "  ${f#$B/} needs GLIBC_$v" >&2; bad=1
      fi
      [ "$(printf '%s\n%s\n' "$v" "$worst" | sort -V | tail -1)" = "$v" ] && worst=$v
    done
  done < <(find "$B" -type f -print0)
  [ $bad = 0 ] || { echo "audit FAILED: the bundle would not start on glibc $GLIBC_FLOOR" >&2; exit 1; }
  echo "audit ok: highest GLIBC version needed is $worst"
}

# ---------------------------------------------------------------- the .deb (UOS store layout)
package_deb() {
  local version deb_version stage=$WORK/stage files
  version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/src/report_desktop/__init__.py")
  deb_version=$version.${BUILD_NUMBER:-1}   # UOS: MAJOR.MINOR.PATCH.BUILD, digits only
  [[ $deb_version =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "bad version $deb_version" >&2; exit 1; }
  log "package $APPID $deb_version ($ARCH)"
  rm -rf "$stage" && mkdir -p "$stage/DEBIAN"
  local root=$stage/opt/apps/$APPID
  files=$root/files
  mkdir -p "$files" "$root/entries/applications" "$root/entries/icons/hicolor/scalable/apps" \
    "$stage/usr/bin" "$stage/usr/share/applications"
  cp -a "$CH/build/freeze/dist/report-desktop/." "$files/"
  install -m 0644 "$HERE/icon.svg" "$root/entries/icons/hicolor/scalable/apps/$APPID.svg"
  sed -e "s|@APPID@|$APPID|g" -e "s|@ICON@|$APPID|" "$HERE/report-desktop.desktop.in" \
    > "$root/entries/applications/$APPID.desktop"
  # Kylin/UKUI does not add /opt/apps/*/entries to XDG_DATA_DIRS: a second entry with an absolute icon
  sed -e "s|@APPID@|$APPID|g" -e "s|@ICON@|/opt/apps/$APPID/entries/icons/hicolor/scalable/apps/$APPID.svg|" \
    "$HERE/report-desktop.desktop.in" > "$stage/usr/share/applications/$APPID.desktop"
  ln -s "/opt/apps/$APPID/files/report-desktop" "$stage/usr/bin/report-desktop"
  cat > "$root/info" <<INFO
{
  "appid": "$APPID",
  "name": "政府信息公开工作年度报告",
  "version": "$deb_version",
  "arch": ["$ARCH"],
  "permissions": {
    "autostart": false,
    "notification": false,
    "trayicon": false,
    "clipboard": true,
    "account": false,
    "bluetooth": false,
    "camera": false,
    "audio_record": false,
    "installed_apps": false
  }
}
INFO
  local size
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  sed -e "s|@APPID@|$APPID|" -e "s|@VERSION@|$deb_version|" -e "s|@ARCH@|$ARCH|" \
    -e "s|@SIZE@|$size|" "$HERE/control.in" > "$stage/DEBIAN/control"
  # reproducible: owners root, timestamps from the last commit, files in a fixed order
  local epoch
  epoch=$(git -C "$REPO" log -1 --format=%ct 2>/dev/null || date +%s)
  find "$stage" -exec touch -h -d "@$epoch" {} +
  mkdir -p "$REPO/dist"
  OUT=$REPO/dist/report-desktop_${deb_version}_$ARCH.deb
  local t0=$SECONDS
  SOURCE_DATE_EPOCH=$epoch "${NICE[@]}" dpkg-deb --root-owner-group -Zxz -z6 --build "$stage" "$OUT" >/dev/null
  log "built $OUT: $(du -m "$OUT" | cut -f1) MB (dpkg-deb $((SECONDS - t0)) s; installed $((size / 1024)) MB)"
  python3 "$HERE/check_deb.py" "$OUT"
}

main() {
  local t0=$SECONDS
  trap umount_chroot EXIT
  make_chroot
  mount_chroot
  fetch_sources
  build_python
  if [ "$TOOLS_ONLY" = --tools ]; then
    [ "$ARCH" = amd64 ] || { echo "--tools is the amd64 build chroot" >&2; exit 2; }
    build_qt_tools
    make_venv
    log "tools chroot ready in $((SECONDS - t0)) s"
    return 0
  fi
  prepare_tools
  build_harfbuzz
  build_qt_tools
  make_venv
  build_fcitx_plugin
  freeze
  audit_glibc
  package_deb
  log "done in $((SECONDS - t0)) s"
}

main
