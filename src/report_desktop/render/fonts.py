"""The stylesheet and the bundled fonts it names.

The stylesheet (``resources/css/report.css``) names the office faces first and falls back to the
Fandol faces shipped in ``resources/fonts`` (one a role, listed in
:data:`report_desktop.render.fontchoice.ROLES`); its ``@font-face`` rules point at those files
through the ``report-resource:`` scheme that only :mod:`report_desktop.render.fetcher` serves.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from report_desktop.resources import read_text

from .fontchoice import ROLES

STYLESHEET = ("resources", "css", "report.css")

_FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}\s*", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/\s*", re.DOTALL)


class BundledFont(NamedTuple):
    family: str
    """The family name the stylesheet's ``@font-face`` rule declares."""
    file: str
    """The file under ``resources/fonts``."""


BUNDLED_FONTS = tuple(BundledFont(role.bundled_family, role.bundled_file) for role in ROLES)
"""The fonts shipped in ``resources/fonts``: the fallback of each role of
:mod:`report_desktop.render.fontchoice`, where each is declared."""


COLUMN_WIDTHS = "/* column widths */"
"""Where the stylesheet takes the declared column widths (:func:`column_width_rules`)."""


def stylesheet_text() -> str:
    """The print stylesheet, ``@font-face`` rules included (for the PDF), with the column
    widths of every known format's tables."""
    folder, *parts = STYLESHEET
    return read_text(folder, *parts).replace(COLUMN_WIDTHS, column_width_rules())


def column_width_rules() -> str:
    """``table.table3 col.w-1 { width: 7.6mm; }`` … from the tables' one geometry."""
    from report_desktop.domain.model import FORMATS
    from report_desktop.domain.table_geometry import table_geometry

    rules = []
    for fmt in FORMATS.values():
        for table in fmt.tables:
            widths = table_geometry(fmt, table).widths_mm
            rules += [
                f"table.{table.id} col.w-{i} {{\n  width: {width:g}mm;\n}}\n"
                for i, width in enumerate(widths, start=1)
            ]
    return "\n".join(rules)


def web_stylesheet_text() -> str:
    """The stylesheet without comments and ``@font-face`` rules: a web page references no file."""
    return strip_font_faces(_COMMENT.sub("", stylesheet_text()))


def strip_font_faces(css: str) -> str:
    return _FONT_FACE.sub("", css)


_FAMILY_DECLARATION = re.compile(r"font-family:\s*([^;{}]+);")


def pdf_stylesheet_text() -> str:
    """The print stylesheet with every font stack narrowed to the face chosen for its role on
    this machine (:mod:`report_desktop.render.fontchoice`), the bundled face behind it."""
    from .fontchoice import chosen_faces

    faces = chosen_faces()
    by_bundled = {r.bundled_family: faces[r.name] for r in ROLES}

    def narrowed(match: re.Match[str]) -> str:
        stack = match.group(1)
        if "," not in stack:  # an @font-face rule's own name
            return match.group(0)
        for bundled, face in by_bundled.items():
            if f'"{bundled}"' in stack:
                names = dict.fromkeys((face.family, bundled))
                return "font-family: " + ", ".join(f'"{name}"' for name in names) + ";"
        return match.group(0)

    return _FAMILY_DECLARATION.sub(narrowed, stylesheet_text())
