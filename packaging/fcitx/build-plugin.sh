#!/bin/bash
# Builds fcitx-qt5's Qt 6 platform input-context plugin (it speaks both fcitx 4 and fcitx5) against
# the headers and moc of qt6-base $QT_VERSION (made by build-deb.sh in /build/qt) and links it to the
# Qt libraries of the PySide6 wheel ($QTLIB). Runs inside the bullseye amd64 build chroot.
# Output: /build/fcitx-out/libfcitxplatforminputcontextplugin-qt6.so
#
# Cross build (arm64): CROSS=aarch64-linux-gnu- and SYSROOT=<the arm64 chroot, mounted>; QTLIB is
# then the arm64 wheel's Qt, and TOOL_QTLIB the amd64 wheel's Qt that the build tools run on
# (moc and qdbusxml2cpp write the same source whatever the target).
set -euo pipefail
: "${QT_VERSION:?}" "${FCITX_QT_VERSION:?}" "${QTLIB:?}"
CROSS=${CROSS:-}
TOOL_QTLIB=${TOOL_QTLIB:-$QTLIB}
CXX=(${CROSS}g++)
[ -n "${SYSROOT:-}" ] && CXX+=("--sysroot=$SYSROOT")
V=$QT_VERSION
WORK=/build/work/fcitx
rm -rf "$WORK" /build/fcitx-out && mkdir -p "$WORK" /build/fcitx-out && cd "$WORK"
tar xJf "/build/sources/fcitx-qt5_$FCITX_QT_VERSION.orig.tar.xz"
PIC=$WORK/fcitx-qt5-$FCITX_QT_VERSION/qt6/platforminputcontext
QTB=/build/qt/qtb
QTS=/build/qt/qtbase-everywhere-src-$V
MOC=$QTB/libexec/moc
GEN=$WORK/gen OBJ=$WORK/obj
mkdir -p "$GEN" "$OBJ"
INC="-I$QTB/include"
for m in Core Gui DBus; do
  INC="$INC -I$QTB/include/Qt$m -I$QTB/include/Qt$m/$V -I$QTB/include/Qt$m/$V/Qt$m"
done
INC="$INC -I$QTS/mkspecs/linux-g++"

# A wheel whose Qt is older than the headers within 6.8 (arm64: Qt 6.8.0 under 6.8.2's headers):
# the private declarations the plugin calls are put back in that Qt's form, from a patched copy of
# the header placed ahead of the others (packaging/fcitx/qt-<version>-private-api.patch).
if [ -n "${QT_TARGET_VERSION:-}" ] && [ "$QT_TARGET_VERSION" != "$V" ]; then
  OVL=$WORK/overlay
  mkdir -p "$OVL/qpa" "$OVL/src/gui/kernel"
  cp "$QTS/src/gui/kernel/qwindowsysteminterface.h" "$OVL/src/gui/kernel/"
  (cd "$OVL" && patch -s -p1 < "/build/qt-$QT_TARGET_VERSION-private-api.patch")
  mv "$OVL/src/gui/kernel/qwindowsysteminterface.h" "$OVL/qpa/"
  INC="-I$OVL $INC"
fi

# qdbusxml2cpp (a build tool only, not shipped): qtbase's one source file, linked to the wheel's Qt
g++ -std=gnu++17 -O1 -fPIC -DQT_NO_CAST_FROM_ASCII -DQT_NO_FOREACH -DQT_USE_QSTRINGBUILDER \
  -DQT_NO_DEBUG -DQT_CORE_LIB -DQT_DBUS_LIB $INC "$QTS/src/tools/qdbusxml2cpp/qdbusxml2cpp.cpp" \
  -o "$WORK/qdbusxml2cpp" -Wl,-rpath,"$TOOL_QTLIB" -Wl,-rpath-link,"$TOOL_QTLIB" -L"$TOOL_QTLIB" \
  -l:libQt6DBus.so.6 -l:libQt6Core.so.6

# the D-Bus proxies (what qt6_add_dbus_interface does)
PROXIES="inputcontextproxy inputcontext1proxy inputmethodproxy inputmethod1proxy"
(cd "$GEN" && for p in "InputContext inputcontextproxy" "InputContext1 inputcontext1proxy" \
    "InputMethod inputmethodproxy" "InputMethod1 inputmethod1proxy"; do
  set -- $p
  "$WORK/qdbusxml2cpp" -m -i fcitxqtdbustypes.h -p "$2" "$PIC/org.fcitx.Fcitx.$1.xml"
done)
DEFS="-DQT_NO_DEBUG -DQT_SHARED -DQT_PLUGIN -DQT_CORE_LIB -DQT_GUI_LIB -DQT_DBUS_LIB -DQT_NO_KEYWORDS"
INC="$INC -I$GEN -I$PIC"
for b in $PROXIES; do "$MOC" $DEFS $INC "$GEN/$b.h" -o "$GEN/moc_$b.cpp"; done
SRCS=""
for h in $(grep -l 'Q_OBJECT' "$PIC"/*.h); do
  b=$(basename "$h" .h); "$MOC" $DEFS $INC "$h" -o "$GEN/automoc_$b.cpp"; SRCS="$SRCS $GEN/automoc_$b.cpp"
done
for s in fcitxinputcontextproxy fcitxqtdbustypes fcitxwatcher qfcitxplatforminputcontext main qtkey; do
  SRCS="$SRCS $PIC/$s.cpp"
done
for b in $PROXIES; do SRCS="$SRCS $GEN/$b.cpp"; done

CXXFLAGS="-std=c++17 -O2 -fPIC -fvisibility=hidden -fvisibility-inlines-hidden -w"
printf '%s\n' $SRCS | xargs -P 2 -I{} sh -c \
  "${CXX[*]} $CXXFLAGS $DEFS $INC -c {} -o $OBJ/\$(basename {} .cpp).o"
OUT=/build/fcitx-out/libfcitxplatforminputcontextplugin-qt6.so
"${CXX[@]}" -shared -o "$OUT" "$OBJ"/*.o -Wl,--no-undefined -Wl,--as-needed -Wl,-O1 \
  -Wl,-rpath,'$ORIGIN/../../lib' -Wl,-rpath-link,"$QTLIB" -L"$QTLIB" \
  -l:libQt6Gui.so.6 -l:libQt6DBus.so.6 -l:libQt6Core.so.6 -lxkbcommon
"${CROSS}strip" --strip-unneeded "$OUT"
ls -la "$OUT"
rm -rf "$WORK"
