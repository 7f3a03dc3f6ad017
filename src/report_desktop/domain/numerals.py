"""Numbers as reports write them: 393, ３９３, 3,985,758, 一百二十三, 两千零五, 十二."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_DIGITS |= {"七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

CHINESE_NUMBER = "[零〇一二两三四五六七八九十百千万亿]+"
ARABIC_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
NUMBER = f"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"
"""A regular expression matching one number in either writing (after :func:`normalize`)."""


_MAX_NUMBER_CHARS = 40

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize(text: str) -> str:
    """Full-width digits and punctuation (ＡＳＣＩＩ forms, U+FF01–FF5E) and the ideographic
    space to ASCII, so one pattern serves both. One character for one: offsets are kept."""
    return text.translate(_FULL_WIDTH)


def parse_number(text: str) -> int | None:
    """The value of a number written in Arabic or Chinese numerals, or None if it is not one."""
    text = normalize(text).strip()
    if len(text) > _MAX_NUMBER_CHARS:  # no count a report states; int() refuses 4,300+ digits
        return None
    if re.fullmatch(ARABIC_NUMBER, text):
        return int(text.replace(",", ""))
    if re.fullmatch(CHINESE_NUMBER, text):
        return _chinese(text)
    return None


def _chinese(text: str) -> int | None:
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None and digit != 0 and _DIGITS[char] != 0:
                return None  # 二三 is not a number in running text
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:  # 亿
            total = (total + section + (digit or 0)) * 100_000_000
            section, digit = 0, None
    return total + section + (digit or 0)
