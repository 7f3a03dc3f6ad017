"""Text boxes of a PDF as poppler's ``pdftotext -bbox-layout`` measures them (for tests)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
INSIDE = 28 * MM
OUTSIDE = 26 * MM
TOP = 37 * MM
BOTTOM = 35 * MM


@dataclass(frozen=True)
class Box:
    page: int
    """1-based."""
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


def text_area(page: int) -> tuple[float, float]:
    """The 版心's left and right edges on a page (订口 inside: left on odd pages)."""
    left = INSIDE if page % 2 else OUTSIDE
    return left, PAGE_WIDTH - (OUTSIDE if page % 2 else INSIDE)


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        pytest.fail("pdftotext (poppler-utils) is missing; scripts/setup.sh installs it")
    return found


_LINE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)


def lines(pdf: Path) -> list[Box]:
    """Every text line, page by page, top to bottom as poppler reads them."""
    return _boxes(pdf, layout=True)


def words(pdf: Path) -> list[Box]:
    return _boxes(pdf, layout=False)


def _boxes(pdf: Path, layout: bool) -> list[Box]:
    flag = "-bbox-layout" if layout else "-bbox"
    out = subprocess.run(
        [_pdftotext(), flag, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes: list[Box] = []
    for number, page in enumerate(_PAGE.findall(out), start=1):
        if layout:
            for match in _LINE.finditer(page):
                text = "".join(unescape(w[4]) for w in _WORD.findall(match.group(5)))
                boxes.append(Box(number, *map(float, match.groups()[:4]), text))
        else:
            for match in _WORD.finditer(page):
                boxes.append(Box(number, *map(float, match.groups()[:4]), unescape(match[5])))
    return boxes
