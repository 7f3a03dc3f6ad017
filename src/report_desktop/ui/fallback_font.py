"""A Chinese face for the window when the system has none.

Every UOS and 麒麟 desktop has Chinese fonts, but a bare or minimal system may not, and then every
label of the window would show as boxes. In that case the bundled FandolHei (the same file the PDF
falls back to) is registered for this process and placed behind the application's font, so Qt
draws Chinese with it. Where the system has a Chinese font nothing is loaded.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from ..resources import resource_path

UI_FACE = "FandolHei-Bundled"
"""The bundled face the window falls back to (a plain sans-serif 黑体)."""


def ensure_chinese_font(app: QApplication, chinese_families: list[str] | None = None) -> str | None:
    """Register the bundled face if no font for 简体中文 is installed; its family name, or None
    when the system has one (``chinese_families`` defaults to what the font database lists)."""
    if chinese_families is None:
        chinese_families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if chinese_families:
        return None
    from ..render.fonts import BUNDLED_FONTS  # only here: start-up leaves the renderer for later

    [face] = [font for font in BUNDLED_FONTS if font.family == UI_FACE]
    try:
        path = resource_path("resources", "fonts", face.file)
    except FileNotFoundError:
        return None  # an incomplete installation: the window still works, with boxes
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = app.font()
    font.setFamilies([*font.families(), family])
    app.setFont(font)
    return family
