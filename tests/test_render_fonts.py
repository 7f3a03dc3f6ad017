"""The office fonts print when the machine has them; the bundled Fandol faces otherwise."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fake_fonts import fontconfig_file, make_fake_font
from pdf_boxes import lines, text_area
from report_desktop.render.fontchoice import ROLES, choose, role
from report_desktop.resources import resource_path

RENDER = """
import sys
from report_desktop.render.pdf import render_pdf
from report_desktop.resources import resource_path
from report_desktop.storage.draft import load_draft

report = load_draft(resource_path("examples", "huancui-statistics-2024.json")).report
open(sys.argv[1], "wb").write(render_pdf(report, draft_mark=False))
"""


def test_first_installed_office_face_wins(tmp_path: Path) -> None:
    body = role("body")
    installed = {"仿宋".casefold(): tmp_path / "fs.ttf", "fangsong_gb2312": tmp_path / "gb.ttf"}
    face = choose(body, installed)
    assert (face.family, face.path, face.bundled) == ("FangSong_GB2312", tmp_path / "gb.ttf", False)
    assert choose(body, {"仿宋": tmp_path / "fs.ttf"}).family == "仿宋"
    fallback = choose(body, {})
    assert fallback.bundled and fallback.path == resource_path(
        "resources", "fonts", body.bundled_file
    )


def test_every_role_falls_back_to_a_bundled_file() -> None:
    for each in ROLES:
        assert choose(each, {}).path.is_file()


@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example printed on a machine where 仿宋_GB2312 is installed (a renamed 楷体)."""
    folder = tmp_path_factory.mktemp("office")
    fonts = folder / "fonts"
    fonts.mkdir()
    text = resource_path("examples", "huancui-statistics-2024.json").read_text(encoding="utf-8")
    make_fake_font(
        resource_path("resources", "fonts", "FandolKai-Regular.otf"),
        fonts / "fake-fangsong.otf",
        "仿宋_GB2312",
        "FakeFangSongGB2312",
        text,
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file(folder, fonts))}
    target = folder / "office.pdf"
    subprocess.run([sys.executable, "-c", RENDER, str(target)], env=env, check=True, timeout=120)
    return target


def _fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_installed_office_face_prints_the_body(office_pdf: Path) -> None:
    fonts = _fonts(office_pdf)
    assert (
        "+仿宋_GB2312 " in fonts
    )  # the installed 仿宋_GB2312 (a renamed 楷体), not the bundled face
    assert "FandolFang-Bundled" not in fonts
    assert "FandolSongBold-Bundled" in fonts  # no 方正小标宋简体 here: the bundled title face


def test_lines_are_justified_with_the_installed_face(office_pdf: Path) -> None:
    body = [b for b in lines(office_pdf) if abs(b.height - 16) < 0.5]
    continued = [
        line
        for line, after in itertools.pairwise(body)
        if abs(after.x_min - text_area(after.page)[0]) < 0.5
    ]
    assert len(continued) > 30
    for line in continued:
        assert abs(line.x_max - text_area(line.page)[1]) <= 0.25, line.text
