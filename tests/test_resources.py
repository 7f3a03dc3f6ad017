"""resource_path serves the source tree, REPORT_DESKTOP_DATA, a frozen bundle and a built wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from report_desktop.resources import resource_path

RUNTIME_FOLDERS = ("resources", "templates", "examples")
_NOT_BUILD_INPUTS = (
    ".git",
    ".venv",
    "build",
    "dist",
    "out",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
)


@pytest.fixture(autouse=True)
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPORT_DESKTOP_DATA", raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


def runtime_files(root: Path, folder: str) -> list[str]:
    """The files of a runtime folder, as paths relative to the folder (posix)."""
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(
        path.relative_to(base).as_posix()
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


@pytest.mark.parametrize("folder", RUNTIME_FOLDERS)
def test_source_tree_folders_are_found(folder: str, repo_root: Path) -> None:
    files = runtime_files(repo_root, folder)
    if not files:
        pytest.skip(f"{folder}/ has no files yet")
    assert resource_path(folder) == repo_root / folder
    assert resource_path(folder, *files[0].split("/")) == repo_root / folder / files[0]


def test_override_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.html.j2").write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPORT_DESKTOP_DATA", str(tmp_path))
    assert resource_path("templates") == tmp_path / "templates"
    assert resource_path("templates", "report.html.j2") == tmp_path / "templates/report.html.j2"


def test_override_falls_through_to_other_layouts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    monkeypatch.setenv("REPORT_DESKTOP_DATA", str(tmp_path))
    assert resource_path("src", "report_desktop") == repo_root / "src" / "report_desktop"


def test_frozen_bundle_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "report_desktop" / "_data"
    (data / "templates").mkdir(parents=True)
    (data / "templates" / "x").write_text("x", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("templates", "x") == data / "templates" / "x"
    assert resource_path("templates") == data / "templates"


def test_missing_file_names_every_place_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    override, bundle = tmp_path / "override", tmp_path / "bundle"
    monkeypatch.setenv("REPORT_DESKTOP_DATA", str(override))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    with pytest.raises(FileNotFoundError) as caught:
        resource_path("templates", "no-such-template.j2")
    message = str(caught.value)
    for root in (override, bundle / "report_desktop" / "_data", repo_root):
        assert str(root / "templates" / "no-such-template.j2") in message


def copy_build_inputs(repo_root: Path, target: Path) -> Path:
    """A copy of the tree without venvs, VCS data or earlier build output (which setuptools would
    otherwise reuse, hiding files that are no longer there)."""
    shutil.copytree(repo_root, target, ignore=shutil.ignore_patterns(*_NOT_BUILD_INPUTS))
    return target


def test_wheel_carries_the_runtime_files(tmp_path: Path, repo_root: Path) -> None:
    source = copy_build_inputs(repo_root, tmp_path / "source")
    dist = tmp_path / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    command += ["-q", "--disable-pip-version-check", "-w", str(dist), str(source)]
    subprocess.run(command, check=True, timeout=300)
    (wheel,) = dist.glob("report_desktop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "report_desktop/resources.py" in names
    assert "report_desktop/domain/model.py" in names
    for folder in RUNTIME_FOLDERS:
        expected = {
            f"report_desktop/_data/{folder}/{name}" for name in runtime_files(source, folder)
        }
        assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
