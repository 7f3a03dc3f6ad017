"""Which face prints each part of the document: the office font when the machine has it, else
the bundled Fandol face.

The official template names 方正小标宋简体 (title), 仿宋_GB2312 (body), 黑体 (一、), 楷体_GB2312
(（一）) and 宋体 (tables, page numbers). Machines with Word or WPS usually have them; where they
are missing, the Fandol faces in ``resources/fonts`` stand in. The choice is made here, once per
process, from fontconfig's list of installed fonts (through weasyprint's own binding, so no
program is started): the PDF's stylesheet then names exactly the chosen family, and the line
breaker (:mod:`report_desktop.render.justify`) measures the very file that will print.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from report_desktop.resources import resource_path


@dataclass(frozen=True)
class Role:
    name: str
    office: tuple[str, ...]
    """Family names of the office faces, most wanted first (Chinese and English names)."""
    bundled_family: str
    bundled_file: str


ROLES: tuple[Role, ...] = (
    Role(
        "body",
        ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
        "FandolFang-Bundled",
        "FandolFang-Regular.otf",
    ),
    Role(
        "title",
        ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"),
        "FandolSongBold-Bundled",
        "FandolSong-Bold.otf",
    ),
    Role("heading", ("黑体", "SimHei"), "FandolHei-Bundled", "FandolHei-Regular.otf"),
    Role(
        "kai",
        ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
        "FandolKai-Bundled",
        "FandolKai-Regular.otf",
    ),
    Role("song", ("宋体", "SimSun"), "FandolSong-Bundled", "FandolSong-Regular.otf"),
)


@dataclass(frozen=True)
class Face:
    """The face chosen for a role."""

    family: str
    """The family name the stylesheet asks for."""
    path: Path
    bundled: bool


def role(name: str) -> Role:
    for candidate in ROLES:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def choose(candidate: Role, installed: dict[str, Path]) -> Face:
    """The first office family of ``candidate`` that is installed, else the bundled face."""
    for family in candidate.office:
        path = installed.get(family.casefold())
        if path is not None:
            return Face(family, path, bundled=False)
    bundled = resource_path("resources", "fonts", candidate.bundled_file)
    return Face(candidate.bundled_family, bundled, bundled=True)


_LOCK = threading.Lock()
_chosen: dict[str, Face] | None = None


def chosen_faces() -> dict[str, Face]:
    """The face of every role on this machine (looked up once per process)."""
    global _chosen  # noqa: PLW0603 - a process-wide cache of what is installed
    with _LOCK:
        if _chosen is None:
            installed = installed_families()
            _chosen = {r.name: choose(r, installed) for r in ROLES}
        return _chosen


def installed_families() -> dict[str, Path]:
    """Every installed family name (case-folded, in every language the font gives) and the file
    of its regular face, as fontconfig lists them. Empty when fontconfig cannot be asked."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig
    except (ImportError, OSError):
        return {}
    config = fontconfig.FcInitLoadConfigAndFonts()
    if config == ffi.NULL:
        return {}
    try:
        return _families(ffi, fontconfig, config)
    finally:
        fontconfig.FcConfigDestroy(config)


def _families(ffi: Any, fontconfig: Any, config: Any) -> dict[str, Path]:
    found: dict[str, Path] = {}
    font_set = fontconfig.FcConfigGetFonts(config, 0)
    if font_set == ffi.NULL:
        return found
    string = ffi.new("FcChar8 **")
    for index in range(font_set.nfont):
        pattern = font_set.fonts[index]
        if fontconfig.FcPatternGetString(pattern, b"file", 0, string) != 0:
            continue
        path = Path(ffi.string(string[0]).decode("utf-8", "replace"))
        if fontconfig.FcPatternGetString(pattern, b"style", 0, string) == 0:
            style = ffi.string(string[0]).decode("utf-8", "replace").casefold()
            if any(word in style for word in ("bold", "italic", "oblique", "light")):
                continue
        number = 0
        while fontconfig.FcPatternGetString(pattern, b"family", number, string) == 0:
            family = ffi.string(string[0]).decode("utf-8", "replace")
            found.setdefault(family.casefold(), path)
            number += 1
    return found
