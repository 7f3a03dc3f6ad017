"""The one way to reach runtime files (templates, stylesheets, fonts, the draft schema, examples).

Three layouts are served, first match wins:

- a frozen build (PyInstaller): ``<bundle>/report_desktop/_data/<folder>``;
- an installed wheel: ``report_desktop/_data/<folder>`` (copied there by ``setup.py``);
- a source tree or editable install: the top-level ``resources/``, ``templates/``, ``examples/``.

``REPORT_DESKTOP_DATA`` overrides all three (portable installs, tests).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _roots() -> list[Path]:
    roots: list[Path] = []
    override = os.environ.get("REPORT_DESKTOP_DATA")
    if override:
        roots.append(Path(override))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "report_desktop" / "_data")
    roots.append(_PACKAGE / "_data")
    roots.append(_PACKAGE.parents[1])
    return roots


def resource_path(folder: str, *parts: str) -> Path:
    """The path of a runtime file or folder, e.g. ``resource_path("templates", "report.html.j2")``.

    Raises FileNotFoundError naming every place looked in.
    """
    tried = []
    for root in _roots():
        candidate = root.joinpath(folder, *parts)
        if candidate.exists():
            return candidate
        tried.append(str(candidate))
    raise FileNotFoundError("runtime file not found; looked in: " + ", ".join(tried))


def read_text(folder: str, *parts: str) -> str:
    return resource_path(folder, *parts).read_text(encoding="utf-8")
