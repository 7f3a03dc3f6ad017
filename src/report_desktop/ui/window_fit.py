"""Where the main window opens: inside the screen's available area, never off it or over it.

Plain rectangles ``(x, y, width, height)`` in, plain rectangles out, so the rules are tested
without a screen.
"""

from __future__ import annotations

Rect = tuple[int, int, int, int]

DEFAULT_SIZE = (1280, 740)
"""The window's size at the first start, on a screen where it fits with room to spare."""
ROOM = (80, 40)
"""Room the default size must leave on the screen, else the first start is maximised."""
TITLE_BAR = 32
"""Room kept above the window's contents for the window manager's title bar."""


def starts_maximised(area: Rect) -> bool:
    """Whether the first start (no saved size) should fill the screen: it is small."""
    return area[2] < DEFAULT_SIZE[0] + ROOM[0] or area[3] < DEFAULT_SIZE[1] + ROOM[1]


def centred_default(area: Rect) -> Rect:
    """The default size, centred in the available area."""
    width, height = DEFAULT_SIZE
    x = area[0] + (area[2] - width) // 2
    y = area[1] + (area[3] - height) // 2
    return x, y, width, height


def fitted(window: Rect, area: Rect) -> Rect:
    """``window`` (its contents' rectangle) moved, and shrunk only as much as needed, so that
    it and its title bar lie inside ``area``."""
    ax, ay, aw, ah = area
    top = ay + TITLE_BAR
    width = min(window[2], aw)
    height = min(window[3], ah - TITLE_BAR)
    x = min(max(window[0], ax), ax + aw - width)
    y = min(max(window[1], top), ay + ah - height)
    return x, y, width, height
