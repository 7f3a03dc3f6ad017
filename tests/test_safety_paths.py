"""The program's folders: platform layout, the REPORT_DESKTOP_HOME override, created on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_desktop.storage.paths import HOME_ENV, AppPaths, app_paths, path_key, readable_stem


def test_home_override_puts_everything_below_it(tmp_path: Path) -> None:
    paths = app_paths({HOME_ENV: str(tmp_path / "portable")})
    home = tmp_path / "portable"
    assert paths == AppPaths(
        config_dir=home / "config",
        data_dir=home / "data",
        autosave_dir=home / "autosave",
        backup_dir=home / "backups",
        state_dir=home / "state",
    )


def test_nothing_is_created_until_ensure(tmp_path: Path) -> None:
    paths = app_paths({HOME_ENV: str(tmp_path / "home")})
    assert not (tmp_path / "home").exists()
    assert paths.ensure() is paths
    assert all(folder.is_dir() for folder in paths.folders())


def test_relative_override_becomes_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    paths = app_paths({HOME_ENV: "portable-data"})
    assert paths.config_dir == tmp_path / "portable-data" / "config"
    assert paths.config_dir.is_absolute()


def test_platform_layout_without_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    paths = app_paths({HOME_ENV: "   "})  # blank counts as unset
    if paths.config_dir.is_relative_to(tmp_path):  # XDG honoured (Linux)
        assert paths.config_dir == tmp_path / "cfg" / "report-desktop"
        assert paths.autosave_dir == tmp_path / "data" / "report-desktop" / "autosave"
        assert paths.backup_dir == tmp_path / "data" / "report-desktop" / "backups"
        assert paths.state_dir == tmp_path / "state" / "report-desktop"
    assert "report-desktop" in paths.config_dir.parts
    assert not paths.autosave_dir.exists()


def test_default_env_is_the_process_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path))
    assert app_paths().state_dir == tmp_path / "state"


def test_path_key_is_stable_and_distinguishes_files(tmp_path: Path) -> None:
    draft = tmp_path / "a" / "年报.json"
    same = tmp_path / "a" / "b" / ".." / "年报.json"
    assert path_key(draft) == path_key(same)
    assert path_key(draft) != path_key(tmp_path / "年报.json")
    assert len(path_key(draft)) == 64


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("2024年报.json", "2024年报"),
        ("a b/c?d e.json", "c_d_e"),
        ("...json", "draft"),
        ("_hidden.json", "hidden"),
        ("x" * 80 + ".json", "x" * 40),
    ],
)
def test_readable_stem_is_safe(name: str, stem: str) -> None:
    assert readable_stem(Path(name)) == stem
