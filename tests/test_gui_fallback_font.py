"""Without any Chinese font on the system the window draws its labels with the bundled FandolHei
(a minimal chroot showed boxes); with one, nothing is loaded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from report_desktop.ui.fallback_font import ensure_chinese_font


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QApplication]:
    before = qapp.font()
    yield qapp
    qapp.setFont(before)


def test_a_system_without_chinese_fonts_gets_the_bundled_face(app_font: QApplication) -> None:
    family = ensure_chinese_font(app_font, chinese_families=[])
    assert family is not None and family.startswith("FandolHei")
    assert app_font.font().families()[-1] == family
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    assert family in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_a_system_with_a_chinese_font_loads_nothing(app_font: QApplication) -> None:
    before = app_font.font().families()
    assert ensure_chinese_font(app_font, chinese_families=["Noto Sans CJK SC"]) is None
    assert app_font.font().families() == before
