"""packaging/check_deb.py (the UOS store-layout check of the .deb) on small made-up packages."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPID = "org.example.report"
DESKTOP = f"""[Desktop Entry]
Type=Application
Name=政府信息公开工作年度报告
Exec=/opt/apps/{APPID}/files/report-desktop %f
Icon={APPID}
Terminal=false
Categories=Office;
"""

pytestmark = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")


def load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_deb", ROOT / "packaging" / "check_deb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_stage(root: Path, version: str = "0.1.0.1") -> Path:
    app = root / "opt" / "apps" / APPID
    (app / "files").mkdir(parents=True)
    (app / "files" / "report-desktop").write_text("#!/bin/sh\n")
    (app / "entries" / "applications").mkdir(parents=True)
    (app / "entries" / "applications" / f"{APPID}.desktop").write_text(DESKTOP)
    info = {
        "appid": APPID,
        "name": "报告",
        "version": version,
        "arch": ["amd64"],
        "permissions": {},
    }
    (app / "info").write_text(json.dumps(info))
    (root / "usr" / "share" / "applications").mkdir(parents=True)
    (root / "usr" / "share" / "applications" / f"{APPID}.desktop").write_text(DESKTOP)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "report-desktop").symlink_to(f"/opt/apps/{APPID}/files/report-desktop")
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(
        f"Package: {APPID}\nVersion: {version}\nArchitecture: amd64\n"
        "Maintainer: Test <test@example.org>\nDescription: test\n"
    )
    return root


def build(stage: Path, tmp_path: Path, compression: str = "xz") -> Path:
    deb = tmp_path / "test.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(stage), str(deb)],
        check=True,
        capture_output=True,
    )
    return deb


def test_a_package_in_the_uos_layout_passes(tmp_path: Path) -> None:
    deb = build(make_stage(tmp_path / "stage"), tmp_path)
    assert load_checker().check(deb) == []


def test_files_outside_opt_apps_and_maintainer_scripts_are_named(tmp_path: Path) -> None:
    stage = make_stage(tmp_path / "stage")
    (stage / "etc").mkdir()
    (stage / "etc" / "report.conf").write_text("x")
    (stage / "DEBIAN" / "postinst").write_text("#!/bin/sh\n")
    (stage / "DEBIAN" / "postinst").chmod(0o755)
    problems = load_checker().check(build(stage, tmp_path))
    assert "file outside /opt/apps/org.example.report: /etc/report.conf" in problems
    assert "maintainer scripts present: ['postinst']" in problems


def test_a_version_not_in_four_numbers_and_gzip_are_refused(tmp_path: Path) -> None:
    deb = build(make_stage(tmp_path / "stage", version="0.1.0"), tmp_path, compression="gzip")
    problems = load_checker().check(deb)
    assert any("not MAJOR.MINOR.PATCH.BUILD" in problem for problem in problems)
    assert any("not xz-compressed" in problem for problem in problems)
