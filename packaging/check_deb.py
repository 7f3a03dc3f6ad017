"""Checks a built .deb against the UOS store layout; exits 1 naming every problem found.

    python3 packaging/check_deb.py dist/report-desktop_0.1.0.1_amd64.deb

- Package name = appid; every file under /opt/apps/<appid>/, except the Kylin menu entry
  /usr/share/applications/<appid>.desktop and the /usr/bin/report-desktop symlink;
- no maintainer scripts; the data member xz-compressed (UOS 20's and Kylin V10's dpkg 1.19 has no
  zstd);
- /opt/apps/<appid>/info: JSON with appid, name, version (MAJOR.MINOR.PATCH.BUILD), arch (holding
  the package's Architecture) and permissions (booleans of the known keys);
- entries/applications/<appid>.desktop present, Exec into /opt/apps/<appid>/files/, and every
  .desktop passes desktop-file-validate (when installed);
- the .deb is at most 120 MB.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

MAX_MB = 120
VERSION = re.compile(r"^\d+\.\d+\.\d+\.\d+$")
PERMISSIONS = {
    "autostart",
    "notification",
    "trayicon",
    "clipboard",
    "account",
    "bluetooth",
    "camera",
    "audio_record",
    "installed_apps",
}
MAINTAINER_SCRIPTS = {"preinst", "postinst", "prerm", "postrm", "config"}


def dpkg_deb(*args: str) -> bytes:
    return subprocess.run(["dpkg-deb", *args], check=True, capture_output=True).stdout


def control_fields(deb: Path) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in dpkg_deb("-f", str(deb)).decode().splitlines():
        if line and not line.startswith(" ") and ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def members(deb: Path) -> list[str]:
    listing = subprocess.run(["ar", "t", str(deb)], check=True, capture_output=True, text=True)
    return listing.stdout.split()


def check_members(deb: Path) -> list[str]:
    problems = []
    names = members(deb)
    if not any(name == "data.tar.xz" for name in names):
        problems.append(f"data member is not xz-compressed: {names}")
    with tarfile.open(fileobj=io.BytesIO(dpkg_deb("--ctrl-tarfile", str(deb)))) as control:
        scripts = {Path(name).name for name in control.getnames()} & MAINTAINER_SCRIPTS
    if scripts:
        problems.append(f"maintainer scripts present: {sorted(scripts)}")
    return problems


def check_paths(data: tarfile.TarFile, appid: str) -> list[str]:
    allowed_files = {
        f"usr/share/applications/{appid}.desktop",
        "usr/bin/report-desktop",
    }
    allowed_dirs = {"", "opt", "opt/apps", "usr", "usr/bin", "usr/share", "usr/share/applications"}
    root = f"opt/apps/{appid}"
    problems = []
    for member in data.getmembers():
        name = "" if member.name in (".", "./") else member.name.removeprefix("./").rstrip("/")
        if name == root or name.startswith(root + "/") or name in allowed_files:
            continue
        if member.isdir() and name in allowed_dirs:
            continue
        problems.append(f"file outside /opt/apps/{appid}: /{name}")
    link = next((m for m in data.getmembers() if m.name.endswith("usr/bin/report-desktop")), None)
    if link is None or not link.issym() or not link.linkname.startswith(f"/{root}/files/"):
        problems.append("/usr/bin/report-desktop is not a symlink into the program's files/")
    return problems


def read_member(data: tarfile.TarFile, name: str) -> bytes | None:
    for candidate in (name, "./" + name):
        try:
            extracted = data.extractfile(candidate)
        except KeyError:
            continue
        if extracted is not None:
            return extracted.read()
    return None


def check_info(data: tarfile.TarFile, fields: dict[str, str]) -> list[str]:
    appid = fields.get("Package", "")
    raw = read_member(data, f"opt/apps/{appid}/info")
    if raw is None:
        return [f"/opt/apps/{appid}/info missing"]
    try:
        info = json.loads(raw)
    except ValueError as error:
        return [f"info is not JSON: {error}"]
    problems = []
    if info.get("appid") != appid:
        problems.append(f"info appid {info.get('appid')!r} != Package {appid!r}")
    if not info.get("name"):
        problems.append("info has no name")
    version = str(info.get("version", ""))
    if not VERSION.match(version):
        problems.append(f"info version {version!r} is not MAJOR.MINOR.PATCH.BUILD")
    if version != fields.get("Version"):
        problems.append(f"info version {version!r} != control Version {fields.get('Version')!r}")
    if fields.get("Architecture") not in info.get("arch", []):
        problems.append(f"Architecture {fields.get('Architecture')!r} not in info arch")
    permissions = info.get("permissions", {})
    if not isinstance(permissions, dict) or not set(permissions) <= PERMISSIONS:
        problems.append(f"info permissions unknown: {permissions!r}")
    elif not all(isinstance(value, bool) for value in permissions.values()):
        problems.append("info permissions must be true/false")
    return problems


def check_desktop_files(data: tarfile.TarFile, appid: str) -> list[str]:
    names = [
        f"opt/apps/{appid}/entries/applications/{appid}.desktop",
        f"usr/share/applications/{appid}.desktop",
    ]
    problems = []
    validator = shutil.which("desktop-file-validate")
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            raw = read_member(data, name)
            if raw is None:
                problems.append(f"/{name} missing")
                continue
            text = raw.decode("utf-8")
            if f"Exec=/opt/apps/{appid}/files/" not in text:
                problems.append(f"/{name}: Exec does not point into /opt/apps/{appid}/files/")
            copy = Path(folder) / f"{appid}.desktop"
            copy.write_bytes(raw)
            if validator:
                result = subprocess.run(
                    [validator, str(copy)], check=False, capture_output=True, text=True
                )
                if result.returncode != 0 or result.stdout.strip():
                    problems.append(f"/{name}: desktop-file-validate: {result.stdout.strip()}")
    if not validator:
        print("note: desktop-file-validate not installed; .desktop files not validated")
    return problems


def check(deb: Path) -> list[str]:
    fields = control_fields(deb)
    appid = fields.get("Package", "")
    problems = check_members(deb)
    with tarfile.open(fileobj=io.BytesIO(dpkg_deb("--fsys-tarfile", str(deb)))) as data:
        problems += check_paths(data, appid)
        problems += check_info(data, fields)
        problems += check_desktop_files(data, appid)
    size_mb = deb.stat().st_size / 1e6
    if size_mb > MAX_MB:
        problems.append(f".deb is {size_mb:.1f} MB, over {MAX_MB} MB")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    deb = Path(argv[0])
    problems = check(deb)
    for problem in problems:
        print("UOS layout:", problem)
    if problems:
        return 1
    print(f"UOS layout ok: {deb.name} ({deb.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
